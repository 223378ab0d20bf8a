#include "domain/text.h"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <vector>

namespace xinyi::text {

bool is_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else
      return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000))
      return false;  // overlong
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

namespace {
// Length in bytes of a white space sequence at the start of `s`, or 0.
std::size_t space_at(std::string_view s) {
  if (s.empty()) return 0;
  unsigned char c = s[0];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
  if (s.substr(0, 3) == "\xE3\x80\x80") return 3;  // U+3000
  if (s.substr(0, 2) == "\xC2\xA0") return 2;      // U+00A0
  return 0;
}
std::size_t space_before(std::string_view s) {
  if (s.empty()) return 0;
  unsigned char c = s.back();
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
  if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") return 3;
  if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") return 2;
  return 0;
}
}  // namespace

std::string trim(std::string_view s) {
  while (std::size_t k = space_at(s)) s.remove_prefix(k);
  while (std::size_t k = space_before(s)) s.remove_suffix(k);
  return std::string(s);
}

std::string strip_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  while (!s.empty()) {
    if (std::size_t k = space_at(s)) {
      s.remove_prefix(k);
      continue;
    }
    out.push_back(s[0]);
    s.remove_prefix(1);
  }
  return out;
}

bool has_control(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if ((c < 0x20 && c != '\t') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0 &&
        static_cast<unsigned char>(s[i + 1]) >= 0x80)
      return true;  // C1 controls U+0080..U+009F
  }
  return false;
}

std::optional<std::string> gb18030_to_utf8(std::string_view s) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  std::vector<char> buf(4096);
  char* in = const_cast<char*>(s.data());
  std::size_t in_left = s.size();
  bool ok = true;
  while (in_left > 0) {
    char* o = buf.data();
    std::size_t o_left = buf.size();
    std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    out.append(buf.data(), buf.size() - o_left);
    if (r == static_cast<std::size_t>(-1) && errno != E2BIG) {
      ok = false;
      break;
    }
  }
  iconv_close(cd);
  if (!ok || !is_utf8(out)) return std::nullopt;
  return out;
}

std::optional<std::string> to_utf8(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  if (is_utf8(s)) return std::string(s);
  return gb18030_to_utf8(s);
}

std::string truncate(std::string_view s, std::size_t n) {
  std::size_t i = 0, count = 0;
  while (i < s.size() && count < n) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
      ++i;  // continuation bytes
    ++count;
  }
  return std::string(s.substr(0, i));
}

std::string excerpt(std::string_view s, std::size_t n) {
  return is_utf8(s) ? truncate(s, n) : std::string();
}

}  // namespace xinyi::text
