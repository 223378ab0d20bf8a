#include "domain/ledger/journal.h"

#include <functional>

#include "domain/date.h"
#include "domain/text.h"

namespace xinyi::ledger {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string trim(std::string_view s) { return text::trim(s); }

// "2025/3/1" → "2025-03-01"; nullopt if not a date.
std::optional<std::string> norm_date(std::string_view d) {
  int parts[3] = {0, 0, 0}, k = 0, digits = 0;
  char sep = 0;
  for (char c : d) {
    if (c >= '0' && c <= '9') {
      parts[k] = parts[k] * 10 + (c - '0');
      if (++digits > 4) return std::nullopt;
    } else if ((c == '-' || c == '/' || c == '.') && k < 2 && digits > 0 && (!sep || sep == c)) {
      sep = c;
      ++k;
      digits = 0;
    } else {
      return std::nullopt;
    }
  }
  if (k != 2 || digits == 0) return std::nullopt;
  std::string out = iso_date(parts[0], parts[1], parts[2]);
  if (!valid_date(out)) return std::nullopt;
  return out;
}

std::string tag_value(std::string_view comment, std::string_view tag) {
  for (std::size_t p = comment.find(tag); p != std::string_view::npos;
       p = comment.find(tag, p + 1)) {
    if (p > 0 && !is_space(comment[p - 1]) && comment[p - 1] != ',' && comment[p - 1] != ';')
      continue;
    std::size_t start = p + tag.size();
    std::size_t end = comment.find(',', start);
    return trim(comment.substr(
        start, end == std::string_view::npos ? std::string_view::npos : end - start));
  }
  return "";
}

}  // namespace

std::optional<std::int64_t> parse_journal_amount(std::string_view in) {
  std::string s = text::strip_spaces(in);
  bool neg = false;
  auto strip_prefix = [&](std::string_view p) {
    if (s.rfind(p, 0) == 0) {
      s.erase(0, p.size());
      return true;
    }
    return false;
  };
  auto strip_suffix = [&](std::string_view p) {
    if (s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0) {
      s.resize(s.size() - p.size());
      return true;
    }
    return false;
  };
  if (strip_prefix("-")) neg = true;
  bool commodity =
      strip_prefix("¥") || strip_prefix("￥") || strip_prefix("CNY") || strip_prefix("RMB");
  if (!neg && strip_prefix("-")) neg = true;
  if (!commodity) commodity = strip_suffix("CNY") || strip_suffix("RMB") || strip_suffix("元");
  if (s.empty()) return std::nullopt;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == '.' || c == ','))
      return std::nullopt;  // another commodity
  // Thousands separators must group by three before the decimal point.
  std::string digits;
  std::size_t dot = s.find('.');
  std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (frac.size() > 2 || frac.find_first_of(".,") != std::string::npos) return std::nullopt;
  if (whole.find(',') != std::string::npos) {
    // Groups of three after a first group of one to three digits: 1,234,567.
    std::size_t group = 0, start = 0;
    for (std::size_t i = 0; i <= whole.size(); ++i) {
      if (i < whole.size() && whole[i] != ',') continue;
      std::size_t len = i - start;
      if ((group == 0 && (len < 1 || len > 3)) || (group > 0 && len != 3)) return std::nullopt;
      digits += whole.substr(start, len);
      start = i + 1;
      ++group;
    }
  } else {
    digits = whole;
  }
  if (digits.empty() || digits.size() > 12) return std::nullopt;
  std::int64_t v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  std::int64_t f = 0;
  for (char c : frac) f = f * 10 + (c - '0');
  if (frac.size() == 1) f *= 10;
  v = v * 100 + f;
  return neg ? -v : v;
}

