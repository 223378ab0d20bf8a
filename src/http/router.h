// The API router: a table of routes, each with a method, a path pattern, an access Rule and
// a handler. Transport-free (no Beast types), so tests can drive it directly and the
// permission test can walk the table.
//
// For each request, handle():
//   1. matches the path ("/api/v1/compounds/{cid}/units/{uid}"); none → 404, wrong method → 405;
//   2. resolves the session cookie into a Caller (anonymous when absent or expired);
//   3. refuses cross-site writes (an Origin header that is not this host) with 403, and a
//      signed-in write to a non-public route without the session's X-CSRF-Token with 403;
//   4. evaluates the route's Rule — for compound routes against the {cid} of the path —
//      anonymous → 401, not allowed → 403 (deny by default: no route exists without a Rule);
//   5. counts the write against the caller's rate limit (429 beyond it);
//   6. for a signed-in write with an Idempotency-Key: replays the stored answer if that key was
//      already applied, else records the key in the request's own write transaction
//      (app::KeyedWrite) and stores the answer after;
//   7. runs the handler; an xinyi::Error becomes RFC 9457 problem+json, anything else a
//      logged 500 that reveals nothing.
// open_stream() does 1, 2 and 4 for the routes that stream (server-sent events) and hands the
// opened stream to the server.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "app/app.h"
#include "domain/access.h"
#include "domain/ids.h"

namespace xinyi::http {

struct Request {
  std::string method;  // "GET", "POST", …
  std::string path;    // decoded path without query
  std::multimap<std::string, std::string> query;
  std::string body;
  std::string content_type;
  std::string cookie;           // the Cookie header
  std::string origin;           // the Origin header, if any
  std::string host;             // the Host header
  std::string forwarded_proto;  // X-Forwarded-Proto, set by a TLS-terminating proxy
  std::string
      idempotency_key;  // Idempotency-Key: a retried write with the same key is applied once
  std::string
      csrf_token;      // X-CSRF-Token: required on a cookie-authenticated write (app::csrf_token)
  std::string accept;  // the Accept header ("text/event-stream" asks for a live stream)
  std::string last_event_id;  // Last-Event-ID: where a reconnecting live stream resumes
  std::string ip;             // the peer address
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct Ctx {
  app::App& app;
  app::Caller& caller;
  const Request& req;
  std::map<std::string, std::string> params;

  // A path parameter as a positive id; an unparsable one is a 404 (there is no such thing).
  std::int64_t id(const std::string& name) const;
  // The path's compound as the use cases take it: `{cid}` (/compounds/{cid}/…), or `{id}` on a
  // public compound's path (/public/compounds/{id}/…), which has no `{cid}`.
  CompoundId compound() const { return CompoundId{id(params.contains("cid") ? "cid" : "id")}; }
  // A path parameter as an index ≥ 0 (ledger entries count from 0); unparsable is a 404.
  std::int64_t index(const std::string& name) const;
  // A query parameter as an integer in [min, max], or `fallback` when absent; bad → 400.
  std::int64_t query_int(const std::string& name, std::int64_t fallback, std::int64_t min,
                         std::int64_t max) const;
  bool query_flag(const std::string& name) const;
  // A query parameter as text of at most max_len bytes, or "" when absent; longer → 400.
  std::string query_str(const std::string& name, std::size_t max_len) const;
};

using Handler = std::function<Response(Ctx&)>;

// A live stream (server-sent events) that a route opened: `after` is where it starts; poll()
// appends the events after `after` to `out` (a bounded batch), advances `after`, sets `more`
// when there is more to send, and returns false when the stream must end (its compound is gone,
// its session ended). The server runs it (server.cc: the pacing, pings and limits).
struct EventStream {
  std::int64_t after = 0;
  std::function<bool(std::int64_t& after, std::string& out, bool& more)> poll;
};
// What a route does with Accept: text/event-stream. `last_event_id` is -1 when the client sent
// none. It must capture what it needs by value: the stream outlives the request's Ctx.
using StreamHandler = std::function<EventStream(Ctx&, std::int64_t last_event_id)>;

struct Route {
  std::string method;
  std::string pattern;
  Rule rule;
  Handler handler;
  StreamHandler stream;               // set for a GET route that can also stream live
  std::vector<std::string> segments;  // pattern split on '/'
};

// Answers to anonymous GETs of /api/v1/public/… (the page behind the notice board's QR code, the
// hottest path) are kept while the store has not changed: an entry is served only if no write
// has committed in this process since it was computed and it is younger than kPublicCacheTtlMs
// (which bounds staleness from other server processes sharing a PostgreSQL store). Bounded:
// at most kPublicCacheEntries answers of at most kPublicCacheMaxBody bytes each.
inline constexpr std::int64_t kPublicCacheTtlMs = 1000;
inline constexpr std::size_t kPublicCacheEntries = 4096;
inline constexpr std::size_t kPublicCacheMaxBody = 256 * 1024;

class Router {
 public:
  explicit Router(app::App& app) : app_(app) {}

  // REQUIRES: a compound Rule's pattern contains {cid}; no two routes of one method can match
  // the same path (so the order of add() calls never decides where a request goes).
  void add(std::string method, std::string pattern, Rule rule, Handler h);
  // A GET route that answers `h` normally and, asked for text/event-stream, opens a live stream.
  void add_stream(std::string pattern, Rule rule, Handler h, StreamHandler s);
  Response handle(const Request& req);
  // For in-process callers that already hold a Caller (the tests of the use cases, which drive
  // them through their routes and codecs): matches the route, applies its Rule (an Error on
  // refusal: forbidden, or unauthorized for nobody) and runs the handler, letting any Error
  // through. No session, CSRF token, rate limit, idempotency or cache: those are the transport's.
  Response call_as(const Request& req, app::Caller caller);
  // For a GET that asks for text/event-stream: nullopt when no streaming route matches (handle()
  // answers it); else the refusal (the same 401/403/404 as handle()) or the opened stream.
  std::optional<std::variant<Response, EventStream>> open_stream(const Request& req);
  const std::vector<Route>& routes() const { return routes_; }
  app::App& app() { return app_; }

 private:
  Response handle_idempotent(const Route& route, Ctx& ctx, std::int64_t user_id);
  // The route `req` reaches and its path parameters; nullptr when none (`allow` then lists the
  // methods the path has).
  const Route* find(const Request& req, std::map<std::string, std::string>& params,
                    std::string& allow) const;
  // The refusal of the route's Rule for this caller (401 anonymous, 403 otherwise), if any.
  std::optional<Response> refusal(const Route& route, Ctx& ctx) const;
  struct Cached {
    Response res;
    std::uint64_t generation;
    std::int64_t at_ms;
  };
  app::App& app_;
  std::vector<Route> routes_;
  std::mutex cache_mu_;
  std::unordered_map<std::string, Cached> cache_;
};

// Helpers for handlers.
Response json_response(int status, const boost::json::value& v);
Response no_content();
std::string session_cookie(const std::string& token, std::int64_t max_age_s, bool secure);
// The value of cookie `name` in a Cookie header, or "".
std::string cookie_value(const std::string& header, const std::string& name);
inline constexpr const char* kSessionCookie = "xinyi_session";

}  // namespace xinyi::http
