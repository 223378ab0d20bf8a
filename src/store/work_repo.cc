#include "store/work_repo.h"

namespace xinyi::store {

namespace {

const char* kLogColumns =
    "SELECT l.id, l.courtyard_id, l.worker_id, l.checked_in_at, COALESCE(l.checked_out_at, 0), COALESCE(l.minutes, 0), l.voided, "
    "l.checked_out_at IS NOT NULL, l.item_code, l.month, l.done, l.photos, y.name, u.name, COALESCE(l.review_from, 0) FROM work_logs l "
    "JOIN courtyards y ON y.id = l.courtyard_id JOIN users u ON u.id = l.worker_id ";

WorkLogRec log_of(const Row& r) {
  WorkLogRec l;
  l.id = r.i64(0);
  l.courtyard_id = r.i64(1);
  l.worker_id = r.i64(2);
  l.checked_in_at_ms = r.i64(3);
  l.checked_out_at_ms = r.i64(4);
  l.minutes = r.i64(5);
  l.voided = r.i64(6) != 0;
  l.checked_out = r.i64(7) != 0;
  l.item_code = r.str(8);
  l.month = r.str(9);
  l.done = r.str(10);
  l.photos = decode_text_list(r.str(11));
  l.courtyard_name = r.str(12);
  l.worker_name = r.str(13);
  l.review_from_ms = r.i64(14);
  return l;
}

}  // namespace

// ---- Plans.

std::optional<PlanVersionRec> plan_in_effect(Connection& c, std::int64_t cid,
                                             const std::string& month) {
  auto r = c.query_one(
      "SELECT id, version, effective_from FROM service_plans WHERE compound_id = ? AND effective_from <= ? "
      "ORDER BY effective_from DESC LIMIT 1",
      {cid, month});
  if (!r) return std::nullopt;
  return PlanVersionRec{r->i64(0), r->i64(1), r->str(2)};
}

std::vector<PlanRec> list_service_plans(Connection& c, std::int64_t cid) {
  std::vector<PlanRec> out;
  for (
      auto& r : c.query(
          "SELECT id, version, effective_from, note, monthly_cost_fen, created_at FROM service_plans WHERE compound_id = ? "
          "ORDER BY effective_from DESC",
          {cid}))
    out.push_back({r.i64(0), r.i64(1), r.str(2), r.str(3), r.i64(4), r.i64(5)});
  return out;
}

std::vector<PlanItemRec> list_plan_items(Connection& c, std::int64_t plan_id) {
  std::vector<PlanItemRec> out;
  for (
      auto& r : c.query(
          "SELECT code, role, tasks, standard, frequency, visits, minutes_per_visit, rate_fen_per_hour, expense_account "
          "FROM plan_items WHERE plan_id = ? ORDER BY n",
          {plan_id}))
    out.push_back(
        {r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.i64(5), r.i64(6), r.i64(7), r.str(8)});
  return out;
}

std::int64_t next_plan_version(Connection& c, std::int64_t cid) {
  return c.scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM service_plans WHERE compound_id = ?",
                  {cid});
}

std::int64_t insert_service_plan(Connection& c, std::int64_t cid, const NewPlan& p,
                                 std::int64_t now_ms) {
  return c
      .query_one(
          "INSERT INTO service_plans (compound_id, version, effective_from, note, monthly_cost_fen, created_by, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {cid, p.version, p.effective_from, p.note, p.monthly_cost_fen, id_or_null(p.created_by),
           now_ms})
      ->i64(0);
}

void insert_plan_item(Connection& c, std::int64_t cid, std::int64_t plan_id, std::int64_t n,
                      const PlanItemRec& i) {
  c.execute(
      "INSERT INTO plan_items (compound_id, plan_id, n, code, role, tasks, standard, frequency, visits, minutes_per_visit, "
      "rate_fen_per_hour, expense_account) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {cid, plan_id, n, i.code, i.role, i.tasks, i.standard, i.frequency, i.visits,
       i.minutes_per_visit, i.rate_fen_per_hour, i.expense_account});
}

