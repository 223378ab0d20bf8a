#include "domain/mask.h"

#include "domain/text.h"

namespace xinyi {

std::string mask_name(std::string_view name) {
  std::string t = text::trim(name);
  if (t.empty()) return "*";
  if (!text::is_utf8(t)) return "*";
  std::size_t first = 1;
  while (first < t.size() && (static_cast<unsigned char>(t[first]) & 0xC0) == 0x80) ++first;
  std::size_t rest = text::length(t) - 1;
  if (rest == 0) return "*";  // a one-character name would show whole
  return t.substr(0, first) + std::string(rest, '*');
}

std::string mask_phone(std::string_view phone) {
  std::string digits;
  for (char c : phone)
    if (c >= '0' && c <= '9') digits.push_back(c);
  if (digits.size() == 11) return digits.substr(0, 3) + "****" + digits.substr(7);
  if (digits.size() > 4)
    return std::string(digits.size() - 4, '*') + digits.substr(digits.size() - 4);
  return std::string(digits.size() ? digits.size() : 4, '*');
}

}  // namespace xinyi
