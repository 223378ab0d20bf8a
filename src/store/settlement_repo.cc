#include "store/settlement_repo.h"

namespace xinyi::store {

using I = std::int64_t;

void set_remuneration_bp(Connection& c, I cid, I bp) {
  c.execute("UPDATE compounds SET remuneration_bp = ? WHERE id = ?", {bp, cid});
}

I remuneration_bp(Connection& c, I cid) {
  return c.scalar("SELECT remuneration_bp FROM compounds WHERE id = ?", {cid});
}

bool remuneration_booked(Connection& c, I cid, const std::string& period) {
  return c.scalar("SELECT COUNT(*) FROM remuneration_runs WHERE compound_id = ? AND period = ?",
                  {cid, period}) != 0;
}

void insert_remuneration_run(Connection& c, I cid, const std::string& period, I costs_fen,
                             I amount_fen, std::optional<I> entry_idx, I now_ms) {
  c.execute(
      "INSERT INTO remuneration_runs (compound_id, period, costs_fen, amount_fen, entry_idx, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?)",
      {cid, period, costs_fen, amount_fen, id_or_null(entry_idx), now_ms});
}

namespace {

std::vector<CourtyardSumRec> courtyard_sums(Connection& c, std::string_view sql,
                                            const std::vector<Value>& args) {
  std::vector<CourtyardSumRec> out;
  for (const auto& r : c.query(sql, args)) out.push_back({r.i64(0), r.i64(1)});
  return out;
}

}  // namespace

std::vector<CourtyardSumRec> remunerable_costs(Connection& c, I cid, const std::string& from,
                                               const std::string& to_before) {
  return courtyard_sums(
      c,
      "SELECT p.courtyard_id, SUM(p.amount_fen) FROM postings p JOIN accounts a ON "
      "a.compound_id = p.compound_id AND a.code = p.account WHERE p.compound_id = ? AND "
      "a.type = 'expense' AND p.account <> '5007' AND p.amount_fen > 0 AND p.date >= ? AND "
      "p.date < ? AND NOT EXISTS (SELECT 1 FROM postings q JOIN accounts b ON "
      "b.compound_id = q.compound_id AND b.code = q.account WHERE q.compound_id = p.compound_id "
      "AND q.idx = p.idx AND b.charity = 1 AND q.amount_fen < 0) GROUP BY p.courtyard_id "
      "ORDER BY p.courtyard_id",
      {cid, from, to_before});
}

std::vector<CourtyardSumRec> income_and_expense_before(Connection& c, I cid,
                                                       const std::string& before) {
  return courtyard_sums(
      c,
      "SELECT p.courtyard_id, SUM(p.amount_fen) FROM postings p JOIN accounts a ON "
      "a.compound_id = p.compound_id AND a.code = p.account WHERE p.compound_id = ? AND "
      "a.type IN ('income', 'expense') AND p.date < ? GROUP BY p.courtyard_id",
      {cid, before});
}

std::vector<PeriodSumRec> period_sums(Connection& c, I cid, const std::string& from,
                                      const std::string& to_before) {
  std::vector<PeriodSumRec> out;
  for (const auto& r : c.query(
           "SELECT p.courtyard_id, a.type, p.account, e.kind, SUM(p.amount_fen) FROM postings p "
           "JOIN accounts a ON a.compound_id = p.compound_id AND a.code = p.account "
           "JOIN ledger_entries e ON e.compound_id = p.compound_id AND e.idx = p.idx "
           "WHERE p.compound_id = ? AND a.type IN ('income', 'expense') AND p.date >= ? AND "
           "p.date < ? GROUP BY p.courtyard_id, a.type, p.account, e.kind",
           {cid, from, to_before}))
    out.push_back({r.i64(0), r.str(1) == "income", r.str(2), r.str(3), r.i64(4)});
  return out;
}

std::vector<AccountSumRec> period_sums_by_account(Connection& c, I cid, const std::string& from,
                                                  const std::string& to_before) {
  std::vector<AccountSumRec> out;
  for (const auto& r :
       c.query("SELECT p.account, SUM(p.amount_fen) FROM postings p JOIN accounts a ON "
               "a.compound_id = p.compound_id AND a.code = p.account WHERE p.compound_id = ? AND "
               "a.type IN ('income', 'expense') AND p.date >= ? AND p.date < ? GROUP BY p.account "
               "ORDER BY p.account",
               {cid, from, to_before}))
    out.push_back({r.str(0), r.i64(1)});
  return out;
}

I insert_plan_item(Connection& c, I cid, const NewSurplusItem& p, I created_by, I now_ms) {
  return c.scalar(
      "INSERT INTO surplus_plans (compound_id, courtyard_id, year, item, planned_fen, decision, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {cid, p.courtyard_id, p.year, p.item, p.planned_fen, p.decision, created_by, now_ms});
}

std::vector<SurplusItemRec> list_plan_items(Connection& c, I cid, I year) {
  std::vector<SurplusItemRec> out;
  for (const auto& r : c.query(
           "SELECT p.id, p.courtyard_id, y.name, p.item, p.planned_fen, p.decision, "
           "COALESCE((SELECT SUM(d.amount_fen) FROM disbursements d WHERE d.plan_item_id = p.id "
           "AND d.status = 'executed'), 0) FROM surplus_plans p JOIN courtyards y ON "
           "y.id = p.courtyard_id WHERE p.compound_id = ? AND p.year = ? ORDER BY y.id, p.id",
           {cid, year})) {
    SurplusItemRec p;
    p.id = r.i64(0), p.courtyard_id = r.i64(1), p.courtyard_name = r.str(2), p.item = r.str(3);
    p.planned_fen = r.i64(4), p.decision = r.str(5), p.spent_fen = r.i64(6);
    out.push_back(std::move(p));
  }
  return out;
}

std::optional<I> plan_item_courtyard(Connection& c, I cid, I id) {
  auto r = c.query_one("SELECT courtyard_id FROM surplus_plans WHERE compound_id = ? AND id = ?",
                       {cid, id});
  if (!r) return std::nullopt;
  return r->i64(0);
}

}  // namespace xinyi::store
