#include "app/billing_service.h"

#include <gtest/gtest.h>

#include <ctime>

#include "app/books.h"
#include "app/registry_service.h"
#include "app/verify.h"
#include "app/vote_service.h"
#include "domain/billing.h"
#include "store/ledger_repo.h"
#include "support/test_env.h"

namespace xinyi {

using testing::compound_path;
using testing::public_path;
using testing::status_of;
using testing::TestEnv;
namespace json = boost::json;

class BillingTest : public ::testing::Test {
 protected:
  // Bill runs are for the current period or the next: the test's clock starts in January 2025
  // and moves on to each period it bills.
  void SetUp() override {
    env.app().clock_ms = [this] { return now_ms; };
    cid = env.add_compound("甲");
    env.db().write([&](store::Connection& c) { app::ensure_books(c, cid, 1); });
    env.grant(env.add_user("com"), cid, Role::committee);
    com = env.caller("com");
    for (auto [n, area] : {std::pair{"101", 8901}, {"102", 10000}, {"103", 6545}})
      units.push_back(env.post(com, compound_path(cid, "/units"),
                               R"({"building_id":)" + std::to_string(env.last_building_id) +
                                   R"(,"number":")" + n + R"(","area_centi_m2":)" +
                                   std::to_string(area) + "}")
                          .as_object()
                          .at("id")
                          .as_int64());
    env.post(com, compound_path(cid, "/fee-rates"),
             R"({"effective_from":"2025-01","rate_fen":30,"decision":"物业服务合同"})")
        .as_object();
    // The change rests on the owners' vote of 2025-06-20 (every owner for).
    std::int64_t vote = env.db().write([&](store::Connection& c) {
      app::NewVote v;
      v.title = "物业费调整为 0.50 元";
      v.closes_at = 1'750'384'800'000;  // 2025-06-20 10:00 China time
      std::int64_t id = app::insert_vote(c, cid, v, 0, v.closes_at - 86'400'000);
      std::int64_t owners = app::open_vote_in(c, cid, id, v.closes_at - 86'400'000);
      for (std::int64_t no = 1; no <= owners; ++no)
        app::cast_in(c, id, no, {0}, "online", "", v.closes_at - 1000);
      app::close_vote_in(c, cid, id, v.closes_at);
      return id;
    });
    env.post(
           com, compound_path(cid, "/fee-rates"),
           R"({"effective_from":"2025-07","rate_fen":50,"decision":"2025-06-20 业主表决通过","vote_id":)" +
               std::to_string(vote) + "}")
        .as_object();
  }
  app::BillRun run(const std::string& period, bool preview = false) {
    at(period);
    return app::bill_run(env.app(), com, CompoundId{cid}, period, preview);
  }
  // Moves the clock (never back) to the 15th of the period's first month, noon China time.
  void at(const std::string& period) {
    if (auto p = billing::Period::parse(period)) {
      std::tm tm{};
      tm.tm_year = p->first.year - 1900;
      tm.tm_mon = p->first.month - 1;
      tm.tm_mday = 15;
      tm.tm_hour = 4;  // 12:00 UTC+8
      now_ms = std::max<std::int64_t>(now_ms, static_cast<std::int64_t>(timegm(&tm)) * 1000);
    }
  }
  std::int64_t now_ms = 1'736'913'600'000;  // 2025-01-15 12:00 China time
  app::PaymentRecorded pay(std::int64_t unit, std::int64_t fen) {
    return app::record_payment(env.app(), com, CompoundId{cid},
                               {UnitId{unit}, Fen{fen}, app::PayMethod::wechat, "", std::nullopt});
  }
  std::int64_t balance(const std::string& account) {
    auto b = env.get(app::Caller{}, public_path(cid, "/balances")).as_object();
    for (const auto& a : b.at("accounts").as_array())
      if (a.at("code").as_string() == account) return a.at("balance_fen").as_int64();
    return 0;
  }
  TestEnv env;
  app::Caller com;
  std::int64_t cid = 0;
  std::vector<std::int64_t> units;
};

TEST_F(BillingTest, ABillRunBillsEveryUnitOnceAndPostsPerCourtyard) {
  auto r = run("2025-03");
  EXPECT_EQ(r.bills, 3);
  // 0.30 × (89.01 + 100.00 + 65.45): 26.70 + 30.00 + 19.64 (19.635 rounds up).
  EXPECT_EQ(r.total_fen, Fen{2670 + 3000 + 1964});
  EXPECT_EQ(balance("1101"), 7634);
  EXPECT_EQ(balance("4001"), -7634);
  auto size =
      env.get(app::Caller{}, public_path(cid, "/sth")).as_object().at("tree_size").as_int64();
  auto again = run("2025-03");
  EXPECT_EQ(again.bills, 0);
  EXPECT_EQ(env.get(app::Caller{}, public_path(cid, "/sth")).as_object().at("tree_size").as_int64(),
            size);  // nothing added
  EXPECT_EQ(balance("1101"), 7634);
}

TEST_F(BillingTest, AQuarterAfterAMonthBillsTheRestAndSplitsAtTheRateChange) {
  run("2025-06");
  auto q = run("2025-Q3");
  EXPECT_EQ(q.bills, 3);
  auto acct = env.get(com, compound_path(cid, "/units/" + std::to_string(units[0]) + "/account"))
                  .as_object();
  const auto& q3 = acct.at("bills").as_array()[0].as_object();
  EXPECT_EQ(q3.at("period").as_string(), "2025-Q3");
  ASSERT_EQ(q3.at("lines").as_array().size(), 1u);
  EXPECT_EQ(q3.at("amount_fen").as_int64(), 13352);  // 0.50 × 89.01 × 3 = 133.515 → 133.52, once
  auto mixed =
      app::bill_run(env.app(), com, CompoundId{cid}, "2025", true);  // July 2025: this year
  EXPECT_EQ(mixed.months_skipped,
            3 * 4);  // June and July–September are billed already
  ASSERT_TRUE(mixed.example.has_value());
  const auto& lines = mixed.example->lines;
  ASSERT_EQ(lines.size(), 2u);  // January–May at 0.30, October–December at 0.50
  EXPECT_EQ(lines[0].months, 5);
  EXPECT_EQ(lines[1].from.str(), "2025-10");
}

TEST_F(BillingTest, APreviewWritesNothing) {
  auto before = env.count("bills") + env.count("ledger_entries");
  auto p = run("2025-Q1", true);
  EXPECT_EQ(p.bills, 3);
  EXPECT_EQ(env.count("bills") + env.count("ledger_entries"), before);
  EXPECT_EQ(status_of([&] { run("2025-Q5"); }), 400);
}

TEST_F(BillingTest, PaymentsSettleTheOldestBillsFirstAndTheRestIsPrepaid) {
  run("2025-01");
  run("2025-02");  // unit 0 owes 26.70 twice
  auto r = pay(units[0], 4000);
  ASSERT_EQ(r.receipt.allocations.size(), 2u);
  EXPECT_EQ(r.receipt.allocations[0].period, "2025-01");
  EXPECT_EQ(r.receipt.allocations[0].amount_fen, Fen{2670});
  EXPECT_EQ(r.receipt.allocations[1].amount_fen, Fen{1330});  // partial
  EXPECT_EQ(r.prepaid_fen, Fen{0});
  auto r2 = pay(units[0], 5000);  // 13.40 settles February; 36.60 in advance
  EXPECT_EQ(r2.prepaid_fen, Fen{3660});
  EXPECT_EQ(r2.receipt.receipt_no, 2);
  EXPECT_EQ(balance("2002"), -3660);
  // March's bill is paid from the prepayment.
  run("2025-03");
  auto acct = env.get(com, compound_path(cid, "/units/" + std::to_string(units[0]) + "/account"))
                  .as_object();
  EXPECT_EQ(acct.at("owed_fen").as_int64(), 0);
  EXPECT_EQ(acct.at("prepaid_fen").as_int64(), 3660 - 2670);
  EXPECT_EQ(balance("2002"), -(3660 - 2670));
  // The receivable in the books is exactly what units owe.
  std::int64_t owed = app::member_arrears(env.app(), CompoundId{cid}).owed_fen.value;
  EXPECT_EQ(balance("1101"), owed);
  EXPECT_EQ(balance("1001"), 9000);
  EXPECT_TRUE(app::verify_store(env.db(), cid).ok);
}

TEST_F(BillingTest, ArrearsArePublicOnlyAsCountsAndSums) {
  run("2025-01");
  pay(units[1], 3000);
  auto pub = app::public_arrears(env.app(), CompoundId{cid});
  EXPECT_EQ(pub.units_in_arrears, 2);
  EXPECT_EQ(pub.owed_fen, Fen{2670 + 1964});
  EXPECT_FALSE(pub.units.has_value());  // no unit, so no label, in the public view
  auto priv = app::member_arrears(env.app(), CompoundId{cid});
  ASSERT_TRUE(priv.units.has_value());
  EXPECT_EQ(priv.units->size(), 2u);
  EXPECT_EQ(priv.units->at(0).label, "1栋101");
}

TEST_F(BillingTest, PaymentEntriesNameNoOneAndNoUnit) {
  run("2025-01");
  auto r = pay(units[0], 2670);
  auto e = env.db().read(
      [&](store::Connection& c) { return store::get_entry(c, cid, r.receipt.entry_index); });
  EXPECT_EQ(e->canonical.find("1栋101"), std::string::npos);
  EXPECT_NE(e->description.find("No.000001"), std::string::npos);
}

TEST_F(BillingTest, RatesNeedADecisionAndMonthStarts) {
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/fee-rates"),
                       R"({"effective_from":"2025-07-15","rate_fen":60,"decision":"x"})")
                  .as_object();
            }),
            422);
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/fee-rates"),
                       R"({"effective_from":"2026-01","rate_fen":60})")
                  .as_object();
            }),
            422);
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/fee-rates"),
                       R"({"effective_from":"2025-07","rate_fen":60,"decision":"x"})")
                  .as_object();
            }),
            409);
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/fee-rates"),
                       R"({"effective_from":"2026-01","rate_fen":-1,"decision":"x"})")
                  .as_object();
            }),
            422);
  EXPECT_EQ(env.get(app::Caller{}, public_path(cid, "/fee-rates")).as_array().size(), 2u);
}

TEST_F(BillingTest, PaymentInputIsChecked) {
  EXPECT_EQ(status_of([&] {
              app::record_payment(env.app(), com, CompoundId{cid},
                                  {UnitId{99999}, Fen{5}, app::PayMethod::cash, "", std::nullopt});
            }),
            404);
  EXPECT_EQ(status_of([&] {
              app::record_payment(
                  env.app(), com, CompoundId{cid},
                  {UnitId{units[0]}, Fen{0}, app::PayMethod::cash, "", std::nullopt});
            }),
            422);
  EXPECT_EQ(status_of([&] {
              app::record_payment(
                  env.app(), com, CompoundId{cid},
                  {UnitId{units[0]}, Fen{5}, app::PayMethod::cash, "", "2025-02-30"});
            }),
            422);  // no such day
  EXPECT_EQ(env.count("payments"), 0);
}

}  // namespace xinyi
