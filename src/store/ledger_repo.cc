#include "store/ledger_repo.h"

#include "domain/assert.h"

#include <map>
#include <tuple>

namespace xinyi::store {

using I = std::int64_t;
using S = std::string;

void insert_compound_key(Connection& c, I cid, const S& pub, const S& sec, I now) {
  c.execute(
      "INSERT INTO compound_keys (compound_id, public_key, secret_key, created_at) VALUES (?, ?, ?, ?)",
      {cid, pub, sec, now});
}

std::optional<KeyRec> get_compound_key(Connection& c, I cid) {
  auto r =
      c.query_one("SELECT public_key, secret_key FROM compound_keys WHERE compound_id = ?", {cid});
  if (!r) return std::nullopt;
  return KeyRec{r->str(0), r->str(1)};
}

void insert_chart(Connection& c, I cid, const std::vector<ledger::Account>& chart) {
  for (const auto& a : chart)
    c.execute(
        "INSERT INTO accounts (compound_id, code, name_zh, name_en, type, cash, charity, trustee_pay) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {cid, a.code, a.name_zh, a.name_en, S(ledger::to_string(a.type)), I{a.cash}, I{a.charity},
         I{a.trustee_pay}});
}

std::vector<ledger::Account> load_chart(Connection& c, I cid) {
  std::vector<ledger::Account> out;
  for (auto& r :
       c.query("SELECT code, name_zh, name_en, type, cash, charity, trustee_pay FROM accounts "
               "WHERE compound_id = ? ORDER BY code",
               {cid})) {
    ledger::Account a;
    a.code = r.str(0);
    a.name_zh = r.str(1);
    a.name_en = r.str(2);
    const S& t = r.str(3);
    a.type = t == "asset"       ? ledger::AccountType::asset
             : t == "liability" ? ledger::AccountType::liability
             : t == "fund"      ? ledger::AccountType::fund
             : t == "income"    ? ledger::AccountType::income
                                : ledger::AccountType::expense;
    a.cash = r.i64(4) != 0;
    a.charity = r.i64(5) != 0;
    a.trustee_pay = r.i64(6) != 0;
    out.push_back(std::move(a));
  }
  return out;
}

I approval_threshold(Connection& c, I cid) {
  return c.scalar("SELECT approval_threshold_fen FROM compounds WHERE id = ?", {cid});
}

I ledger_size(Connection& c, I cid) {
  // Entries are numbered 0..n−1 without gaps (verify checks it), so the largest index + 1 is
  // the size — read from the primary key in O(log n), where COUNT(*) would scan.
  return c.scalar("SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries WHERE compound_id = ?",
                  {cid});
}

void insert_entry(Connection& c, const ledger::Transaction& t, const S& canonical,
                  const S& leaf_hex) {
  c.execute(
      "INSERT INTO ledger_entries (compound_id, idx, date, kind, description, canonical, leaf_hash, recorded_at, reverses) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {t.compound_id, t.index, t.date, t.kind, t.description, canonical, leaf_hex, t.recorded_at_ms,
       t.reverses ? Value(*t.reverses) : Value(nullptr)});
  for (std::size_t n = 0; n < t.postings.size(); ++n) {
    const auto& p = t.postings[n];
    c.execute(
        "INSERT INTO postings (compound_id, idx, n, account, courtyard_id, amount_fen, date) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {t.compound_id, t.index, static_cast<I>(n), p.account, p.courtyard_id, p.amount_fen,
         t.date});
  }
}

namespace {
constexpr const char* kEntrySelect =
    "SELECT idx, date, kind, description, canonical, leaf_hash, recorded_at, reverses FROM ledger_entries ";
EntryRec entry_from(const Row& r) {
  return {r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.i64(6), r.opt_i64(7)};
}
}  // namespace

