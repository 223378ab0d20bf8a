// Tables out, for spreadsheets: CSV (UTF-8 with a BOM, so Excel opens Chinese correctly) and
// XLSX (libxlsxwriter). Cells are text or integers: amounts travel as exact integer fen plus a
// formatted yuan text column, never as floating-point numbers.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace xinyi::report {

using Cell = std::variant<std::string, std::int64_t>;

struct Table {
  std::string title;  // the sheet name
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
};

std::string to_csv(const Table& t);
// Throws std::runtime_error if the workbook cannot be written.
std::string to_xlsx(const Table& t);

}  // namespace xinyi::report
