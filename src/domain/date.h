// Calendar dates as the product writes them, "YYYY-MM-DD" and "YYYY-MM": one place that spells
// them (they are compared as text, so the zero padding is part of the contract). Whether a
// date is valid is ledger::valid_date's question; these only write what they are given
// (a year outside 0–9999 comes out with more or fewer digits, which valid_date then refuses).
#pragma once

#include <string>

namespace xinyi {

std::string iso_date(int year, int month, int day);
std::string iso_month(int year, int month);
// 28–31. REQUIRES: 1 ≤ month ≤ 12.
int days_in_month(int year, int month);

}  // namespace xinyi
