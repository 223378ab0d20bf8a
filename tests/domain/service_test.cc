#include "domain/service.h"

#include <gtest/gtest.h>

#include <random>

namespace xinyi::service {
namespace {

PlanItem item(Frequency f, int visits, std::int64_t minutes, std::int64_t rate) {
  PlanItem i;
  i.code = "clean";
  i.role = "保洁员";
  i.frequency = f;
  i.visits = visits;
  i.minutes_per_visit = minutes;
  i.rate_fen_per_hour = rate;
  return i;
}

TEST(ServicePlan, WeeklyVisitsAverage52WeeksOver12Months) {
  // 3 visits a week × 2 h = 6 h a week = 26 h a month (6 × 52 / 12), at ¥25/h = ¥650.
  auto clean = item(Frequency::per_week, 3, 120, 2500);
  EXPECT_EQ(planned_minutes(clean), 1560);
  EXPECT_EQ(planned_cost_fen(clean), 65000);
  // 1 visit a week × 50 min: 50 × 52 / 12 = 216.67 → 217 minutes (half up).
  EXPECT_EQ(planned_minutes(item(Frequency::per_week, 1, 50, 3000)), 217);
}

TEST(ServicePlan, MonthlyVisitsAreExact) {
  auto elec = item(Frequency::per_month, 2, 90, 4000);
  EXPECT_EQ(planned_minutes(elec), 180);
  EXPECT_EQ(planned_cost_fen(elec), 12000);
}

TEST(ServicePlan, MonthlyCostIsTheSumOfItems) {
  std::vector<PlanItem> plan{item(Frequency::per_week, 3, 120, 2500),
                             item(Frequency::per_month, 2, 90, 4000)};
  plan[1].code = "elec";
  EXPECT_EQ(monthly_cost_fen(plan), 65000 + 12000);
  EXPECT_TRUE(check_plan(plan).empty());
}

TEST(ServicePlan, CostRoundsHalfUpOnceAtTheMinute) {
  EXPECT_EQ(cost_fen(1, 30), 1);      // 0.5 fen → 1
  EXPECT_EQ(cost_fen(1, 29), 0);      // 0.483 → 0
  EXPECT_EQ(cost_fen(7, 2500), 292);  // 291.67 → 292
  EXPECT_EQ(cost_fen(0, 2500), 0);
}

TEST(ServicePlan, CheckPlanNamesEveryBadField) {
  std::vector<PlanItem> plan{item(Frequency::per_week, 8, 2, 0),
                             item(Frequency::per_month, 0, 60, 2500)};
  plan[1].code = "clean";  // repeated
  plan[1].role = "";
  auto errs = check_plan(plan);
  std::vector<std::string> fields;
  for (const auto& e : errs) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"items[0].visits", "items[0].minutes_per_visit",
                                              "items[0].rate_fen_per_hour", "items[1].code",
                                              "items[1].role", "items[1].visits"}));
  EXPECT_FALSE(check_plan({}).empty());
}

