#include "store/project_repo.h"

namespace xinyi::store {

namespace {
std::optional<std::int64_t> opt_i64(const Row& r, int i) {
  return r.is_null(i) ? std::nullopt : std::optional<std::int64_t>(r.i64(i));
}
}  // namespace

std::optional<ProjectRec> get_project(Connection& c, std::int64_t cid, std::int64_t pid) {
  auto r = c.query_one(
      "SELECT p.id, p.compound_id, COALESCE(p.courtyard_id, 0), p.title, p.description, COALESCE(y.name, ''), p.status, "
      "p.acceptance_mode, p.signoffs_required, p.min_turnout_pct, p.crowdfund_goal_fen, p.need_id, p.proposal_id, p.vote_id, "
      "p.questionnaire_id, (SELECT COALESCE(SUM(q.amount_fen), 0) FROM project_quotes q WHERE q.project_id = p.id AND q.signed_on IS NOT NULL), "
      "COALESCE(p.outcome, ''), COALESCE(p.settled_on, ''), p.cancel_reason, p.created_at, p.updated_at "
      "FROM projects p LEFT JOIN courtyards y ON y.id = p.courtyard_id WHERE p.compound_id = ? AND p.id = ?",
      {cid, pid});
  if (!r) return std::nullopt;
  ProjectRec p;
  p.id = r->i64(0);
  p.compound_id = r->i64(1);
  p.courtyard_id = r->i64(2);
  p.title = r->str(3);
  p.description = r->str(4);
  p.courtyard_name = r->str(5);
  p.status = r->str(6);
  p.acceptance_mode = r->str(7);
  p.signoffs_required = r->i64(8);
  p.min_turnout_pct = r->i64(9);
  p.crowdfund_goal_fen = r->i64(10);
  p.need_id = opt_i64(*r, 11);
  p.proposal_id = opt_i64(*r, 12);
  p.vote_id = opt_i64(*r, 13);
  p.questionnaire_id = opt_i64(*r, 14);
  p.contract_fen = r->i64(15);
  p.outcome = r->str(16);
  p.settled_on = r->str(17);
  p.cancel_reason = r->str(18);
  p.created_at_ms = r->i64(19);
  p.updated_at_ms = r->i64(20);
  return p;
}

std::vector<ProjectLineRec> list_project_lines(Connection& c, std::int64_t pid) {
  std::vector<ProjectLineRec> out;
  for (
      auto& r : c.query(
          "SELECT id, name, account, budget_fen FROM project_lines WHERE project_id = ? AND retired = 0 ORDER BY position",
          {pid}))
    out.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3)});
  return out;
}

std::vector<ProjectFundingRec> list_project_funding(Connection& c, std::int64_t pid) {
  std::vector<ProjectFundingRec> out;
  for (
      auto& r : c.query(
          "SELECT source, courtyard_id, amount_fen FROM project_funding WHERE project_id = ? ORDER BY source, courtyard_id",
          {pid}))
    out.push_back({r.str(0), r.i64(1), r.i64(2)});
  return out;
}

std::int64_t count_open_pledges(Connection& c, std::int64_t pid) {
  return c.scalar("SELECT COUNT(*) FROM pledges WHERE project_id = ? AND status = 'open'", {pid});
}

std::vector<std::int64_t> pledged_unit_ids(Connection& c, std::int64_t pid) {
  std::vector<std::int64_t> out;
  for (auto& r :
       c.query("SELECT unit_id FROM pledges WHERE project_id = ? ORDER BY unit_id", {pid}))
    out.push_back(r.i64(0));
  return out;
}

bool has_signed_off(Connection& c, std::int64_t pid, std::int64_t user_id) {
  return c
      .query_one("SELECT 1 FROM project_signoffs WHERE project_id = ? AND user_id = ?",
                 {pid, user_id})
      .has_value();
}

}  // namespace xinyi::store