bool plan_takes_effect_in(Connection& c, std::int64_t cid, const std::string& month) {
  return c
      .query_one("SELECT 1 FROM service_plans WHERE compound_id = ? AND effective_from = ?",
                 {cid, month})
      .has_value();
}

std::optional<std::string> last_used_month(Connection& c, std::int64_t cid) {
  auto r = c.query_one(
      "SELECT MAX(m) FROM (SELECT MAX(month) AS m FROM work_logs WHERE compound_id = ? AND voided = 0 "
      "UNION ALL SELECT MAX(period) FROM service_postings WHERE compound_id = ?) t",
      {cid, cid});
  if (!r || r->is_null(0)) return std::nullopt;
  return r->str(0);
}

bool plan_has_item(Connection& c, std::int64_t cid, const std::string& code) {
  return c.scalar("SELECT COUNT(*) FROM plan_items WHERE compound_id = ? AND code = ?",
                  {cid, code}) != 0;
}

// ---- Who does which item.

std::vector<AssignmentRec> list_assignments(Connection& c, std::int64_t cid) {
  std::vector<AssignmentRec> out;
  for (
      auto& r : c.query(
          "SELECT w.item_code, u.login, u.name, w.assigned_at FROM plan_item_workers w JOIN users u ON u.id = w.user_id "
          "WHERE w.compound_id = ? ORDER BY w.item_code, u.id LIMIT 1000",
          {cid}))
    out.push_back({r.str(0), r.str(1), r.str(2), r.i64(3)});
  return out;
}

bool is_assigned(Connection& c, std::int64_t cid, const std::string& code, std::int64_t user_id) {
  return c.scalar(
             "SELECT COUNT(*) FROM plan_item_workers WHERE compound_id = ? AND item_code = ? AND user_id = ?",
             {cid, code, user_id}) != 0;
}

void assign_worker(Connection& c, std::int64_t cid, const std::string& code, std::int64_t user_id,
                   std::int64_t assigned_by, std::int64_t now_ms) {
  c.execute(
      "INSERT INTO plan_item_workers (compound_id, item_code, user_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (compound_id, item_code, user_id) DO NOTHING",
      {cid, code, user_id, assigned_by, now_ms});
}

void unassign_worker(Connection& c, std::int64_t cid, const std::string& code,
                     std::int64_t user_id) {
  c.execute("DELETE FROM plan_item_workers WHERE compound_id = ? AND item_code = ? AND user_id = ?",
            {cid, code, user_id});
}

std::vector<ItemWorkerRec> list_item_workers(Connection& c, std::int64_t cid,
                                             const std::string& code) {
  std::vector<ItemWorkerRec> out;
  for (auto& r :
       c.query("SELECT u.login, u.name FROM plan_item_workers w JOIN users u ON u.id = w.user_id "
               "WHERE w.compound_id = ? AND w.item_code = ? ORDER BY u.id",
               {cid, code}))
    out.push_back({r.str(0), r.str(1)});
  return out;
}

// ---- Work logs (visits).

std::optional<WorkLogRec> get_work_log(Connection& c, std::int64_t cid, std::int64_t id) {
  auto r =
      c.query_one(std::string(kLogColumns) + "WHERE l.compound_id = ? AND l.id = ?", {cid, id});
  if (!r) return std::nullopt;
  return log_of(*r);
}

std::vector<WorkLogRec> list_work_logs(Connection& c, std::int64_t cid, const WorkLogFilter& f) {
  std::string sql = std::string(kLogColumns) + "WHERE l.compound_id = ?";
  std::vector<Value> args{cid};
  if (!f.month.empty()) sql += " AND l.month = ?", args.emplace_back(f.month);
  if (f.worker_id) sql += " AND l.worker_id = ?", args.emplace_back(f.worker_id);
  if (f.reviewer_id)
    sql +=
        " AND l.voided = 0 AND l.review_from > ? AND l.worker_id <> ? AND l.courtyard_id IN (SELECT u.courtyard_id FROM claims cl "
        "JOIN units u ON u.id = cl.unit_id WHERE cl.compound_id = l.compound_id AND cl.user_id = ?)",
        args.emplace_back(f.review_from_after_ms), args.emplace_back(f.reviewer_id),
        args.emplace_back(f.reviewer_id);
  sql += " ORDER BY l.checked_in_at DESC LIMIT 200";
  std::vector<WorkLogRec> out;
  for (auto& r : c.query(sql, args)) out.push_back(log_of(r));
  return out;
}

