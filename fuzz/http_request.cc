// Any bytes as an HTTP request, decoded as http/server.cc decodes them: Beast's parser with the
// server's header and body limits, then the target as an origin-form URL (Boost.URL) with its
// path and every query parameter percent-decoded. Never a crash, a hang or a read out of bounds.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/url.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

namespace bhttp = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);  // ServerOptions::header_limit_bytes
  parser.body_limit(1024 * 1024);  // ServerOptions::body_limit_bytes
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_header_done()) return 0;
  auto& req = parser.get();
  auto parsed = boost::urls::parse_origin_form(req.target());
  if (!parsed) return 0;
  std::string path = parsed->path();
  std::size_t total = path.size();
  for (auto p : parsed->params()) total += p.key.size() + p.value.size();
  (void)req[bhttp::field::cookie];
  (void)req["Idempotency-Key"];
  return total == static_cast<std::size_t>(-1);
}
