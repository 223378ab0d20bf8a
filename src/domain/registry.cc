#include "domain/registry.h"

#include <array>
#include <regex>

#include "domain/money.h"
#include "domain/text.h"

namespace xinyi::registry {

namespace {
constexpr std::array<std::pair<Model, std::string_view>, 5> kModels{{
    {Model::hourly, "hourly"},
    {Model::committee, "committee"},
    {Model::community_run, "community_run"},
    {Model::merged, "merged"},
    {Model::charity, "charity"},
}};
}  // namespace

std::string_view to_string(Model m) {
  for (auto& [k, v] : kModels)
    if (k == m) return v;
  return "hourly";
}

std::optional<Model> parse_model(std::string_view s) {
  for (auto& [k, v] : kModels)
    if (v == s) return k;
  return std::nullopt;
}

std::string_view to_string(Relation r) { return r == Relation::owner ? "owner" : "tenant"; }

std::optional<Relation> parse_relation(std::string_view s) {
  std::string t = text::strip_spaces(s);
  if (t == "owner" || t == "业主" || t == "产权人" || t == "户主") return Relation::owner;
  if (t == "tenant" || t == "租户" || t == "租客" || t == "承租人") return Relation::tenant;
  return std::nullopt;
}

std::string_view to_string(AreaKind k) { return k == AreaKind::gross ? "gross" : "interior"; }

std::optional<AreaKind> parse_area_kind(std::string_view s) {
  if (s == "gross" || s == "建筑面积") return AreaKind::gross;
  if (s == "interior" || s == "套内面积") return AreaKind::interior;
  return std::nullopt;
}

namespace {
bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}
}  // namespace

std::string normalize_building(std::string_view b) {
  std::string t = text::strip_spaces(b);
  if (all_digits(t)) return t + "栋";
  if (t.ends_with("幢")) return t.substr(0, t.size() - 3) + "栋";
  if (t.ends_with("号楼") && all_digits(t.substr(0, t.size() - 6)))
    return t.substr(0, t.size() - 6) + "栋";
  return t;
}

std::string normalize_entrance(std::string_view e) {
  std::string t = text::strip_spaces(e);
  if (all_digits(t)) return t + "单元";
  return t;
}

std::optional<UnitAddress> parse_unit_label(std::string_view label) {
  std::string s = text::strip_spaces(label);
  if (s.empty() || !text::is_utf8(s) || s.size() > 120) return std::nullopt;
  // "3-2-501" / "3-501"
  static const std::regex dashed(R"(^(\d{1,4})-(?:(\d{1,3})-)?([0-9A-Za-z]{1,8})$)");
  // "3栋2单元501室", "12号楼1单元302", "3幢501", "A栋2单元501"
  static const std::regex written(
      R"(^(.{1,30}?(?:栋|幢|号楼|楼))(?:(\d{1,3})单元)?([0-9A-Za-z\-]{1,10})(?:室|号)?$)");
  std::smatch m;
  if (std::regex_match(s, m, dashed)) {
    UnitAddress a{normalize_building(m[1].str()),
                  m[2].matched ? normalize_entrance(m[2].str()) : "", m[3].str()};
    return a;
  }
  if (std::regex_match(s, m, written)) {
    UnitAddress a{normalize_building(m[1].str()), m[2].matched ? m[2].str() + "单元" : "",
                  m[3].str()};
    return a;
  }
  return std::nullopt;
}

std::string unit_label(const UnitAddress& a) { return a.building + a.entrance + a.number; }

std::optional<FieldError> check_name(std::string_view field, std::string_view value,
                                     std::size_t max_chars) {
  if (!text::is_utf8(value))
    return FieldError{std::string(field), "不是有效的 UTF-8 文本", "is not valid UTF-8 text"};
  std::string t = text::trim(value);
  if (t.empty()) return FieldError{std::string(field), "不能为空", "must not be empty"};
  if (text::length(t) > max_chars)
    return FieldError{std::string(field), "不能超过 " + std::to_string(max_chars) + " 个字",
                      "must be at most " + std::to_string(max_chars) + " characters"};
  if (text::has_control(t))
    return FieldError{std::string(field), "含有控制字符", "contains control characters"};
  return std::nullopt;
}

std::optional<FieldError> check_area(std::string_view field, std::int64_t area) {
  if (area <= 0)
    return FieldError{std::string(field), "面积必须大于 0", "area must be greater than 0"};
  if (area > kMaxUnitAreaCentiM2)
    return FieldError{std::string(field), "面积超过上限 100000 平方米",
                      "area exceeds the limit of 100000 m²"};
  return std::nullopt;
}

std::optional<std::string> normalize_phone(std::string_view phone) {
  std::string d;
  std::string t = text::strip_spaces(phone);
  std::size_t i = 0;
  if (t.starts_with("+86")) i = 3;
  for (; i < t.size(); ++i) {
    char c = t[i];
    if (c >= '0' && c <= '9')
      d.push_back(c);
    else if (c != '-' && c != '(' && c != ')')
      return std::nullopt;
  }
  if (d.size() == 13 && d.starts_with("86") && d[2] == '1') d = d.substr(2);
  if (d.size() == 11 && d[0] == '1') return d[1] >= '3' ? std::optional(d) : std::nullopt;
  if (d.size() >= 7 && d.size() <= 12 && d[0] != '1') return d;
  return std::nullopt;
}

std::optional<std::string> id_card_last4(std::string_view id) {
  std::string t = text::strip_spaces(id);
  if (t.size() != 15 && t.size() != 18) return std::nullopt;
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    bool last = i + 1 == t.size();
    if (!(c >= '0' && c <= '9') && !(last && (c == 'X' || c == 'x'))) return std::nullopt;
  }
  std::string l = t.substr(t.size() - 4);
  if (l.back() == 'x') l.back() = 'X';
  return l;
}

std::optional<std::string> normalize_invite_code(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (kInviteAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    out.push_back(c);
  }
  if (out.size() != kInviteCodeLength) return std::nullopt;
  return out;
}

}  // namespace xinyi::registry
