// A fresh store per test: a SQLite file in a temporary folder — or, when XINYI_TEST_PG names a
// PostgreSQL cluster (ctest sets it for the "pg." tests), a fresh database there — migrated, with
// an App around it and argon2id at its cheapest cost.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/app.h"
#include "domain/error.h"
#include "store/database.h"

namespace xinyi::http {
class Router;
}

namespace xinyi::testing {

// The HTTP status an action's xinyi::Error maps to, or 200 when it throws none.
inline int status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.http_status();
  }
  return 200;
}

// The API paths of a compound's member and public routes: "/api/v1/compounds/7" + rest.
inline std::string compound_path(std::int64_t cid, const std::string& rest) {
  return "/api/v1/compounds/" + std::to_string(cid) + rest;
}
inline std::string public_path(std::int64_t cid, const std::string& rest) {
  return "/api/v1/public/compounds/" + std::to_string(cid) + rest;
}

// The operator as a route's rule sees it, with no user behind it: for reading members' pages
// in tests (every compound rule admits the operator).
inline app::Caller reader() {
  app::Caller c;
  c.user = store::UserRec{};
  c.user->login = "reader";
  c.user->is_admin = true;
  c.principal = Principal{0, true, {}};
  return c;
}

class TestEnv {
 public:
  TestEnv();
  ~TestEnv();

  store::Database& db() { return *db_; }
  app::App& app() { return *app_; }
  const std::string& url() const { return url_; }
  std::filesystem::path dir() const { return dir_; }

  // A caller who is signed in as the user with `login` (roles loaded from the store).
  app::Caller caller(const std::string& login);
  // The URL of a new, empty store on the same engine (a SQLite path in dir(), or a new
  // PostgreSQL database dropped with this environment).
  std::string fresh_store_url();
  // Loads the demo district (demo::seed_demo). Replaces db() and app(): call it first.
  void seed_demo();
  // Creates a user; returns its id.
  std::int64_t add_user(const std::string& login, const std::string& phone = "",
                        bool admin = false);
  // Grants a role in a compound.
  void grant(std::int64_t user_id, std::int64_t compound_id, Role role);
  // Creates district/street/community/compound with one courtyard and one building; returns
  // the compound id. The building id is left in last_building_id.
  std::int64_t add_compound(const std::string& name);
  std::int64_t last_courtyard_id = 0, last_building_id = 0;
  std::int64_t count(const std::string& table);
  // `body` (a JSON object) with a freshly stored voucher of compound `cid` cited in "vouchers".
  std::string with_voucher(std::int64_t cid, std::string body);
  // A use case through its route and codecs (http/routes/), in-process and already signed in as
  // `who`: "POST", "/api/v1/compounds/1/votes?open=1", a JSON body. Returns the answer's JSON
  // (null when empty); a refusal or a rule broken throws the Error the route answers with.
  boost::json::value api(const app::Caller& who, const std::string& method,
                         const std::string& target, const std::string& body = "",
                         const std::string& content_type = "application/json");
  boost::json::value get(const app::Caller& who, const std::string& target) {
    return api(who, "GET", target);
  }
  boost::json::value post(const app::Caller& who, const std::string& target,
                          const std::string& body = "{}") {
    return api(who, "POST", target, body);
  }
  // An upload (a voucher, a photo): the bytes as the request body, with their declared type.
  boost::json::value upload(const app::Caller& who, const std::string& target,
                            const std::string& content_type, const std::string& bytes) {
    return api(who, "POST", target, bytes, content_type);
  }
  // The status of the last answer api() gave (201, 202, …).
  std::atomic<int> last_status{0};
  // A POST that may only be asked for (202 Accepted: a request waiting for a second person,
  // whose view is `body`) or done at once (201, what was done).
  struct Outcome {
    bool pending = false;
    boost::json::object body;
  };
  Outcome post_maybe_pending(const app::Caller& who, const std::string& target,
                             const std::string& body) {
    auto v = post(who, target, body);
    return {last_status == 202, v.as_object()};
  }
  // POST …/ledger/transactions/{index}/reverse.
  Outcome reverse(const app::Caller& who, std::int64_t cid, std::int64_t index,
                  const std::string& body) {
    return post_maybe_pending(
        who, compound_path(cid, "/ledger/transactions/" + std::to_string(index) + "/reverse"),
        body);
  }

 private:
  std::filesystem::path dir_;
  std::string url_;
  std::string pg_base_, pg_db_;  // on PostgreSQL: the cluster and this test's database
  std::vector<std::string> extra_dbs_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<app::App> app_;
  std::mutex router_mu_;
  std::unique_ptr<http::Router> router_;
  int compounds_ = 0;
  int vouchers_ = 0;
};

}  // namespace xinyi::testing
