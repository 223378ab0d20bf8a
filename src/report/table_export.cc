#include "report/table_export.h"

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace xinyi::report {

namespace {
// A text cell that begins with = + - @ (or a tab or carriage return, which spreadsheets skip)
// would be read as a formula (CSV injection): it is kept text by a leading apostrophe.
bool formula_like(const std::string& s) {
  return !s.empty() &&
         (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

std::string csv_field(const std::string& s) {
  const bool neutralise = formula_like(s);
  bool quote = neutralise || s.find_first_of(",\"\r\n") != std::string::npos;
  if (!quote) return s;
  std::string out = "\"";
  if (neutralise) out += "'";
  for (char c : s) {
    if (c == '"')
      out += "\"\"";
    else
      out.push_back(c);
  }
  return out + "\"";
}
}  // namespace

std::string to_csv(const Table& t) {
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < t.headers.size(); ++i)
    out += (i ? "," : "") + csv_field(t.headers[i]);
  out += "\r\n";
  for (const auto& r : t.rows) {
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (i) out += ",";
      if (const auto* n = std::get_if<std::int64_t>(&r[i]))
        out += std::to_string(*n);
      else
        out += csv_field(std::get<std::string>(r[i]));
    }
    out += "\r\n";
  }
  return out;
}

std::string to_xlsx(const Table& t) {
  std::random_device rd;
  auto path = std::filesystem::temp_directory_path() /
              ("xinyi-export-" + std::to_string(rd()) + std::to_string(rd()) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("cannot create the workbook");
  lxw_worksheet* ws =
      workbook_add_worksheet(wb, t.title.empty() ? nullptr : t.title.substr(0, 31).c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (std::size_t c = 0; c < t.headers.size(); ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.headers[c].c_str(), bold);
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
      auto row = static_cast<lxw_row_t>(r + 1);
      auto col = static_cast<lxw_col_t>(c);
      if (const auto* n = std::get_if<std::int64_t>(&t.rows[r][c]))
        worksheet_write_number(ws, row, col, static_cast<double>(*n),
                               nullptr);  // integers below 2^53: exact
      else
        worksheet_write_string(ws, row, col, std::get<std::string>(t.rows[r][c]).c_str(), nullptr);
    }
  worksheet_set_column(ws, 0, static_cast<lxw_col_t>(t.headers.size()), 14, nullptr);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    std::filesystem::remove(path);
    throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(err));
  }
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  std::filesystem::remove(path);
  return ss.str();
}

}  // namespace xinyi::report
