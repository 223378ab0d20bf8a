#include "domain/ledger/books.h"

#include <boost/json.hpp>
#include <set>

#include "domain/assert.h"
#include "domain/ledger/canonical_json.h"
#include "domain/mask.h"
#include "domain/money.h"
#include "domain/text.h"

namespace xinyi::ledger {

namespace json = boost::json;

std::string_view to_string(AccountType t) {
  switch (t) {
    case AccountType::asset:
      return "asset";
    case AccountType::liability:
      return "liability";
    case AccountType::fund:
      return "fund";
    case AccountType::income:
      return "income";
    case AccountType::expense:
      return "expense";
  }
  return "asset";
}

const std::vector<Account>& chart_template() {
  using T = AccountType;
  static const std::vector<Account> chart = {
      {"1001", "银行存款·基本户", "Bank: basic account", T::asset, true, false, false},
      {"1002", "银行存款·慈善基金专户", "Bank: charity fund account", T::asset, true, true, false},
      {"1003", "银行存款·维修资金专户", "Bank: maintenance fund account", T::asset, true, false,
       false},
      {"1009", "库存现金", "Cash on hand", T::asset, true, false, false},
      {"1101", "应收物业费", "Property fees receivable", T::asset, false, false, false},
      {"2001", "应付受托人款", "Payable to the trustee", T::liability, false, false, true},
      {"2002", "预收物业费", "Prepaid property fees", T::liability, false, false, false},
      {"2003", "押金", "Deposits held", T::liability, false, false, false},
      {"3001", "公共基金", "Common fund", T::fund, false, false, false},
      {"3002", "慈善基金", "Charity fund", T::fund, false, true, false},
      {"3003", "专项维修资金", "Maintenance fund", T::fund, false, false, false},
      {"4001", "物业费收入", "Property fees", T::income, false, false, false},
      {"4002", "停车收入", "Parking", T::income, false, false, false},
      {"4003", "广告收入", "Advertising", T::income, false, false, false},
      {"4004", "公共部位租金", "Rent of common parts", T::income, false, false, false},
      {"4005", "捐赠收入", "Donations", T::income, false, true, false},
      {"4006", "利息收入", "Interest", T::income, false, false, false},
      {"4007", "众筹收入", "Crowdfunding", T::income, false, false, false},
      {"4008", "政府补贴", "Government subsidy", T::income, false, false, false},
      {"5001", "保洁", "Cleaning", T::expense, false, false, false},
      {"5002", "绿化", "Greening", T::expense, false, false, false},
      {"5003", "维修", "Repairs", T::expense, false, false, false},
      {"5004", "工资及补贴", "Wages and stipends", T::expense, false, false, true},
      {"5005", "保险", "Insurance", T::expense, false, false, false},
      {"5006", "水电", "Utilities", T::expense, false, false, false},
      {"5007", "受托人酬金", "Trustee remuneration", T::expense, false, false, true},
      {"5008", "更新改造", "Renewal projects", T::expense, false, false, false},
      {"5009", "帮扶支出", "Aid to households", T::expense, false, false, false},
      {"5010", "公益活动", "Public activities", T::expense, false, false, false},
      {"5011", "银行手续费", "Bank charges", T::expense, false, false, false},
  };
  return chart;
}

const Account* find_account(const std::vector<Account>& chart, std::string_view code) {
  for (const auto& a : chart)
    if (a.code == code) return &a;
  return nullptr;
}

bool is_charity_use(std::string_view code) {
  return code == "5008" || code == "5009" || code == "5010";
}

bool valid_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  int y = std::stoi(std::string(d.substr(0, 4))), m = std::stoi(std::string(d.substr(5, 2))),
      day = std::stoi(std::string(d.substr(8, 2)));
  if (y < 1990 || y > 2200 || m < 1 || m > 12 || day < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 1 : 0);
  return day <= max;
}

