#include "domain/bank.h"
#include "domain/date.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <map>
#include <optional>

#include "domain/ledger/books.h"
#include "domain/ledger/merkle.h"
#include "domain/text.h"

namespace xinyi::bank {

namespace {

std::string norm(const std::string& h) {
  std::string t = text::strip_spaces(h);
  for (std::string_view open : {"(", "（"}) {
    auto p = t.find(open);
    if (p != std::string::npos && p > 0) t.resize(p);
  }
  return t;
}

bool has(const std::string& s, std::string_view p) { return s.find(p) != std::string::npos; }

enum class Col { none, date, amount, income, expense, balance, counterparty, memo, serial };

Col classify(const std::string& raw, const StatementColumns& cols) {
  std::string h = norm(raw);
  if (h.empty()) return Col::none;
  auto is = [&](const std::string& want) { return !want.empty() && norm(want) == h; };
  if (is(cols.date)) return Col::date;
  if (is(cols.amount)) return Col::amount;
  if (is(cols.income)) return Col::income;
  if (is(cols.expense)) return Col::expense;
  if (is(cols.balance)) return Col::balance;
  if (is(cols.counterparty)) return Col::counterparty;
  if (is(cols.memo)) return Col::memo;
  if (is(cols.serial)) return Col::serial;
  if (has(h, "流水号") || has(h, "交易序号") || has(h, "凭证号") || h == "serial" ||
      h == "reference")
    return Col::serial;
  if ((has(h, "日期") && !has(h, "起息")) || h == "date") return Col::date;
  if (has(h, "收入") || has(h, "贷方") || h == "credit") return Col::income;
  if (has(h, "支出") || has(h, "借方") || h == "debit") return Col::expense;
  if (has(h, "余额") || h == "balance") return Col::balance;
  if (has(h, "对方户名") || has(h, "对方账户名") || has(h, "对方名称") || has(h, "交易对方") ||
      h == "counterparty")
    return Col::counterparty;
  if (has(h, "摘要") || has(h, "用途") || has(h, "附言") || has(h, "备注") || h == "memo")
    return Col::memo;
  if (has(h, "交易金额") || has(h, "发生额") || h == "金额" || h == "amount") return Col::amount;
  return Col::none;
}

}  // namespace

std::optional<std::string> parse_bank_date(std::string_view in) {
  std::string s = text::trim(in);
  if (auto sp = s.find(' '); sp != std::string::npos) s.resize(sp);  // "2025-03-01 10:22:03"
  int y = 0, m = 0, d = 0;
  std::string digits;
  for (char c : s)
    if (c >= '0' && c <= '9') digits.push_back(c);
  if (s.size() == 8 && digits.size() == 8) {
    y = std::stoi(digits.substr(0, 4));
    m = std::stoi(digits.substr(4, 2));
    d = std::stoi(digits.substr(6, 2));
  } else {
    int parts[3] = {0, 0, 0}, k = 0, nd = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      unsigned char c = s[i];
      if (c >= '0' && c <= '9') {
        parts[k] = parts[k] * 10 + (c - '0');
        if (++nd > 4) return std::nullopt;
      } else if (nd > 0) {
        if (k == 2) break;  // "日" or trailing text
        ++k;
        nd = 0;
        if (c >= 0x80)
          while (i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80)
            ++i;  // 年/月
      } else {
        return std::nullopt;
      }
    }
    if (k < 2) return std::nullopt;
    y = parts[0];
    m = parts[1];
    d = parts[2];
  }
  std::string out = iso_date(y, m, d);
  if (!ledger::valid_date(out)) return std::nullopt;
  return out;
}

std::optional<std::int64_t> parse_bank_amount(std::string_view in) {
  std::string s = text::strip_spaces(in);
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.erase(0, 1);
  }
  bool symbol = false;
  for (std::string_view sym : {"¥", "￥", "RMB", "CNY"})
    if (s.rfind(sym, 0) == 0) {
      s.erase(0, sym.size());
      symbol = true;
    }
  if (symbol && !neg && !s.empty() && s[0] == '-') {  // "¥-12"
    neg = true;
    s.erase(0, 1);
  }
  std::string digits;
  std::size_t dot = s.find('.');
  std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (frac.size() > 2) return std::nullopt;
  for (char c : frac)
    if (c < '0' || c > '9') return std::nullopt;
  for (char c : whole) {
    if (c == ',') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits.push_back(c);
  }
  if (digits.empty() || digits.size() > 12) return std::nullopt;
  std::int64_t v = std::stoll(digits) * 100;
  std::int64_t f = frac.empty() ? 0 : std::stoll(frac) * (frac.size() == 1 ? 10 : 1);
  v += f;
  return neg ? -v : v;
}

