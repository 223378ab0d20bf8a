#include "domain/roster.h"

#include <map>
#include <optional>
#include <string>

#include "domain/money.h"
#include "domain/text.h"

namespace xinyi::roster {

namespace {

enum class Col {
  none,
  courtyard,
  label,
  building,
  entrance,
  number,
  area,
  name,
  phone,
  id,
  relation,
  note
};

// Header text without spaces, without a parenthesised unit suffix, ASCII lower-cased.
std::string normalize_header(const std::string& h) {
  std::string t = text::strip_spaces(h);
  for (std::string_view open : {"(", "（", "["}) {
    auto p = t.find(open);
    if (p != std::string::npos && p > 0) t.resize(p);
  }
  for (char& c : t)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return t;
}

bool has(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

Col classify(const std::string& raw, bool* interior) {
  std::string h = normalize_header(raw);
  if (h.empty()) return Col::none;
  if (has(h, "面积") || h == "area") {
    *interior = has(h, "套内");
    return Col::area;
  }
  if (has(h, "身份证") || has(h, "证件")) return Col::id;
  if (has(h, "电话") || has(h, "手机") || h == "phone" || h == "mobile") return Col::phone;
  if (has(h, "院落") || h == "courtyard") return Col::courtyard;
  if (h == "楼栋" || h == "栋" || h == "楼号" || h == "幢" || h == "栋号" || h == "楼栋号" ||
      h == "building")
    return Col::building;
  if (h == "单元" || h == "单元号" || h == "entrance") return Col::entrance;
  if (h == "房号" || h == "室号" || h == "门牌号" || h == "房间号" || h == "room" || h == "number")
    return Col::number;
  if (h == "房屋" || h == "房屋编号" || h == "房屋地址" || h == "户号" || h == "房屋坐落" ||
      h == "坐落" || h == "unit")
    return Col::label;
  if (h == "业主姓名" || h == "业主" || h == "姓名" || h == "户主" || h == "产权人" ||
      h == "住户姓名" || h == "name" || h == "owner")
    return Col::name;
  if (h == "身份" || h == "类型" || h == "住户类型" || h == "relation") return Col::relation;
  if (h == "备注" || h == "note") return Col::note;
  return Col::none;
}

struct Header {
  std::map<Col, std::size_t> cols;
  bool interior = false;
  bool usable() const {
    return cols.count(Col::area) && (cols.count(Col::label) || cols.count(Col::number));
  }
};

Header read_header(const csv::Record& r) {
  Header h;
  for (std::size_t i = 0; i < r.fields.size(); ++i) {
    bool interior = false;
    Col c = classify(r.fields[i], &interior);
    if (c == Col::none || h.cols.count(c)) continue;
    h.cols[c] = i;
    if (c == Col::area) h.interior = interior;
  }
  // With separate building columns, a 房号 column is the number; without, a label.
  if (!h.cols.count(Col::building) && !h.cols.count(Col::label) && h.cols.count(Col::number)) {
    h.cols[Col::label] = h.cols[Col::number];
    h.cols.erase(Col::number);
  }
  return h;
}

const std::string& cell(const csv::Record& r, const Header& h, Col c) {
  static const std::string empty;
  auto it = h.cols.find(c);
  if (it == h.cols.end() || it->second >= r.fields.size()) return empty;
  return r.fields[it->second];
}

bool is_total_row(const csv::Record& r) {
  for (const auto& f : r.fields) {
    if (f.empty()) continue;
    std::string t = text::strip_spaces(f);
    return t.starts_with("合计") || t.starts_with("总计") || t.starts_with("小计");
  }
  return false;
}

bool is_developer(const std::string& name, const std::string& note) {
  return has(name, "开发商") || has(name, "房地产") || has(name, "置业") || has(note, "开发商") ||
         has(note, "未售") || has(note, "未交付");
}

// A reason a row is refused, in both languages.
struct Fault {
  std::string zh, en;
};
using MaybeFault = std::optional<Fault>;

// What a row leaves blank is taken from the rows above (a courtyard or building written once
// for a block of rows, as spreadsheets do).
struct CarriedDown {
  std::string courtyard, building;
};

MaybeFault read_courtyard(const csv::Record& r, const Header& h, CarriedDown& carried,
                          RosterRow& row) {
  std::string courtyard = cell(r, h, Col::courtyard);
  if (courtyard.empty()) courtyard = carried.courtyard;
  carried.courtyard = courtyard;
  row.courtyard = courtyard;
  if (auto e = registry::check_name("courtyard", row.courtyard.empty() ? "-" : row.courtyard))
    return Fault{"院落名称" + e->zh, "courtyard " + e->en};
  return std::nullopt;
}

MaybeFault read_address(const csv::Record& r, const Header& h, CarriedDown& carried,
                        RosterRow& row) {
  if (h.cols.count(Col::label)) {
    const std::string& label = cell(r, h, Col::label);
    auto a = registry::parse_unit_label(label);
    if (!a)
      return Fault{label.empty() ? "缺少房号" : "无法识别房号“" + label + "”（应如 3栋2单元501）",
                   label.empty()
                       ? "missing unit"
                       : "cannot read unit \"" + label + "\" (expected e.g. 3栋2单元501)"};
    row.address = *a;
  } else {
    std::string b = cell(r, h, Col::building);
    if (b.empty()) b = carried.building;
    carried.building = b;
    std::string n = text::strip_spaces(cell(r, h, Col::number));
    if (b.empty() || n.empty()) return Fault{"缺少楼栋或房号", "missing building or unit number"};
    row.address = {registry::normalize_building(b),
                   registry::normalize_entrance(cell(r, h, Col::entrance)), n};
    if (row.address.number.ends_with("室"))
      row.address.number.resize(row.address.number.size() - 3);
    if (text::length(row.address.number) > 10 || text::length(row.address.building) > 30)
      return Fault{"楼栋或房号过长", "building or number too long"};
  }
  row.label = registry::unit_label(row.address);
  return std::nullopt;
}

MaybeFault read_area(const csv::Record& r, const Header& h, RosterRow& row) {
  const std::string& area_text = cell(r, h, Col::area);
  auto area = parse_centi(area_text);
  if (!area)
    return Fault{"面积“" + area_text + "”无法识别（最多两位小数的正数）",
                 "area \"" + area_text + "\" is not a positive number with at most two decimals"};
  if (auto e = registry::check_area("area", *area)) return Fault{e->zh, e->en};
  row.area_centi_m2 = *area;
  return std::nullopt;
}

// The name and phone; a developer's unsold unit carries no person.
MaybeFault read_person(const csv::Record& r, const Header& h, RosterRow& row) {
  std::string name = text::trim(cell(r, h, Col::name));
  std::string note = cell(r, h, Col::note);
  row.developer_held = is_developer(name, note);
  if (row.developer_held) name.clear();
  if (!name.empty())
    if (auto e = registry::check_name("name", name)) return Fault{"姓名" + e->zh, "name " + e->en};
  row.name = name;
  const std::string& phone = cell(r, h, Col::phone);
  if (!phone.empty()) {
    auto p = registry::normalize_phone(phone);
    if (!p)
      return Fault{"电话号码“" + phone + "”无效", "phone number \"" + phone + "\" is not valid"};
    row.phone = *p;
  }
  if (!row.phone.empty() && row.name.empty() && !row.developer_held)
    return Fault{"有电话但缺少姓名", "phone given without a name"};
  return std::nullopt;
}

// Only the last four characters of an ID card are kept; a number already masked
// (5101**********123X) gives its last four too.
MaybeFault read_id_card(const csv::Record& r, const Header& h, RosterRow& row) {
  const std::string& id = cell(r, h, Col::id);
  if (id.empty()) return std::nullopt;
  auto l4 = registry::id_card_last4(id);
  std::string t = text::strip_spaces(id);
  if (!l4 && t.size() >= 4) {
    std::string tail = t.substr(t.size() - 4);
    bool ok = true;
    for (char& c : tail) {
      if (c == 'x') c = 'X';
      if (!((c >= '0' && c <= '9') || c == 'X')) ok = false;
    }
    if (ok) l4 = tail;
  }
  if (!l4) return Fault{"身份证号无效", "ID card number is not valid"};
  row.id_last4 = *l4;
  return std::nullopt;
}

MaybeFault read_relation(const csv::Record& r, const Header& h, RosterRow& row) {
  const std::string& rel = cell(r, h, Col::relation);
  if (rel.empty()) return std::nullopt;
  auto rr = registry::parse_relation(rel);
  if (!rr)
    return Fault{"身份“" + rel + "”无法识别（业主或租户）",
                 "relation \"" + rel + "\" must be owner or tenant"};
  row.relation = *rr;
  return std::nullopt;
}

// A unit listed again must have the same area, and the same person never twice.
MaybeFault check_repeat(const Roster& out, const RosterRow& first, const RosterRow& row) {
  if (first.area_centi_m2 != row.area_centi_m2)
    return Fault{
        "房屋 " + row.label + " 的面积与第 " + std::to_string(first.line) + " 行不一致",
        "unit " + row.label + " has a different area than on line " + std::to_string(first.line)};
  for (const auto& other : out.rows)
    if (other.label == row.label && !row.name.empty() && other.name == row.name &&
        other.phone == row.phone)
      return Fault{"房屋 " + row.label + " 的这位住户已在前面出现",
                   "this person is listed twice for unit " + row.label};
  return std::nullopt;
}

// One data row, read field by field in the order a person reads it; the first fault refuses it.
MaybeFault read_row(const csv::Record& r, const Header& h, CarriedDown& carried, RosterRow& row) {
  for (const auto& f : r.fields)
    if (text::has_control(f)) return Fault{"含有控制字符", "contains control characters"};
  row.line = r.line;
  row.area_kind = h.interior ? registry::AreaKind::interior : registry::AreaKind::gross;
  if (auto f = read_courtyard(r, h, carried, row)) return f;
  if (auto f = read_address(r, h, carried, row)) return f;
  if (auto f = read_area(r, h, row)) return f;
  if (auto f = read_person(r, h, row)) return f;
  if (auto f = read_id_card(r, h, row)) return f;
  return read_relation(r, h, row);
}

}  // namespace

Roster parse_roster(const std::vector<csv::Record>& records) {
  Roster out;
  std::size_t start = 0;
  Header header;
  for (; start < records.size() && start < 20; ++start) {
    header = read_header(records[start]);
    if (header.usable()) break;
  }
  if (!header.usable()) {
    out.errors.push_back(
        {records.empty() ? 1 : records.front().line,
         "找不到表头：需要“面积”列，以及“房号”（如 3栋2单元501）或“楼栋/单元/房号”列",
         "No header row found: need an area column and a unit column "
         "(e.g. 3栋2单元501) or building/entrance/number columns"});
    return out;
  }
  out.header_line = records[start].line;
  CarriedDown carried;
  std::map<std::string, std::size_t> first_row_of_label;  // label → index in out.rows
  for (std::size_t i = start + 1; i < records.size(); ++i) {
    const csv::Record& r = records[i];
    if (r.blank() || is_total_row(r)) continue;
    RosterRow row;
    MaybeFault fault = read_row(r, header, carried, row);
    auto seen = first_row_of_label.find(row.label);
    if (!fault && seen != first_row_of_label.end())
      fault = check_repeat(out, out.rows[seen->second], row);
    if (fault) {
      out.errors.push_back({r.line, std::move(fault->zh), std::move(fault->en)});
      continue;
    }
    if (seen == first_row_of_label.end()) first_row_of_label[row.label] = out.rows.size();
    out.rows.push_back(std::move(row));
  }
  if (out.rows.empty() && out.errors.empty())
    out.errors.push_back({out.header_line, "表头下没有数据行", "no data rows below the header"});
  return out;
}

}  // namespace xinyi::roster
