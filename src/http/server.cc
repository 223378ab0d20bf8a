#include "http/server.h"

#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast.hpp>
#include <boost/url.hpp>
#include <charconv>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "app/auth_service.h"
#include "app/books.h"
#include "app/notify.h"
#include "http/problem.h"
#include "http/static_files.h"

namespace xinyi::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto tuple_awaitable = asio::as_tuple(use_awaitable);
constexpr int kLingerSeconds = 2;

namespace {
// Per-connection state that stop() may touch from another thread — only via the connection's
// strand, and only while `alive`.
struct Conn {
  asio::any_io_executor strand;
  beast::tcp_stream* stream = nullptr;
  std::atomic<bool> busy{false};
  bool alive = true;  // touched on the strand only
};

// The client's address: the peer's, or — only when the peer is this machine, i.e. a reverse
// proxy such as nginx on loopback (SECURITY.md) — the X-Real-IP it sets. Throttles and rate
// limits key on it, so behind a proxy they must not all share the proxy's address.
std::string client_address(const std::string& peer, std::string_view real_ip) {
  if (real_ip.empty() || real_ip.size() > 45 || (peer != "127.0.0.1" && peer != "::1")) return peer;
  boost::system::error_code ec;
  auto a = asio::ip::make_address(std::string(real_ip), ec);
  return ec ? peer : a.to_string();
}

bool is_upload(std::string_view target) {
  return target.starts_with("/api/v1/compounds/") &&
         (target.find("/import/") != std::string_view::npos ||
          target.find("/vouchers") != std::string_view::npos ||
          target.find("/photos") != std::string_view::npos ||
          target.find("/statements") != std::string_view::npos);
}

void add_security_headers(bhttp::response<bhttp::string_body>& res,
                          const std::string& content_type) {
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "same-origin");
  res.set("X-Frame-Options", "DENY");
  if (content_type.starts_with("text/html"))
    res.set(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
}
}  // namespace

struct Server::Impl {
  Impl(Router& r, ServerOptions o)
      : router(r),
        opts(std::move(o)),
        files(opts.web_dir),
        threads_n(opts.threads > 0 ? opts.threads
                                   : std::max(1u, std::thread::hardware_concurrency())),
        ioc(threads_n),
        control(asio::make_strand(ioc)),
        acceptor(control),
        signals(control),
        grace(control) {}

  Router& router;
  ServerOptions opts;
  StaticFiles files;
  int threads_n;
  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> control;  // acceptor, signals, grace timer
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer grace;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::set<std::shared_ptr<Conn>> conns;

  // ---- one request ----------------------------------------------------------------------
  // The router's view of an /api/ request (the body is moved out of `req`).
  static Request api_request(bhttp::request<bhttp::string_body>& req,
                             const boost::urls::url_view& target, const std::string& ip) {
    Request in;
    in.method = std::string(req.method_string());
    in.path = target.path();
    for (auto p : target.params()) in.query.emplace(p.key, p.value);
    in.body = std::move(req.body());
    in.content_type = std::string(req[bhttp::field::content_type]);
    in.cookie = std::string(req[bhttp::field::cookie]);
    in.origin = std::string(req[bhttp::field::origin]);
    in.host = std::string(req[bhttp::field::host]);
    in.forwarded_proto = std::string(req["X-Forwarded-Proto"]);
    in.idempotency_key = std::string(req["Idempotency-Key"]);
    in.csrf_token = std::string(req["X-CSRF-Token"]);
    in.accept = std::string(req[bhttp::field::accept]);
    in.last_event_id = std::string(req["Last-Event-ID"]);
    in.ip = client_address(ip, req["X-Real-IP"]);
    return in;
  }