void add_balances(Connection& c, I cid,
                  const std::map<std::tuple<std::string, I, std::string>, I>& deltas) {
  std::map<std::pair<std::string, I>, I> totals;
  for (const auto& [k, v] : deltas) {
    const auto& [account, yard, date] = k;
    totals[{account, yard}] += v;
    c.execute(
        "INSERT INTO balance_days (compound_id, account, courtyard_id, date, amount_fen) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (compound_id, account, courtyard_id, date) DO UPDATE SET amount_fen = balance_days.amount_fen + excluded.amount_fen",
        {cid, account, yard, date, v});
  }
  for (const auto& [k, v] : totals)
    c.execute(
        "INSERT INTO balance_totals (compound_id, account, courtyard_id, amount_fen) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (compound_id, account, courtyard_id) DO UPDATE SET amount_fen = balance_totals.amount_fen + excluded.amount_fen",
        {cid, k.first, k.second, v});
}

std::vector<EntryRec> list_entries(Connection& c, I cid, I from, I limit) {
  std::vector<EntryRec> out;
  for (auto& r : c.query(
           std::string(kEntrySelect) + "WHERE compound_id = ? AND idx >= ? ORDER BY idx LIMIT ?",
           {cid, from, limit}))
    out.push_back(entry_from(r));
  return out;
}

std::vector<EntryRec> list_entries_desc(Connection& c, I cid, I before, I limit) {
  std::vector<EntryRec> out;
  for (auto& r : c.query(std::string(kEntrySelect) +
                             "WHERE compound_id = ? AND idx < ? ORDER BY idx DESC LIMIT ?",
                         {cid, before, limit}))
    out.push_back(entry_from(r));
  return out;
}

std::optional<EntryRec> get_entry(Connection& c, I cid, I idx) {
  auto r = c.query_one(std::string(kEntrySelect) + "WHERE compound_id = ? AND idx = ?", {cid, idx});
  if (!r) return std::nullopt;
  return entry_from(*r);
}

std::optional<I> reversed_by(Connection& c, I cid, I idx) {
  auto r = c.query_one("SELECT MIN(idx) FROM ledger_entries WHERE compound_id = ? AND reverses = ?",
                       {cid, idx});
  if (!r || r->is_null(0)) return std::nullopt;
  return r->i64(0);
}

std::vector<PostingRec> list_postings(Connection& c, I cid, I from, I to) {
  std::vector<PostingRec> out;
  for (auto& r : c.query("SELECT idx, n, account, courtyard_id, amount_fen, date FROM postings "
                         "WHERE compound_id = ? AND idx >= ? AND idx < ? ORDER BY idx, n",
                         {cid, from, to}))
    out.push_back({r.i64(0), r.i64(1), r.str(2), r.i64(3), r.i64(4), r.str(5)});
  return out;
}

std::vector<BalanceRec> balances(Connection& c, I cid, const S& as_of) {
  std::vector<BalanceRec> out;
  auto rows =
      as_of.empty()
          ? c.query(
                "SELECT account, courtyard_id, amount_fen FROM balance_totals WHERE compound_id = ? "
                "ORDER BY account, courtyard_id",
                {cid})
          : c.query(
                "SELECT account, courtyard_id, SUM(amount_fen) FROM balance_days WHERE compound_id = ? AND date <= ? "
                "GROUP BY account, courtyard_id ORDER BY account, courtyard_id",
                {cid, as_of});
  for (auto& r : rows) out.push_back({r.str(0), r.i64(1), r.i64(2)});
  return out;
}

I account_balance(Connection& c, I cid, const S& account) {
  return c.scalar(
      "SELECT COALESCE(SUM(amount_fen), 0) FROM balance_totals WHERE compound_id = ? AND account = ?",
      {cid, account});
}

I account_balance(Connection& c, I cid, const S& account, I courtyard_id) {
  return c.scalar(
      "SELECT COALESCE(SUM(amount_fen), 0) FROM balance_totals WHERE compound_id = ? AND account = ? AND courtyard_id = ?",
      {cid, account, courtyard_id});
}

