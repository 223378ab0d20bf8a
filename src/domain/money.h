// Money and area as exact integers.
//
// Amounts are int64 fen (分, 1/100 yuan); areas are int64 hundredths of a square metre.
// Nothing here touches floating point: decimal text is parsed digit by digit, and formatting
// divides integers. Parsers return nullopt for anything they cannot read exactly (three
// decimals, signs where none belong, overflow) rather than guessing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xinyi {

// The largest exclusive area a single unit may have: 100,000 m² (a whole block).
inline constexpr std::int64_t kMaxUnitAreaCentiM2 = 10'000'000;
// The largest amount a single posting may carry: ¥10 billion.
inline constexpr std::int64_t kMaxAmountFen = 1'000'000'000'000;

// Parses a non-negative decimal with at most two fraction digits ("89", "89.5", "1,289.50")
// into hundredths. Accepts thousands separators and surrounding spaces; an area unit suffix
// (㎡, m², m2, 平方米, 平米) is ignored. Rejects signs, exponents and more than two decimals.
std::optional<std::int64_t> parse_centi(std::string_view text);

// Formats hundredths as "1289.50" (no separators; for CSV and JSON display fields).
std::string format_centi(std::int64_t centi);

// Formats fen as "¥1,234.56" (negative as "-¥1,234.56").
std::string format_yuan(std::int64_t fen);

}  // namespace xinyi
