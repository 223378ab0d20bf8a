// A real xinyi server on a loopback port with the demo district loaded, for HTTP tests.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>

#include "demo/seed.h"
#include "http/api.h"
#include "http/server.h"
#include "support/http_client.h"
#include "support/test_env.h"

namespace xinyi::testing {

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override { start({}); }

  void start(http::ServerOptions opts) {
    env.seed_demo();
    web = env.dir() / "web";
    std::filesystem::create_directories(web / "assets");
    std::ofstream(web / "index.html") << "<!doctype html><title>xinyi-test-index</title>";
    std::ofstream(web / "assets" / "app-123.js") << "console.log('app')";
    std::ofstream(env.dir() / "secret.txt") << "TOP-SECRET";
    router = std::make_unique<http::Router>(env.app());
    http::register_api(*router);
    opts.host = "127.0.0.1";
    opts.port = 0;
    opts.threads = 2;
    opts.web_dir = web.string();
    opts.access_log = false;
    server = std::make_unique<http::Server>(*router, opts);
    port = server->start();
  }

  void TearDown() override {
    if (server) {
      server->stop();
      server->wait();
    }
  }

  HttpClient client() { return HttpClient(port); }
  std::int64_t compound_id(const std::string& name) {
    return env.db().read([&](store::Connection& c) {
      return c.scalar("SELECT id FROM compounds WHERE name = ?", {name});
    });
  }

  TestEnv env;
  std::filesystem::path web;
  std::unique_ptr<http::Router> router;
  std::unique_ptr<http::Server> server;
  std::uint16_t port = 0;
};

}  // namespace xinyi::testing
