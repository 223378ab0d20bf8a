#include "http/router.h"

#include <cctype>

#include <chrono>
#include <utility>

#include <spdlog/spdlog.h>

#include <charconv>

#include "app/auth_service.h"
#include "app/idempotency.h"
#include "auth/crypto.h"
#include "domain/assert.h"
#include "http/problem.h"

namespace xinyi::http {

namespace {
std::vector<std::string> split_path(const std::string& p) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < p.size()) {
    if (p[i] == '/') {
      ++i;
      continue;
    }
    std::size_t j = p.find('/', i);
    if (j == std::string::npos) j = p.size();
    out.push_back(p.substr(i, j - i));
    i = j;
  }
  return out;
}

bool match(const Route& r, const std::vector<std::string>& segs,
           std::map<std::string, std::string>* params) {
  if (r.segments.size() != segs.size()) return false;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const auto& p = r.segments[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}')
      (*params)[p.substr(1, p.size() - 2)] = segs[i];
    else if (p != segs[i])
      return false;
  }
  return true;
}

std::optional<std::int64_t> parse_int(const std::string& s) {
  std::int64_t v;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

bool same_origin(const Request& req) {
  if (req.origin.empty() || req.origin == "null") return req.origin.empty();
  auto p = req.origin.find("://");
  std::string host = p == std::string::npos ? req.origin : req.origin.substr(p + 3);
  return host == req.host;
}
}  // namespace

std::int64_t Ctx::id(const std::string& name) const {
  auto it = params.find(name);
  XINYI_ASSERT(it != params.end());
  auto v = parse_int(it->second);
  if (!v || *v <= 0)
    throw_not_found("编号 " + it->second.substr(0, 20), "Id " + it->second.substr(0, 20));
  return *v;
}

std::int64_t Ctx::index(const std::string& name) const {
  auto it = params.find(name);
  XINYI_ASSERT(it != params.end());
  auto v = parse_int(it->second);
  if (!v || *v < 0)
    throw_not_found("编号 " + it->second.substr(0, 20), "Index " + it->second.substr(0, 20));
  return *v;
}

std::int64_t Ctx::query_int(const std::string& name, std::int64_t fallback, std::int64_t min,
                            std::int64_t max) const {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return fallback;
  auto v = parse_int(it->second);
  if (!v || *v < min || *v > max)
    throw Error(ErrorKind::bad_request, "bad-query",
                "查询参数 " + name + " 必须是 " + std::to_string(min) + " 到 " +
                    std::to_string(max) + " 之间的整数",
                "Query parameter " + name + " must be an integer from " + std::to_string(min) +
                    " to " + std::to_string(max));
  return *v;
}

std::string Ctx::query_str(const std::string& name, std::size_t max_len) const {
  auto it = req.query.find(name);
  if (it == req.query.end()) return "";
  if (it->second.size() > max_len)
    throw Error(ErrorKind::bad_request, "bad-query", "查询参数 " + name + " 过长",
                "Query parameter " + name + " is too long");
  return it->second;
}

bool Ctx::query_flag(const std::string& name) const {
  auto it = req.query.find(name);
  return it != req.query.end() && (it->second == "1" || it->second == "true" || it->second.empty());
}

namespace {

// Whether some path matches both patterns: the same number of segments, each pair equal or one
// of them a {parameter}.
bool overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const bool pa = a[i].starts_with('{'), pb = b[i].starts_with('{');
    if (!pa && !pb && a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Rule rule, Handler h) {
  XINYI_ASSERT(rule.scope() != Rule::Scope::compound || pattern.find("{cid}") != std::string::npos);
  auto segments = split_path(pattern);
  for (const auto& r : routes_)
    XINYI_ASSERT(!(r.method == method && overlap(r.segments, segments)));
  routes_.push_back(
      Route{std::move(method), std::move(pattern), rule, std::move(h), {}, std::move(segments)});
}

void Router::add_stream(std::string pattern, Rule rule, Handler h, StreamHandler s) {
  XINYI_ASSERT(s);
  add("GET", std::move(pattern), rule, std::move(h));
  routes_.back().stream = std::move(s);
}

const Route* Router::find(const Request& req, std::map<std::string, std::string>& params,
                          std::string& allow) const {
  auto segs = split_path(req.path);
  for (const auto& r : routes_) {
    std::map<std::string, std::string> p;
    if (!match(r, segs, &p)) continue;
    if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) {
      params = std::move(p);
      return &r;
    }
    allow += (allow.empty() ? "" : ", ") + r.method;
  }
  return nullptr;
}