  bhttp::response<bhttp::string_body> dispatch(bhttp::request<bhttp::string_body>& req,
                                               const std::string& ip) {
    Response r;
    auto parsed = boost::urls::parse_origin_form(req.target());
    std::string path;
    if (!parsed) {
      r = problem(400, "bad-target", "请求地址无效", "Malformed request target");
    } else {
      path = parsed->path();
      if (path.starts_with("/api/")) {
        r = router.handle(api_request(req, *parsed, ip));
      } else if (req.method() == bhttp::verb::get || req.method() == bhttp::verb::head) {
        r = files.serve(path);
      } else {
        r = problem(405, "method-not-allowed", "不支持此请求方法", "Method not allowed");
      }
    }
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), req.version()};
    res.set(bhttp::field::server, "xinyi");
    if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
    if (path.starts_with("/api/")) res.set(bhttp::field::cache_control, "no-store");
    for (auto& [k, v] : r.headers) res.insert(k, v);
    add_security_headers(res, r.content_type);
    if (req.method() == bhttp::verb::head) {
      res.content_length(r.body.size());
    } else {
      res.body() = std::move(r.body);
      res.prepare_payload();
    }
    return res;
  }

  // ---- one connection -------------------------------------------------------------------
  // One request off the connection, with the header and body limits applied (431, 413 and 400
  // are answered here); nothing when the connection is to close. `started`: when its header was
  // in (the access log's clock).
  struct Incoming {
    bhttp::request<bhttp::string_body> req;
    std::chrono::steady_clock::time_point started;
  };
  awaitable<std::optional<Incoming>> read_request(beast::tcp_stream& stream,
                                                  beast::flat_buffer& buffer, Conn& conn) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(opts.header_limit_bytes));
    // The largest limit until the target is known; Beast checks Content-Length against it
    // while parsing the header, so the per-route limit is applied just below.
    parser.body_limit(std::max(opts.body_limit_bytes, opts.upload_limit_bytes));
    stream.expires_after(opts.idle_timeout);
    auto [ec, header_bytes] =
        co_await bhttp::async_read_header(stream, buffer, parser, tuple_awaitable);
    if (ec) {
      if (ec == bhttp::error::header_limit) {
        co_await write_error(stream, 431, "header-too-large", "请求头过大",
                             "Request header too large");
      } else if (ec == bhttp::error::body_limit) {  // a Content-Length over the limit
        co_await write_error(stream, 413, "too-large", "请求内容过大", "Request body too large");
      } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
                 ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
        co_await write_error(stream, 400, "malformed-request", "请求格式错误",
                             "Malformed HTTP request");
      }
      co_return std::nullopt;
    }
    conn.busy = true;
    const auto started = std::chrono::steady_clock::now();
    const std::size_t limit =
        is_upload(parser.get().target()) ? opts.upload_limit_bytes : opts.body_limit_bytes;
    if (auto len = parser.content_length(); len && *len > limit) {
      co_await write_error(stream, 413, "too-large", "请求内容过大", "Request body too large");
      co_return std::nullopt;
    }
    parser.body_limit(limit);  // still counts a chunked body as it arrives
    stream.expires_after(opts.read_timeout);
    if (!parser.is_done()) {
      auto [ec2, n] = co_await bhttp::async_read(stream, buffer, parser, tuple_awaitable);
      if (ec2 == bhttp::error::body_limit) {
        co_await write_error(stream, 413, "too-large", "请求内容过大", "Request body too large");
        co_return std::nullopt;
      }
      if (ec2) co_return std::nullopt;
    }
    co_return Incoming{parser.release(), started};
  }

  awaitable<void> session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    auto conn = std::make_shared<Conn>();
    conn->strand = stream.get_executor();
    conn->stream = &stream;
    {
      std::lock_guard g(mu);
      conns.insert(conn);
    }
    beast::error_code ignored;
    auto ep = stream.socket().remote_endpoint(ignored);
    const std::string ip = ignored ? "?" : ep.address().to_string();
    beast::flat_buffer buffer;

    for (;;) {
      conn->busy = false;
      if (stopping) break;
      auto incoming = co_await read_request(stream, buffer, *conn);
      if (!incoming) break;
      auto& req = incoming->req;
      const auto started = incoming->started;
      std::string method(req.method_string()), target(req.target());
      // A live stream (a route with a StreamHandler, asked for text/event-stream): the router
      // checks the route's rule and opens it; a refusal is answered like any other.
      auto target_url = boost::urls::parse_origin_form(req.target());
      if (req.method() == bhttp::verb::get &&
          req[bhttp::field::accept].find("text/event-stream") != std::string_view::npos &&
          target_url && target_url->path().starts_with("/api/")) {
        Request in = api_request(req, *target_url, ip);
        if (auto opened = router.open_stream(in)) {
          if (auto* refused = std::get_if<Response>(&*opened)) {
            co_await write_error(stream, *refused);
            break;
          }
          auto& live = std::get<EventStream>(*opened);
          conn->busy = false;  // a live stream does not hold up a graceful stop
          co_await stream_loop(stream, live.after, live.poll, in.ip, target);
          break;
        }
        req.body() = std::move(in.body);  // not a stream: dispatch() reads the request again
      }
      auto res = dispatch(req, ip);
      res.keep_alive(req.keep_alive() && !stopping);
      const bool keep = res.keep_alive();
      const unsigned status = res.result_int();
      const std::size_t bytes = res.body().size();
      stream.expires_after(opts.read_timeout);
      auto [ec3, n3] = co_await bhttp::async_write(stream, res, tuple_awaitable);
      if (opts.access_log) {
        auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
        spdlog::info("{} \"{} {}\" {} {} {}.{:03}ms", ip, method, target.substr(0, 200), status,
                     bytes, us / 1000, us % 1000);
      }
      if (ec3 || !keep) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    conn->alive = false;
    bool last;
    {
      std::lock_guard g(mu);
      conns.erase(conn);
      last = conns.empty();
    }
    if (last && stopping) asio::post(control, [this] { grace.cancel(); });
  }

  static constexpr std::int64_t kMaxEventStreams = 2000;
  static constexpr auto kEventStreamLifetime = std::chrono::minutes(30);
  std::atomic<std::int64_t> event_streams{0};
  using Poll = std::function<bool(std::int64_t& after, std::string& out, bool& more)>;

  // ---- live streams (server-sent events) ------------------------------------------------
  // The store is looked at when this process has committed a write (Database::generation) and
  // every 5 s otherwise (writes by other processes); a comment line every 15 s keeps proxies
  // from closing the stream. Bounded: kMaxEventStreams streams, each at most
  // kEventStreamLifetime (EventSource reconnects with Last-Event-ID and misses nothing).
  awaitable<void> stream_loop(beast::tcp_stream& stream, std::int64_t after, Poll& poll,
                              const std::string& ip, const std::string& target) {
    struct Count {
      std::atomic<std::int64_t>& n;
      ~Count() { --n; }
    } count{event_streams};
    if (++event_streams > kMaxEventStreams) {
      co_await write_error(stream, 503, "too-many-streams", "实时连接过多，请稍后再试",
                           "Too many live connections; try again later");
      co_return;
    }
    app::App& app = router.app();
    std::string out =
        "HTTP/1.1 200 OK\r\nServer: xinyi\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\n"
        "X-Accel-Buffering: no\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 3000\n\n"
        // The starting point as an id, so a reconnect before the first event resumes from here.
        "id: " +
        std::to_string(after) + "\n\n";
    const auto started = std::chrono::steady_clock::now();
    auto last_poll = started, last_write = started;
    std::uint64_t generation = app.db.generation();
    asio::steady_timer timer(stream.get_executor());
    std::int64_t sent_from = after;
    bool more = false;
    while (!stopping) {
      if (!out.empty()) {
        stream.expires_after(opts.read_timeout);
        auto [ec, n] = co_await asio::async_write(stream, asio::buffer(out), tuple_awaitable);
        if (ec) break;
        out.clear();
        last_write = std::chrono::steady_clock::now();
      }
      timer.expires_after(std::chrono::seconds(1));
      co_await timer.async_wait(tuple_awaitable);
      const auto now = std::chrono::steady_clock::now();
      if (now - started > kEventStreamLifetime) break;
      if (more || app.db.generation() != generation || now - last_poll >= std::chrono::seconds(5)) {
        generation = app.db.generation();
        last_poll = now;
        bool ok = false;
        try {
          app::ReadOnlyRequest read_only;  // a live stream only reads
          ok = poll(after, out, more);
        } catch (const std::exception&) {
          ok = false;
        }
        if (!ok) break;
      }
      if (out.empty() && now - last_write >= std::chrono::seconds(15)) out = ": ping\n\n";
    }
    if (opts.access_log) {
      auto s = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                started)
                   .count();
      spdlog::info("{} \"GET {}\" 200 event-stream {} s, up to {} from {}", ip,
                   target.substr(0, 200), s, after, sent_from);
    }
  }

  awaitable<void> write_error(beast::tcp_stream& stream, int status, const char* code,
                              const char* zh, const char* en) {
    co_await write_error(stream, problem(status, code, zh, en));
  }

  // Writes `r` and closes the connection.
  awaitable<void> write_error(beast::tcp_stream& stream, Response r) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), 11};
    res.set(bhttp::field::server, "xinyi");
    res.set(bhttp::field::content_type, r.content_type);
    res.set(bhttp::field::cache_control, "no-store");
    for (auto& [k, v] : r.headers) res.insert(k, v);
    res.keep_alive(false);
    res.body() = r.body;
    res.prepare_payload();
    stream.expires_after(opts.read_timeout);
    auto [ec, n] = co_await bhttp::async_write(stream, res, tuple_awaitable);
    if (ec) co_return;
    // Lingering close: stop sending, then read and drop what the client still sends (for at
    // most kLingerSeconds), so closing with unread data does not reset the connection before
    // the client has read this answer.
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.expires_after(std::chrono::seconds(kLingerSeconds));
    std::array<char, 16 * 1024> sink;
    for (;;) {
      auto [rec, got] = co_await stream.async_read_some(asio::buffer(sink), tuple_awaitable);
      if (rec) break;
    }
  }

  // ---- accepting ------------------------------------------------------------------------
  awaitable<void> listen() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), tuple_awaitable);
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        spdlog::warn("accept: {}", ec.message());
        continue;
      }
      std::size_t open;
      {
        std::lock_guard g(mu);
        open = conns.size();
      }
      if (open >= opts.max_connections) {
        beast::error_code ignored;
        socket.close(ignored);
        continue;
      }
      auto ex = socket.get_executor();
      asio::co_spawn(ex, session(std::move(socket)), asio::detached);
    }
  }
};

