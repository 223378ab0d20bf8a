#include <gtest/gtest.h>

#include <thread>

#include "store/audit_repo.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/registry_repo.h"
#include "support/test_env.h"

namespace xinyi {

using testing::TestEnv;

TEST(Store, AnAuditDetailIsStoredAsAnObjectInTheOrderGiven) {
  const store::AuditDetail detail{{"name", "北门片区"},
                                  {"units", 72},
                                  {"replaced", false},
                                  {"sms", std::optional<bool>{}},
                                  {"courtyard_ids", std::vector<std::int64_t>{3, 1}},
                                  {"choices", std::vector<std::string>{"同意", "反对"}}};
  EXPECT_EQ(store::encode_audit_detail(detail),
            R"({"name":"北门片区","units":72,"replaced":false,"sms":null,"courtyard_ids":[3,1],)"
            R"("choices":["同意","反对"]})");
  EXPECT_EQ(store::encode_audit_detail({}), "{}");
}

TEST(Store, MigrateTwiceChangesNothing) {
  TestEnv env;
  auto rep = store::migrate(env.db());
  EXPECT_EQ(rep.from_version, store::latest_schema_version());
  EXPECT_EQ(rep.to_version, store::latest_schema_version());
  EXPECT_EQ(env.count("schema_migrations"), store::latest_schema_version());
}

TEST(Store, AWriteThatThrowsLeavesNothing) {
  TestEnv env;
  EXPECT_THROW(env.db().write([](store::Connection& c) {
    store::insert_district(c, "甲区", 1);
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(env.count("districts"), 0);
}

// A read transaction cannot write, whatever the code inside it does: the engine refuses
// (PostgreSQL: READ ONLY; SQLite: a statement that is not read-only is refused before it runs),
// through execute() and through a query() that writes (INSERT … RETURNING) alike.
TEST(Store, AReadTransactionCannotWrite) {
  TestEnv env;
  EXPECT_THROW(env.db().read([](store::Connection& c) { store::insert_district(c, "甲区", 1); }),
               store::StoreError);
  EXPECT_THROW(env.db().read([](store::Connection& c) {
    c.query("INSERT INTO districts (name, created_at) VALUES (?, ?) RETURNING id",
            {std::string("乙区"), std::int64_t{1}});
  }),
               store::StoreError);
  EXPECT_EQ(env.count("districts"), 0);
  // The connection goes back to the pool fit for writing.
  for (int i = 0; i < 4; ++i)
    env.db().write(
        [&](store::Connection& c) { store::insert_district(c, "丙区" + std::to_string(i), 1); });
  EXPECT_EQ(env.count("districts"), 4);
}

TEST(Store, UniqueViolationIsAConstraintError) {
  TestEnv env;
  env.db().write([](store::Connection& c) { store::insert_district(c, "甲区", 1); });
  EXPECT_THROW(env.db().write([](store::Connection& c) { store::insert_district(c, "甲区", 1); }),
               store::ConstraintError);
  EXPECT_EQ(env.count("districts"), 1);
}

TEST(Store, ForeignKeysAreEnforced) {
  TestEnv env;
  EXPECT_THROW(env.db().write([](store::Connection& c) { store::insert_street(c, 999, "x", 1); }),
               store::ConstraintError);
}

TEST(Store, AreaMustBePositiveEvenIfACallerForgetsToCheck) {
  TestEnv env;
  std::int64_t cid = env.add_compound("甲");
  store::NewUnit u{cid,
                   env.last_courtyard_id,
                   env.last_building_id,
                   "",
                   "101",
                   "1栋101",
                   "gross",
                   "ABCDEFGH",
                   0,
                   false};
  EXPECT_THROW(env.db().write([&](store::Connection& c) { store::insert_unit(c, u, 1); }),
               store::ConstraintError);
}

TEST(Store, LookupsByIdStayInsideTheirCompound) {
  TestEnv env;
  std::int64_t a = env.add_compound("甲");
  std::int64_t yard_a = env.last_courtyard_id;
  std::int64_t b = env.add_compound("乙");
  env.db().read([&](store::Connection& c) {
    EXPECT_TRUE(store::get_courtyard(c, a, yard_a).has_value());
    EXPECT_FALSE(store::get_courtyard(c, b, yard_a).has_value());
  });
}

TEST(Store, ConcurrentWritersAllLand) {
  TestEnv env;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i)
        env.db().write([&](store::Connection& c) {
          store::insert_district(c, "区" + std::to_string(t * 100 + i), 1);
        });
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(env.count("districts"), 100);
}

TEST(Store, RefusesUnknownUrls) {
  EXPECT_THROW(store::Database::open("mysql://x"), Error);
  EXPECT_THROW(store::Database::open("sqlite:"), Error);
}

TEST(Store, RefusesAStoreFromTheFuture) {
  TestEnv env;
  env.db().write([](store::Connection& c) {
    c.execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)");
  });
  EXPECT_THROW(store::migrate(env.db()), store::StoreError);
}

}  // namespace xinyi