std::optional<Response> Router::refusal(const Route& route, Ctx& ctx) const {
  std::optional<std::int64_t> cid;
  if (route.rule.scope() == Rule::Scope::compound) cid = ctx.id("cid");
  if (route.rule.allows(ctx.caller.p(), cid)) return std::nullopt;
  if (!ctx.caller.user) return problem(401, "sign-in-required", "请先登录", "Please sign in first");
  return problem(403, "forbidden", "您没有执行此操作的权限",
                 "You do not have permission to do this");
}

std::optional<std::variant<Response, EventStream>> Router::open_stream(const Request& req) {
  if (req.method != "GET" || req.accept.find("text/event-stream") == std::string::npos)
    return std::nullopt;
  std::map<std::string, std::string> params;
  std::string allow;
  const Route* route = find(req, params, allow);
  if (!route || !route->stream) return std::nullopt;
  try {
    app::Caller caller = app::authenticate(app_, cookie_value(req.cookie, kSessionCookie), req.ip);
    Ctx ctx{app_, caller, req, std::move(params)};
    if (auto no = refusal(*route, ctx)) return *no;
    std::int64_t last = -1;
    if (auto v = parse_int(req.last_event_id)) last = *v;
    app::ReadOnlyRequest read_only;
    return route->stream(ctx, last);
  } catch (const Error& e) {
    return problem(e);
  } catch (const std::exception& e) {
    spdlog::error("{} {} (stream): {}", req.method, req.path, e.what());
    return problem(500, "internal", "服务器内部错误，请稍后再试",
                   "Internal server error; please try again later");
  }
}

Response Router::call_as(const Request& req, app::Caller caller) {
  std::map<std::string, std::string> params;
  std::string allow;
  const Route* route = find(req, params, allow);
  if (!route) throw_not_found("接口", "Endpoint");
  Ctx ctx{app_, caller, req, std::move(params)};
  if (auto no = refusal(*route, ctx)) {
    if (!caller.user)
      throw Error(ErrorKind::unauthorized, "sign-in-required", "请先登录", "Please sign in first");
    throw_forbidden();
  }
  if (req.method == "GET" || req.method == "HEAD") {
    app::ReadOnlyRequest read_only;
    return route->handler(ctx);
  }
  return route->handler(ctx);
}

Response Router::handle(const Request& req) {
  std::map<std::string, std::string> params;
  std::string allow;
  const Route* route = find(req, params, allow);
  try {
    if (!route) {
      if (!allow.empty()) {
        Response res = problem(405, "method-not-allowed", "不支持此请求方法", "Method not allowed");
        res.headers.emplace_back("Allow", allow);
        return res;
      }
      return problem(404, "not-found", "没有这个接口", "No such endpoint");
    }
    std::string session = cookie_value(req.cookie, kSessionCookie);
    // The public answer cache (see router.h).
    std::string key;
    std::uint64_t generation = 0;
    std::int64_t now_ms = 0;
    if (route->rule.scope() == Rule::Scope::anyone && req.method == "GET" && session.empty() &&
        req.path.starts_with("/api/v1/public/")) {
      // Some answers (QR codes, the notice PDF) embed links built from Host and the scheme.
      key = req.forwarded_proto + "://" + req.host + req.path;
      bool first = true;
      for (const auto& [k, v] : req.query)
        key += (std::exchange(first, false) ? "?" : "&") + k + "=" + v;
      generation = app_.db.generation();
      now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
                   .count();
      std::lock_guard g(cache_mu_);
      auto it = cache_.find(key);
      if (it != cache_.end() && it->second.generation == generation &&
          now_ms - it->second.at_ms < kPublicCacheTtlMs)
        return it->second.res;
    }
    app::Caller caller = app::authenticate(app_, session, req.ip);
    if (req.method != "GET" && req.method != "HEAD" && !same_origin(req))
      return problem(403, "cross-origin", "拒绝跨站请求", "Cross-origin request refused");
    if (req.method != "GET" && req.method != "HEAD" && caller.user &&
        route->rule.scope() != Rule::Scope::anyone &&
        req.csrf_token != app::csrf_token(caller.session_hash))
      return problem(403, "csrf-token", "请求缺少有效的防伪令牌，请刷新页面后重试",
                     "Missing or wrong CSRF token; reload the page and try again");
    Ctx ctx{app_, caller, req, std::move(params)};
    if (auto no = refusal(*route, ctx)) return *no;
    if (req.method != "GET" && req.method != "HEAD") {
      // Rate limit on writes (app.h): per person when signed in, per address otherwise.
      auth::Throttle& t = caller.user ? app_.writes_by_user : app_.writes_by_ip;
      const std::string key = caller.user ? std::to_string(caller.user->id) : req.ip;
      const std::int64_t now = app_.clock_ms();
      if (std::int64_t wait = t.retry_after_ms(key, now)) {
        Response res = problem(429, "too-many-requests", "操作过于频繁，请稍后再试",
                               "Too many requests; please slow down");
        res.headers.emplace_back("Retry-After", std::to_string((wait + 999) / 1000));
        return res;
      }
      t.record_failure(key, now);  // counts the write
    }
    if (!req.idempotency_key.empty() && caller.user && req.method != "GET" && req.method != "HEAD")
      return handle_idempotent(*route, ctx, caller.user->id);
    Response res;
    if (req.method == "GET" || req.method == "HEAD") {
      app::ReadOnlyRequest read_only;  // a GET never writes
      res = route->handler(ctx);
    } else {
      res = route->handler(ctx);
    }
    if (!key.empty() && res.status == 200 && res.body.size() <= kPublicCacheMaxBody) {
      std::lock_guard g(cache_mu_);
      if (cache_.size() >= kPublicCacheEntries) cache_.clear();  // bounded; refilled by demand
      cache_[key] = Cached{res, generation, now_ms};
    }
    return res;
  } catch (const Error& e) {
    return problem(e);
  } catch (const app::ConflictError& e) {
    spdlog::warn("constraint: {}", e.what());
    return problem(409, "conflict", "与已有记录冲突", "Conflicts with an existing record");
  } catch (const std::exception& e) {
    spdlog::error("{} {}: {}", req.method, req.path, e.what());
    return problem(500, "internal", "服务器内部错误，请稍后再试",
                   "Internal server error; please try again later");
  }
}