I pending_from(Connection& c, I cid, const S& cash_account) {
  return c.scalar(
      "SELECT COALESCE(SUM(amount_fen), 0) FROM disbursements WHERE compound_id = ? AND cash_account = ? AND status = 'pending'",
      {cid, cash_account});
}

I charity_fund_spent_fen(Connection& c, I cid, const S& account) {
  return c.scalar(
      "SELECT COALESCE(SUM(e.amount_fen), 0) FROM postings e WHERE e.compound_id = ? AND e.account = ? AND EXISTS "
      "(SELECT 1 FROM postings b WHERE b.compound_id = e.compound_id AND b.idx = e.idx AND b.account = '1002' AND b.amount_fen < 0)",
      {cid, account});
}

void insert_node(Connection& c, I cid, int level, std::uint64_t idx, const ledger::Hash& h) {
  if (level == 0) return;  // leaves live in ledger_entries.leaf_hash
  c.execute("INSERT INTO merkle_nodes (compound_id, level, idx, hash) VALUES (?, ?, ?, ?)",
            {cid, I{level}, static_cast<I>(idx), ledger::to_hex(h)});
}

std::optional<ledger::Hash> get_node(Connection& c, I cid, int level, std::uint64_t idx) {
  if (level == 0) {  // a leaf: its hash is stored with its entry
    auto r = c.query_one("SELECT leaf_hash FROM ledger_entries WHERE compound_id = ? AND idx = ?",
                         {cid, static_cast<I>(idx)});
    if (!r) return std::nullopt;
    return ledger::from_hex(r->str(0));
  }
  auto r =
      c.query_one("SELECT hash FROM merkle_nodes WHERE compound_id = ? AND level = ? AND idx = ?",
                  {cid, I{level}, static_cast<I>(idx)});
  if (!r) return std::nullopt;
  return ledger::from_hex(r->str(0));
}

ledger::Hash StoreNodes::node(int level, std::uint64_t index) {
  auto h = get_node(c_, cid_, level, index);
  if (!h)
    throw StoreError("merkle node " + std::to_string(level) + "/" + std::to_string(index) +
                     " is missing");
  return *h;
}

void insert_head(Connection& c, I cid, const HeadRec& h) {
  c.execute(
      "INSERT INTO tree_heads (compound_id, tree_size, root, timestamp, signature) VALUES (?, ?, ?, ?, ?)",
      {cid, h.tree_size, h.root, h.timestamp, h.signature});
}

namespace {
HeadRec head_from(const Row& r) { return {r.i64(0), r.str(1), r.i64(2), r.str(3)}; }
}  // namespace

std::optional<HeadRec> latest_head(Connection& c, I cid) {
  auto r = c.query_one(
      "SELECT tree_size, root, timestamp, signature FROM tree_heads WHERE compound_id = ? "
      "ORDER BY tree_size DESC LIMIT 1",
      {cid});
  if (!r) return std::nullopt;
  return head_from(*r);
}

std::optional<HeadRec> head_at(Connection& c, I cid, I size) {
  auto r = c.query_one(
      "SELECT tree_size, root, timestamp, signature FROM tree_heads WHERE compound_id = ? AND tree_size = ?",
      {cid, size});
  if (!r) return std::nullopt;
  return head_from(*r);
}

std::vector<HeadRec> list_heads(Connection& c, I cid) {
  std::vector<HeadRec> out;
  for (
      auto& r : c.query(
          "SELECT tree_size, root, timestamp, signature FROM tree_heads WHERE compound_id = ? ORDER BY tree_size",
          {cid}))
    out.push_back(head_from(r));
  return out;
}

I insert_witness_key(Connection& c, I cid, I uid, const S& pub, I now) {
  return c
      .query_one(
          "INSERT INTO witness_keys (compound_id, user_id, public_key, created_at) VALUES (?, ?, ?, ?) RETURNING id",
          {cid, uid, pub, now})
      ->i64(0);
}

