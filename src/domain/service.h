// What residents ask for and what they get for their money (SPEC §3 models 1, 4, 5): the
// needs list (民意清单), the service plan (服务清单) and work logs. Plain values and rules; no
// store, no clock (times are passed in, in milliseconds since the epoch).
//
// Units. Durations are whole minutes; rates are fen per hour; money is fen. Rounding happens
// once, half up, where minutes become money (`cost_fen`), per plan item and month.
//
// A plan item's monthly plan. "3 visits a week" is 3 × 52 / 12 = 13 visits a month on
// average: planned minutes = visits × minutes per visit × 52 / 12, rounded half up. "2 visits
// a month" is exactly 2 visits. The plan's monthly cost is the sum of its items' planned costs.
//
// A visit counts toward the trustee's cost unless a resident's dispute of it is open or was
// upheld by the committee. Residents of the visit's courtyard may confirm or dispute it until
// `window_days` whole days after check-out; after that the visit is settled as it stands.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace xinyi::service {

inline constexpr std::int64_t kMinuteMs = 60'000;
inline constexpr std::int64_t kDayMs = 86'400'000;
inline constexpr std::int64_t kMaxVisitMinutes = 12 * 60;    // one visit lasts at most 12 hours
inline constexpr std::int64_t kMaxRateFenPerHour = 100'000;  // ¥1,000 an hour
inline constexpr int kMaxVisitsPerPeriod = 31;               // 31 a month, or 7 a week
inline constexpr std::size_t kMaxPlanItems = 50;
inline constexpr int kMaxWindowDays = 30;

enum class Frequency { per_week, per_month };
std::string_view to_string(Frequency f);
std::optional<Frequency> parse_frequency(std::string_view s);

struct PlanItem {
  std::string code;      // stable across plan versions ("clean"); work logs and reports use it
  std::string role;      // 保洁员, 绿化工, 电工, 项目经理 …
  std::string tasks;     // what is done on a visit
  std::string standard;  // the standard in words (地面无垃圾、无积水 …)
  Frequency frequency = Frequency::per_week;
  int visits = 1;  // per week or per month
  std::int64_t minutes_per_visit = 60;
  std::int64_t rate_fen_per_hour = 0;
  std::string expense_account = "5001";  // where delivered hours are booked
};

// Minutes × rate / 60, rounded half up. REQUIRES: both ≥ 0 and within the limits above.
std::int64_t cost_fen(std::int64_t minutes, std::int64_t rate_fen_per_hour);
// Planned minutes in a month (see the file comment).
std::int64_t planned_minutes(const PlanItem& item);
std::int64_t planned_cost_fen(const PlanItem& item);
std::int64_t monthly_cost_fen(const std::vector<PlanItem>& items);
// Every problem with a plan (limits, duplicate codes), as field errors "items[3].visits".
std::vector<FieldError> check_plan(const std::vector<PlanItem>& items);

// Whole minutes between check-in and check-out (rounded to the nearest minute), or nullopt
// when check-out is not at least one minute after check-in or the visit exceeds 12 hours.
std::optional<std::int64_t> visit_minutes(std::int64_t checked_in_ms, std::int64_t checked_out_ms);
// Whether residents may still confirm or dispute a visit checked out at `checked_out_ms`.
bool review_open(std::int64_t checked_out_ms, int window_days, std::int64_t now_ms);

struct Visit {
  std::int64_t minutes = 0;
  int confirmations = 0;
  int open_disputes = 0;
  int upheld_disputes = 0;     // the committee found the resident right: the visit does not count
  int dismissed_disputes = 0;  // the committee found the visit done
};
bool counts(const Visit& v);

// Planned against delivered for one plan item in one month.
struct ItemMonth {
  std::int64_t planned_minutes = 0, planned_cost_fen = 0;
  std::int64_t visits = 0, delivered_minutes = 0;
  std::int64_t confirmed_visits = 0, disputed_visits = 0, open_disputes = 0;
  std::int64_t counted_minutes = 0, cost_fen = 0;  // what is posted: undisputed minutes × rate
  std::int64_t confirmation_permille = 0;          // confirmed visits per thousand visits
};
// `item` is the plan item in effect that month (nullptr: unplanned; nothing is planned and the
// rate is `rate_fen_per_hour`).
ItemMonth summarize(const PlanItem* item, std::int64_t rate_fen_per_hour,
                    const std::vector<Visit>& visits);

// part / whole in thousandths, rounded half up; 0 when whole is 0.
std::int64_t permille(std::int64_t part, std::int64_t whole);

// ---- the needs list --------------------------------------------------------------------------

inline constexpr std::string_view kNeedCategories[] = {
    "cleaning", "greening", "repairs", "safety", "parking", "noise", "facilities", "other"};
bool valid_category(std::string_view c);

// open → service (into the service list) | project (into a renewal project) | declined (with a
// reason); service | project → done; declined → open (reopened). Anything else is refused.
enum class NeedStatus { open, service, project, declined, done };
std::string_view to_string(NeedStatus s);
std::optional<NeedStatus> parse_need_status(std::string_view s);
bool can_move(NeedStatus from, NeedStatus to);

// The median of `values` (the lower middle for an even count); 0 for none. Used for response
// times, so one old need does not hide how fast the committee answers today.
std::int64_t median(std::vector<std::int64_t> values);

}  // namespace xinyi::service
