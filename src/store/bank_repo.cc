#include "store/bank_repo.h"

namespace xinyi::store {

using I = std::int64_t;

I insert_bank_account(Connection& c, const BankAccountRec& a, I now) {
  return c
      .query_one(
          "INSERT INTO bank_accounts (compound_id, bank, number_last4, kind, ledger_account, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {a.compound_id, a.bank, a.number_last4, a.kind, a.ledger_account, now})
      ->i64(0);
}

namespace {
BankAccountRec account_from(const Row& r) {
  return {r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.str(5)};
}
constexpr const char* kAccSelect =
    "SELECT id, compound_id, bank, number_last4, kind, ledger_account FROM bank_accounts ";
}  // namespace

std::optional<BankAccountRec> get_bank_account(Connection& c, I cid, I id) {
  auto r = c.query_one(std::string(kAccSelect) + "WHERE compound_id = ? AND id = ?", {cid, id});
  if (!r) return std::nullopt;
  return account_from(*r);
}

std::vector<BankAccountRec> list_bank_accounts(Connection& c, I cid) {
  std::vector<BankAccountRec> out;
  for (auto& r : c.query(std::string(kAccSelect) + "WHERE compound_id = ? ORDER BY id", {cid}))
    out.push_back(account_from(r));
  return out;
}

bool insert_bank_line(Connection& c, I cid, I account_id, const bank::StatementLine& l, I now) {
  if (c.scalar("SELECT COUNT(*) FROM bank_lines WHERE bank_account_id = ? AND serial = ?",
               {account_id, l.serial}))
    return false;
  c.execute(
      "INSERT INTO bank_lines (compound_id, bank_account_id, serial, date, amount_fen, balance_fen, counterparty, memo, imported_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {cid, account_id, l.serial, l.date, l.amount_fen,
       l.balance_fen ? Value(*l.balance_fen) : Value(nullptr), l.counterparty, l.memo, now});
  return true;
}

namespace {
constexpr const char* kLineSelect =
    "SELECT id, serial, date, amount_fen, balance_fen, counterparty, memo, matched_idx, matched_n, COALESCE(match_kind, ''), "
    "bank_account_id FROM bank_lines ";
BankLineRec line_from(const Row& r) {
  return {r.i64(0), r.str(1), r.str(2),     r.i64(3),     r.opt_i64(4),
          r.str(5), r.str(6), r.opt_i64(7), r.opt_i64(8), r.str(9)};
}
}  // namespace

std::vector<BankLineRec> list_bank_lines(Connection& c, I account_id) {
  std::vector<BankLineRec> out;
  for (auto& r : c.query(std::string(kLineSelect) + "WHERE bank_account_id = ? ORDER BY date, id",
                         {account_id}))
    out.push_back(line_from(r));
  return out;
}

std::optional<BankLineRec> get_bank_line(Connection& c, I cid, I id, I* account_id) {
  auto r = c.query_one(std::string(kLineSelect) + "WHERE compound_id = ? AND id = ?", {cid, id});
  if (!r) return std::nullopt;
  if (account_id) *account_id = r->i64(10);
  return line_from(*r);
}

std::vector<bank::OpenPosting> open_postings(Connection& c, I cid, const std::string& account) {
  std::vector<bank::OpenPosting> out;
  for (auto& r :
       c.query("SELECT p.idx, p.n, p.date, p.amount_fen FROM postings p LEFT JOIN bank_lines b "
               "ON b.compound_id = p.compound_id AND b.matched_idx = p.idx AND b.matched_n = p.n "
               "WHERE p.compound_id = ? AND p.account = ? AND b.id IS NULL ORDER BY p.idx, p.n",
               {cid, account}))
    out.push_back({r.i64(0), r.i64(1), r.str(2), r.i64(3)});
  return out;
}

void set_match(Connection& c, I line_id, std::optional<I> idx, std::optional<I> n,
               const std::string& kind) {
  c.execute("UPDATE bank_lines SET matched_idx = ?, matched_n = ?, match_kind = ? WHERE id = ?",
            {idx ? Value(*idx) : Value(nullptr), n ? Value(*n) : Value(nullptr),
             kind.empty() ? Value(nullptr) : Value(kind), line_id});
}

}  // namespace xinyi::store
