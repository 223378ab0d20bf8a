#include "support/http_client.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <stdexcept>

#include "app/auth_service.h"
#include "auth/crypto.h"
#include "http/client.h"

namespace xinyi::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

boost::json::value HttpResult::json() const { return boost::json::parse(body); }

HttpResult HttpClient::send(const std::string& method, const std::string& target,
                            const std::string& body, const std::string& content_type,
                            const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> headers = extra;
  if (!cookie.empty()) {
    headers["Cookie"] = cookie;
    // The session's CSRF token, as the web app echoes it from me.csrf_token.
    if (method != "GET" && !headers.count("X-CSRF-Token"))
      headers["X-CSRF-Token"] =
          xinyi::app::csrf_token(xinyi::auth::sha256_hex(cookie.substr(cookie.find('=') + 1)));
  }
  if (!body.empty() || method == "POST" || method == "PATCH")
    headers["Content-Type"] = content_type;
  auto r = xinyi::http::fetch("127.0.0.1", port_, method, target, body, headers);
  HttpResult out{r.status, std::move(r.headers), std::move(r.body)};
  auto sc = out.headers.find("set-cookie");
  if (sc != out.headers.end()) {
    std::string v = sc->second.substr(0, sc->second.find(';'));
    cookie = v.substr(v.find('=') + 1).empty() ? "" : v;
  }
  return out;
}

void HttpClient::login(const std::string& login, const std::string& password) {
  auto r = post("/api/v1/auth/login",
                R"({"login":")" + login + R"(","password":")" + password + R"("})");
  if (r.status != 200) throw std::runtime_error("login failed for " + login + ": " + r.body);
}

std::string HttpClient::raw(const std::string& bytes, int wait_ms) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  asio::write(stream.socket(), asio::buffer(bytes));
  std::string out;
  // Reads until the server closes or `wait_ms` has passed (a live stream never closes by
  // itself): each read is asynchronous, and the io_context runs only until the deadline.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  char buf[4096];
  for (;;) {
    auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) break;
    bool done = false;
    beast::error_code ec;
    std::size_t n = 0;
    stream.socket().async_read_some(
        asio::buffer(buf), [&](beast::error_code e, std::size_t k) { ec = e, n = k, done = true; });
    ioc.restart();
    ioc.run_for(left);
    if (!done) {  // the deadline: cancel the read and let its handler run
      stream.socket().cancel();
      ioc.restart();
      ioc.run();
      out.append(buf, n);
      break;
    }
    out.append(buf, n);
    if (ec) break;
  }
  return out;
}

}  // namespace xinyi::testing