std::optional<WitnessKeyRec> get_witness_key(Connection& c, I cid, I key_id) {
  auto r = c.query_one(
      "SELECT k.id, k.user_id, k.public_key, u.name FROM witness_keys k JOIN users u ON u.id = k.user_id "
      "WHERE k.compound_id = ? AND k.id = ?",
      {cid, key_id});
  if (!r) return std::nullopt;
  return WitnessKeyRec{r->i64(0), r->i64(1), r->str(2), r->str(3)};
}

void insert_witness_signature(Connection& c, I cid, I size, I key_id, const S& sig, I now) {
  c.execute(
      "INSERT INTO witness_signatures (compound_id, tree_size, key_id, signature, signed_at) VALUES (?, ?, ?, ?, ?)",
      {cid, size, key_id, sig, now});
}

std::vector<WitnessSigRec> list_witness_signatures(Connection& c, I cid, I size) {
  std::vector<WitnessSigRec> out;
  for (
      auto& r : c.query(
          "SELECT s.key_id, k.public_key, u.name, s.signature, s.signed_at FROM witness_signatures s "
          "JOIN witness_keys k ON k.id = s.key_id JOIN users u ON u.id = k.user_id "
          "WHERE s.compound_id = ? AND s.tree_size = ? ORDER BY s.key_id",
          {cid, size}))
    out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4)});
  return out;
}

void insert_voucher(Connection& c, I cid, const S& sha, const S& mime, const S& bytes, I uid,
                    I now) {
  if (c.scalar("SELECT COUNT(*) FROM vouchers WHERE compound_id = ? AND sha256 = ?", {cid, sha}))
    return;  // same file
  c.execute(
      "INSERT INTO vouchers (compound_id, sha256, mime, size, data, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {cid, sha, mime, static_cast<I>(bytes.size()), Blob{bytes}, uid, now});
}

std::optional<VoucherRec> get_voucher(Connection& c, I cid, const S& sha, bool with_bytes) {
  auto r = c.query_one(
      with_bytes
          ? "SELECT sha256, mime, size, data FROM vouchers WHERE compound_id = ? AND sha256 = ?"
          : "SELECT sha256, mime, size, '' FROM vouchers WHERE compound_id = ? AND sha256 = ?",
      {cid, sha});
  if (!r) return std::nullopt;
  return VoucherRec{r->str(0), r->str(1), r->i64(2), r->str(3)};
}

namespace {
constexpr const char* kDisbSelect =
    "SELECT d.id, d.compound_id, d.status, d.payee, d.payee_is_person, d.amount_fen, d.purpose, d.expense_account, "
    "d.cash_account, d.courtyard_id, d.vouchers, d.requested_by, d.requested_at, d.decided_at, d.reason, d.entry_idx, u.name, "
    "d.reverses_idx FROM disbursements d JOIN users u ON u.id = d.requested_by ";
DisbursementRec disb_from(const Row& r) {
  DisbursementRec d;
  d.id = r.i64(0);
  d.compound_id = r.i64(1);
  d.status = r.str(2);
  d.payee = r.str(3);
  d.payee_is_person = r.i64(4) != 0;
  d.amount_fen = r.i64(5);
  d.purpose = r.str(6);
  d.expense_account = r.str(7);
  d.cash_account = r.str(8);
  d.courtyard_id = r.i64(9);
  d.vouchers = decode_text_list(r.str(10));
  d.requested_by = r.i64(11);
  d.requested_at = r.i64(12);
  d.decided_at = r.opt_i64(13);
  d.reason = r.str(14);
  d.entry_idx = r.opt_i64(15);
  d.requester_name = r.str(16);
  d.reverses_idx = r.opt_i64(17);
  return d;
}
}  // namespace

I insert_disbursement(Connection& c, const DisbursementRec& d) {
  return c
      .query_one(
          "INSERT INTO disbursements (compound_id, status, payee, payee_is_person, amount_fen, purpose, "
          "expense_account, cash_account, courtyard_id, vouchers, requested_by, requested_at, reverses_idx) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {d.compound_id, d.status, d.payee, I{d.payee_is_person}, d.amount_fen, d.purpose,
           d.expense_account, d.cash_account, d.courtyard_id, encode_text_list(d.vouchers),
           d.requested_by, d.requested_at,
           d.reverses_idx ? Value(*d.reverses_idx) : Value(nullptr)})
      ->i64(0);
}