namespace {

using ColumnMap = std::map<Col, std::size_t>;

// The header row among the first 30: the first with a date column and an amount column (or
// income and expense). Its index and columns, or nullopt.
std::optional<std::pair<std::size_t, ColumnMap>> find_header(
    const std::vector<csv::Record>& records, const StatementColumns& cols) {
  for (std::size_t start = 0; start < records.size() && start < 30; ++start) {
    ColumnMap map;
    for (std::size_t i = 0; i < records[start].fields.size(); ++i) {
      Col c = classify(records[start].fields[i], cols);
      if (c != Col::none && !map.count(c)) map[c] = i;
    }
    if (map.count(Col::date) &&
        (map.count(Col::amount) || (map.count(Col::income) && map.count(Col::expense))))
      return std::make_pair(start, std::move(map));
  }
  return std::nullopt;
}

// A total row (合计, 总计, 本页…) the bank prints among the lines.
bool is_total_row(const csv::Record& r) {
  std::string first;
  for (const auto& f : r.fields)
    if (!f.empty()) {
      first = text::strip_spaces(f);
      break;
    }
  return first.rfind("合计", 0) == 0 || first.rfind("总计", 0) == 0 || first.rfind("本页", 0) == 0;
}

// The signed amount of a row: its amount column, or its income or expense (exactly one).
std::optional<std::int64_t> row_amount(const ColumnMap& map,
                                       const std::function<std::string(Col)>& cell, LineError& e) {
  if (map.count(Col::amount) && !cell(Col::amount).empty()) {
    auto a = parse_bank_amount(cell(Col::amount));
    if (!a || *a == 0) {
      e = {e.line, "金额无法识别", "cannot read the amount"};
      return std::nullopt;
    }
    return a;
  }
  std::string in = cell(Col::income), out_s = cell(Col::expense);
  auto ia = in.empty() ? std::optional<std::int64_t>(0) : parse_bank_amount(in);
  auto oa = out_s.empty() ? std::optional<std::int64_t>(0) : parse_bank_amount(out_s);
  if (!ia || !oa || *ia < 0 || *oa < 0 || (*ia == 0) == (*oa == 0)) {
    e = {e.line, "收入和支出须有且只有一项金额",
         "exactly one of income and expense must hold an amount"};
    return std::nullopt;
  }
  return *ia ? *ia : -*oa;
}

// One line below the header, or the error that keeps it out. `seen` numbers the lines without a
// serial that look alike, so each gets a serial of its own.
std::optional<StatementLine> parse_row(const csv::Record& r, const ColumnMap& map,
                                       std::map<std::string, int>& seen, LineError& e) {
  auto cell = [&](Col c) -> std::string {
    auto it = map.find(c);
    if (it == map.end() || it->second >= r.fields.size()) return "";
    return text::trim(r.fields[it->second]);
  };
  e.line = r.line;
  StatementLine l;
  l.line = r.line;
  auto date = parse_bank_date(cell(Col::date));
  if (!date) {
    e = {r.line, "日期“" + text::excerpt(cell(Col::date), 30) + "”无法识别",
         "cannot read the date \"" + text::excerpt(cell(Col::date), 30) + "\""};
    return std::nullopt;
  }
  l.date = *date;
  auto amount = row_amount(map, cell, e);
  if (!amount) return std::nullopt;
  l.amount_fen = *amount;
  if (std::llabs(l.amount_fen) > kMaxAmountFen) {
    e = {r.line, "金额超出范围", "amount out of range"};
    return std::nullopt;
  }
  if (!cell(Col::balance).empty()) {
    l.balance_fen = parse_bank_amount(cell(Col::balance));
    if (!l.balance_fen) {
      e = {r.line, "余额无法识别", "cannot read the balance"};
      return std::nullopt;
    }
  }
  // At most 200 and 400 characters, cut at a whole one; text that is not UTF-8 is dropped.
  l.counterparty = text::excerpt(cell(Col::counterparty), 200);
  l.memo = text::excerpt(cell(Col::memo), 400);
  l.serial = text::strip_spaces(cell(Col::serial));
  if (l.serial.empty()) {
    std::string key = l.date + "|" + std::to_string(l.amount_fen) + "|" +
                      (l.balance_fen ? std::to_string(*l.balance_fen) : "") + "|" + l.counterparty +
                      "|" + l.memo;
    int n = ++seen[key];
    l.serial = "h:" + ledger::to_hex(ledger::sha256(key + "|" + std::to_string(n))).substr(0, 24);
  } else if (l.serial.size() > 64) {
    e = {r.line, "流水号过长", "serial number too long"};
    return std::nullopt;
  }
  return l;
}

}  // namespace

