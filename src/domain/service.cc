#include "domain/service.h"

#include <algorithm>
#include <set>

#include "domain/assert.h"
#include "domain/text.h"

namespace xinyi::service {

std::string_view to_string(Frequency f) { return f == Frequency::per_week ? "week" : "month"; }

std::optional<Frequency> parse_frequency(std::string_view s) {
  if (s == "week") return Frequency::per_week;
  if (s == "month") return Frequency::per_month;
  return std::nullopt;
}

std::int64_t cost_fen(std::int64_t minutes, std::int64_t rate) {
  XINYI_ASSERT(minutes >= 0 && rate >= 0 && rate <= kMaxRateFenPerHour);
  XINYI_ASSERT(minutes <= INT64_MAX / (kMaxRateFenPerHour + 1));
  return (minutes * rate + 30) / 60;
}

std::int64_t planned_minutes(const PlanItem& item) {
  XINYI_ASSERT(item.visits >= 0 && item.minutes_per_visit >= 0);
  std::int64_t per = item.visits * item.minutes_per_visit;
  if (item.frequency == Frequency::per_month) return per;
  return (per * 52 + 6) / 12;  // 52 weeks over 12 months, half up
}

std::int64_t planned_cost_fen(const PlanItem& item) {
  return cost_fen(planned_minutes(item), item.rate_fen_per_hour);
}

std::int64_t monthly_cost_fen(const std::vector<PlanItem>& items) {
  std::int64_t sum = 0;
  for (const auto& i : items) sum += planned_cost_fen(i);
  return sum;
}

std::vector<FieldError> check_plan(const std::vector<PlanItem>& items) {
  std::vector<FieldError> errs;
  if (items.empty())
    errs.push_back({"items", "服务清单至少要有一项", "a plan needs at least one item"});
  if (items.size() > kMaxPlanItems)
    errs.push_back({"items", "服务清单最多 " + std::to_string(kMaxPlanItems) + " 项",
                    "at most " + std::to_string(kMaxPlanItems) + " items"});
  std::set<std::string> codes;
  for (std::size_t n = 0; n < items.size(); ++n) {
    const auto& i = items[n];
    std::string f = "items[" + std::to_string(n) + "].";
    if (i.code.empty() || !codes.insert(i.code).second)
      errs.push_back({f + "code", "编号为空或重复", "the code is empty or repeated"});
    if (i.role.empty()) errs.push_back({f + "role", "请填写岗位", "the role is required"});
    if (i.visits < 1 || i.visits > (i.frequency == Frequency::per_week ? 7 : kMaxVisitsPerPeriod))
      errs.push_back({f + "visits", "频次应为每周 1–7 次或每月 1–31 次",
                      "visits must be 1–7 a week or 1–31 a month"});
    if (i.minutes_per_visit < 5 || i.minutes_per_visit > kMaxVisitMinutes)
      errs.push_back({f + "minutes_per_visit", "每次时长应在 5 分钟到 12 小时之间",
                      "a visit lasts 5 minutes to 12 hours"});
    if (i.rate_fen_per_hour < 1 || i.rate_fen_per_hour > kMaxRateFenPerHour)
      errs.push_back({f + "rate_fen_per_hour", "小时单价应在 0.01–1000 元之间",
                      "the hourly rate must be ¥0.01–¥1,000"});
  }
  return errs;
}

std::optional<std::int64_t> visit_minutes(std::int64_t in, std::int64_t out) {
  if (out <= in) return std::nullopt;
  std::int64_t m = (out - in + kMinuteMs / 2) / kMinuteMs;
  if (m < 1 || m > kMaxVisitMinutes) return std::nullopt;
  return m;
}

bool review_open(std::int64_t checked_out_ms, int window_days, std::int64_t now_ms) {
  XINYI_ASSERT(window_days >= 0 && window_days <= kMaxWindowDays);
  return now_ms < checked_out_ms + window_days * kDayMs;
}

bool counts(const Visit& v) { return v.open_disputes == 0 && v.upheld_disputes == 0; }

std::int64_t permille(std::int64_t part, std::int64_t whole) {
  XINYI_ASSERT(part >= 0 && whole >= 0);
  if (whole == 0) return 0;
  return (part * 1000 + whole / 2) / whole;
}

ItemMonth summarize(const PlanItem* item, std::int64_t rate, const std::vector<Visit>& visits) {
  ItemMonth m;
  if (item) {
    m.planned_minutes = planned_minutes(*item);
    m.planned_cost_fen = planned_cost_fen(*item);
    rate = item->rate_fen_per_hour;
  }
  for (const auto& v : visits) {
    XINYI_ASSERT(v.minutes >= 0 && v.minutes <= kMaxVisitMinutes);
    ++m.visits;
    m.delivered_minutes += v.minutes;
    if (v.confirmations > 0) ++m.confirmed_visits;
    if (v.open_disputes + v.upheld_disputes + v.dismissed_disputes > 0) ++m.disputed_visits;
    m.open_disputes += v.open_disputes;
    if (counts(v)) m.counted_minutes += v.minutes;
  }
  m.cost_fen = cost_fen(m.counted_minutes, rate);
  m.confirmation_permille = permille(m.confirmed_visits, m.visits);
  XINYI_ASSERT(m.counted_minutes <= m.delivered_minutes);
  return m;
}

bool valid_category(std::string_view c) {
  return std::find(std::begin(kNeedCategories), std::end(kNeedCategories), c) !=
         std::end(kNeedCategories);
}

std::string_view to_string(NeedStatus s) {
  switch (s) {
    case NeedStatus::open:
      return "open";
    case NeedStatus::service:
      return "service";
    case NeedStatus::project:
      return "project";
    case NeedStatus::declined:
      return "declined";
    case NeedStatus::done:
      return "done";
  }
  return "open";
}

std::optional<NeedStatus> parse_need_status(std::string_view s) {
  for (auto st : {NeedStatus::open, NeedStatus::service, NeedStatus::project, NeedStatus::declined,
                  NeedStatus::done})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

bool can_move(NeedStatus from, NeedStatus to) {
  switch (from) {
    case NeedStatus::open:
      return to == NeedStatus::service || to == NeedStatus::project || to == NeedStatus::declined;
    case NeedStatus::service:
      return to == NeedStatus::done;
    // A cancelled project returns its need to the list.
    case NeedStatus::project:
      return to == NeedStatus::done || to == NeedStatus::open;
    case NeedStatus::declined:
      return to == NeedStatus::open;
    case NeedStatus::done:
      return false;
  }
  return false;
}

std::int64_t median(std::vector<std::int64_t> v) {
  if (v.empty()) return 0;
  auto mid = v.begin() + static_cast<std::ptrdiff_t>((v.size() - 1) / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

}  // namespace xinyi::service