std::optional<DisbursementRec> get_disbursement(Connection& c, I cid, I id) {
  auto r =
      c.query_one(std::string(kDisbSelect) + "WHERE d.compound_id = ? AND d.id = ?", {cid, id});
  if (!r) return std::nullopt;
  return disb_from(*r);
}

std::vector<DisbursementRec> list_disbursements(Connection& c, I cid, I limit) {
  std::vector<DisbursementRec> out;
  for (auto& r :
       c.query(std::string(kDisbSelect) + "WHERE d.compound_id = ? ORDER BY d.id DESC LIMIT ?",
               {cid, limit}))
    out.push_back(disb_from(r));
  return out;
}

std::vector<FundPaymentRec> list_charity_fund_disbursements(Connection& c, I cid) {
  std::vector<FundPaymentRec> out;
  for (
      auto& r : c.query(
          "SELECT id, purpose, payee, payee_is_person, amount_fen, expense_account, status, entry_idx, COALESCE(decided_at, requested_at) "
          "FROM disbursements WHERE compound_id = ? AND cash_account = '1002' AND status <> 'rejected' AND reverses_idx IS NULL "
          "ORDER BY id DESC LIMIT 200",
          {cid}))
    out.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3) != 0, r.i64(4), r.str(5), r.str(6),
                   r.opt_i64(7), r.i64(8)});
  return out;
}

void decide_disbursement(Connection& c, I cid, I id, const S& status, I at, const S& reason,
                         std::optional<I> entry_idx) {
  c.execute(
      "UPDATE disbursements SET status = ?, decided_at = ?, reason = ?, entry_idx = ? WHERE compound_id = ? AND id = ? "
      "AND status = 'pending'",
      {status, at, reason, entry_idx ? Value(*entry_idx) : Value(nullptr), cid, id});
}

bool insert_approval(Connection& c, I cid, I did, const ApprovalRec& a) {
  if (c.scalar(
          "SELECT COUNT(*) FROM disbursement_approvals WHERE disbursement_id = ? AND user_id = ?",
          {did, a.user_id}))
    return false;
  c.execute(
      "INSERT INTO disbursement_approvals (disbursement_id, compound_id, user_id, role, name, at) VALUES (?, ?, ?, ?, ?, ?)",
      {did, cid, a.user_id, a.role, a.name, a.at});
  return true;
}

std::vector<ApprovalRec> list_approvals(Connection& c, I did) {
  std::vector<ApprovalRec> out;
  for (
      auto& r : c.query(
          "SELECT user_id, role, name, at FROM disbursement_approvals WHERE disbursement_id = ? ORDER BY at, user_id",
          {did}))
    out.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3)});
  return out;
}

DisbursementLinks get_disbursement_links(Connection& c, I id) {
  auto r = c.query_one(
      "SELECT plan_item_id, project_id, project_line_id, funding_source FROM disbursements WHERE id = ?",
      {id});
  XINYI_ASSERT(r.has_value());
  return {r->opt_i64(0), r->opt_i64(1), r->opt_i64(2), r->opt_str(3)};
}

void set_disbursement_vote(Connection& c, I id, I vote_id) {
  c.execute("UPDATE disbursements SET vote_id = ? WHERE id = ?", {vote_id, id});
}

void set_disbursement_plan_item(Connection& c, I id, I plan_item_id) {
  c.execute("UPDATE disbursements SET plan_item_id = ? WHERE id = ?", {plan_item_id, id});
}

