// The HTTP server: Boost.Beast over Asio C++20 coroutines on a pool of threads.
//
// One coroutine per connection reads a request, routes it, writes the response and loops
// (keep-alive). Limits: request header size, body size (a larger one for uploads), a read
// timeout per request and an idle timeout between requests, so a slow or silent client cannot
// hold a connection; a cap on open connections. Requests under /api/ go to the Router,
// everything else to StaticFiles. One access-log line per request.
//
// stop() is graceful: it stops accepting, lets in-flight requests finish (up to
// kStopGraceSeconds), closes idle connections, and returns the threads; the store is closed
// by its owner afterwards. No globals: a test can run several servers in one process.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "http/router.h"

namespace xinyi::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (tests)
  int threads = 0;            // 0: one per core
  std::string web_dir;        // the built web app; empty: none
  std::size_t header_limit_bytes = 16 * 1024;
  std::size_t body_limit_bytes = 1024 * 1024;
  std::size_t upload_limit_bytes = 16 * 1024 * 1024;  // roster imports
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds idle_timeout{30};
  std::size_t max_connections = 4096;
  bool access_log = true;
};

inline constexpr int kStopGraceSeconds = 10;

class Server {
 public:
  Server(Router& router, ServerOptions opts);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads; returns the bound port. Throws std::system_error on bind.
  std::uint16_t start();
  // Calls stop() on SIGINT or SIGTERM. REQUIRES: start() was called.
  void stop_on_signals();
  // Graceful stop; thread-safe, idempotent.
  void stop();
  // Blocks until every server thread has returned.
  void wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xinyi::http