Server::Server(Router& router, ServerOptions opts)
    : impl_(std::make_unique<Impl>(router, std::move(opts))) {}

Server::~Server() {
  stop();
  wait();
}

std::uint16_t Server::start() {
  auto& m = *impl_;
  auto addr = asio::ip::make_address(m.opts.host);
  tcp::endpoint ep(addr, m.opts.port);
  m.acceptor.open(ep.protocol());
  m.acceptor.set_option(asio::socket_base::reuse_address(true));
  m.acceptor.bind(ep);
  m.acceptor.listen(asio::socket_base::max_listen_connections);
  asio::co_spawn(m.control, m.listen(), asio::detached);
  for (int i = 0; i < m.threads_n; ++i) m.threads.emplace_back([&m] { m.ioc.run(); });
  return m.acceptor.local_endpoint().port();
}

void Server::stop_on_signals() {
  auto& m = *impl_;
  m.signals.add(SIGINT);
  m.signals.add(SIGTERM);
  m.signals.async_wait([this](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    spdlog::info("signal {}: stopping gracefully", sig);
    stop();
  });
}

void Server::stop() {
  auto& m = *impl_;
  if (m.stopping.exchange(true)) return;
  asio::post(m.control, [&m] {
    beast::error_code ignored;
    m.acceptor.close(ignored);
    m.signals.cancel(ignored);
    bool empty;
    {
      std::lock_guard g(m.mu);
      empty = m.conns.empty();
      for (auto& c : m.conns) {
        if (c->busy) continue;  // finishes its request, then sees `stopping`
        asio::post(c->strand, [c] {
          if (c->alive) c->stream->cancel();
        });
      }
    }
    if (!empty) {
      m.grace.expires_after(std::chrono::seconds(kStopGraceSeconds));
      m.grace.async_wait([&m](const boost::system::error_code& ec) {
        if (!ec) {
          spdlog::warn("stop: connections still open after {} s; closing them", kStopGraceSeconds);
          m.ioc.stop();
        }
      });
      std::lock_guard g(m.mu);
      if (m.conns.empty()) m.grace.cancel();  // the last one left while the timer was armed
    }
  });
}

void Server::wait() {
  for (auto& t : impl_->threads)
    if (t.joinable()) t.join();
  impl_->threads.clear();
}

}  // namespace xinyi::http
