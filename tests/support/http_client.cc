#include "support/http_client.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <stdexcept>

namespace xinyi::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

boost::json::value HttpResult::json() const { return boost::json::parse(body); }

HttpResult HttpClient::send(const std::string& method, const std::string& target, const std::string& body,
                            const std::string& content_type, const std::map<std::string, std::string>& extra) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
  if (!cookie.empty()) req.set(http::field::cookie, cookie);
  if (!body.empty() || method == "POST" || method == "PATCH") req.set(http::field::content_type, content_type);
  for (auto& [k, v] : extra) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buf;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  http::read(stream, buf, parser);
  auto res = parser.release();
  HttpResult out;
  out.status = res.result_int();
  out.body = res.body();
  for (auto& f : res) {
    std::string name(f.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out.headers[name] = std::string(f.value());
  }
  auto sc = out.headers.find("set-cookie");
  if (sc != out.headers.end()) {
    std::string v = sc->second.substr(0, sc->second.find(';'));
    cookie = v.substr(v.find('=') + 1).empty() ? "" : v;
  }
  beast::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  return out;
}

void HttpClient::login(const std::string& login, const std::string& password) {
  auto r = post("/api/v1/auth/login", R"({"login":")" + login + R"(","password":")" + password + R"("})");
  if (r.status != 200) throw std::runtime_error("login failed for " + login + ": " + r.body);
}

std::string HttpClient::raw(const std::string& bytes, int wait_ms) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  asio::write(stream.socket(), asio::buffer(bytes));
  std::string out;
  stream.expires_after(std::chrono::milliseconds(wait_ms));
  char buf[4096];
  for (;;) {
    beast::error_code ec;
    std::size_t n = stream.read_some(asio::buffer(buf), ec);
    out.append(buf, n);
    if (ec) break;
  }
  return out;
}

}  // namespace xinyi::testing
