#include "domain/billing.h"

#include <gtest/gtest.h>

#include <numeric>
#include <random>

namespace xinyi::billing {

namespace {
Month m(const char* s) { return *Month::parse(s); }
}  // namespace

TEST(FeeAmount, RoundsHalfUpOnceAtTheLine) {
  // 0.50 yuan/m²/month × 89.01 m² = 44.505 yuan → 44.51 (the half fen rounds up).
  EXPECT_EQ(fee_amount(50, 8901, 1), 4451);
  // 0.30 × 89.01 = 26.703 → 26.70; 0.30 × 89.05 = 26.715 → 26.72.
  EXPECT_EQ(fee_amount(30, 8901, 1), 2670);
  EXPECT_EQ(fee_amount(30, 8905, 1), 2672);
  // Three months rounded once (133.515 → 133.52), not three times (3 × 44.51 = 133.53).
  EXPECT_EQ(fee_amount(50, 8901, 3), 13352);
  EXPECT_EQ(fee_amount(50, 0, 12), 0);
  EXPECT_EQ(fee_amount(0, 8901, 12), 0);
  EXPECT_EQ(fee_amount(kMaxRateFenPerM2Month, 10'000'000, 12), 120'000'000'000);
}

TEST(FeeAmount, EveryHalfFenBoundaryRoundsUpAndNothingElseDoes) {
  // For each area from 0.01 to 200.00 m² at three rates: the amount is within half a fen of
  // the exact value, and exactly half a fen goes up.
  for (std::int64_t rate : {30, 35, 50}) {
    for (std::int64_t area = 1; area <= 20'000; ++area) {
      std::int64_t exact_centi_fen = rate * area;  // the exact amount in hundredths of a fen
      std::int64_t got = fee_amount(rate, area, 1);
      std::int64_t diff = got * 100 - exact_centi_fen;
      ASSERT_TRUE(diff > -50 && diff <= 50) << rate << " " << area;
      if (exact_centi_fen % 100 == 50) {
        ASSERT_EQ(diff, 50) << "half a fen rounds up: " << rate << " " << area;
      }
    }
  }
}

TEST(Period, MonthsQuartersYears) {
  EXPECT_EQ(Period::parse("2025-03")->months, 1);
  EXPECT_EQ(Period::parse("2025-Q2")->first, m("2025-04"));
  EXPECT_EQ(Period::parse("2025-Q4")->last(), m("2025-12"));
  EXPECT_EQ(Period::parse("2025")->months, 12);
  EXPECT_EQ(Period::parse("2025-Q3")->str(), "2025-Q3");
  for (const char* bad : {"", "2025-13", "2025-Q5", "25-03", "2025/03", "20250"})
    EXPECT_FALSE(Period::parse(bad)) << bad;
  EXPECT_EQ(m("2025-11").plus(3), m("2026-02"));
}

TEST(FeeLines, ARateChangeMidQuarterMakesTwoLinesEachRoundedOnce) {
  std::vector<Rate> schedule = {{m("2025-07"), 50}, {m("2024-01"), 30}};  // any order
  auto lines = fee_lines(schedule, 8901, *Period::parse("2025-06"));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].rate_fen, 30);
  lines = fee_lines(schedule, 8901, *Period::parse("2025-Q3"));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].amount_fen, fee_amount(50, 8901, 3));
  // June–August: one month at 0.30, two at 0.50.
  lines = fee_lines(schedule, 8901, Period{m("2025-06"), 3});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].months, 1);
  EXPECT_EQ(lines[0].amount_fen, 2670);
  EXPECT_EQ(lines[1].from, m("2025-07"));
  EXPECT_EQ(lines[1].months, 2);
  EXPECT_EQ(lines[1].amount_fen, 8901);  // 89.01 exactly
}

TEST(FeeLines, NothingIsBilledBeforeTheFirstRate) {
  auto lines = fee_lines({{m("2025-03"), 40}}, 10000, *Period::parse("2025-Q1"));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].from, m("2025-03"));
  EXPECT_EQ(lines[0].amount_fen, 4000);
  EXPECT_TRUE(fee_lines({}, 10000, *Period::parse("2025")).empty());
}

