// A small blocking HTTP/1.1 client for the integration tests (Boost.Beast), with a cookie jar.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <string>

namespace xinyi::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  boost::json::value json() const;
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : port_(port) {}
  HttpResult get(const std::string& target) { return send("GET", target, ""); }
  HttpResult post(const std::string& target, const std::string& body,
                  const std::string& type = "application/json") {
    return send("POST", target, body, type);
  }
  HttpResult send(const std::string& method, const std::string& target, const std::string& body,
                  const std::string& content_type = "application/json",
                  const std::map<std::string, std::string>& extra_headers = {});
  // Signs in and keeps the session cookie.
  void login(const std::string& login, const std::string& password = "xinyi-demo");
  std::string cookie;

  // Sends raw bytes on a new connection and returns what comes back until the server closes.
  std::string raw(const std::string& bytes, int wait_ms = 2000);

 private:
  std::uint16_t port_;
};

}  // namespace xinyi::testing
