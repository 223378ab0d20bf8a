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

std::int64_t pledged_fen(Connection& c, std::int64_t pid) {
  return c.scalar(
      "SELECT COALESCE(SUM(amount_fen), 0) FROM pledges WHERE project_id = ? AND status <> 'refunded'",
      {pid});
}

std::int64_t pledging_households(Connection& c, std::int64_t pid) {
  return c.scalar("SELECT COUNT(*) FROM pledges WHERE project_id = ? AND status <> 'refunded'",
                  {pid});
}

std::int64_t crowd_collected_fen(Connection& c, std::int64_t pid) {
  return c.scalar(
      "SELECT COALESCE(SUM(amount_fen), 0) FROM pledge_payments WHERE project_id = ? AND refund_idx IS NULL",
      {pid});
}

std::int64_t crowd_reversed_fen(Connection& c, std::int64_t pid) {
  return c.scalar(
      "SELECT COALESCE(SUM(amount_fen), 0) FROM pledge_payments WHERE project_id = ? AND refund_idx IS NOT NULL",
      {pid});
}

std::vector<PledgeRec> list_pledges(Connection& c, std::int64_t pid) {
  std::vector<PledgeRec> out;
  for (
      auto& r : c.query(
          "SELECT pl.id, pl.unit_id, u.label, COALESCE(y.name, ''), pl.amount_fen, pl.paid_fen, pl.status FROM pledges pl "
          "JOIN units u ON u.id = pl.unit_id LEFT JOIN courtyards y ON y.id = u.courtyard_id WHERE pl.project_id = ? ORDER BY pl.id",
          {pid}))
    out.push_back({r.i64(0), r.i64(1), r.str(2), r.str(3), r.i64(4), r.i64(5), r.str(6)});
  return out;
}

std::vector<PledgeRec> list_pledges_of_user(Connection& c, std::int64_t pid, std::int64_t user_id) {
  std::vector<PledgeRec> out;
  for (
      auto& r : c.query(
          "SELECT pl.id, pl.unit_id, u.label, pl.amount_fen, pl.paid_fen, pl.status FROM pledges pl JOIN claims cl "
          "ON cl.unit_id = pl.unit_id AND cl.user_id = ? JOIN units u ON u.id = pl.unit_id WHERE pl.project_id = ? ORDER BY pl.id",
          {user_id, pid}))
    out.push_back({r.i64(0), r.i64(1), r.str(2), "", r.i64(3), r.i64(4), r.str(5)});
  return out;
}

std::vector<QuoteRec> list_quotes(Connection& c, std::int64_t pid) {
  std::vector<QuoteRec> out;
  for (
      auto& r : c.query(
          "SELECT id, contractor, amount_fen, note, vouchers, signed_on, contract_vouchers FROM project_quotes "
          "WHERE project_id = ? ORDER BY id",
          {pid}))
    out.push_back({r.i64(0), r.str(1), r.i64(2), r.str(3), decode_text_list(r.str(4)), r.opt_str(5),
                   decode_text_list(r.str(6))});
  return out;
}

std::vector<MilestoneRec> list_milestones(Connection& c, std::int64_t pid) {
  std::vector<MilestoneRec> out;
  for (
      auto& r : c.query(
          "SELECT id, title, due_on, done_on, note, photos FROM project_milestones WHERE project_id = ? ORDER BY id",
          {pid}))
    out.push_back(
        {r.i64(0), r.str(1), r.opt_str(2), r.opt_str(3), r.str(4), decode_text_list(r.str(5))});
  return out;
}

std::vector<SignoffRec> list_signoffs(Connection& c, std::int64_t pid) {
  std::vector<SignoffRec> out;
  for (
      auto& r : c.query(
          "SELECT u.name, s.at FROM project_signoffs s JOIN users u ON u.id = s.user_id WHERE s.project_id = ? ORDER BY s.at",
          {pid}))
    out.push_back({r.str(0), r.i64(1)});
  return out;
}

