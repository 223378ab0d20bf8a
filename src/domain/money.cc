#include "domain/money.h"

#include <ostream>

#include "domain/assert.h"
#include "domain/text.h"

namespace xinyi {

Fen& Fen::operator+=(Fen other) {
  XINYI_ASSERT(!__builtin_add_overflow(value, other.value, &value));
  return *this;
}

Fen& Fen::operator-=(Fen other) {
  XINYI_ASSERT(!__builtin_sub_overflow(value, other.value, &value));
  return *this;
}

std::ostream& operator<<(std::ostream& out, Fen amount) { return out << format_yuan(amount); }

std::optional<std::int64_t> parse_centi(std::string_view in) {
  std::string s = text::strip_spaces(in);
  for (std::string_view suffix : {"平方米", "平米", "㎡", "m²", "M²", "m2", "M2"}) {
    if (s.size() > suffix.size() && s.ends_with(suffix)) {
      s.resize(s.size() - suffix.size());
      break;
    }
  }
  if (s.empty()) return std::nullopt;
  std::int64_t whole = 0;
  std::size_t i = 0;
  int digits = 0;
  bool last_comma = false;
  for (; i < s.size() && s[i] != '.'; ++i) {
    char c = s[i];
    if (c == ',') {
      if (digits == 0 || last_comma) return std::nullopt;
      last_comma = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    last_comma = false;
    if (whole > (INT64_MAX / 100 - 9) / 10) return std::nullopt;
    whole = whole * 10 + (c - '0');
    ++digits;
  }
  if (digits == 0 || last_comma) return std::nullopt;
  std::int64_t frac = 0;
  if (i < s.size()) {
    ++i;  // '.'
    std::size_t nfrac = s.size() - i;
    if (nfrac == 0 || nfrac > 2) return std::nullopt;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      frac = frac * 10 + (s[i] - '0');
    }
    if (nfrac == 1) frac *= 10;
  }
  return whole * 100 + frac;
}

std::string format_centi(std::int64_t centi) {
  bool neg = centi < 0;
  std::uint64_t v = neg ? 0 - static_cast<std::uint64_t>(centi) : centi;
  std::string frac = std::to_string(v % 100);
  if (frac.size() < 2) frac = "0" + frac;
  return (neg ? "-" : "") + std::to_string(v / 100) + "." + frac;
}

std::string format_yuan(std::int64_t fen) {
  bool neg = fen < 0;
  std::uint64_t v = neg ? 0 - static_cast<std::uint64_t>(fen) : fen;
  std::string whole = std::to_string(v / 100);
  std::string grouped;
  int k = 0;
  for (auto it = whole.rbegin(); it != whole.rend(); ++it, ++k) {
    if (k && k % 3 == 0) grouped.insert(grouped.begin(), ',');
    grouped.insert(grouped.begin(), *it);
  }
  std::string frac = std::to_string(v % 100);
  if (frac.size() < 2) frac = "0" + frac;
  return std::string(neg ? "-" : "") + "¥" + grouped + "." + frac;
}

}  // namespace xinyi
