#include "app/bank_service.h"
#include "domain/date.h"

#include <map>

#include "app/billing_service.h"
#include "domain/ledger/books.h"
#include "domain/mask.h"
#include "store/bank_repo.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;

namespace {
I auto_match(Connection& c, I cid, const store::BankAccountRec& acc) {
  std::vector<bank::OpenLine> open;
  for (const auto& l : store::list_bank_lines(c, acc.id))
    if (!l.matched_idx) open.push_back({l.id, l.date, l.amount_fen});
  auto matches =
      bank::match(open, store::open_postings(c, cid, acc.ledger_account), kMatchWindowDays);
  for (const auto& m : matches) store::set_match(c, m.line_id, m.idx, m.n, "auto");
  return static_cast<I>(matches.size());
}

store::BankAccountRec require_account(Connection& c, I cid, I id) {
  auto a = store::get_bank_account(c, cid, id);
  if (!a) throw_not_found("银行账户", "Bank account");
  return *a;
}

// A bank line that is not matched yet, and its account; 404 or 409 otherwise.
std::pair<store::BankLineRec, store::BankAccountRec> unmatched_line(Connection& c, I cid,
                                                                    I line_id) {
  I account_id = 0;
  auto line = store::get_bank_line(c, cid, line_id, &account_id);
  if (!line) throw_not_found("银行流水", "Bank line");
  if (line->matched_idx)
    throw Error(ErrorKind::conflict, "already-matched", "该流水已勾对",
                "This line is already matched");
  return {*line, require_account(c, cid, account_id)};
}

std::string month_end(const std::string& ym) {
  int y = std::stoi(ym.substr(0, 4)), m = std::stoi(ym.substr(5, 2));
  // Imports check dates; a stored month out of range is damage, answered as an error (500),
  // never an abort of the whole server.
  if (m < 1 || m > 12) throw std::runtime_error("bank line month out of range: " + ym);
  return iso_date(y, m, days_in_month(y, m));
}
}  // namespace

namespace {
// The digits of an account number as people write it (spaces and dashes between groups); "x"
// when anything else is in it.
std::string account_digits(const std::string& number) {
  std::string digits;
  for (char ch : number)
    if (ch >= '0' && ch <= '9')
      digits.push_back(ch);
    else if (ch != ' ' && ch != '-')
      return "x";
  return digits;
}
}  // namespace

store::BankAccountRec create_bank_account_in(Connection& c, App& app, const Caller& who,
                                             CompoundId compound, const BankAccountInput& in) {
  const I cid = compound.value;
  const std::string digits = account_digits(in.number);
  if (digits.size() < 8 || digits.size() > 30)
    throw_invalid({{"number", "账号应为 8–30 位数字", "must be 8 to 30 digits"}});
  if (in.kind != "basic" && in.kind != "general")
    throw_invalid(
        {{"kind", "必须是 basic（基本户）或 general（一般户）", "must be basic or general"}});
  if (!store::get_compound(c, cid)) throw_not_found("小区", "Compound");
  auto chart = store::load_chart(c, cid);
  const auto* a = ledger::find_account(chart, in.ledger_account);
  if (!a || !a->cash)
    throw_invalid({{"ledger_account", "必须是银行存款科目（如 1001）",
                    "must be a bank ledger account such as 1001"}});
  store::BankAccountRec r{
      0, cid, in.bank, digits.substr(digits.size() - 4), in.kind, in.ledger_account};
  try {
    r.id = store::insert_bank_account(c, r, app.clock_ms());
  } catch (const store::ConstraintError&) {
    throw Error(ErrorKind::conflict, "duplicate", "该科目已关联银行账户",
                "That ledger account already has a bank account");
  }
  audit(c, app, who, cid, "bank.account", "bank_account:" + std::to_string(r.id),
        {{"bank", in.bank}});
  return r;
}

store::BankAccountRec create_bank_account(App& app, const Caller& who, CompoundId compound,
                                          const BankAccountInput& in) {
  return app.db.write(
      [&](Connection& c) { return create_bank_account_in(c, app, who, compound, in); });
}

StatementResult store_statement(Connection& c, I cid, I account_id,
                                const std::vector<bank::StatementLine>& lines, I now) {
  auto acc = require_account(c, cid, account_id);
  StatementResult r;
  r.lines = static_cast<I>(lines.size());
  for (const auto& l : lines) {
    if (store::insert_bank_line(c, cid, account_id, l, now))
      ++r.added;
    else
      ++r.duplicates;
  }
  r.matched = auto_match(c, cid, acc);
  return r;
}

StatementResult import_statement(App& app, const Caller& who, CompoundId compound, I account_id,
                                 std::string_view bytes, const bank::StatementColumns& cols) {
  const I cid = compound.value;
  if (bytes.size() > 16 * 1024 * 1024)
    throw Error(ErrorKind::too_large, "too-large", "文件超过 16 MB",
                "The file is larger than 16 MB");
  auto st = bank::parse_statement(csv::parse(bytes), cols);
  if (!st.errors.empty()) {
    std::vector<FieldError> f;
    for (const auto& e : st.errors) f.push_back({"line " + std::to_string(e.line), e.zh, e.en});
    throw Error(ErrorKind::unprocessable, "statement-invalid",
                "对账单有 " + std::to_string(st.errors.size()) + " 行有误，未导入任何数据",
                std::to_string(st.errors.size()) +
                    " lines of the statement are invalid; nothing was imported",
                std::move(f));
  }
  return app.db.write([&](Connection& c) {
    auto r = store_statement(c, cid, account_id, st.lines, app.clock_ms());
    audit(c, app, who, cid, "bank.statement", "bank_account:" + std::to_string(account_id),
          {{"lines", r.lines}, {"added", r.added}, {"matched", r.matched}});
    return r;
  });
}