Response Router::handle_idempotent(const Route& route, Ctx& ctx, std::int64_t user_id) {
  const std::string& k = ctx.req.idempotency_key;
  bool ok = k.size() <= 100;
  for (char ch : k)
    ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' ||
                ch == '.' || ch == ':');
  if (!ok)
    return problem(400, "bad-idempotency-key", "Idempotency-Key 应为 1–100 个字母、数字或 -_.:",
                   "Idempotency-Key must be 1–100 letters, digits or -_.:");
  auto prior = app::find_prior_request(app_, user_id, k);
  // The key names one request: the same path with the same body. A retry that changed the body
  // is not a retry, and silently answering the first write's result would drop the second.
  const std::string body_sha = auth::sha256_hex(ctx.req.body);
  if (prior) {
    // (A key kept before bodies were recorded has no digest: its path alone decides.)
    if (prior->path != ctx.req.path ||
        (!prior->request_sha256.empty() && prior->request_sha256 != body_sha))
      return problem(
          422, "idempotency-key-reused",
          "这个 Idempotency-Key 已用于另一个请求（路径或内容不同），什么也没有改变",
          "This Idempotency-Key was used for another request (another path or body); nothing was changed");
    if (!prior->status)  // applied, but the server stopped before it could keep the answer
      return problem(409, "already-applied", "这个请求已经执行过了",
                     "This request was already applied");
    Response res;
    res.status = static_cast<int>(*prior->status);
    res.body = prior->body;
    res.headers.emplace_back("Idempotent-Replayed", "true");
    return res;
  }
  Response res;
  bool recorded = false;
  {
    app::KeyedWrite keyed(user_id, k, ctx.req.path, body_sha);
    res = route.handler(ctx);
    recorded = keyed.recorded();
  }
  if (recorded && res.content_type == "application/json")
    app::keep_answer(app_, user_id, k, res.status, res.body);
  return res;
}

Response json_response(int status, const boost::json::value& v) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(v);
  return r;
}

Response no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

std::string session_cookie(const std::string& token, std::int64_t max_age_s, bool secure) {
  std::string c = std::string(kSessionCookie) + "=" + token +
                  "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_s);
  if (secure) c += "; Secure";
  return c;
}

std::string cookie_value(const std::string& header, const std::string& name) {
  std::size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == ';')) ++i;
    std::size_t eq = header.find('=', i);
    std::size_t end = header.find(';', i);
    if (end == std::string::npos) end = header.size();
    if (eq != std::string::npos && eq < end && header.compare(i, eq - i, name) == 0)
      return header.substr(eq + 1, end - eq - 1);
    i = end + 1;
  }
  return "";
}

}  // namespace xinyi::http