void set_disbursement_project(Connection& c, I id, I project_id, I line_id,
                              const S& funding_source) {
  c.execute(
      "UPDATE disbursements SET project_id = ?, project_line_id = ?, funding_source = ? WHERE id = ?",
      {project_id, line_id, funding_source, id});
}

void set_disbursement_quote(Connection& c, I id, I quote_id) {
  c.execute("UPDATE disbursements SET project_quote_id = ? WHERE id = ?", {quote_id, id});
}

void insert_covered_unit(Connection& c, I cid, I disbursement_id, I unit_id, I per_unit_fen) {
  c.execute(
      "INSERT INTO disbursement_units (disbursement_id, compound_id, unit_id, per_unit_fen) VALUES (?, ?, ?, ?)",
      {disbursement_id, cid, unit_id, per_unit_fen});
}

I count_covered_units(Connection& c, I disbursement_id) {
  return c.scalar("SELECT COUNT(*) FROM disbursement_units WHERE disbursement_id = ?",
                  {disbursement_id});
}

bool has_approved(Connection& c, I disbursement_id, I user_id) {
  return c.scalar(
             "SELECT COUNT(*) FROM disbursement_approvals WHERE disbursement_id = ? AND user_id = ?",
             {disbursement_id, user_id}) > 0;
}

void mark_disbursement_reversed(Connection& c, I cid, I id) {
  c.execute(
      "UPDATE disbursements SET status = 'reversed' WHERE compound_id = ? AND id = ? AND status = 'executed'",
      {cid, id});
}

bool reversal_pending(Connection& c, I cid, I index, I except_id) {
  return c.scalar(
             "SELECT COUNT(*) FROM disbursements WHERE compound_id = ? AND reverses_idx = ? AND status = 'pending' AND id <> ?",
             {cid, index, except_id}) > 0;
}

std::vector<ProjectDisbursementRec> list_project_disbursements(Connection& c, I pid) {
  std::vector<ProjectDisbursementRec> out;
  for (
      auto& r : c.query(
          "SELECT id, project_line_id, COALESCE(courtyard_id, 0), amount_fen, project_quote_id, entry_idx, funding_source, "
          "status, payee, expense_account, payee_is_person, COALESCE(decided_at, requested_at) FROM disbursements "
          "WHERE project_id = ? ORDER BY id",
          {pid})) {
    ProjectDisbursementRec d;
    d.id = r.i64(0);
    d.line_id = r.is_null(1) ? 0 : r.i64(1);
    d.courtyard_id = r.i64(2);
    d.amount_fen = r.i64(3);
    d.quote_id = r.opt_i64(4);
    d.entry_idx = r.opt_i64(5);
    d.funding_source = r.is_null(6) ? "" : r.str(6);
    d.status = r.str(7);
    d.payee = r.str(8);
    d.expense_account = r.str(9);
    d.payee_is_person = r.i64(10) != 0;
    d.at_ms = r.i64(11);
    out.push_back(std::move(d));
  }
  return out;
}

std::pair<I, I> crowdfunding_refunds_fen(Connection& c, I pid) {
  auto r = c.query_one(
      "SELECT COALESCE(SUM(CASE WHEN status = 'pending' THEN amount_fen ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN status = 'executed' THEN amount_fen ELSE 0 END), 0) FROM disbursements "
      "WHERE project_id = ? AND funding_source = 'crowdfunding_refund'",
      {pid});
  return {r->i64(0), r->i64(1)};
}

I subsidy_committed_fen(Connection& c, I cid) {
  return c.scalar(
      "SELECT COALESCE(SUM(amount_fen), 0) FROM disbursements WHERE compound_id = ? AND funding_source = 'subsidy' "
      "AND status IN ('pending', 'executed')",
      {cid});
}

I courtyard_pending_fen(Connection& c, I cid, I courtyard_id) {
  return c.scalar(
      "SELECT COALESCE(SUM(amount_fen), 0) FROM disbursements WHERE compound_id = ? AND courtyard_id = ? AND status = 'pending'",
      {cid, courtyard_id});
}