std::optional<std::int64_t> open_work_log(Connection& c, std::int64_t cid, std::int64_t worker_id) {
  auto r = c.query_one(
      "SELECT id FROM work_logs WHERE compound_id = ? AND worker_id = ? AND checked_out_at IS NULL AND voided = 0",
      {cid, worker_id});
  if (!r) return std::nullopt;
  return r->i64(0);
}

std::optional<std::int64_t> overlapping_work_log(Connection& c, std::int64_t worker_id,
                                                 std::int64_t from_ms, std::int64_t to_ms,
                                                 std::int64_t except_log) {
  auto r = c.query_one(
      "SELECT id, checked_in_at, checked_out_at FROM work_logs WHERE worker_id = ? AND voided = 0 AND id <> ? "
      "AND checked_in_at < ? AND (checked_out_at IS NULL OR checked_out_at > ?) ORDER BY id LIMIT 1",
      {worker_id, except_log, to_ms, from_ms});
  if (!r) return std::nullopt;
  return r->i64(0);
}

std::int64_t insert_work_log(Connection& c, std::int64_t cid, std::int64_t courtyard_id,
                             const std::string& code, std::int64_t worker_id,
                             const std::string& month, std::int64_t at_ms) {
  return c
      .query_one(
          "INSERT INTO work_logs (compound_id, courtyard_id, item_code, worker_id, month, checked_in_at, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {cid, courtyard_id, code, worker_id, month, at_ms, at_ms})
      ->i64(0);
}

void check_out_work_log(Connection& c, std::int64_t id, std::int64_t at_ms,
                        std::int64_t review_from_ms, std::int64_t minutes, const std::string& done,
                        const std::vector<std::string>& photos) {
  c.execute(
      "UPDATE work_logs SET checked_out_at = ?, review_from = ?, minutes = ?, done = ?, photos = ? WHERE id = ?",
      {at_ms, review_from_ms, minutes, done, encode_text_list(photos), id});
}

void void_work_log(Connection& c, std::int64_t id) {
  c.execute("UPDATE work_logs SET voided = 1 WHERE id = ?", {id});
}

std::vector<MonthVisitRec> list_month_visits(Connection& c, std::int64_t cid,
                                             const std::string& month) {
  std::vector<MonthVisitRec> out;
  for (auto& r : c.query(
           "SELECT id, item_code, courtyard_id, review_from, COALESCE(minutes, 0) FROM work_logs "
           "WHERE compound_id = ? AND month = ? AND voided = 0 ORDER BY id",
           {cid, month}))
    out.push_back({r.i64(0), r.str(1), r.i64(2), r.opt_i64(3), r.i64(4)});
  return out;
}

// ---- Residents' reviews.

std::vector<ReviewCountRec> count_reviews(Connection& c, std::int64_t log_id) {
  std::vector<ReviewCountRec> out;
  for (
      auto& r : c.query(
          "SELECT verdict, COALESCE(resolution, ''), COUNT(*) FROM visit_reviews WHERE log_id = ? GROUP BY verdict, resolution",
          {log_id}))
    out.push_back({r.str(0), r.str(1), r.i64(2)});
  return out;
}

std::optional<ReviewRec> get_review(Connection& c, std::int64_t log_id, std::int64_t user_id) {
  auto r = c.query_one(
      "SELECT id, verdict, reason, COALESCE(resolution, '') FROM visit_reviews WHERE log_id = ? AND user_id = ?",
      {log_id, user_id});
  if (!r) return std::nullopt;
  return ReviewRec{r->i64(0), r->str(1), r->str(2), r->str(3)};
}

void insert_review(Connection& c, std::int64_t cid, std::int64_t log_id, std::int64_t user_id,
                   std::int64_t unit_id, const std::string& verdict, const std::string& reason,
                   std::int64_t at_ms) {
  c.execute(
      "INSERT INTO visit_reviews (compound_id, log_id, user_id, unit_id, verdict, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {cid, log_id, user_id, unit_id, verdict, reason, at_ms});
}

void update_review(Connection& c, std::int64_t review_id, const std::string& verdict,
                   const std::string& reason, std::int64_t at_ms) {
  c.execute("UPDATE visit_reviews SET verdict = ?, reason = ?, at = ? WHERE id = ?",
            {verdict, reason, at_ms, review_id});
}

std::vector<DisputeRec> list_disputes(Connection& c, std::int64_t cid, bool open_only) {
  std::vector<DisputeRec> out;
  for (
      auto& r : c.query(
          "SELECT v.id, v.log_id, v.reason, v.at, COALESCE(v.resolution, ''), v.resolution_note, un.label, us.name, "
          "l.item_code, l.month, l.checked_in_at, l.minutes, l.done, y.name FROM visit_reviews v "
          "JOIN work_logs l ON l.id = v.log_id JOIN units un ON un.id = v.unit_id JOIN users us ON us.id = v.user_id "
          "JOIN courtyards y ON y.id = l.courtyard_id WHERE v.compound_id = ? AND v.verdict = 'dispute'" +
              std::string(open_only ? " AND v.resolution IS NULL" : "") +
              " ORDER BY v.id DESC LIMIT 200",
          {cid})) {
    DisputeRec d;
    d.id = r.i64(0);
    d.log_id = r.i64(1);
    d.reason = r.str(2);
    d.at_ms = r.i64(3);
    d.resolution = r.str(4);
    d.resolution_note = r.str(5);
    d.unit_label = r.str(6);
    d.resident_name = r.str(7);
    d.item_code = r.str(8);
    d.month = r.str(9);
    d.checked_in_at_ms = r.i64(10);
    d.minutes = r.opt_i64(11);
    d.done = r.str(12);
    d.courtyard_name = r.str(13);
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<ReviewedVisitRec> get_reviewed_visit(Connection& c, std::int64_t cid,
                                                   std::int64_t review_id) {
  auto r = c.query_one(
      "SELECT v.log_id, v.verdict, COALESCE(v.resolution, ''), l.month FROM visit_reviews v JOIN work_logs l ON l.id = v.log_id "
      "WHERE v.compound_id = ? AND v.id = ?",
      {cid, review_id});
  if (!r) return std::nullopt;
  return ReviewedVisitRec{r->i64(0), r->str(1), r->str(2), r->str(3)};
}

void resolve_review(Connection& c, std::int64_t review_id, const std::string& resolution,
                    const std::string& note, std::int64_t resolved_by, std::int64_t at_ms) {
  c.execute(
      "UPDATE visit_reviews SET resolution = ?, resolution_note = ?, resolved_by = ?, resolved_at = ? WHERE id = ?",
      {resolution, note, resolved_by, at_ms, review_id});
}

std::int64_t review_author(Connection& c, std::int64_t review_id) {
  return c.scalar("SELECT user_id FROM visit_reviews WHERE id = ?", {review_id});
}

// ---- The months posted to the books.

bool month_posted(Connection& c, std::int64_t cid, const std::string& month) {
  return c
      .query_one("SELECT 1 FROM service_postings WHERE compound_id = ? AND period = ?",
                 {cid, month})
      .has_value();
}

std::optional<ServicePostingRec> get_service_posting(Connection& c, std::int64_t cid,
                                                     const std::string& month) {
  auto r = c.query_one(
      "SELECT amount_fen, entry_idx, created_at FROM service_postings WHERE compound_id = ? AND period = ?",
      {cid, month});
  if (!r) return std::nullopt;
  return ServicePostingRec{r->i64(0), r->opt_i64(1), r->i64(2)};
}

void insert_service_posting(Connection& c, std::int64_t cid, const NewServicePosting& p,
                            std::int64_t now_ms) {
  c.execute(
      "INSERT INTO service_postings (compound_id, period, minutes, amount_fen, entry_idx, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {cid, p.period, p.minutes, p.amount_fen, p.entry_idx ? Value(*p.entry_idx) : Value(nullptr),
       id_or_null(p.created_by), now_ms});
}

}  // namespace xinyi::store
