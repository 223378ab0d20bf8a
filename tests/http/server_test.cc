#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <chrono>

#include "http/server_fixture.h"

namespace xinyi::testing {

TEST_F(ServerTest, ServesTheWebAppWithTypesAndCaching) {
  auto c = client();
  auto index = c.get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(index.headers["cache-control"], "no-cache");
  EXPECT_NE(index.headers["content-security-policy"].find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(index.headers["x-content-type-options"], "nosniff");
  auto js = c.get("/assets/app-123.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(js.headers["cache-control"], "public, max-age=31536000, immutable");
}

TEST_F(ServerTest, UnknownPagesFallBackToTheAppButMissingFilesAre404) {
  auto c = client();
  auto page = c.get("/c/3");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("xinyi-test-index"), std::string::npos);
  EXPECT_EQ(c.get("/assets/missing.js").status, 404);
}

TEST_F(ServerTest, NoPathEscapesTheWebFolder) {
  auto c = client();
  for (const char* t :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt",
        "/assets/%2E%2E/%2E%2E/secret.txt", "/..%2fsecret.txt", "/%00/index.html"}) {
    auto r = c.get(t);
    EXPECT_EQ(r.body.find("TOP-SECRET"), std::string::npos) << t;
    EXPECT_GE(r.status, 200) << t;
  }
  std::filesystem::create_symlink(env.dir() / "secret.txt", web / "link.txt");
  auto r = c.get("/link.txt");
  EXPECT_EQ(r.body.find("TOP-SECRET"), std::string::npos);
  EXPECT_EQ(r.status, 404);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  auto c = client();
  std::string two =
      "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  std::string out = c.raw(two);
  std::size_t first = out.find("HTTP/1.1 200");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(out.find("HTTP/1.1 200", first + 1), std::string::npos);
}

TEST_F(ServerTest, OversizeHeadersAndBodiesAreRefused) {
  auto c = client();
  std::string big_header =
      "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n";
  EXPECT_NE(c.raw(big_header).find("HTTP/1.1 431"), std::string::npos);
  auto r = c.post("/api/v1/auth/login", std::string(2 * 1024 * 1024, ' '));
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/problem+json");
}

TEST_F(ServerTest, GarbageIsA400NotACrash) {
  auto c = client();
  EXPECT_NE(c.raw("NONSENSE\r\n\r\n").find("400"), std::string::npos);
  EXPECT_EQ(c.get("/api/v1/health").status, 200);  // still serving
}

TEST_F(ServerTest, StopClosesIdleConnectionsAndRefusesNewOnes) {
  namespace asio = boost::asio;
  asio::io_context ioc;
  asio::ip::tcp::socket idle(ioc);
  idle.connect(
      {asio::ip::make_address("127.0.0.1"), port});  // a keep-alive client that says nothing
  auto t0 = std::chrono::steady_clock::now();
  server->stop();
  server->wait();
  // Stopped without waiting out the idle timeout (30 s) or the grace period (10 s).
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(9));
  char b;
  boost::system::error_code ec;
  idle.read_some(asio::buffer(&b, 1), ec);
  EXPECT_TRUE(ec);  // closed by the server
  asio::ip::tcp::socket late(ioc);
  late.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  EXPECT_TRUE(ec);
  server.reset();
}

class ShortTimeoutTest : public ServerTest {
 protected:
  void SetUp() override {
    http::ServerOptions o;
    o.idle_timeout = std::chrono::seconds(1);
    o.read_timeout = std::chrono::seconds(1);
    start(o);
  }
};

TEST_F(ShortTimeoutTest, ASlowClientIsCutOff) {
  auto c = client();
  // Headers that never finish: the server answers nothing and closes after the read timeout.
  auto t0 = std::chrono::steady_clock::now();
  std::string out = c.raw("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n", 8000);
  EXPECT_EQ(out.find("200"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(7));
}

TEST(TwoServers, RunSideBySideInOneProcess) {
  TestEnv a, b;
  http::Router ra(a.app()), rb(b.app());
  http::register_api(ra);
  http::register_api(rb);
  http::ServerOptions o;
  o.port = 0;
  o.threads = 1;
  o.access_log = false;
  http::Server sa(ra, o), sb(rb, o);
  auto pa = sa.start(), pb = sb.start();
  EXPECT_NE(pa, pb);
  EXPECT_EQ(HttpClient(pa).get("/api/v1/health").status, 200);
  EXPECT_EQ(HttpClient(pb).get("/api/v1/health").status, 200);
}

}  // namespace xinyi::testing

namespace xinyi::testing {

// The route table is order-free: a second route of the same method that could match a path an
// earlier one matches is refused when it is added, so moving a feature's routes between files
// can never change where a request goes.
TEST(RouteTable, TwoRoutesThatCouldMatchOnePathAreRefused) {
  TestEnv env;
  http::Router r(env.app());
  auto ok = [](http::Ctx&) { return http::no_content(); };
  r.add("GET", "/api/v1/things/{id}", Rule::anyone(), ok);
  r.add("POST", "/api/v1/things/{id}", Rule::anyone(), ok);       // another method: fine
  r.add("GET", "/api/v1/things/{id}/parts", Rule::anyone(), ok);  // another length: fine
  EXPECT_DEATH(r.add("GET", "/api/v1/things/special", Rule::anyone(), ok), "");
  EXPECT_DEATH(r.add("GET", "/api/v1/{kind}/{id}", Rule::anyone(), ok), "");
}

// A streaming route is an ordinary route: its Rule is checked before anything streams.
TEST(RouteTable, AStreamAsksTheRouteRuleFirst) {
  TestEnv env;
  http::Router r(env.app());
  http::register_api(r);
  http::Request req;
  req.method = "GET";
  req.path = "/api/v1/me/events";
  req.accept = "text/event-stream";
  auto opened = r.open_stream(req);
  ASSERT_TRUE(opened.has_value());
  ASSERT_TRUE(std::holds_alternative<http::Response>(*opened));
  EXPECT_EQ(std::get<http::Response>(*opened).status, 401);
  req.path = "/api/v1/public/compounds/999/events";
  opened = r.open_stream(req);
  ASSERT_TRUE(opened.has_value());
  ASSERT_TRUE(std::holds_alternative<http::Response>(*opened));
  EXPECT_EQ(std::get<http::Response>(*opened).status, 404);
  req.accept = "application/json";  // not a stream: the router's handle() answers it
  EXPECT_FALSE(r.open_stream(req).has_value());
}

}  // namespace xinyi::testing
