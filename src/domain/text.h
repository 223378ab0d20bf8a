// Small, pure text helpers shared by the domain: UTF-8 validation and length, trimming,
// and GBK→UTF-8 conversion for spreadsheets exported by Chinese office software.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace xinyi::text {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool is_utf8(std::string_view s);

// Number of code points. REQUIRES: is_utf8(s).
std::size_t length(std::string_view s);

// The first `n` code points of `s`. REQUIRES: is_utf8(s).
std::string truncate(std::string_view s, std::size_t n);

// At most `n` code points of `s`, cut at a whole one, to quote in a message or keep as a
// shortened text; text that is not UTF-8 becomes "" (a byte count would split a character and
// leave a string no JSON reader or PostgreSQL accepts).
std::string excerpt(std::string_view s, std::size_t n);

// Removes ASCII white space, U+3000 (ideographic space) and U+00A0 at both ends.
std::string trim(std::string_view s);

// Removes every white space character (ASCII, U+3000, U+00A0) anywhere in `s`.
std::string strip_spaces(std::string_view s);

// True when `s` has a C0/C1 control character other than tab.
bool has_control(std::string_view s);

// Converts GB18030 (a superset of GBK and GB2312) to UTF-8; nullopt when the bytes are not
// valid GB18030 either.
std::optional<std::string> gb18030_to_utf8(std::string_view s);

// Returns `s` as UTF-8: unchanged when already UTF-8 (a leading BOM removed), converted
// when it is GBK/GB18030, nullopt when it is neither.
std::optional<std::string> to_utf8(std::string_view s);

}  // namespace xinyi::text
