// Fees and how money is divided (SPEC §4; groundwork for bill runs and courtyard settlement).
// Pure rules over integers: no amount, rate or share is ever a floating-point number.
//
// Fee lines. A property fee is a rate in fen per m² per month. A line is
//     rate_fen × area_centi_m2 × months / 100
// rounded half up to the fen ONCE, at the line (SPEC §4). A rate schedule changes only at the
// start of a month; a period (a month, a quarter, a year) that spans a change gets one line per
// rate, each rounded once.
//
// Policy for changes within a period (documented here, applied by the bill run):
// - rates take effect on the first day of the month named by `effective_from` (YYYY-MM); a
//   decision dated mid-month applies from the next month;
// - a bill belongs to the unit, not to a person: whoever owns the unit when the run is made is
//   billed for the whole period; buyer and seller settle a hand-over between themselves;
// - an area corrected mid-period applies from the next run; the run that was made stands.
//
// Allocation. allocate() splits an amount between parties by weights (area, unit count, or fixed
// shares) by the largest-remainder method: the parts sum to the amount exactly — no fen is lost
// or created — and each part is within one fen of its exact share.
//
// Payments. apply_payment() pays the oldest open bills first; what is left is a prepayment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xinyi::billing {

inline constexpr std::int64_t kMaxRateFenPerM2Month = 100'000;  // ¥1,000 per m² per month
inline constexpr int kMaxPeriodMonths = 12;

// A month as YYYY-MM, and arithmetic on it.
struct Month {
  int year = 0, month = 0;  // month 1..12
  static std::optional<Month> parse(std::string_view yyyy_mm);
  std::string str() const;
  Month plus(int months) const;
  int index() const { return year * 12 + (month - 1); }
  auto operator<=>(const Month&) const = default;
};

// A billing period: "2025-03" (a month), "2025-Q1" (a quarter) or "2025" (a year).
struct Period {
  Month first;
  int months = 1;
  static std::optional<Period> parse(std::string_view text);
  std::string str() const;
  Month last() const { return first.plus(months - 1); }
};

// A bill run is for the current period or the next one of its kind (this month or next; this
// quarter or next; this year or next), `now` being the month in China time (UTC+8). Billing
// 2035 today, or months long past, would make households defaulters on the public page at
// once; months never billed are not caught up by one person's bill run.
bool within_billing_horizon(const Period& p, Month now);

// rate × area × months, rounded half up once. REQUIRES: all arguments ≥ 0 and within limits.
std::int64_t fee_amount(std::int64_t rate_fen_per_m2_month, std::int64_t area_centi_m2, int months);

struct Rate {
  Month effective_from;
  std::int64_t rate_fen = 0;  // per m² per month
};

struct FeeLine {
  Month from, to;  // inclusive
  int months = 0;
  std::int64_t rate_fen = 0;
  std::int64_t area_centi_m2 = 0;
  std::int64_t amount_fen = 0;
};

// The lines of one unit's bill for `period` under `schedule` (any order; the latest rate whose
// effective_from ≤ a month applies to it). Months before the first rate are not billed.
std::vector<FeeLine> fee_lines(const std::vector<Rate>& schedule, std::int64_t area_centi_m2,
                               const Period& period);

// Lines for an explicit list of months, each with its rate: consecutive months at the same rate
// form one line, rounded once. (fee_lines() is this over a whole period; a bill run that skips
// months already billed uses it directly.) REQUIRES: months strictly increasing.
std::vector<FeeLine> lines_for_months(
    const std::vector<std::pair<Month, std::int64_t>>& month_rates, std::int64_t area_centi_m2);

// Splits `total_fen` (≥ 0) in proportion to `weights` (each ≥ 0, sum > 0) by largest remainder;
// ties go to the earlier party. The result has one part per weight and sums to total_fen.
std::vector<std::int64_t> allocate(std::int64_t total_fen,
                                   const std::vector<std::int64_t>& weights);

// The trustee's remuneration: `basis_points` (1 % = 100) of costs, rounded half up.
std::int64_t remuneration(std::int64_t costs_fen, std::int64_t basis_points);

struct OpenBill {
  std::int64_t id = 0;
  Month period_start;
  std::int64_t outstanding_fen = 0;
};
struct Applied {
  std::int64_t bill_id = 0, amount_fen = 0;
};
struct Application {
  std::vector<Applied> applied;  // oldest first
  std::int64_t prepaid_fen = 0;  // left over after every open bill is paid
};
// Pays `amount_fen` (> 0) into the oldest open bills first (by period, then id).
Application apply_payment(std::vector<OpenBill> bills, std::int64_t amount_fen);

}  // namespace xinyi::billing