TEST(Allocate, LargestRemainderSumsExactly) {
  EXPECT_EQ(allocate(100, {1, 1, 1}), (std::vector<std::int64_t>{34, 33, 33}));
  EXPECT_EQ(allocate(10, {1, 2, 7}), (std::vector<std::int64_t>{1, 2, 7}));
  EXPECT_EQ(allocate(1, {5, 5}), (std::vector<std::int64_t>{1, 0}));  // a tie goes to the first
  EXPECT_EQ(allocate(0, {3, 4}), (std::vector<std::int64_t>{0, 0}));
  EXPECT_EQ(allocate(99, {0, 1}), (std::vector<std::int64_t>{0, 99}));
  // By area: three courtyards of 1850.12, 1763.40 and 1939.18 m² sharing ¥1,000.00.
  auto parts = allocate(100000, {185012, 176340, 193918});
  EXPECT_EQ(parts, (std::vector<std::int64_t>{33319, 31758,
                                              34923}));  // exact: 33319.29, 31757.52, 34923.18
}

TEST(Allocate, PropertyNoFenLostOrCreatedAndEachWithinOneFen) {
  std::mt19937_64 rng(4);
  for (int trial = 0; trial < 2000; ++trial) {
    std::size_t n = 1 + rng() % 12;
    std::vector<std::int64_t> w(n);
    for (auto& x : w) x = static_cast<std::int64_t>(rng() % 1'000'000);
    w[rng() % n] += 1;  // sum > 0
    std::int64_t total = static_cast<std::int64_t>(rng() % 10'000'000'000);
    auto parts = allocate(total, w);
    ASSERT_EQ(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}), total);
    __int128 sum = 0;
    for (auto x : w) sum += x;
    for (std::size_t i = 0; i < n; ++i) {
      __int128 exact_times_sum = static_cast<__int128>(total) * w[i];
      __int128 lo = exact_times_sum / sum;
      ASSERT_TRUE(parts[i] == lo || parts[i] == lo + 1) << trial;
    }
  }
}

TEST(Remuneration, BasisPointsRoundedHalfUp) {
  EXPECT_EQ(remuneration(500000, 1000), 50000);  // 10 % of ¥5,000.00
  EXPECT_EQ(remuneration(650005, 1200), 78001);  // 12 % of ¥6,500.05 = 780.0060 → 780.01
  EXPECT_EQ(remuneration(5, 1000), 1);           // 0.5 fen rounds up
  EXPECT_EQ(remuneration(4, 1000), 0);
}

TEST(Payments, OldestBillsFirstThenPrepayment) {
  std::vector<OpenBill> bills = {
      {3, m("2025-03"), 4000}, {1, m("2025-01"), 4000}, {2, m("2025-02"), 1500}};
  auto a = apply_payment(bills, 5000);
  ASSERT_EQ(a.applied.size(), 2u);
  EXPECT_EQ(a.applied[0].bill_id, 1);
  EXPECT_EQ(a.applied[0].amount_fen, 4000);
  EXPECT_EQ(a.applied[1].bill_id, 2);
  EXPECT_EQ(a.applied[1].amount_fen, 1000);  // partial
  EXPECT_EQ(a.prepaid_fen, 0);
  auto b = apply_payment(bills, 10000);
  EXPECT_EQ(b.applied.size(), 3u);
  EXPECT_EQ(b.prepaid_fen, 500);
  auto c = apply_payment({}, 700);
  EXPECT_TRUE(c.applied.empty());
  EXPECT_EQ(c.prepaid_fen, 700);
}

TEST(Billing, ABillRunReachesAtMostTheNextPeriod) {
  const Month dec{2026, 12};
  auto ok = [&](const char* p) { return within_billing_horizon(*Period::parse(p), dec); };
  EXPECT_TRUE(ok("2026-12"));
  EXPECT_TRUE(ok("2027-01"));
  EXPECT_FALSE(ok("2027-02"));
  EXPECT_TRUE(ok("2026-Q4"));
  EXPECT_TRUE(ok("2027-Q1"));
  EXPECT_FALSE(ok("2027-Q2"));
  EXPECT_TRUE(ok("2026"));
  EXPECT_TRUE(ok("2027"));
  EXPECT_FALSE(ok("2028"));
  EXPECT_FALSE(ok("2035"));
  EXPECT_FALSE(ok("2026-11"));  // last month
  EXPECT_FALSE(ok("2025-03"));
  EXPECT_FALSE(ok("2026-Q3"));
  EXPECT_FALSE(ok("2025"));
  EXPECT_TRUE(within_billing_horizon(*Period::parse("2026-Q2"), Month{2026, 1}));
  EXPECT_FALSE(within_billing_horizon(*Period::parse("2026-Q3"), Month{2026, 1}));
}

}  // namespace xinyi::billing