LineMatched match_line(App& app, const Caller& who, CompoundId compound, I line_id, I idx,
                       std::optional<I> posting) {
  const I cid = compound.value;
  const I n = posting.value_or(-1);
  return app.db.write([&](Connection& c) {
    auto [line, acc] = unmatched_line(c, cid, line_id);
    auto open = store::open_postings(c, cid, acc.ledger_account);
    const bank::OpenPosting* hit = nullptr;
    for (const auto& p : open)
      if (p.idx == idx && (n < 0 || p.n == n)) hit = &p;
    if (!hit)
      throw Error(ErrorKind::unprocessable, "no-such-posting", "该笔账目没有可勾对的银行存款分录",
                  "That entry has no unmatched posting on this bank account",
                  {{"entry_index", "无可勾对分录", "no open posting"}});
    if (hit->amount_fen != line.amount_fen)
      throw Error(ErrorKind::unprocessable, "amount-differs",
                  "金额不一致：流水 " + format_yuan(line.amount_fen) + "，账目 " +
                      format_yuan(hit->amount_fen),
                  "Amounts differ: bank " + format_yuan(line.amount_fen) + ", books " +
                      format_yuan(hit->amount_fen));
    store::set_match(c, line_id, hit->idx, hit->n, "manual");
    audit(c, app, who, cid, "bank.match", "bank_line:" + std::to_string(line_id),
          {{"entry", hit->idx}});
    return LineMatched{line_id, hit->idx, hit->n};
  });
}

void unmatch_line(App& app, const Caller& who, CompoundId compound, I line_id) {
  const I cid = compound.value;
  app.db.write([&](Connection& c) {
    auto line = store::get_bank_line(c, cid, line_id, nullptr);
    if (!line) throw_not_found("银行流水", "Bank line");
    store::set_match(c, line_id, std::nullopt, std::nullopt, "");
    audit(c, app, who, cid, "bank.unmatch", "bank_line:" + std::to_string(line_id));
  });
}

PaymentRecorded payment_from_line(App& app, const Caller& who, CompoundId compound, I line_id,
                                  I unit_id) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    auto [line, acc] = unmatched_line(c, cid, line_id);
    if (line.amount_fen <= 0)
      throw Error(ErrorKind::unprocessable, "not-income", "只有收入流水可以登记为缴费",
                  "Only an incoming line can be a fee payment");
    if (acc.ledger_account != "1001")
      throw Error(ErrorKind::unprocessable, "wrong-account", "物业费只进入基本户",
                  "Fees are paid into the basic account");
    auto paid = record_payment_in(
        c, app, who, compound,
        {UnitId{unit_id}, Fen{line.amount_fen}, PayMethod::bank, line.serial, line.date});
    I idx = paid.receipt.entry_index;
    store::set_match(c, line_id, idx, 0,
                     "payment");  // posting 0 of a payment entry is the bank side
    audit(c, app, who, cid, "bank.payment", "bank_line:" + std::to_string(line_id),
          {{"entry", idx}});
    return paid;
  });
}

namespace {

Reconciliation reconciliation(App& app, I cid, bool masked) {
  return app.db.read([&](Connection& c) {
    if (!store::get_compound(c, cid)) throw_not_found("小区", "Compound");
    Reconciliation out;
    out.compound_id = cid;
    auto chart = store::load_chart(c, cid);
    for (const auto& acc : store::list_bank_accounts(c, cid)) {
      const auto* la = ledger::find_account(chart, acc.ledger_account);
      const bool charity = la && la->charity;
      AccountReconciliation a;
      a.account = acc;
      auto lines = store::list_bank_lines(c, acc.id);
      a.lines = static_cast<I>(lines.size());
      std::map<std::string, I> bank_balance;  // month → balance at its last line
      I running = 0;
      for (auto& l : lines) {
        running += l.amount_fen;
        if (!l.balance_fen) a.balances_from_statement = false;
        bank_balance[l.date.substr(0, 7)] = l.balance_fen.value_or(running);
        if (l.matched_idx) {
          ++a.matched;
          continue;
        }
        if (masked) {
          l.counterparty = charity ? std::string() : mask_name(l.counterparty);
          l.memo.clear(), l.serial.clear();
        }
        a.unmatched_lines.push_back(std::move(l));
      }
      for (const auto& [ym, bal] : bank_balance)
        a.months.push_back(
            {ym, Fen{bal},
             Fen{store::posted_balance_until(c, cid, acc.ledger_account, month_end(ym))}});
      out.accounts.push_back(std::move(a));
    }
    return out;
  });
}

}  // namespace

Reconciliation public_reconciliation(App& app, CompoundId compound) {
  const I cid = compound.value;
  return reconciliation(app, cid, true);
}
Reconciliation member_reconciliation(App& app, CompoundId compound) {
  const I cid = compound.value;
  return reconciliation(app, cid, false);
}

}  // namespace xinyi::app