Statement parse_statement(const std::vector<csv::Record>& records, const StatementColumns& cols) {
  Statement out;
  auto header = find_header(records, cols);
  if (!header) {
    out.errors.push_back(
        {1, "找不到表头：需要“交易日期”和“交易金额”（或“收入金额”“支出金额”）列",
         "No header row: need a date column and an amount column (or income and expense columns)"});
    return out;
  }
  const auto& [start, map] = *header;
  out.header_line = records[start].line;
  std::map<std::string, int> seen;
  for (std::size_t i = start + 1; i < records.size(); ++i) {
    const auto& r = records[i];
    if (r.blank() || is_total_row(r)) continue;
    LineError e;
    if (auto l = parse_row(r, map, seen, e))
      out.lines.push_back(std::move(*l));
    else
      out.errors.push_back(std::move(e));
  }
  std::map<std::string, int> serials;
  for (const auto& l : out.lines)
    if (auto [it, fresh] = serials.emplace(l.serial, l.line); !fresh)
      out.errors.push_back({l.line, "流水号与第 " + std::to_string(it->second) + " 行重复",
                            "serial repeats line " + std::to_string(it->second)});
  if (out.lines.empty() && out.errors.empty())
    out.errors.push_back({out.header_line, "表头下没有交易", "no lines below the header"});
  return out;
}

int days_between(const std::string& a, const std::string& b) {
  auto days = [](const std::string& d) {
    std::tm tm{};
    tm.tm_year = std::stoi(d.substr(0, 4)) - 1900;
    tm.tm_mon = std::stoi(d.substr(5, 2)) - 1;
    tm.tm_mday = std::stoi(d.substr(8, 2));
    return static_cast<long>(timegm(&tm) / 86400);
  };
  return static_cast<int>(days(b) - days(a));
}

std::vector<Match> match(const std::vector<OpenLine>& lines,
                         const std::vector<OpenPosting>& postings, int window) {
  std::vector<Match> out;
  std::map<std::int64_t, std::vector<const OpenPosting*>> by_amount;
  for (const auto& p : postings) by_amount[p.amount_fen].push_back(&p);
  std::vector<const OpenLine*> order;
  for (const auto& l : lines) order.push_back(&l);
  std::sort(order.begin(), order.end(), [](auto* a, auto* b) {
    return a->date != b->date ? a->date < b->date : a->id < b->id;
  });
  for (const auto* l : order) {
    auto it = by_amount.find(l->amount_fen);
    if (it == by_amount.end()) continue;
    auto& cands = it->second;
    int best = -1, best_gap = window + 1;
    for (std::size_t k = 0; k < cands.size(); ++k) {
      int gap = std::abs(days_between(cands[k]->date, l->date));
      if (gap < best_gap || (gap == best_gap && best >= 0 && cands[k]->idx < cands[best]->idx)) {
        best = static_cast<int>(k);
        best_gap = gap;
      }
    }
    if (best < 0 || best_gap > window) continue;
    out.push_back({l->id, cands[best]->idx, cands[best]->n});
    cands.erase(cands.begin() + best);
  }
  return out;
}

}  // namespace xinyi::bank