TEST(WorkLog, MinutesFollowFromTheTimes) {
  EXPECT_EQ(visit_minutes(0, 2 * 3600'000), 120);
  EXPECT_EQ(visit_minutes(0, 89'999), 1);             // 89.999 s → 1 minute
  EXPECT_EQ(visit_minutes(0, 90'000), 2);             // 1.5 min → 2 (half up)
  EXPECT_EQ(visit_minutes(0, 29'999), std::nullopt);  // under half a minute
  EXPECT_EQ(visit_minutes(100, 100), std::nullopt);
  EXPECT_EQ(visit_minutes(100, 50), std::nullopt);
  EXPECT_EQ(visit_minutes(0, 12 * 3600'000), 720);
  EXPECT_EQ(visit_minutes(0, 12 * 3600'000 + 60'000), std::nullopt);
}

TEST(WorkLog, DisputeWindowClosesExactlyAfterTheDays) {
  const std::int64_t out = 1'000'000;
  EXPECT_TRUE(review_open(out, 3, out));
  EXPECT_TRUE(review_open(out, 3, out + 3 * kDayMs - 1));
  EXPECT_FALSE(review_open(out, 3, out + 3 * kDayMs));
  EXPECT_FALSE(review_open(out, 0, out));
}

TEST(WorkLog, OnlyUndisputedVisitsAreCosted) {
  auto clean = item(Frequency::per_week, 3, 120, 2500);
  std::vector<Visit> visits{
      {120, 2, 0, 0, 0},  // confirmed
      {120, 0, 0, 0, 0},  // nobody said anything: counts
      {90, 0, 1, 0, 0},   // open dispute: not yet
      {60, 1, 0, 1, 0},   // upheld: does not count
      {30, 0, 0, 0, 1},   // dismissed: counts
  };
  auto m = summarize(&clean, 0, visits);
  EXPECT_EQ(m.visits, 5);
  EXPECT_EQ(m.delivered_minutes, 420);
  EXPECT_EQ(m.counted_minutes, 270);
  EXPECT_EQ(m.cost_fen, 11250);  // 270 min × ¥25/h = ¥112.50
  EXPECT_EQ(m.confirmed_visits, 2);
  EXPECT_EQ(m.disputed_visits, 3);
  EXPECT_EQ(m.open_disputes, 1);
  EXPECT_EQ(m.confirmation_permille, 400);
  EXPECT_EQ(m.planned_minutes, 1560);
  EXPECT_EQ(m.planned_cost_fen, 65000);
}

TEST(WorkLog, UnplannedVisitsUseTheirOwnRate) {
  auto m = summarize(nullptr, 4000, {{45, 0, 0, 0, 0}});
  EXPECT_EQ(m.planned_minutes, 0);
  EXPECT_EQ(m.cost_fen, 3000);
}

TEST(WorkLog, CostOfAMonthIsNeverMoreThanDeliveredTimesRate) {
  // Property: for random visits, counted ≤ delivered and cost = round(counted × rate / 60).
  std::mt19937_64 rng(7);
  for (int round = 0; round < 500; ++round) {
    std::vector<Visit> vs;
    int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i)
      vs.push_back({static_cast<std::int64_t>(rng() % 720) + 1, static_cast<int>(rng() % 3),
                    static_cast<int>(rng() % 4 == 0), static_cast<int>(rng() % 9 == 0), 0});
    std::int64_t rate = static_cast<std::int64_t>(rng() % 10000) + 1;
    auto m = summarize(nullptr, rate, vs);
    std::int64_t counted = 0;
    for (const auto& v : vs)
      if (v.open_disputes == 0 && v.upheld_disputes == 0) counted += v.minutes;
    ASSERT_EQ(m.counted_minutes, counted);
    ASSERT_LE(m.cost_fen * 60, counted * rate + 30);
    ASSERT_GT(m.cost_fen * 60 + 30, counted * rate - 30 + 0);
  }
}

TEST(Needs, StatusMovesOnlyAlongTheTimeline) {
  EXPECT_TRUE(can_move(NeedStatus::open, NeedStatus::service));
  EXPECT_TRUE(can_move(NeedStatus::open, NeedStatus::project));
  EXPECT_TRUE(can_move(NeedStatus::open, NeedStatus::declined));
  EXPECT_TRUE(can_move(NeedStatus::service, NeedStatus::done));
  EXPECT_TRUE(can_move(NeedStatus::declined, NeedStatus::open));
  EXPECT_FALSE(can_move(NeedStatus::open, NeedStatus::done));
  EXPECT_FALSE(can_move(NeedStatus::done, NeedStatus::open));
  EXPECT_FALSE(can_move(NeedStatus::declined, NeedStatus::done));
  EXPECT_FALSE(can_move(NeedStatus::service, NeedStatus::project));
  EXPECT_TRUE(can_move(NeedStatus::project, NeedStatus::open));  // the project was cancelled
  EXPECT_FALSE(can_move(NeedStatus::service, NeedStatus::open));
  EXPECT_EQ(parse_need_status("project"), NeedStatus::project);
  EXPECT_EQ(parse_need_status("closed"), std::nullopt);
  EXPECT_TRUE(valid_category("noise"));
  EXPECT_FALSE(valid_category("噪音"));
}

TEST(Needs, MedianIsTheLowerMiddle) {
  EXPECT_EQ(median({}), 0);
  EXPECT_EQ(median({5}), 5);
  EXPECT_EQ(median({9, 1, 5, 3}), 3);
  EXPECT_EQ(median({9, 1, 5}), 5);
}

}  // namespace
}  // namespace xinyi::service