namespace {

using ErrorSink = std::function<void(int, std::string, std::string)>;

// A line at the left margin: a transaction's date and description (the transaction it opens,
// appended to `out`), a directive we pass over, or an error. Answers the open transaction.
JournalTxn* read_unindented(std::string_view line, int line_no, JournalParse& out,
                            const ErrorSink& err) {
  const char c0 = line[0];
  if (c0 >= '0' && c0 <= '9') {
    std::size_t sp = 0;
    while (sp < line.size() && !is_space(line[sp])) ++sp;
    auto date = norm_date(line.substr(0, sp));
    if (!date) {
      err(line_no, "日期无法识别", "cannot read the date");
      return nullptr;
    }
    std::string rest = trim(line.substr(sp));
    if (auto sc = rest.find(';'); sc != std::string::npos) rest = trim(rest.substr(0, sc));
    if (!rest.empty() && (rest[0] == '*' || rest[0] == '!')) rest = trim(rest.substr(1));
    if (!rest.empty() && rest[0] == '(') {
      auto close = rest.find(')');
      rest = close == std::string::npos ? rest : trim(rest.substr(close + 1));
    }
    if (rest.empty()) rest = "（无摘要）";
    if (!text::is_utf8(rest)) {
      err(line_no, "摘要不是 UTF-8 文本", "the description is not UTF-8 text");
      return nullptr;
    }
    out.txns.push_back({line_no, *date, rest, {}});
    return &out.txns.back();
  }
  std::string word(line.substr(0, line.find_first_of(" \t")));
  if (word == "account" || word == "commodity" || word == "decimal-mark" || word == "D" ||
      word == "P" || word == "payee" || word == "tag" || word == "year" || word == "Y")
    return nullptr;
  err(line_no, "无法识别的行（不支持 " + text::excerpt(word, 20) + "）",
      "unsupported line (" + text::excerpt(word, 20) + ")");
  return nullptr;
}

// An indented line of the open transaction `cur`: a posting (account, amount, courtyard tag) or
// a comment.
void read_posting(std::string body, int line_no, JournalTxn* cur, const ErrorSink& err) {
  if (body[0] == ';' || body[0] == '#') return;
  if (!cur) {
    err(line_no, "分录不属于任何交易", "a posting outside any transaction");
    return;
  }
  std::string comment;
  if (auto sc = body.find(';'); sc != std::string::npos) {
    comment = body.substr(sc + 1);
    body = trim(body.substr(0, sc));
  }
  std::size_t split = std::string::npos;
  for (std::size_t i = 0; i + 1 < body.size(); ++i)
    if (body[i] == '\t' || (body[i] == ' ' && body[i + 1] == ' ')) {
      split = i;
      break;
    }
  if (body.find('\t') != std::string::npos && body.find('\t') < split) split = body.find('\t');
  std::string account = trim(body.substr(0, split));
  std::string amount = split == std::string::npos ? "" : trim(body.substr(split));
  if (account.empty() || account[0] == '(' || account[0] == '[') {
    err(line_no, "不支持虚拟分录", "virtual postings are not supported");
    return;
  }
  if (amount.find('=') != std::string::npos || amount.find('@') != std::string::npos) {
    err(line_no, "不支持余额断言或汇率", "balance assertions and prices are not supported");
    return;
  }
  JournalPosting p;
  p.line = line_no;
  p.account = account;
  if (!amount.empty()) {
    p.amount_fen = parse_journal_amount(amount);
    if (!p.amount_fen) {
      err(line_no, "金额“" + text::excerpt(amount, 40) + "”无法识别（只接受人民币，最多两位小数）",
          "cannot read the amount \"" + text::excerpt(amount, 40) +
              "\" (CNY only, at most two decimals)");
      return;
    }
  }
  p.courtyard = tag_value(comment, "courtyard:");
  if (p.courtyard.empty()) p.courtyard = tag_value(comment, "院落:");
  cur->postings.push_back(std::move(p));
}

}  // namespace

JournalParse parse_journal(std::string_view text) {
  JournalParse out;
  const ErrorSink err = [&](int line, std::string zh, std::string en) {
    if (out.errors.size() < kMaxJournalErrors)
      out.errors.push_back({line, std::move(zh), std::move(en)});
  };
  JournalTxn* cur = nullptr;
  int line_no = 0;
  std::size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (end == text.size() && line.empty()) break;
    if (trim(line).empty()) {
      cur = nullptr;
      continue;
    }
    char c0 = line[0];
    if (c0 == ';' || c0 == '#' || c0 == '*' || c0 == '%' || c0 == '|') continue;
    if (!is_space(c0))
      cur = read_unindented(line, line_no, out, err);
    else
      read_posting(trim(line), line_no, cur, err);
  }
  return out;
}

std::string journal_account_name(const Account& a) {
  const char* top = a.type == AccountType::asset       ? "assets"
                    : a.type == AccountType::liability ? "liabilities"
                    : a.type == AccountType::fund      ? "equity"
                    : a.type == AccountType::income    ? "revenues"
                                                       : "expenses";
  return std::string(top) + ":" + a.code + ":" + a.name_zh;
}