std::vector<FieldError> validate(const Transaction& t, const std::vector<Account>& chart,
                                 const std::function<bool(std::int64_t)>& courtyard_ok) {
  std::vector<FieldError> errs;
  auto err = [&](std::string f, std::string zh, std::string en) {
    errs.push_back({std::move(f), std::move(zh), std::move(en)});
  };
  if (!valid_date(t.date))
    err("date", "日期无效（应为 YYYY-MM-DD）", "is not a valid date (YYYY-MM-DD)");
  if (!text::is_utf8(t.description) || text::trim(t.description).empty() ||
      text::length(t.description) > kMaxDescriptionChars || text::has_control(t.description))
    err("description", "摘要必须是 1–200 字的文本", "must be 1–200 characters of text");
  if (t.postings.size() < 2 || t.postings.size() > kMaxPostings)
    err("postings", "分录须有 2–64 行", "must have 2 to 64 postings");
  if (t.vouchers.size() > kMaxVouchersPerEntry) err("vouchers", "凭证过多", "too many vouchers");
  std::int64_t sum = 0;
  bool cash_out = false, charity_in = false, pays_trustee = false, other_use = false;
  for (std::size_t i = 0; i < t.postings.size() && i < kMaxPostings; ++i) {
    const Posting& p = t.postings[i];
    std::string f = "postings[" + std::to_string(i) + "]";
    const Account* a = find_account(chart, p.account);
    if (!a)
      err(f + ".account", "科目不存在：" + text::excerpt(p.account, 20),
          "unknown account: " + text::excerpt(p.account, 20));
    if (p.amount_fen == 0 || p.amount_fen > kMaxAmountFen || p.amount_fen < -kMaxAmountFen) {
      err(f + ".amount_fen", "金额必须非零且不超过 100 亿元",
          "must be non-zero and at most ¥10,000,000,000.00");
      continue;
    }
    if (p.courtyard_id < 0 || (p.courtyard_id != 0 && !courtyard_ok(p.courtyard_id)))
      err(f + ".courtyard_id", "院落不属于本小区", "is not a courtyard of this compound");
    sum += p.amount_fen;
    if (a && a->cash && p.amount_fen < 0) cash_out = true;
    if (a && a->charity && p.amount_fen < 0) charity_in = true;
    if (a && a->trustee_pay && p.amount_fen > 0) pays_trustee = true;
    // While charity money is credited, every debit must be charity money itself (a donation's
    // reversal, an opening), an approved use, or the charity account's own bank charges — never a
    // liability, another fund or another expense.
    if (a && p.amount_fen > 0 && !a->charity && !is_charity_use(a->code) && a->code != "5011")
      other_use = true;
  }
  if (sum != 0 && errs.empty())
    err("postings", "借贷不平：合计 " + format_yuan(sum),
        "unbalanced: postings sum to " + format_yuan(sum));
  if (cash_out && t.kind == "journal")
    err("postings", "资金流出账户须经共管审批（请发起支出申请）",
        "money leaves a bank or cash account only through a co-managed disbursement");
  if (charity_in && pays_trustee)
    err("postings", "慈善资金不得用于受托人工资或酬金",
        "charity money may not pay the trustee's wages or remuneration");
  else if (charity_in && other_use)
    err("postings", "慈善资金只能用于微更新、帮扶困难家庭和公益活动",
        "charity money pays only micro-renewal, aid to households and public activities");
  return errs;
}

json::object to_published(const Transaction& t) {
  json::array postings, vouchers, links, approvals;
  for (const auto& p : t.postings)
    postings.push_back(json::object{
        {"account", p.account}, {"amount_fen", p.amount_fen}, {"courtyard_id", p.courtyard_id}});
  for (const auto& v : t.vouchers)
    vouchers.push_back(json::object{{"sha256", v.sha256}, {"mime", v.mime}, {"size", v.size}});
  for (const auto& l : t.links) links.push_back(json::object{{"kind", l.kind}, {"id", l.id}});
  for (const auto& a : t.approvals)
    approvals.push_back(json::object{{"role", a.role}, {"name", a.name_masked}, {"at", a.at_ms}});
  return {{"v", kPublishedVersion},
          {"compound_id", t.compound_id},
          {"index", t.index},
          {"date", t.date},
          {"kind", t.kind},
          {"description", t.description},
          {"postings", std::move(postings)},
          {"vouchers", std::move(vouchers)},
          {"links", std::move(links)},
          {"approvals", std::move(approvals)},
          {"reverses", t.reverses ? json::value(*t.reverses) : json::value(nullptr)},
          {"recorded_at", t.recorded_at_ms}};
}

