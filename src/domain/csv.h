// CSV as people actually export it (RFC 4180 plus the usual deviations).
//
// Input may be UTF-8 (with or without BOM), GBK/GB18030 or UTF-16 with BOM (Excel's
// "Unicode text"); it is converted to UTF-8 first. The delimiter is a comma, or a tab when
// the first lines have more tabs than commas. Quoted fields may hold delimiters, doubled
// quotes and line breaks. Each record keeps the 1-based line number on which it starts, so
// an import can name the line a person sees in their spreadsheet program.
//
// Limits (TigerBeetle: a limit on everything that grows): kMaxCsvRecords records,
// kMaxCsvFields fields per record, kMaxCsvFieldBytes per field. Exceeding one is an Error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xinyi::csv {

inline constexpr std::size_t kMaxCsvRecords = 100'000;
inline constexpr std::size_t kMaxCsvFields = 256;
inline constexpr std::size_t kMaxCsvFieldBytes = 4096;

struct Record {
  int line = 0;                     // 1-based line where the record starts
  std::vector<std::string> fields;  // trimmed of surrounding white space
  bool blank() const;               // every field empty
};

// Parses `bytes`. Throws xinyi::Error (bad_request) for an encoding it cannot read, an
// unterminated quote, or a limit exceeded.
std::vector<Record> parse(std::string_view bytes);

}  // namespace xinyi::csv
