#include "support/test_env.h"

#include <random>

#include "auth/crypto.h"
#include "store/auth_repo.h"
#include "store/migrations.h"
#include "store/registry_repo.h"

namespace xinyi::testing {

TestEnv::TestEnv() {
  auth::init();
  auth::fast_hashing_for_tests();
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() / ("xinyi-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(dir_);
  url_ = "sqlite:" + (dir_ / "test.db").string();
  db_ = store::Database::open(url_, 4);
  store::migrate(*db_);
  app_ = std::make_unique<app::App>(*db_);
}

TestEnv::~TestEnv() {
  app_.reset();
  db_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
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
    return store::insert_user(c, login, phone.empty() ? std::nullopt : std::optional(phone), login, hash, admin, 1);
  });
}

void TestEnv::grant(std::int64_t user_id, std::int64_t compound_id, Role role) {
  db_->write([&](store::Connection& c) { store::insert_grant(c, compound_id, user_id, role, std::nullopt, 1); });
}

std::int64_t TestEnv::add_compound(const std::string& name) {
  return db_->write([&](store::Connection& c) {
    auto d = store::find_district(c, "测试区");
    std::int64_t district = d ? *d : store::insert_district(c, "测试区", 1);
    std::int64_t street = store::insert_street(c, district, "街道" + std::to_string(++compounds_), 1);
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

}  // namespace xinyi::testing
