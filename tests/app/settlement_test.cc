#include "app/settlement_service.h"

#include <gtest/gtest.h>

#include "app/billing_service.h"
#include "app/books.h"
#include "app/ledger_service.h"
#include "app/public_log.h"
#include "app/registry_service.h"
#include "support/test_env.h"

namespace xinyi {

using testing::compound_path;
using testing::public_path;
using testing::status_of;
using testing::TestEnv;
namespace json = boost::json;

class SettlementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cid = env.add_compound("南街");
    env.db().write([&](store::Connection& c) { app::ensure_books(c, cid, 1); });
    env.grant(env.add_user("com"), cid, Role::committee);
    com = env.caller("com");
    yards.push_back(env.last_courtyard_id);
    for (const char* name : {"书院街院", "马家院"})
      yards.push_back(env.post(com, compound_path(cid, "/courtyards"),
                               std::string(R"({"name":")") + name + "\"}")
                          .as_object()
                          .at("id")
                          .as_int64());
    // Areas 300.00, 200.00 and 100.00 m².
    std::int64_t area = 30000;
    for (auto y : yards) {
      auto b = env.post(com, compound_path(cid, "/buildings"),
                        R"({"courtyard_id":)" + std::to_string(y) + R"(,"name":"2"})")
                   .as_object()
                   .at("id")
                   .as_int64();
      env.post(com, compound_path(cid, "/units"),
               R"({"building_id":)" + std::to_string(b) + R"(,"number":"101","area_centi_m2":)" +
                   std::to_string(area) + "}")
          .as_object();
      area -= 10000;
    }
  }
  // Books as the workflows would have left them (costs the trustee advanced, charity-funded
  // costs), appended directly: these tests are about the statement, not about who may post.
  void post(const std::string& date, const std::string& debit, const std::string& credit,
            std::int64_t fen, std::int64_t yard) {
    env.db().write([&](store::Connection& c) {
      app::Appender ap(c, cid, env.app().clock_ms());
      ledger::Transaction t;
      t.date = date;
      t.kind = "journal";
      t.description = "测试";
      t.postings = {{debit, fen, yard}, {credit, -fen, yard}};
      ap.append(std::move(t));
      ap.finish();
    });
  }
  TestEnv env;
  app::Caller com;
  std::int64_t cid = 0;
  std::vector<std::int64_t> yards;
};

TEST_F(SettlementTest, RemunerationIsTheContractShareOfCostsOncePerPeriod) {
  app::set_contract(env.app(), com, CompoundId{cid}, {1000});
  post("2026-11-10", "5001", "2001", 100000, yards[0]);
  post("2026-11-12", "5003", "2001", 33335, yards[1]);
  post("2026-10-30", "5001", "2001", 99999, yards[0]);  // another period
  post("2026-11-15", "5009", "3002", 50000,
       yards[0]);  // paid from the charity fund: no remuneration on it
  auto r = app::book_remuneration(env.app(), com, CompoundId{cid}, "2026-11");
  EXPECT_EQ(r.costs_fen, Fen{133335});
  EXPECT_EQ(r.amount_fen, Fen{10000 + 3334});  // 3333.5 rounds up, per courtyard
  EXPECT_EQ(status_of([&] { app::book_remuneration(env.app(), com, CompoundId{cid}, "2026-11"); }),
            409);
  EXPECT_EQ(status_of([&] { app::book_remuneration(env.app(), com, CompoundId{cid}, "2026-13"); }),
            400);
}

TEST_F(SettlementTest, SharedCostsSplitByAreaWithNoFenLostOrCreated) {
  post("2026-11-05", "5006", "2001", 100000, 0);  // the compound's water bill
  using app::SplitRule;
  auto r = app::allocate_shared_cost(
      env.app(), com, CompoundId{cid},
      {"11月公共水电", "2026-11-30", Fen{100000}, "5006", SplitRule::area, {}});
  const auto& split = r.split;
  ASSERT_EQ(split.size(), 3u);
  EXPECT_EQ(split[0].amount_fen, Fen{50000});  // 300 of 600 m²
  EXPECT_EQ(split[1].amount_fen, Fen{33333});
  EXPECT_EQ(split[2].amount_fen, Fen{16667});  // 16666.67: the largest remainder gets the fen
  auto units =
      app::allocate_shared_cost(env.app(), com, CompoundId{cid},
                                {"门卫", "2026-11-30", Fen{100}, "5004", SplitRule::units, {}});
  std::int64_t sum = 0;
  for (const auto& s : units.split) sum += s.amount_fen.value;
  EXPECT_EQ(sum, 100);
  auto fixed = app::allocate_shared_cost(
      env.app(), com, CompoundId{cid},
      {"保险", "2026-11-30", Fen{1000}, "5005", SplitRule::fixed, {{yards[0], 1}, {yards[2], 3}}});
  EXPECT_EQ(fixed.split[0].amount_fen, Fen{250});
  EXPECT_EQ(fixed.split[1].amount_fen, Fen{0});
  EXPECT_EQ(fixed.split[2].amount_fen, Fen{750});
  EXPECT_EQ(status_of([&] {
              app::allocate_shared_cost(env.app(), com, CompoundId{cid},
                                        {"x", "2026-11-30", Fen{5}, "4001", SplitRule::area, {}});
            }),
            422);
  EXPECT_EQ(
      status_of([&] {
        app::allocate_shared_cost(
            env.app(), com, CompoundId{cid},
            {"x", "2026-11-30", Fen{5}, "5005", SplitRule::fixed, {{yards[0], -1}, {yards[1], 2}}});
      }),
      422);  // a negative share
}