std::vector<ProjectEventRec> list_project_events(Connection& c, std::int64_t pid) {
  std::vector<ProjectEventRec> out;
  for (auto& r :
       c.query("SELECT at, kind, text FROM project_events WHERE project_id = ? ORDER BY id", {pid}))
    out.push_back({r.i64(0), r.str(1), r.str(2)});
  return out;
}

void insert_project_event(Connection& c, std::int64_t cid, std::int64_t pid, std::int64_t at_ms,
                          const std::string& kind, const std::string& text) {
  c.execute(
      "INSERT INTO project_events (project_id, compound_id, at, kind, text) VALUES (?, ?, ?, ?, ?)",
      {pid, cid, at_ms, kind, text});
  touch_project(c, pid, at_ms);
}

void touch_project(Connection& c, std::int64_t pid, std::int64_t now_ms) {
  c.execute("UPDATE projects SET updated_at = ? WHERE id = ?", {now_ms, pid});
}

void set_project_status(Connection& c, std::int64_t pid, const std::string& status) {
  c.execute("UPDATE projects SET status = ? WHERE id = ?", {status, pid});
}

std::optional<std::int64_t> first_project_of_need(Connection& c, std::int64_t need_id) {
  auto r = c.query_one("SELECT MIN(id) FROM projects WHERE need_id = ?", {need_id});
  return r ? opt_i64(*r, 0) : std::nullopt;
}

std::int64_t count_followers(Connection& c, std::int64_t pid) {
  return c.scalar("SELECT COUNT(*) FROM project_followers WHERE project_id = ?", {pid});
}

bool is_following(Connection& c, std::int64_t pid, std::int64_t user_id) {
  return c
      .query_one("SELECT 1 FROM project_followers WHERE project_id = ? AND user_id = ?",
                 {pid, user_id})
      .has_value();
}

std::vector<std::int64_t> follower_ids(Connection& c, std::int64_t pid) {
  std::vector<std::int64_t> out;
  for (auto& r : c.query("SELECT user_id FROM project_followers WHERE project_id = ?", {pid}))
    out.push_back(r.i64(0));
  return out;
}

std::int64_t insert_project(Connection& c, std::int64_t cid, const NewProject& p,
                            std::int64_t now_ms) {
  return c
      .query_one(
          "INSERT INTO projects (compound_id, courtyard_id, title, description, status, acceptance_mode, signoffs_required, "
          "min_turnout_pct, crowdfund_goal_fen, need_id, proposal_id, created_by, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, 'proposed', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {cid, id_or_null(p.courtyard_id), p.title, p.description, p.acceptance_mode,
           p.signoffs_required, p.min_turnout_pct, p.crowdfund_goal_fen, id_or_null(p.need_id),
           id_or_null(p.proposal_id), p.created_by, now_ms, now_ms})
      ->i64(0);
}

std::vector<std::int64_t> list_project_ids(Connection& c, std::int64_t cid, std::int64_t limit) {
  std::vector<std::int64_t> out;
  for (auto& r : c.query("SELECT id FROM projects WHERE compound_id = ? ORDER BY id DESC LIMIT ?",
                         {cid, limit}))
    out.push_back(r.i64(0));
  return out;
}

void replace_budget(Connection& c, std::int64_t cid, std::int64_t pid,
                    const std::vector<ProjectLineRec>& lines,
                    const std::vector<ProjectFundingRec>& funding) {
  c.execute("UPDATE project_lines SET retired = 1 WHERE project_id = ?", {pid});
  c.execute("DELETE FROM project_funding WHERE project_id = ?", {pid});
  for (std::size_t i = 0; i < lines.size(); ++i)
    c.execute(
        "INSERT INTO project_lines (project_id, compound_id, position, name, account, budget_fen) VALUES (?, ?, ?, ?, ?, ?)",
        {pid, cid, static_cast<std::int64_t>(i), lines[i].name, lines[i].account,
         lines[i].budget_fen});
  for (const auto& f : funding)
    c.execute(
        "INSERT INTO project_funding (project_id, compound_id, source, courtyard_id, amount_fen) VALUES (?, ?, ?, ?, ?)",
        {pid, cid, f.source, f.courtyard_id, f.amount_fen});
}

