// A small blocking HTTP/1.1 client (Boost.Beast): what `xinyi verify --url` uses to read a
// compound's public log from a server it does not trust. Plain http only; put TLS in front with
// a local proxy if needed. Limits: 64 MiB per response, 30 s per request.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace xinyi::http {

struct ClientResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// Throws std::runtime_error when the server cannot be reached or answers garbage.
ClientResponse fetch(const std::string& host, std::uint16_t port, const std::string& method,
                     const std::string& target, const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});

struct ParsedUrl {
  std::string host;
  std::uint16_t port = 80;
  std::string path;  // without a trailing slash
};
// Parses "http://host[:port]/path"; throws std::invalid_argument otherwise.
ParsedUrl parse_http_url(const std::string& url);

}  // namespace xinyi::http
