#include "support/test_env.h"

#include <cstdlib>
#include <random>

#include "auth/crypto.h"
#include "demo/seed.h"
#include "http/api.h"
#include "http/router.h"
#include "store/auth_repo.h"
#include "store/ledger_repo.h"
#include "store/migrations.h"
#include "store/postgres.h"
#include "store/registry_repo.h"

namespace xinyi::testing {

namespace {

// "postgresql://user@host:port/db?x" with the database replaced.
std::string with_database(const std::string& url, const std::string& db) {
  auto q = url.find('?');
  std::string head = url.substr(0, q), tail = q == std::string::npos ? "" : url.substr(q);
  auto slash = head.find('/', head.find("//") + 2);
  return (slash == std::string::npos ? head : head.substr(0, slash)) + "/" + db + tail;
}

}  // namespace

TestEnv::TestEnv() {
  auth::init();
  auth::fast_hashing_for_tests();
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() /
         ("xinyi-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(dir_);
  url_ = "sqlite:" + (dir_ / "test.db").string();
  // The same tests on the production engine: a database of its own per test in the throwaway
  // cluster ctest starts (tests/support/pg_cluster.sh).
  if (const char* base = std::getenv("XINYI_TEST_PG"); base && *base) {
    pg_base_ = base;
    pg_db_ = "t" + std::to_string(rd()) + std::to_string(rd());
    store::open_postgres(pg_base_)->exec_script("CREATE DATABASE " + pg_db_);
    url_ = with_database(pg_base_, pg_db_);
  }
  db_ = store::Database::open(url_, 4);
  store::migrate(*db_);
  app_ = std::make_unique<app::App>(*db_);
}

TestEnv::~TestEnv() {
  router_.reset();
  app_.reset();
  db_.reset();
  if (!pg_db_.empty()) {
    extra_dbs_.push_back(pg_db_);
    for (const auto& name : extra_dbs_) {
      try {
        store::open_postgres(pg_base_)->exec_script("DROP DATABASE IF EXISTS " + name +
                                                    " WITH (FORCE)");
      } catch (...) {
      }
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string TestEnv::fresh_store_url() {
  static int n = 0;
  if (pg_db_.empty()) return "sqlite:" + (dir_ / ("store" + std::to_string(++n) + ".db")).string();
  std::string name = pg_db_ + "x" + std::to_string(++n);
  store::open_postgres(pg_base_)->exec_script("CREATE DATABASE " + name);
  extra_dbs_.push_back(name);
  return with_database(pg_base_, name);
}

void TestEnv::seed_demo() {
  if (pg_db_.empty()) {
    demo::seed_demo(*app_);
    return;
  }
  // On PostgreSQL the demo is seeded once per cluster into a template database (under an
  // advisory lock, so parallel test processes build it once) and each test copies it:
  // seeding statement by statement over the network costs seconds; a copy costs a fraction.
  const std::string tpl = "xinyi_demo_v" + std::to_string(store::latest_schema_version());
  auto admin = store::open_postgres(pg_base_);
  admin->exec_script("SELECT pg_advisory_lock(4242)");
  if (admin->query("SELECT 1 FROM pg_database WHERE datname = ?", {tpl}).empty()) {
    admin->exec_script("DROP DATABASE IF EXISTS " + tpl + "_build WITH (FORCE)");
    admin->exec_script("CREATE DATABASE " + tpl + "_build");
    {
      auto db = store::Database::open(with_database(pg_base_, tpl + "_build"), 2);
      store::migrate(*db);
      app::App a(*db);
      demo::seed_demo(a);
    }
    admin->exec_script("ALTER DATABASE " + tpl + "_build RENAME TO " + tpl);
  }
  admin->exec_script("SELECT pg_advisory_unlock(4242)");
  app_.reset();
  db_.reset();
  admin->exec_script("DROP DATABASE " + pg_db_ + " WITH (FORCE)");
  admin->exec_script("CREATE DATABASE " + pg_db_ + " TEMPLATE " + tpl);
  db_ = store::Database::open(url_, 4);
  app_ = std::make_unique<app::App>(*db_);
}

app::Caller TestEnv::caller(const std::string& login) {
  app::Caller c;
  c.ip = "127.0.0.1";
  db_->read([&](store::Connection& conn) {
    c.user = store::find_user_by_login(conn, login);
    if (c.user) c.principal = store::load_principal(conn, *c.user);
  });
  return c;
}

std::int64_t TestEnv::add_user(const std::string& login, const std::string& phone, bool admin) {
  std::string hash = auth::hash_password("password123");
  return db_->write([&](store::Connection& c) {
    return store::insert_user(c, login, phone.empty() ? std::nullopt : std::optional(phone), login,
                              hash, admin, 1);
  });
}

void TestEnv::grant(std::int64_t user_id, std::int64_t compound_id, Role role) {
  db_->write([&](store::Connection& c) {
    store::insert_grant(c, compound_id, user_id, role, std::nullopt, 1);
  });
}

std::int64_t TestEnv::add_compound(const std::string& name) {
  return db_->write([&](store::Connection& c) {
    auto d = store::find_district(c, "测试区");
    std::int64_t district = d ? *d : store::insert_district(c, "测试区", 1);
    std::int64_t street =
        store::insert_street(c, district, "街道" + std::to_string(++compounds_), 1);
    std::int64_t community = store::insert_community(c, street, "社区", 1);
    std::int64_t cid = store::insert_compound(c, community, name, "地址", "hourly", "", 1);
    last_courtyard_id = store::insert_courtyard(c, cid, name + "院", std::nullopt, 1);
    last_building_id = store::insert_building(c, cid, last_courtyard_id, "1栋", 1);
    return cid;
  });
}

std::int64_t TestEnv::count(const std::string& table) {
  return db_->read([&](store::Connection& c) { return c.scalar("SELECT COUNT(*) FROM " + table); });
}

std::string TestEnv::with_voucher(std::int64_t cid, std::string body) {
  // A small PDF of its own (each one distinct), stored as an upload would store it.
  const std::string pdf = "%PDF-1.4 voucher " + std::to_string(++vouchers_);
  const std::string sha = auth::sha256_hex(pdf);
  db_->write([&](store::Connection& c) {
    store::insert_voucher(c, cid, sha, "application/pdf", pdf, 0, 1);
  });
  const auto close = body.rfind('}');
  if (close == std::string::npos || body.find("\"vouchers\"") != std::string::npos) return body;
  body.insert(close, ",\"vouchers\":[\"" + sha + "\"]");
  return body;
}

}  // namespace xinyi::testing

namespace xinyi::testing {

boost::json::value TestEnv::api(const app::Caller& who, const std::string& method,
                                const std::string& target, const std::string& body,
                                const std::string& content_type) {
  {
    std::lock_guard<std::mutex> lock(router_mu_);  // tests call from several threads
    if (!router_) {
      router_ = std::make_unique<http::Router>(*app_);
      http::register_api(*router_);
    }
  }
  http::Request req;
  req.method = method;
  const auto q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) {
    std::string rest = target.substr(q + 1);
    while (!rest.empty()) {
      const auto amp = rest.find('&');
      const std::string pair = rest.substr(0, amp);
      const auto eq = pair.find('=');
      req.query.emplace(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
      rest = amp == std::string::npos ? "" : rest.substr(amp + 1);
    }
  }
  req.body = body;
  req.content_type = content_type;
  req.ip = "127.0.0.1";
  last_status = 0;
  http::Response res = router_->call_as(req, who);
  last_status = res.status;
  if (res.body.empty() || res.content_type != "application/json") return nullptr;
  return boost::json::parse(res.body);
}

}  // namespace xinyi::testing
