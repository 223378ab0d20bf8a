// Money and area as exact integers.
//
// Amounts are int64 fen (分, 1/100 yuan); areas are int64 hundredths of a square metre.
// Nothing here touches floating point: decimal text is parsed digit by digit, and formatting
// divides integers. Parsers return nullopt for anything they cannot read exactly (three
// decimals, signs where none belong, overflow) rather than guessing.
#pragma once

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace xinyi {

// The largest exclusive area a single unit may have: 100,000 m² (a whole block).
inline constexpr std::int64_t kMaxUnitAreaCentiM2 = 10'000'000;
// The largest amount a single posting may carry: ¥10 billion.
inline constexpr std::int64_t kMaxAmountFen = 1'000'000'000'000;

// An amount of money in fen, as the use cases take and return it. Adds and subtracts with
// other amounts only (a rate times an area is domain/billing.h's, in integers); an overflow of
// int64 is a bug, never wrapped silently. Made explicitly from a number of fen (`Fen{5000}` is
// ¥50.00) and read back with `.value`.
struct Fen {
  std::int64_t value = 0;

  constexpr Fen() = default;
  constexpr explicit Fen(std::int64_t fen) : value(fen) {}
  friend constexpr auto operator<=>(Fen, Fen) = default;
  Fen& operator+=(Fen other);
  Fen& operator-=(Fen other);
  friend Fen operator+(Fen a, Fen b) { return a += b; }
  friend Fen operator-(Fen a, Fen b) { return a -= b; }
  friend Fen operator-(Fen a) { return Fen{} - a; }
};
// "¥1,234.56" (for test failures and logs).
std::ostream& operator<<(std::ostream& out, Fen amount);

// Parses a non-negative decimal with at most two fraction digits ("89", "89.5", "1,289.50")
// into hundredths. Accepts thousands separators and surrounding spaces; an area unit suffix
// (㎡, m², m2, 平方米, 平米) is ignored. Rejects signs, exponents and more than two decimals.
std::optional<std::int64_t> parse_centi(std::string_view text);

// Formats hundredths as "1289.50" (no separators; for CSV and JSON display fields).
std::string format_centi(std::int64_t centi);

// Formats fen as "¥1,234.56" (negative as "-¥1,234.56").
std::string format_yuan(std::int64_t fen);
inline std::string format_yuan(Fen amount) { return format_yuan(amount.value); }

}  // namespace xinyi