TEST_F(SettlementTest, ASurplusPlanShowsPlannedAgainstSpent) {
  env.grant(env.add_user("trustee"), cid, Role::trustee);
  post("2026-01-05", "1001", "4001", 500000, yards[0]);
  auto item = app::add_plan_item(env.app(), com, CompoundId{cid},
                                 {yards[0], 2026, "监控摄像头", Fen{200000}, "坝坝会议定"});
  auto id = item.id;
  std::string req =
      R"({"payee":"安防器材部","amount_fen":180000,"purpose":"安装监控","expense_account":"5008","courtyard_id":)" +
      std::to_string(yards[0]) + R"(,"plan_item_id":)" + std::to_string(id) + "}";
  auto d = env.post(env.caller("trustee"), compound_path(cid, "/disbursements"),
                    env.with_voucher(cid, req))
               .as_object();
  EXPECT_EQ(d.at("plan_item_id").as_int64(), id);
  EXPECT_EQ(app::surplus_plans(env.app(), CompoundId{cid}, 2026).items[0].spent_fen,
            Fen{0});  // not yet paid
  env.post(
         com,
         compound_path(cid, "/disbursements/" + std::to_string(d.at("id").as_int64()) + "/approve"),
         "{}")
      .as_object();
  auto plans = app::surplus_plans(env.app(), CompoundId{cid}, 2026);
  EXPECT_EQ(plans.items[0].input.planned_fen, Fen{200000});
  EXPECT_EQ(plans.items[0].spent_fen, Fen{180000});
  std::string other =
      R"({"payee":"x","amount_fen":100,"purpose":"x","expense_account":"5008","courtyard_id":)" +
      std::to_string(yards[1]) + R"(,"plan_item_id":)" + std::to_string(id) + "}";
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("trustee"), compound_path(cid, "/disbursements"),
                       env.with_voucher(cid, other))
                  .as_object();
            }),
            422);
}

TEST_F(SettlementTest, TheStatementTiesToTheLedger) {
  env.post(com, compound_path(cid, "/fee-rates"),
           R"({"effective_from":"2026-01","rate_fen":40,"decision":"合同"})")
      .as_object();
  // Each month billed in its own time (a bill run is for this period or the next).
  const auto real_clock = env.app().clock_ms;
  env.app().clock_ms = [] { return std::int64_t{1'791'000'000'000}; };  // 2026-10-03
  app::bill_run(env.app(), com, CompoundId{cid}, "2026-10", false);
  env.app().clock_ms = [] {
    return std::int64_t{1'793'000'000'000};
  };  // 2026-10-26: November is next
  app::bill_run(env.app(), com, CompoundId{cid}, "2026-11", false);
  env.app().clock_ms = real_clock;
  post("2026-10-20", "5001", "2001", 5000, yards[0]);
  post("2026-11-20", "5001", "2001", 7000, yards[0]);
  post("2026-11-05", "5006", "2001", 600, 0);
  app::allocate_shared_cost(env.app(), com, CompoundId{cid},
                            {"水电", "2026-11-30", Fen{600}, "5006", app::SplitRule::area, {}});
  auto s = app::settlement(env.app(), CompoundId{cid}, "2026-11");
  const auto& y0 = s.courtyards[0];
  // October: fees 0.40 × 300 m² = ¥120.00, costs ¥50.00 → ¥70.00 carried in.
  EXPECT_EQ(y0.carried_in_fen, 12000 - 5000);
  EXPECT_EQ(y0.fee_income_fen, 12000);
  EXPECT_EQ(y0.own_costs_fen, 7000);
  EXPECT_EQ(y0.allocated_costs_fen, 300);
  EXPECT_EQ(y0.surplus_fen(), 12000 - 7000 - 300);
  EXPECT_EQ(y0.carried_out_fen(), 7000 + 4700);
  // Across courtyards the statement adds up to the books: fee income equals November's 4001.
  std::int64_t fees = 0, carried_out = 0;
  for (const auto& y : s.courtyards) {
    fees += y.fee_income_fen;
    carried_out += y.carried_out_fen();
  }
  EXPECT_EQ(fees, 12000 + 8000 + 4000);
  std::int64_t income = 0, expense = 0;
  auto b = env.get(app::Caller{}, public_path(cid, "/balances?at=2026-11-30")).as_object();
  for (const auto& a : b.at("accounts").as_array()) {
    if (a.at("type").as_string() == "income") income -= a.at("balance_fen").as_int64();
    if (a.at("type").as_string() == "expense") expense += a.at("balance_fen").as_int64();
  }
  EXPECT_EQ(carried_out, income - expense);  // the shared cost at compound level nets to zero
}

}  // namespace xinyi