I courtyard_surplus_fen(Connection& c, I cid, I courtyard_id) {
  return -c.scalar(
      "SELECT COALESCE(SUM(b.amount_fen), 0) FROM balance_totals b JOIN accounts a ON a.compound_id = b.compound_id AND a.code = b.account "
      "WHERE b.compound_id = ? AND b.courtyard_id = ? AND a.type IN ('income', 'expense') AND a.code NOT IN ('4005', '4007', '4008')",
      {cid, courtyard_id});
}

std::vector<MonthlyPostingRec> monthly_postings(Connection& c, I cid, const S& from_date) {
  std::vector<MonthlyPostingRec> out;
  for (
      auto& r : c.query(
          "SELECT substr(p.date, 1, 7), a.type, p.account, SUM(p.amount_fen) FROM postings p JOIN accounts a "
          "ON a.compound_id = p.compound_id AND a.code = p.account WHERE p.compound_id = ? AND p.date >= ? "
          "AND a.type IN ('income', 'expense') GROUP BY substr(p.date, 1, 7), a.type, p.account",
          {cid, from_date}))
    out.push_back({r.str(0), r.str(1), r.str(2), r.i64(3)});
  return out;
}

I posted_balance_until(Connection& c, I cid, const S& account, const S& date) {
  return c.scalar(
      "SELECT COALESCE(SUM(amount_fen), 0) FROM postings WHERE compound_id = ? AND account = ? AND date <= ?",
      {cid, account, date});
}

std::optional<WitnessKeyRec> find_witness_key(Connection& c, I cid, const S& public_b64) {
  auto r =
      c.query_one("SELECT id, user_id FROM witness_keys WHERE compound_id = ? AND public_key = ?",
                  {cid, public_b64});
  if (!r) return std::nullopt;
  return WitnessKeyRec{r->i64(0), r->i64(1), public_b64, ""};
}

std::optional<I> journal_import_done(Connection& c, I cid, const S& file_sha256) {
  auto r = c.query_one(
      "SELECT entries_done FROM journal_imports WHERE compound_id = ? AND file_sha256 = ?",
      {cid, file_sha256});
  if (!r) return std::nullopt;
  return r->i64(0);
}

void set_journal_import_done(Connection& c, I cid, const S& file_sha256, I entries_done, I now_ms) {
  if (journal_import_done(c, cid, file_sha256))
    c.execute(
        "UPDATE journal_imports SET entries_done = ?, updated_at = ? WHERE compound_id = ? AND file_sha256 = ?",
        {entries_done, now_ms, cid, file_sha256});
  else
    c.execute(
        "INSERT INTO journal_imports (compound_id, file_sha256, entries_done, updated_at) VALUES (?, ?, ?, ?)",
        {cid, file_sha256, entries_done, now_ms});
}

std::vector<CoveredByRec> list_covering_unit(Connection& c, std::int64_t unit_id) {
  std::vector<CoveredByRec> out;
  for (const auto& r :
       c.query("SELECT d.purpose, du.per_unit_fen, d.entry_idx FROM disbursement_units du "
               "JOIN disbursements d ON d.id = du.disbursement_id WHERE du.unit_id = ? AND "
               "d.status = 'executed' ORDER BY d.id DESC",
               {unit_id}))
    out.push_back({r.str(0), r.i64(1), r.opt_i64(2)});
  return out;
}

std::vector<AccountPostingRec> account_postings(Connection& c, std::int64_t cid,
                                                const std::string& account) {
  std::vector<AccountPostingRec> out;
  for (
      auto& r : c.query(
          "SELECT p.date, p.amount_fen, e.description FROM postings p JOIN ledger_entries e "
          "ON e.compound_id = p.compound_id AND e.idx = p.idx WHERE p.compound_id = ? AND p.account = ? "
          "ORDER BY p.date, p.idx",
          {cid, account}))
    out.push_back({r.str(0), r.i64(1), r.str(2)});
  return out;
}

}  // namespace xinyi::store
