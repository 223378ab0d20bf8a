#include "domain/ledger/books.h"

#include <gtest/gtest.h>

#include <random>

#include "domain/ledger/canonical_json.h"

namespace xinyi::ledger {

namespace {
Transaction income(std::int64_t fen) {
  Transaction t;
  t.compound_id = 1;
  t.date = "2025-03-01";
  t.kind = "journal";
  t.description = "三月物业费";
  t.postings = {{"1001", fen, 0}, {"4001", -fen, 3}};
  t.recorded_at_ms = 1'700'000'000'000;
  return t;
}
const auto any_courtyard = [](std::int64_t id) { return id == 3 || id == 4; };
std::vector<std::string> fields(const std::vector<FieldError>& e) {
  std::vector<std::string> out;
  for (const auto& x : e) out.push_back(x.field);
  return out;
}
}  // namespace

TEST(Books, ABalancedEntryIsValid) {
  EXPECT_TRUE(validate(income(12345), chart_template(), any_courtyard).empty());
}

TEST(Books, UnbalancedIsRefusedWithTheDifference) {
  auto t = income(100);
  t.postings[1].amount_fen = -99;
  auto e = validate(t, chart_template(), any_courtyard);
  ASSERT_EQ(fields(e), std::vector<std::string>{"postings"});
  EXPECT_NE(e[0].zh.find("¥0.01"), std::string::npos);
}

TEST(Books, EveryRuleNamesItsField) {
  auto t = income(100);
  t.date = "2025-02-29";
  t.description = "";
  t.postings[0].account = "9999";
  t.postings[1].courtyard_id = 99;
  auto f = fields(validate(t, chart_template(), any_courtyard));
  EXPECT_EQ(f, (std::vector<std::string>{"date", "description", "postings[0].account",
                                         "postings[1].courtyard_id"}));
  t = income(100);
  t.postings = {{"1001", 0, 0}, {"4001", 0, 0}};
  EXPECT_FALSE(validate(t, chart_template(), any_courtyard).empty());
  t = income(kMaxAmountFen + 1);
  EXPECT_FALSE(validate(t, chart_template(), any_courtyard).empty());
  t.postings = {{"1001", 5, 0}};
  EXPECT_FALSE(validate(t, chart_template(), any_courtyard).empty());
}

TEST(Books, MoneyLeavesTheBankOnlyThroughADisbursement) {
  Transaction t = income(500);
  t.postings = {{"5001", 500, 0}, {"1001", -500, 0}};
  EXPECT_FALSE(validate(t, chart_template(), any_courtyard).empty());
  t.kind = "disbursement";
  EXPECT_TRUE(validate(t, chart_template(), any_courtyard).empty());
}

TEST(Books, CharityMoneyNeverPaysTheTrustee) {
  Transaction t = income(500);
  t.kind = "disbursement";
  t.postings = {{"5007", 500, 0}, {"1002", -500, 0}};
  EXPECT_FALSE(validate(t, chart_template(), any_courtyard).empty());
  t.postings = {{"5009", 500, 0}, {"1002", -500, 0}};  // aid to a household is fine
  EXPECT_TRUE(validate(t, chart_template(), any_courtyard).empty());
}

TEST(Books, Dates) {
  EXPECT_TRUE(valid_date("2024-02-29"));
  EXPECT_FALSE(valid_date("2023-02-29"));
  EXPECT_FALSE(valid_date("2100-02-29"));
  EXPECT_TRUE(valid_date("2000-02-29"));
  EXPECT_FALSE(valid_date("2025-13-01"));
  EXPECT_FALSE(valid_date("2025-1-01"));
  EXPECT_FALSE(valid_date("20250301"));
}

TEST(Books, PublishedFormRoundTripsAndRefusesAnythingElse) {
  auto t = income(12345);
  t.index = 7;
  t.vouchers = {{std::string(64, 'a'), "image/jpeg", 3000000}};
  t.links = {{"disbursement", 4}};
  t.approvals = {{"committee", "刘*", 1'700'000'000'001}};
  t.reverses = 3;
  std::string text = published_text(t);
  std::string why;
  auto back = from_published(text, &why);
  ASSERT_TRUE(back.has_value()) << why;
  EXPECT_EQ(published_text(*back), text);
  EXPECT_FALSE(from_published(text + " ", &why).has_value());
  std::string spaced = text;
  spaced.insert(1, " ");
  EXPECT_FALSE(from_published(spaced, &why).has_value());
  EXPECT_FALSE(from_published("{}", &why).has_value());
}

TEST(Books, TheFastWriterAgreesWithTheCanonicaliser) {
  std::mt19937_64 rng(9);
  for (int i = 0; i < 300; ++i) {
    Transaction t = income(static_cast<std::int64_t>(rng() % 1'000'000) - 500'000);
    t.index = static_cast<std::int64_t>(rng() % 100000);
    t.description = i % 3 ? "含\"引号\"和\\与\n换行" : "plain";
    if (i % 2)
      t.vouchers = {
          {std::string(64, 'b'), "application/pdf", static_cast<std::int64_t>(rng() % 9999999)}};
    if (i % 4 == 1) t.links = {{"disbursement", 7}, {"bank_line", 9}};
    if (i % 5 == 2) t.approvals = {{"trustee", "赵**", 1}, {"committee", "刘*", 2}};
    if (i % 7 == 3) t.reverses = 12;
    EXPECT_EQ(published_text(t), canonicalize(to_published(t)));
  }
}

TEST(Books, ReversalCancelsEveryPosting) {
  auto t = income(777);
  t.index = 2;
  auto r = reversal_of(t, "2025-03-02", "录入错误", 1);
  EXPECT_EQ(r.reverses, 2);
  EXPECT_TRUE(validate(r, chart_template(), any_courtyard).empty());
  BalanceMap b;
  add_to_balances(b, t);
  add_to_balances(b, r);
  for (auto& [k, v] : b) EXPECT_EQ(v, 0) << k.first;
}

// Property: random balanced transactions always sum to zero in every account total.
TEST(Books, RandomBalancedTransactionsKeepTheBooksAtZero) {
  std::mt19937_64 rng(42);
  BalanceMap b;
  const auto& chart = chart_template();
  for (int i = 0; i < 2000; ++i) {
    Transaction t = income(1);
    t.kind = "disbursement";
    t.postings.clear();
    int n = 2 + static_cast<int>(rng() % 6);
    std::int64_t sum = 0;
    for (int k = 0; k < n - 1; ++k) {
      std::int64_t amt = static_cast<std::int64_t>(rng() % 2'000'000) - 1'000'000;
      if (amt == 0) amt = 1;
      sum += amt;
      t.postings.push_back(
          {chart[rng() % chart.size()].code, amt, static_cast<std::int64_t>(rng() % 2 ? 3 : 0)});
    }
    if (sum == 0) continue;
    t.postings.push_back({"3001", -sum, 0});
    if (!validate(t, chart, any_courtyard).empty()) continue;  // e.g. charity → trustee pay
    add_to_balances(b, t);
  }
  std::int64_t total = 0;
  for (auto& [k, v] : b) total += v;
  EXPECT_EQ(total, 0);
}

TEST(Policy, DefaultNeedsTrusteeAndOneCommitteeMember) {
  ApprovalPolicy p;
  EXPECT_FALSE(approvals_satisfied(p, 10000, {{1, "trustee"}}));
  EXPECT_FALSE(approvals_satisfied(p, 10000, {{2, "committee"}}));
  EXPECT_TRUE(approvals_satisfied(p, 10000, {{1, "trustee"}, {2, "committee"}}));
  EXPECT_EQ(approvals_missing(p, 10000, {{1, "trustee"}}).first, "还需 1 位委员批准");
}

TEST(Policy, AboveTheThresholdTwoCommitteeMembers) {
  ApprovalPolicy p;
  EXPECT_TRUE(approvals_satisfied(p, p.threshold_fen, {{1, "trustee"}, {2, "committee"}}));
  EXPECT_FALSE(approvals_satisfied(p, p.threshold_fen + 1, {{1, "trustee"}, {2, "committee"}}));
  EXPECT_TRUE(approvals_satisfied(p, p.threshold_fen + 1,
                                  {{1, "trustee"}, {2, "committee"}, {3, "committee"}}));
}

TEST(Policy, OnePersonCountsOnce) {
  ApprovalPolicy p;
  EXPECT_FALSE(approvals_satisfied(p, 100, {{1, "trustee"}, {1, "committee"}}));
  EXPECT_FALSE(approvals_satisfied(p, p.threshold_fen + 1,
                                   {{1, "trustee"}, {2, "committee"}, {2, "committee"}}));
}

// Undoing anything that touched money or an owner's balance is co-managed; only moving an
// amount between income or expense accounts is not.
TEST(Books, WhichReversalsAreCoManaged) {
  const auto& chart = chart_template();
  auto tx = [](std::vector<Posting> p) {
    Transaction t;
    t.postings = std::move(p);
    return t;
  };
  EXPECT_FALSE(reversal_is_co_managed(tx({{"5002", 100, 0}, {"5001", -100, 0}}), chart));
  EXPECT_FALSE(reversal_is_co_managed(tx({{"4001", 100, 0}, {"4002", -100, 0}}), chart));
  for (const char* touched : {"1001", "1002", "1003", "1009", "1101", "2001", "2002", "2003",
                              "3001", "3002", "3003", "4005", "4007"})
    EXPECT_TRUE(reversal_is_co_managed(tx({{"5001", 100, 0}, {touched, -100, 0}}), chart))
        << touched;
  EXPECT_TRUE(reversal_is_co_managed(tx({{"5001", 100, 0}, {"9999", -100, 0}}),
                                     chart));  // unknown: the safe side
  EXPECT_EQ(entry_amount_fen(tx({{"1001", 700, 0}, {"1101", -500, 0}, {"2002", -200, 0}})), 700);
}

// What the public reads of whom money went to: a firm by name, a person masked, a household
// that received aid not at all.
TEST(Books, ThePublicPayeeNamesNoHouseholdItHelped) {
  EXPECT_EQ(public_payee("5002", false, "新都保洁公司"), "新都保洁公司");
  EXPECT_EQ(public_payee("5002", true, "王建国"), "王**");
  EXPECT_EQ(public_payee(kAidAccount, true, "王建国"), kAidPayee);
  EXPECT_EQ(public_payee(kAidAccount, false, "某某家庭"), kAidPayee);
}

}  // namespace xinyi::ledger