void set_project_vote(Connection& c, std::int64_t pid, std::optional<std::int64_t> vote_id) {
  c.execute("UPDATE projects SET vote_id = ? WHERE id = ?", {id_or_null(vote_id), pid});
}

bool vote_cited_by_other_project(Connection& c, std::int64_t cid, std::int64_t vote_id,
                                 std::int64_t pid) {
  return c
      .query_one(
          "SELECT 1 FROM projects WHERE compound_id = ? AND vote_id = ? AND id <> ? AND status <> 'cancelled' LIMIT 1",
          {cid, vote_id, pid})
      .has_value();
}

std::int64_t count_quotes(Connection& c, std::int64_t pid) {
  return c.scalar("SELECT COUNT(*) FROM project_quotes WHERE project_id = ?", {pid});
}

std::int64_t insert_quote(Connection& c, std::int64_t cid, std::int64_t pid,
                          const std::string& contractor, std::int64_t amount_fen,
                          const std::string& note, const std::vector<std::string>& vouchers,
                          std::int64_t created_by, std::int64_t now_ms) {
  return c
      .query_one(
          "INSERT INTO project_quotes (project_id, compound_id, contractor, amount_fen, note, vouchers, created_by, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {pid, cid, contractor, amount_fen, note, encode_text_list(vouchers), created_by, now_ms})
      ->i64(0);
}

std::optional<QuoteRec> get_quote(Connection& c, std::int64_t pid, std::int64_t quote_id) {
  auto r = c.query_one(
      "SELECT id, contractor, amount_fen, note, vouchers, signed_on, contract_vouchers FROM project_quotes "
      "WHERE project_id = ? AND id = ?",
      {pid, quote_id});
  if (!r) return std::nullopt;
  return QuoteRec{r->i64(0),
                  r->str(1),
                  r->i64(2),
                  r->str(3),
                  decode_text_list(r->str(4)),
                  r->opt_str(5),
                  decode_text_list(r->str(6))};
}

void sign_quote(Connection& c, std::int64_t quote_id, const std::string& signed_on,
                const std::vector<std::string>& contract_vouchers) {
  c.execute("UPDATE project_quotes SET signed_on = ?, contract_vouchers = ? WHERE id = ?",
            {signed_on, encode_text_list(contract_vouchers), quote_id});
}

std::int64_t count_milestones(Connection& c, std::int64_t pid) {
  return c.scalar("SELECT COUNT(*) FROM project_milestones WHERE project_id = ?", {pid});
}

std::int64_t count_open_milestones(Connection& c, std::int64_t pid) {
  return c.scalar(
      "SELECT COUNT(*) FROM project_milestones WHERE project_id = ? AND done_on IS NULL", {pid});
}

std::int64_t insert_milestone(Connection& c, std::int64_t cid, std::int64_t pid,
                              const std::string& title, const std::optional<std::string>& due_on,
                              std::int64_t now_ms) {
  return c
      .query_one(
          "INSERT INTO project_milestones (project_id, compound_id, title, due_on, created_at) VALUES (?, ?, ?, ?, ?) "
          "RETURNING id",
          {pid, cid, title, due_on ? Value(*due_on) : Value(nullptr), now_ms})
      ->i64(0);
}

std::optional<MilestoneRec> get_milestone(Connection& c, std::int64_t pid, std::int64_t mid) {
  auto r = c.query_one(
      "SELECT id, title, due_on, done_on, note, photos FROM project_milestones WHERE project_id = ? AND id = ?",
      {pid, mid});
  if (!r) return std::nullopt;
  return MilestoneRec{r->i64(0),     r->str(1), r->opt_str(2),
                      r->opt_str(3), r->str(4), decode_text_list(r->str(5))};
}

void complete_milestone(Connection& c, std::int64_t mid, const std::string& done_on,
                        const std::string& note, const std::vector<std::string>& photos) {
  c.execute("UPDATE project_milestones SET done_on = ?, note = ?, photos = ? WHERE id = ?",
            {done_on, note, encode_text_list(photos), mid});
}

void set_outcome(Connection& c, std::int64_t pid, const std::string& outcome) {
  c.execute("UPDATE projects SET outcome = ? WHERE id = ?", {outcome, pid});
}

void set_acceptance_questionnaire(Connection& c, std::int64_t pid,
                                  std::optional<std::int64_t> questionnaire_id) {
  c.execute("UPDATE projects SET questionnaire_id = ? WHERE id = ?",
            {id_or_null(questionnaire_id), pid});
}

void insert_signoff(Connection& c, std::int64_t cid, std::int64_t pid, std::int64_t user_id,
                    std::int64_t at_ms) {
  c.execute(
      "INSERT INTO project_signoffs (project_id, compound_id, user_id, at) VALUES (?, ?, ?, ?)",
      {pid, cid, user_id, at_ms});
}

std::int64_t count_signoffs(Connection& c, std::int64_t pid) {
  return c.scalar("SELECT COUNT(*) FROM project_signoffs WHERE project_id = ?", {pid});
}

void clear_signoffs(Connection& c, std::int64_t pid) {
  c.execute("DELETE FROM project_signoffs WHERE project_id = ?", {pid});
}

void set_settled_on(Connection& c, std::int64_t pid, const std::string& date) {
  c.execute("UPDATE projects SET settled_on = ? WHERE id = ?", {date, pid});
}

void set_cancel_reason(Connection& c, std::int64_t pid, const std::string& reason) {
  c.execute("UPDATE projects SET cancel_reason = ? WHERE id = ?", {reason, pid});
}

void follow(Connection& c, std::int64_t cid, std::int64_t pid, std::int64_t user_id,
            std::int64_t now_ms) {
  c.execute(
      "INSERT INTO project_followers (project_id, compound_id, user_id, at) VALUES (?, ?, ?, ?)",
      {pid, cid, user_id, now_ms});
}

void unfollow(Connection& c, std::int64_t pid, std::int64_t user_id) {
  c.execute("DELETE FROM project_followers WHERE project_id = ? AND user_id = ?", {pid, user_id});
}

bool unit_has_pledged(Connection& c, std::int64_t pid, std::int64_t unit_id) {
  return c.query_one("SELECT 1 FROM pledges WHERE project_id = ? AND unit_id = ?", {pid, unit_id})
      .has_value();
}

std::int64_t insert_pledge(Connection& c, std::int64_t cid, std::int64_t pid, std::int64_t unit_id,
                           std::int64_t user_id, std::int64_t amount_fen, std::int64_t now_ms) {
  return c
      .query_one(
          "INSERT INTO pledges (project_id, compound_id, unit_id, user_id, amount_fen, status, created_at) "
          "VALUES (?, ?, ?, ?, ?, 'open', ?) RETURNING id",
          {pid, cid, unit_id, id_or_null(user_id), amount_fen, now_ms})
      ->i64(0);
}

std::optional<PledgeDue> get_pledge_due(Connection& c, std::int64_t pid, std::int64_t pledge_id) {
  auto r = c.query_one(
      "SELECT amount_fen, paid_fen, user_id FROM pledges WHERE project_id = ? AND id = ?",
      {pid, pledge_id});
  if (!r) return std::nullopt;
  return PledgeDue{r->i64(0), r->i64(1), r->opt_i64(2)};
}

void insert_pledge_payment(Connection& c, std::int64_t cid, std::int64_t pid,
                           std::int64_t pledge_id, std::int64_t amount_fen, std::int64_t entry_idx,
                           std::int64_t recorded_by, std::int64_t at_ms) {
  c.execute(
      "INSERT INTO pledge_payments (pledge_id, project_id, compound_id, amount_fen, entry_idx, recorded_by, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {pledge_id, pid, cid, amount_fen, entry_idx, recorded_by, at_ms});
}

void set_pledge_paid(Connection& c, std::int64_t pledge_id, std::int64_t paid_fen,
                     const std::string& status) {
  c.execute("UPDATE pledges SET paid_fen = ?, status = ? WHERE id = ?",
            {paid_fen, status, pledge_id});
}

std::vector<std::pair<std::int64_t, std::int64_t>> paid_by_unit(Connection& c, std::int64_t pid) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (
      auto& r : c.query(
          "SELECT unit_id, paid_fen FROM pledges WHERE project_id = ? AND paid_fen > 0 AND status <> 'refunded' ORDER BY id",
          {pid}))
    out.emplace_back(r.i64(0), r.i64(1));
  return out;
}

std::vector<PledgePaymentRec> unrefunded_pledge_payments(Connection& c, std::int64_t pid) {
  std::vector<PledgePaymentRec> out;
  for (
      auto& r : c.query(
          "SELECT pp.id, pp.entry_idx, pp.amount_fen FROM pledge_payments pp WHERE pp.project_id = ? AND pp.refund_idx IS NULL "
          "ORDER BY pp.id",
          {pid}))
    out.push_back({r.i64(0), r.i64(1), r.i64(2)});
  return out;
}

std::vector<std::int64_t> paying_user_ids(Connection& c, std::int64_t pid) {
  std::vector<std::int64_t> out;
  for (
      auto& r : c.query(
          "SELECT DISTINCT user_id FROM pledges WHERE project_id = ? AND user_id IS NOT NULL AND paid_fen > 0",
          {pid}))
    out.push_back(r.i64(0));
  return out;
}

void mark_pledges_refunded(Connection& c, std::int64_t pid) {
  c.execute("UPDATE pledges SET status = 'refunded' WHERE project_id = ?", {pid});
}

bool undo_pledge_payment(Connection& c, std::int64_t cid, std::int64_t entry_idx,
                         std::int64_t reversal_idx) {
  auto pp = c.query_one(
      "SELECT id, pledge_id, amount_fen FROM pledge_payments WHERE compound_id = ? AND entry_idx = ? AND refund_idx IS NULL",
      {cid, entry_idx});
  if (!pp) return false;
  c.execute("UPDATE pledge_payments SET refund_idx = ? WHERE id = ?", {reversal_idx, pp->i64(0)});
  c.execute(
      "UPDATE pledges SET paid_fen = paid_fen - ?, status = CASE WHEN status = 'refunded' THEN status ELSE 'open' END WHERE id = ?",
      {pp->i64(2), pp->i64(1)});
  return true;
}

std::optional<std::string> project_status(Connection& c, std::int64_t cid, std::int64_t pid) {
  auto r = c.query_one("SELECT status FROM projects WHERE compound_id = ? AND id = ?", {cid, pid});
  if (!r) return std::nullopt;
  return r->str(0);
}

std::int64_t crowdfunding_held_fen(Connection& c, std::int64_t cid) {
  // Read across the two features in one statement each: the payments households made to open
  // projects, and the payments those projects made (or asked to make) out of that money.
  std::int64_t collected = c.scalar(
      "SELECT COALESCE(SUM(pp.amount_fen), 0) FROM pledge_payments pp JOIN projects p ON p.id = pp.project_id "
      "WHERE pp.compound_id = ? AND pp.refund_idx IS NULL AND p.status NOT IN ('settled', 'cancelled')",
      {cid});
  std::int64_t used = c.scalar(
      "SELECT COALESCE(SUM(d.amount_fen), 0) FROM disbursements d JOIN projects p ON p.id = d.project_id WHERE d.compound_id = ? "
      "AND d.funding_source IN ('crowdfunding', 'crowdfunding_refund') AND d.status IN ('pending', 'executed') "
      "AND p.status NOT IN ('settled', 'cancelled')",
      {cid});
  return collected - used;
}

}  // namespace xinyi::store
