#include "domain/billing.h"
#include "domain/date.h"

#include <algorithm>
#include <numeric>

#include "domain/assert.h"

namespace xinyi::billing {

std::optional<Month> Month::parse(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  Month m{std::stoi(std::string(s.substr(0, 4))), std::stoi(std::string(s.substr(5, 2)))};
  if (m.year < 1990 || m.year > 2200 || m.month < 1 || m.month > 12) return std::nullopt;
  return m;
}

std::string Month::str() const { return iso_month(year % 10000, month % 100); }

Month Month::plus(int n) const {
  int i = index() + n;
  return {i / 12, i % 12 + 1};
}

std::optional<Period> Period::parse(std::string_view s) {
  if (s.size() == 7 && s[4] == '-' && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4') {
    auto y = Month::parse(std::string(s.substr(0, 4)) + "-01");
    if (!y) return std::nullopt;
    return Period{{y->year, 1 + 3 * (s[6] - '1')}, 3};
  }
  if (s.size() == 4) {
    auto y = Month::parse(std::string(s) + "-01");
    if (!y) return std::nullopt;
    return Period{*y, 12};
  }
  auto m = Month::parse(s);
  if (!m) return std::nullopt;
  return Period{*m, 1};
}

bool within_billing_horizon(const Period& p, Month now) {
  // The current period of p's kind starts at a multiple of its length (Jan, Apr, Jul, Oct …).
  Month start{now.year, 1 + ((now.month - 1) / p.months) * p.months};
  if (p.months != 1 && p.months != 3 && p.months != 12) start = now;
  return p.first == start || p.first == start.plus(p.months);
}

std::string Period::str() const {
  if (months == 12 && first.month == 1) return std::to_string(first.year);
  if (months == 3 && first.month % 3 == 1)
    return std::to_string(first.year) + "-Q" + std::to_string(first.month / 3 + 1);
  return first.str();
}

std::int64_t fee_amount(std::int64_t rate, std::int64_t area, int months) {
  XINYI_ASSERT(rate >= 0 && rate <= kMaxRateFenPerM2Month);
  XINYI_ASSERT(area >= 0 && area <= 10'000'000);
  XINYI_ASSERT(months >= 0 && months <= kMaxPeriodMonths);
  // rate [fen/m²/month] × area [m²/100] × months = x/100 fen; half up: ⌊(x + 50) / 100⌋.
  std::int64_t x = rate * area * months;  // ≤ 1e5 × 1e7 × 12 = 1.2e13: no overflow
  return (x + 50) / 100;
}

std::vector<FeeLine> lines_for_months(
    const std::vector<std::pair<Month, std::int64_t>>& month_rates, std::int64_t area) {
  std::vector<FeeLine> out;
  for (std::size_t i = 0; i < month_rates.size(); ++i) {
    const auto& [m, rate] = month_rates[i];
    XINYI_ASSERT(i == 0 || month_rates[i - 1].first < m);
    if (!out.empty() && out.back().rate_fen == rate && out.back().to.plus(1) == m &&
        out.back().months < kMaxPeriodMonths) {
      out.back().to = m;
      ++out.back().months;
    } else {
      out.push_back({m, m, 1, rate, area, 0});
    }
  }
  for (auto& l : out) l.amount_fen = fee_amount(l.rate_fen, l.area_centi_m2, l.months);
  return out;
}

std::vector<FeeLine> fee_lines(const std::vector<Rate>& schedule_in, std::int64_t area,
                               const Period& period) {
  XINYI_ASSERT(period.months >= 1 && period.months <= kMaxPeriodMonths);
  std::vector<Rate> schedule = schedule_in;
  std::sort(schedule.begin(), schedule.end(),
            [](const Rate& a, const Rate& b) { return a.effective_from < b.effective_from; });
  std::vector<std::pair<Month, std::int64_t>> months;
  for (int k = 0; k < period.months; ++k) {
    Month m = period.first.plus(k);
    const Rate* rate = nullptr;
    for (const auto& r : schedule)
      if (r.effective_from <= m) rate = &r;
    if (rate) months.emplace_back(m, rate->rate_fen);  // not billed before the first rate
  }
  return lines_for_months(months, area);
}

std::vector<std::int64_t> allocate(std::int64_t total, const std::vector<std::int64_t>& weights) {
  XINYI_ASSERT(total >= 0);
  __int128 sum = 0;
  for (auto w : weights) {
    XINYI_ASSERT(w >= 0);
    sum += w;
  }
  XINYI_ASSERT(sum > 0);
  std::vector<std::int64_t> parts(weights.size());
  std::vector<std::pair<__int128, std::size_t>> remainders;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    __int128 exact = static_cast<__int128>(total) * weights[i];
    parts[i] = static_cast<std::int64_t>(exact / sum);
    given += parts[i];
    remainders.emplace_back(exact % sum, i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::int64_t left = total - given;
  XINYI_ASSERT(left >= 0 && left <= static_cast<std::int64_t>(weights.size()));
  for (std::int64_t k = 0; k < left; ++k) ++parts[remainders[static_cast<std::size_t>(k)].second];
  XINYI_ASSERT(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}) == total);
  return parts;
}

std::int64_t remuneration(std::int64_t costs, std::int64_t bp) {
  XINYI_ASSERT(costs >= 0 && bp >= 0 && bp <= 10'000);
  return static_cast<std::int64_t>((static_cast<__int128>(costs) * bp + 5'000) / 10'000);
}

Application apply_payment(std::vector<OpenBill> bills, std::int64_t amount) {
  XINYI_ASSERT(amount > 0);
  std::sort(bills.begin(), bills.end(), [](const OpenBill& a, const OpenBill& b) {
    return a.period_start != b.period_start ? a.period_start < b.period_start : a.id < b.id;
  });
  Application out;
  for (const auto& b : bills) {
    if (amount == 0) break;
    if (b.outstanding_fen <= 0) continue;
    std::int64_t pay = std::min(amount, b.outstanding_fen);
    out.applied.push_back({b.id, pay});
    amount -= pay;
  }
  out.prepaid_fen = amount;
  return out;
}

}  // namespace xinyi::billing
