// Tables out, for spreadsheets: CSV (UTF-8 with a BOM, so Excel opens Chinese correctly) and
// XLSX (libxlsxwriter). Cells are text or integers: amounts travel as exact integer fen plus a
// formatted yuan text column, never as floating-point numbers.
#pragma once

#include <string>

#include "domain/sheet.h"

namespace xinyi::report {

using Cell = sheet::Cell;
using Table = sheet::Table;

std::string to_csv(const Table& t);
// Throws std::runtime_error if the workbook cannot be written.
std::string to_xlsx(const Table& t);

}  // namespace xinyi::report
