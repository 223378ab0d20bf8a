#include "app/bank_service.h"

#include <gtest/gtest.h>

#include "app/books.h"
#include "app/ledger_service.h"
#include "app/registry_service.h"
#include "support/test_env.h"

namespace xinyi {

using testing::compound_path;
using testing::public_path;
using testing::status_of;
using testing::TestEnv;
namespace json = boost::json;

class BankTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cid = env.add_compound("甲");
    env.db().write([&](store::Connection& c) { app::ensure_books(c, cid, 1); });
    env.grant(env.add_user("com"), cid, Role::committee);
    auto com = env.caller("com");
    for (auto [d, amt] : {std::pair{"2025-03-01", 123456}, {"2025-03-05", 8800}})
      env.post(com, compound_path(cid, "/ledger/transactions"),
               std::string(R"({"date":")") + d +
                   R"(","description":"物业费","postings":[{"account":"1001","amount_fen":)" +
                   std::to_string(amt) + R"(},{"account":"4001","amount_fen":-)" +
                   std::to_string(amt) + "}]}")
          .as_object();
    acc = env.post(com, compound_path(cid, "/bank/accounts"),
                   R"({"bank":"成都银行","number":"6217 0000 1111 2345","kind":"basic"})")
              .as_object()
              .at("id")
              .as_int64();
  }
  TestEnv env;
  std::int64_t cid = 0, acc = 0;
  const std::string statement =
      "成都银行对账单\n交易日期,交易流水号,收入金额,支出金额,余额,对方户名,摘要\n"
      "20250302,S1,\"1,234.56\",,\"1,234.56\",张三,物业费\n"
      "20250306,S2,88.00,,\"1,322.56\",李四,物业费\n"
      "20250320,S3,50.00,,\"1,372.56\",王五,不明来款\n";
};

TEST_F(BankTest, ImportMatchesAndReimportAddsNothing) {
  auto com = env.caller("com");
  auto r =
      env.post(com, compound_path(cid, "/bank/accounts/" + std::to_string(acc) + "/statements"),
               statement)
          .as_object();
  EXPECT_EQ(r.at("added").as_int64(), 3);
  EXPECT_EQ(r.at("matched").as_int64(), 2);
  auto again =
      env.post(com, compound_path(cid, "/bank/accounts/" + std::to_string(acc) + "/statements"),
               statement)
          .as_object();
  EXPECT_EQ(again.at("added").as_int64(), 0);
  EXPECT_EQ(again.at("duplicates").as_int64(), 3);
  auto rec = env.get(app::Caller{}, public_path(cid, "/bank")).as_object();
  const auto& a = rec.at("accounts").as_array()[0];
  EXPECT_EQ(a.at("number").as_string(), "****2345");
  EXPECT_EQ(a.at("unmatched").as_int64(), 1);
  const auto& line = a.at("unmatched_lines").as_array()[0];
  EXPECT_EQ(line.at("counterparty").as_string(), "王*");  // masked in public
  const auto& month = a.at("months").as_array()[0];
  EXPECT_EQ(month.at("bank_balance_fen").as_int64(), 137256);
  EXPECT_EQ(month.at("book_balance_fen").as_int64(), 132256);
  EXPECT_EQ(month.at("difference_fen").as_int64(), 5000);
}

TEST_F(BankTest, ABadStatementImportsNothing) {
  auto com = env.caller("com");
  EXPECT_EQ(status_of([&] {
              env.post(com,
                       compound_path(cid, "/bank/accounts/" + std::to_string(acc) + "/statements"),
                       statement + "2025-02-30,S9,1,,,x,y\n");
            }),
            422);
  EXPECT_EQ(env.count("bank_lines"), 0);
}

TEST_F(BankTest, ManualMatchChecksTheAmount) {
  auto com = env.caller("com");
  env.post(com, compound_path(cid, "/bank/accounts/" + std::to_string(acc) + "/statements"),
           statement)
      .as_object();
  auto rec = env.get(com, compound_path(cid, "/bank")).as_object();
  auto line =
      rec.at("accounts").as_array()[0].at("unmatched_lines").as_array()[0].at("id").as_int64();
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/bank/lines/" + std::to_string(line) + "/match"),
                       R"({"entry_index":0})")
                  .as_object();
            }),
            422);  // already matched / other amount
  env.post(
         com, compound_path(cid, "/ledger/transactions"),
         R"({"date":"2025-03-21","description":"补录来款","postings":[{"account":"1001","amount_fen":5000},{"account":"4006","amount_fen":-5000}]})")
      .as_object();
  auto m = env.post(com, compound_path(cid, "/bank/lines/" + std::to_string(line) + "/match"),
                    R"({"entry_index":2})")
               .as_object();
  EXPECT_EQ(m.at("match_kind").as_string(), "manual");
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/bank/lines/" + std::to_string(line) + "/match"),
                       R"({"entry_index":2})")
                  .as_object();
            }),
            409);
  EXPECT_EQ(env.get(app::Caller{}, public_path(cid, "/bank"))
                .as_object()
                .at("accounts")
                .as_array()[0]
                .at("unmatched")
                .as_int64(),
            0);
  env.post(com, compound_path(cid, "/bank/lines/" + std::to_string(line) + "/unmatch")).as_object();
  EXPECT_EQ(env.get(app::Caller{}, public_path(cid, "/bank"))
                .as_object()
                .at("accounts")
                .as_array()[0]
                .at("unmatched")
                .as_int64(),
            1);
}

TEST_F(BankTest, AnIncomingLineBecomesAHouseholdsPaymentAndIsMatchedToIt) {
  auto com = env.caller("com");
  auto unit = env.post(com, compound_path(cid, "/units"),
                       R"({"building_id":)" + std::to_string(env.last_building_id) +
                           R"(,"number":"201","area_centi_m2":10000})")
                  .as_object();
  env.post(com, compound_path(cid, "/bank/accounts/" + std::to_string(acc) + "/statements"),
           statement)
      .as_object();
  auto rec = env.get(com, compound_path(cid, "/bank")).as_object();
  auto line =
      rec.at("accounts").as_array()[0].at("unmatched_lines").as_array()[0].at("id").as_int64();
  auto r = app::payment_from_line(env.app(), com, CompoundId{cid}, line, unit.at("id").as_int64())
               .receipt;
  EXPECT_EQ(r.amount_fen, Fen{5000});
  EXPECT_EQ(r.method, "bank");
  EXPECT_EQ(r.reference, "S3");
  EXPECT_EQ(r.paid_on, "2025-03-20");
  EXPECT_EQ(env.get(app::Caller{}, public_path(cid, "/bank"))
                .as_object()
                .at("accounts")
                .as_array()[0]
                .at("unmatched")
                .as_int64(),
            0);
  EXPECT_EQ(status_of([&] { app::payment_from_line(env.app(), com, CompoundId{cid}, line, 1); }),
            409);
}

TEST_F(BankTest, AccountNumbersAreKeptMasked) {
  EXPECT_EQ(env.db().read([&](store::Connection& c) {
    return c.scalar("SELECT COUNT(*) FROM bank_accounts WHERE number_last4 = '2345'");
  }),
            1);
  auto com = env.caller("com");
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/bank/accounts"),
                       R"({"bank":"x","number":"12","kind":"basic"})")
                  .as_object();
            }),
            422);
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/bank/accounts"),
                       R"({"bank":"x","number":"1234567890","ledger_account":"4001"})")
                  .as_object();
            }),
            422);
}

}  // namespace xinyi
