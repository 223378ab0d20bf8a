#include "http/client.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/url.hpp>
#include <stdexcept>

namespace xinyi::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

ClientResponse fetch(const std::string& host, std::uint16_t port, const std::string& method,
                     const std::string& target, const std::string& body,
                     const std::map<std::string, std::string>& headers) {
  asio::io_context ioc;
  asio::ip::tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(30));
  stream.connect(resolver.resolve(host, std::to_string(port)));
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, host + ":" + std::to_string(port));
  req.set(bhttp::field::user_agent, "xinyi");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req);
  beast::flat_buffer buf;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bhttp::read(stream, buf, parser);
  auto res = parser.release();
  ClientResponse out;
  out.status = res.result_int();
  out.body = std::move(res.body());
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out.headers[name] = std::string(f.value());
  }
  beast::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  return out;
}

ParsedUrl parse_http_url(const std::string& url) {
  auto u = boost::urls::parse_absolute_uri(url);
  if (!u || u->scheme() != "http" || u->host().empty())
    throw std::invalid_argument("expected an http://HOST[:PORT]/PATH URL: " + url);
  ParsedUrl p;
  p.host = u->host();
  p.port = u->has_port() ? static_cast<std::uint16_t>(u->port_number()) : 80;
  p.path = u->path();
  while (!p.path.empty() && p.path.back() == '/') p.path.pop_back();
  return p;
}

}  // namespace xinyi::http
