#include "domain/ledger/canonical_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "domain/text.h"

namespace xinyi::ledger {

namespace json = boost::json;

namespace {

std::u16string utf16(std::string_view s) {
  std::u16string out;
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    char32_t cp;
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

void put_string(std::string& out, std::string_view s) {
  if (!text::is_utf8(s)) throw std::invalid_argument("JCS: string is not UTF-8");
  static const char* hex = "0123456789abcdef";
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

void put(std::string& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      out += "null";
      break;
    case json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      break;
    case json::kind::int64: {
      std::int64_t n = v.get_int64();
      if (n > (1LL << 53) || n < -(1LL << 53))
        out += es_number(static_cast<double>(n));
      else
        out += std::to_string(n);
      break;
    }
    case json::kind::uint64: {
      std::uint64_t n = v.get_uint64();
      if (n > (1ULL << 53))
        out += es_number(static_cast<double>(n));
      else
        out += std::to_string(n);
      break;
    }
    case json::kind::double_:
      out += es_number(v.get_double());
      break;
    case json::kind::string:
      put_string(out, v.get_string());
      break;
    case json::kind::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out.push_back(',');
        first = false;
        put(out, e);
      }
      out.push_back(']');
      break;
    }
    case json::kind::object: {
      const auto& o = v.get_object();
      std::vector<std::pair<std::u16string, const json::key_value_pair*>> members;
      members.reserve(o.size());
      for (const auto& kv : o) members.emplace_back(utf16(kv.key()), &kv);
      std::sort(members.begin(), members.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      out.push_back('{');
      bool first = true;
      for (const auto& [k16, kv] : members) {
        if (!first) out.push_back(',');
        first = false;
        put_string(out, kv->key());
        out.push_back(':');
        put(out, kv->value());
      }
      out.push_back('}');
      break;
    }
  }
}

}  // namespace

std::string es_number(double d) {
  if (!std::isfinite(d)) throw std::invalid_argument("JCS: number is not finite");
  if (d == 0) return "0";  // also -0
  std::string sign = d < 0 ? "-" : "";
  d = std::fabs(d);
  // Shortest round-trip digits, as d1.d2d3…e±x.
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, end);
  auto epos = sci.find('e');
  std::string digits;
  for (std::size_t i = 0; i < epos; ++i)
    if (sci[i] != '.') digits.push_back(sci[i]);
  int exp10 = std::stoi(sci.substr(epos + 1));
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int k = static_cast<int>(digits.size());
  const int n = exp10 + 1;  // value = 0.digits × 10^n
  std::string out;
  if (k <= n && n <= 21) {
    out = digits + std::string(n - k, '0');
  } else if (0 < n && n <= 21) {
    out = digits.substr(0, n) + "." + digits.substr(n);
  } else if (-6 < n && n <= 0) {
    out = "0." + std::string(-n, '0') + digits;
  } else {
    int e = n - 1;
    std::string es = (e < 0 ? "-" : "+") + std::to_string(std::abs(e));
    out = k == 1 ? digits + "e" + es : digits.substr(0, 1) + "." + digits.substr(1) + "e" + es;
  }
  return sign + out;
}

void append_jcs_string(std::string& out, std::string_view s) { put_string(out, s); }

void append_jcs_int(std::string& out, std::int64_t n) {
  if (n > (1LL << 53) || n < -(1LL << 53))
    out += es_number(static_cast<double>(n));
  else
    out += std::to_string(n);
}

std::string canonicalize(const json::value& v) {
  std::string out;
  put(out, v);
  return out;
}

}  // namespace xinyi::ledger
