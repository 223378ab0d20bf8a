// What the production engine must hold as well as the embedded one: concurrent writers to one
// compound's log lose and double nothing, and a backup restores to the same roots and balances.
// Runs on SQLite and, as "pg.", on PostgreSQL.
#include <gtest/gtest.h>

#include <thread>

#include "app/ledger_service.h"
#include "app/public_log.h"
#include "app/verify.h"
#include "store/backup.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/postgres.h"
#include "support/test_env.h"

namespace xinyi {

using testing::compound_path;
using testing::TestEnv;
namespace json = boost::json;

namespace {
void post(TestEnv& env, const app::Caller& who, std::int64_t cid, std::int64_t fen) {
  env.post(
         who, compound_path(cid, "/ledger/transactions"),
         R"({"date":"2026-11-10","description":"收入","postings":[{"account":"1001","amount_fen":)" +
             std::to_string(fen) + R"(},{"account":"4002","amount_fen":)" + std::to_string(-fen) +
             "}]}")
      .as_object();
}
}  // namespace

TEST(Engine, ConcurrentWritersToOneLogLoseAndDoubleNothing) {
  TestEnv env;
  std::int64_t cid = env.add_compound("甲");
  env.grant(env.add_user("com"), cid, Role::committee);
  auto com = env.caller("com");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 1; i <= 15; ++i) post(env, com, cid, t * 1000 + i);
    });
  for (auto& th : threads) th.join();
  auto rep = app::verify_store(env.db(), cid);
  EXPECT_TRUE(rep.ok) << rep.message;
  EXPECT_EQ(rep.entries, 60);
  EXPECT_EQ(rep.tree_size, 60);
  // Every amount once: Σ (t·1000 + i) over t < 4, i ≤ 15.
  auto b = app::balances(env.app(), CompoundId{cid}, "");
  std::int64_t bank = 0;
  for (const auto& [a, balance] : b.accounts)
    if (a.code == "1001") bank = balance.value;
  EXPECT_EQ(bank, 15 * (0 + 1000 + 2000 + 3000) + 4 * (15 * 16 / 2));
  // Indexes 0..59, each once.
  EXPECT_EQ(env.db().read([&](store::Connection& c) {
    return c.scalar(
        "SELECT COUNT(DISTINCT idx) FROM ledger_entries WHERE compound_id = ? AND idx BETWEEN 0 AND 59",
        {cid});
  }),
            60);
}

TEST(Engine, ABackupRestoresToTheSameRootsAndBalances) {
  TestEnv env;
  std::int64_t cid = env.add_compound("甲");
  env.grant(env.add_user("com"), cid, Role::committee);
  auto com = env.caller("com");
  for (int i = 1; i <= 20; ++i) post(env, com, cid, i * 137);
  auto before_head = app::signed_head(env.app(), CompoundId{cid});
  // Every account's balance and every (account, courtyard) sum, as text to compare.
  auto balances_text = [&](app::App& a) {
    std::string out;
    const auto b = app::balances(a, CompoundId{cid}, "");
    for (const auto& [acc, fen] : b.accounts)
      out += acc.code + "=" + std::to_string(fen.value) + ";";
    for (const auto& x : b.sums)
      out += x.account + "/" + std::to_string(x.courtyard_id) + "=" + std::to_string(x.amount_fen) +
             ";";
    return out;
  };
  auto before_balances = balances_text(env.app());
  std::string file = (env.dir() / "backup.bin").string();
  store::backup(env.url(), file);
  post(env, com, cid, 99);  // after the backup: not in it

  std::string target = env.fresh_store_url();
  store::restore(target, file, false);
  auto db = store::Database::open(target, 2);
  app::App restored(*db);
  auto after_head = app::signed_head(restored, CompoundId{cid});
  ASSERT_TRUE(after_head.head && before_head.head);
  EXPECT_EQ(after_head.head->root, before_head.head->root);
  EXPECT_EQ(after_head.head->tree_size, 20);
  EXPECT_EQ(balances_text(restored), before_balances);
  auto rep = app::verify_store(*db, cid);
  EXPECT_TRUE(rep.ok) << rep.message;
  // A restore never lands on a store that is already there unless asked.
  EXPECT_THROW(store::restore(target, file, false), store::StoreError);
  EXPECT_THROW(store::restore(env.url(), file, false), store::StoreError);
}

TEST(Engine, PlaceholdersAreNumberedOutsideQuotedText) {
  EXPECT_EQ(store::number_placeholders("SELECT a FROM t WHERE b = ? AND c = '?' AND d = ?"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $2");
  EXPECT_EQ(store::number_placeholders("SELECT 'it''s ?', ?"), "SELECT 'it''s ?', $1");
}

}  // namespace xinyi

namespace xinyi {

// Every row that belongs to a compound names it, so the data can be distributed by compound
// (docs/SCALING.md); only the hierarchy above compounds and the people's accounts are global.
TEST(Engine, EveryTableOfACompoundNamesItsCompound) {
  TestEnv env;
  auto rows = env.db().read([](store::Connection& c) {
    return c.query(
        c.dialect() == store::Dialect::sqlite
            ? "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND NOT EXISTS "
              "(SELECT 1 FROM pragma_table_info(m.name) p WHERE p.name = 'compound_id') ORDER BY m.name"
            : "SELECT t.table_name FROM information_schema.tables t WHERE t.table_schema = current_schema() AND NOT EXISTS "
              "(SELECT 1 FROM information_schema.columns k WHERE k.table_schema = t.table_schema AND "
              "k.table_name = t.table_name AND k.column_name = 'compound_id') ORDER BY t.table_name");
  });
  std::vector<std::string> global;
  for (const auto& r : rows) global.push_back(r.str(0));
  EXPECT_EQ(global,
            (std::vector<std::string>{"communities", "compounds", "districts", "idempotency_keys",
                                      "schema_migrations", "sessions", "streets", "users"}));
}

}  // namespace xinyi