Resolved resolve_journal(const std::vector<JournalTxn>& txns, const std::vector<Account>& chart,
                         const std::map<std::string, std::int64_t>& courtyards,
                         const std::string& kind) {
  Resolved out;
  std::map<std::string, std::string> by_name;
  for (const auto& a : chart) {
    by_name[a.code] = a.code;
    by_name[a.name_zh] = a.code;
    by_name[a.name_en] = a.code;
  }
  std::map<std::string, std::string> cache;
  auto err = [&](int line, std::string zh, std::string en) {
    if (out.errors.size() < kMaxJournalErrors)
      out.errors.push_back({line, std::move(zh), std::move(en)});
  };
  for (const auto& jt : txns) {
    Transaction t;
    t.date = jt.date;
    t.kind = kind;
    t.description = jt.description;
    if (text::length(t.description) > kMaxDescriptionChars)
      t.description = text::excerpt(t.description, kMaxDescriptionChars);
    bool ok = true;
    const JournalPosting* elided = nullptr;
    std::int64_t sum = 0;
    for (const auto& p : jt.postings) {
      auto it = cache.find(p.account);
      std::string code;
      if (it != cache.end()) {
        code = it->second;
      } else {
        std::vector<std::string> parts;
        std::size_t s = 0;
        for (std::size_t i = 0; i <= p.account.size(); ++i)
          if (i == p.account.size() || p.account[i] == ':') {
            parts.push_back(p.account.substr(s, i - s));
            s = i + 1;
          }
        for (const auto& part : parts)
          if (part.size() == 4 && find_account(chart, part)) code = part;
        if (code.empty() && by_name.count(p.account)) code = by_name[p.account];
        if (code.empty() && by_name.count(trim(parts.back()))) code = by_name[trim(parts.back())];
        cache[p.account] = code;
      }
      if (code.empty()) {
        err(p.line, "科目“" + text::excerpt(p.account, 60) + "”不在本小区的科目表中",
            "unknown account \"" + text::excerpt(p.account, 60) + "\"");
        ok = false;
        continue;
      }
      std::int64_t yard = 0;
      if (!p.courtyard.empty()) {
        auto y = courtyards.find(p.courtyard);
        if (y == courtyards.end()) {
          err(p.line, "院落“" + text::excerpt(p.courtyard, 40) + "”不存在",
              "unknown courtyard \"" + text::excerpt(p.courtyard, 40) + "\"");
          ok = false;
          continue;
        }
        yard = y->second;
      }
      if (!p.amount_fen) {
        if (elided) {
          err(p.line, "一笔交易只能有一行省略金额",
              "only one posting per transaction may omit its amount");
          ok = false;
        }
        elided = &p;
      } else {
        sum += *p.amount_fen;
      }
      t.postings.push_back({code, p.amount_fen.value_or(0), yard});
    }
    if (!ok) continue;
    if (elided) {
      for (auto& p : t.postings)
        if (p.amount_fen == 0) p.amount_fen = -sum;
    } else if (sum != 0) {
      err(jt.line, "借贷不平：合计 " + format_yuan(sum),
          "unbalanced: the postings sum to " + format_yuan(sum));
      continue;
    }
    out.txns.push_back(std::move(t));
    out.lines.push_back(jt.line);
  }
  return out;
}

std::string format_journal(const std::vector<Transaction>& txns, const std::vector<Account>& chart,
                           const std::map<std::int64_t, std::string>& yards,
                           const std::string& header) {
  std::string out;
  out.reserve(txns.size() * 200);
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t e = header.find('\n', start);
    if (e == std::string::npos) e = header.size();
    out += "; " + header.substr(start, e - start) + "\n";
    start = e + 1;
  }
  out += "\n";
  for (const auto& a : chart) out += "account " + journal_account_name(a) + "\n";
  out += "commodity 1000.00 CNY\n\n";
  std::map<std::string, std::string> names;
  for (const auto& a : chart) names[a.code] = journal_account_name(a);
  for (const auto& t : txns) {
    std::string desc = t.description;
    for (auto& ch : desc)
      if (ch == ';' || ch == '\n') ch = ' ';
    out += t.date + " " + desc + "  ; xinyi:" + std::to_string(t.index) + ", kind:" + t.kind + "\n";
    for (const auto& p : t.postings) {
      std::int64_t v = p.amount_fen < 0 ? -p.amount_fen : p.amount_fen;
      char amt[40];
      std::snprintf(amt, sizeof amt, "%s%lld.%02lld CNY", p.amount_fen < 0 ? "-" : "",
                    static_cast<long long>(v / 100), static_cast<long long>(v % 100));
      out += "    " + names[p.account] + "  " + amt;
      if (p.courtyard_id) {
        auto y = yards.find(p.courtyard_id);
        out += "  ; courtyard:" + (y != yards.end() ? y->second : std::to_string(p.courtyard_id));
      }
      out += "\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace xinyi::ledger
