// A table for a spreadsheet: what an export is before it becomes CSV or XLSX (report/). Cells are
// text or integers: amounts travel as exact integer fen plus a formatted yuan text column, never
// as floating-point numbers.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace xinyi::sheet {

using Cell = std::variant<std::string, std::int64_t>;

struct Table {
  std::string title;  // the sheet name
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
};

}  // namespace xinyi::sheet