// The same bytes as canonicalize(to_published(t)), written directly with the members in JCS
// order (all keys are ASCII, so byte order is UTF-16 order). Appending to the log spends most
// of its CPU here otherwise; tests check the two agree.
std::string published_text(const Transaction& t) {
  std::string o;
  o.reserve(256 + 64 * t.postings.size() + 96 * (t.vouchers.size() + t.approvals.size()));
  o += "{\"approvals\":[";
  for (std::size_t i = 0; i < t.approvals.size(); ++i) {
    const auto& a = t.approvals[i];
    o += i ? ",{\"at\":" : "{\"at\":";
    append_jcs_int(o, a.at_ms);
    o += ",\"name\":";
    append_jcs_string(o, a.name_masked);
    o += ",\"role\":";
    append_jcs_string(o, a.role);
    o += "}";
  }
  o += "],\"compound_id\":";
  append_jcs_int(o, t.compound_id);
  o += ",\"date\":";
  append_jcs_string(o, t.date);
  o += ",\"description\":";
  append_jcs_string(o, t.description);
  o += ",\"index\":";
  append_jcs_int(o, t.index);
  o += ",\"kind\":";
  append_jcs_string(o, t.kind);
  o += ",\"links\":[";
  for (std::size_t i = 0; i < t.links.size(); ++i) {
    o += i ? ",{\"id\":" : "{\"id\":";
    append_jcs_int(o, t.links[i].id);
    o += ",\"kind\":";
    append_jcs_string(o, t.links[i].kind);
    o += "}";
  }
  o += "],\"postings\":[";
  for (std::size_t i = 0; i < t.postings.size(); ++i) {
    const auto& p = t.postings[i];
    o += i ? ",{\"account\":" : "{\"account\":";
    append_jcs_string(o, p.account);
    o += ",\"amount_fen\":";
    append_jcs_int(o, p.amount_fen);
    o += ",\"courtyard_id\":";
    append_jcs_int(o, p.courtyard_id);
    o += "}";
  }
  o += "],\"recorded_at\":";
  append_jcs_int(o, t.recorded_at_ms);
  o += ",\"reverses\":";
  if (t.reverses)
    append_jcs_int(o, *t.reverses);
  else
    o += "null";
  o += ",\"v\":";
  append_jcs_int(o, kPublishedVersion);
  o += ",\"vouchers\":[";
  for (std::size_t i = 0; i < t.vouchers.size(); ++i) {
    const auto& v = t.vouchers[i];
    o += i ? ",{\"mime\":" : "{\"mime\":";
    append_jcs_string(o, v.mime);
    o += ",\"sha256\":";
    append_jcs_string(o, v.sha256);
    o += ",\"size\":";
    append_jcs_int(o, v.size);
    o += "}";
  }
  o += "]}";
  return o;
}

std::optional<Transaction> from_published(std::string_view canonical, std::string* why) {
  auto fail = [&](std::string m) -> std::optional<Transaction> {
    if (why) *why = std::move(m);
    return std::nullopt;
  };
  boost::system::error_code ec;
  json::value v = json::parse(canonical, ec);
  if (ec || !v.is_object()) return fail("not a JSON object");
  try {
    const auto& o = v.as_object();
    if (o.size() != 12 || o.at("v").as_int64() != kPublishedVersion)
      return fail("unexpected fields or version");
    Transaction t;
    t.compound_id = o.at("compound_id").as_int64();
    t.index = o.at("index").as_int64();
    t.date = o.at("date").as_string();
    t.kind = o.at("kind").as_string();
    t.description = o.at("description").as_string();
    for (const auto& p : o.at("postings").as_array())
      t.postings.push_back({std::string(p.at("account").as_string()), p.at("amount_fen").as_int64(),
                            p.at("courtyard_id").as_int64()});
    for (const auto& x : o.at("vouchers").as_array())
      t.vouchers.push_back({std::string(x.at("sha256").as_string()),
                            std::string(x.at("mime").as_string()), x.at("size").as_int64()});
    for (const auto& x : o.at("links").as_array())
      t.links.push_back({std::string(x.at("kind").as_string()), x.at("id").as_int64()});
    for (const auto& x : o.at("approvals").as_array())
      t.approvals.push_back({std::string(x.at("role").as_string()),
                             std::string(x.at("name").as_string()), x.at("at").as_int64()});
    if (!o.at("reverses").is_null()) t.reverses = o.at("reverses").as_int64();
    t.recorded_at_ms = o.at("recorded_at").as_int64();
    if (published_text(t) != canonical) return fail("not in canonical form");
    return t;
  } catch (const std::exception& e) {
    return fail(std::string("malformed: ") + e.what());
  }
}

