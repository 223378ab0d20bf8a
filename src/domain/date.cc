#include "domain/date.h"

#include <fmt/format.h>

#include "domain/assert.h"

namespace xinyi {

std::string iso_date(int year, int month, int day) {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::string iso_month(int year, int month) { return fmt::format("{:04}-{:02}", year, month); }

int days_in_month(int year, int month) {
  XINYI_ASSERT(month >= 1 && month <= 12);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

}  // namespace xinyi
