#include "domain/csv.h"

#include <iconv.h>

#include <cerrno>

#include "domain/error.h"
#include "domain/text.h"

namespace xinyi::csv {

bool Record::blank() const {
  for (const auto& f : fields)
    if (!f.empty()) return false;
  return true;
}

namespace {

[[noreturn]] void fail(std::string code, std::string zh, std::string en) {
  throw Error(ErrorKind::bad_request, std::move(code), std::move(zh), std::move(en));
}

std::string utf16le_to_utf8(std::string_view s) {
  iconv_t cd = iconv_open("UTF-8", "UTF-16LE");
  if (cd == reinterpret_cast<iconv_t>(-1))
    fail("csv-encoding", "无法转换文件编码", "Cannot convert encoding");
  std::string out;
  char buf[4096];
  char* in = const_cast<char*>(s.data());
  std::size_t in_left = s.size();
  while (in_left > 0) {
    char* o = buf;
    std::size_t o_left = sizeof buf;
    std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    out.append(buf, sizeof buf - o_left);
    if (r == static_cast<std::size_t>(-1) && errno != E2BIG) {
      iconv_close(cd);
      fail("csv-encoding", "文件编码无法识别（UTF-16 内容有误）",
           "The file's UTF-16 text is malformed");
    }
  }
  iconv_close(cd);
  return out;
}

std::string decode(std::string_view bytes) {
  if (bytes.substr(0, 2) == "\xFF\xFE") return utf16le_to_utf8(bytes.substr(2));
  auto u = text::to_utf8(bytes);
  if (!u)
    fail("csv-encoding", "文件编码无法识别：请另存为 UTF-8 或 GBK 编码的 CSV",
         "Unrecognised file encoding: save the sheet as CSV in UTF-8 or GBK");
  return *u;
}

char detect_delimiter(std::string_view s) {
  std::size_t commas = 0, tabs = 0, lines = 0;
  for (char c : s) {
    if (c == ',')
      ++commas;
    else if (c == '\t')
      ++tabs;
    else if (c == '\n' && ++lines >= 20)
      break;
  }
  return tabs > commas ? '\t' : ',';
}

}  // namespace

std::vector<Record> parse(std::string_view bytes) {
  const std::string s = decode(bytes);
  const char delim = detect_delimiter(s);
  std::vector<Record> out;
  Record rec;
  std::string field;
  int line = 1;
  rec.line = 1;
  bool in_quotes = false, quoted = false;
  auto end_field = [&] {
    if (rec.fields.size() >= kMaxCsvFields)
      fail("csv-too-many-fields", "第 " + std::to_string(rec.line) + " 行的列数过多",
           "Too many columns on line " + std::to_string(rec.line));
    rec.fields.push_back(quoted ? field : text::trim(field));
    field.clear();
    quoted = false;
  };
  auto end_record = [&] {
    end_field();
    if (out.size() >= kMaxCsvRecords)
      fail("csv-too-many-rows", "行数超过上限 " + std::to_string(kMaxCsvRecords),
           "More than " + std::to_string(kMaxCsvRecords) + " rows");
    out.push_back(std::move(rec));
    rec = Record{};
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else
          in_quotes = false;
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
    } else if (c == '"' && text::trim(field).empty()) {
      in_quotes = true;
      quoted = true;
      field.clear();
    } else if (c == delim) {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      end_record();
      rec.line = ++line;
    } else if (!quoted) {
      field.push_back(c);
    }  // text after a closing quote is dropped, as spreadsheet programs do
    if (field.size() > kMaxCsvFieldBytes)
      fail("csv-field-too-long", "第 " + std::to_string(rec.line) + " 行有超长的单元格",
           "A cell on line " + std::to_string(rec.line) + " is too long");
  }
  if (in_quotes)
    fail("csv-unterminated-quote", "第 " + std::to_string(rec.line) + " 行的引号没有闭合",
         "Unterminated quote starting on line " + std::to_string(rec.line));
  if (!field.empty() || !rec.fields.empty()) end_record();
  return out;
}

}  // namespace xinyi::csv