bool reversal_is_co_managed(const Transaction& t, const std::vector<Account>& chart) {
  for (const auto& p : t.postings) {
    const Account* a = find_account(chart, p.account);
    if (!a || a->cash || a->charity) return true;
    if (a->type != AccountType::income && a->type != AccountType::expense) return true;
    if (p.account == "4005" || p.account == "4007") return true;  // donations, crowdfunding
  }
  return false;
}

std::vector<FieldError> journal_limits(const Transaction& t, const std::vector<Account>& chart) {
  std::vector<FieldError> errs;
  for (std::size_t i = 0; i < t.postings.size(); ++i) {
    const auto& p = t.postings[i];
    const Account* a = find_account(chart, p.account);
    if (!a) continue;  // validate() names unknown accounts
    bool ok = a->cash ? p.amount_fen > 0
              : a->type == AccountType::income || a->type == AccountType::expense
                  ? p.account != "4005" && p.account != "4007"
              : a->type == AccountType::fund ? p.amount_fen < 0 && !a->charity
                                             : false;
    if (!ok)
      errs.push_back(
          {"postings[" + std::to_string(i) + "].account",
           a->name_zh + "不能用手工记账变动（应通过收费、支出申请、捐赠或众筹办理）",
           a->name_en +
               " cannot be changed by a journal entry (use the fee, payment request, donation or crowdfunding workflow)"});
  }
  return errs;
}

std::int64_t entry_amount_fen(const Transaction& t) {
  std::int64_t sum = 0;
  for (const auto& p : t.postings)
    if (p.amount_fen > 0) sum += p.amount_fen;
  return sum;
}

Transaction reversal_of(const Transaction& t, const std::string& date, const std::string& reason,
                        std::int64_t recorded_at_ms) {
  Transaction r;
  r.compound_id = t.compound_id;
  r.date = date;
  r.kind = "reversal";
  r.description = reason;
  for (const auto& p : t.postings) r.postings.push_back({p.account, -p.amount_fen, p.courtyard_id});
  r.links = t.links;
  r.reverses = t.index;
  r.recorded_at_ms = recorded_at_ms;
  return r;
}

void add_to_balances(BalanceMap& b, const Transaction& t) {
  std::int64_t sum = 0;
  for (const auto& p : t.postings) {
    b[{p.account, p.courtyard_id}] += p.amount_fen;
    sum += p.amount_fen;
  }
  XINYI_ASSERT(sum == 0);
}

std::string tree_head_message(std::int64_t cid, std::int64_t size, const std::string& root_hex,
                              std::int64_t ts) {
  return canonicalize(json::object{
      {"compound_id", cid}, {"root", root_hex}, {"timestamp", ts}, {"tree_size", size}});
}

namespace {
struct Tally {
  bool trustee = false;
  int committee = 0;
};
Tally tally(const std::vector<Vote>& votes) {
  Tally t;
  std::set<std::int64_t> seen;
  for (const auto& v : votes) {
    if (!seen.insert(v.user_id).second) continue;  // one person, one approval
    if (v.role == "trustee")
      t.trustee = true;
    else if (v.role == "committee")
      ++t.committee;
  }
  return t;
}
}  // namespace

bool approvals_satisfied(const ApprovalPolicy& p, std::int64_t amount,
                         const std::vector<Vote>& votes) {
  Tally t = tally(votes);
  int need = amount > p.threshold_fen ? 2 : 1;
  return t.trustee && t.committee >= need;
}

std::pair<std::string, std::string> approvals_missing(const ApprovalPolicy& p, std::int64_t amount,
                                                      const std::vector<Vote>& votes) {
  Tally t = tally(votes);
  int need = amount > p.threshold_fen ? 2 : 1;
  std::string zh, en;
  if (!t.trustee) {
    zh = "还需受托人批准";
    en = "needs the trustee's approval";
  }
  if (t.committee < need) {
    int n = need - t.committee;
    zh += (zh.empty() ? "还需 " : "，以及 ") + std::to_string(n) + " 位委员批准";
    en += (en.empty() ? "needs " : " and ") + std::to_string(n) + " committee member" +
          (n > 1 ? "s'" : "'s") + " approval";
  }
  return {zh, en};
}

std::string public_payee(std::string_view expense_account, bool payee_is_person,
                         std::string_view payee) {
  if (expense_account == kAidAccount) return std::string(kAidPayee);
  return payee_is_person ? mask_name(payee) : std::string(payee);
}

}  // namespace xinyi::ledger
