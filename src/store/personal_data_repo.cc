#include "store/personal_data_repo.h"

#include <initializer_list>

#include "domain/assert.h"

namespace xinyi::store {

namespace {

constexpr const char* kDeletedName = "已注销用户";

enum class Cell { integer, text };
struct Column {
  const char* name;
  Cell cell;
};
constexpr Cell I = Cell::integer, T = Cell::text;

// The rows of `sql` (the person's id its every parameter) as a section with these columns.
PersonalSection section(Connection& c, const char* name, std::string_view sql, std::int64_t uid,
                        std::initializer_list<Column> columns) {
  PersonalSection s{name, {}, {}};
  for (const Column& col : columns) s.columns.emplace_back(col.name);
  for (const Row& r : c.query(sql, {uid})) {
    XINYI_ASSERT(r.size() == columns.size());
    std::vector<Value> cells;
    cells.reserve(r.size());
    std::size_t i = 0;
    for (const Column& col : columns) {
      if (r.is_null(i))
        cells.emplace_back(nullptr);
      else if (col.cell == Cell::integer)
        cells.emplace_back(r.i64(i));
      else
        cells.emplace_back(r.str(i));
      ++i;
    }
    s.rows.push_back(std::move(cells));
  }
  return s;
}

std::vector<PersonalSection> sections_of(Connection& c, std::int64_t uid) {
  std::vector<PersonalSection> out;
  out.push_back(section(
      c, "claims",
      "SELECT cl.compound_id, co.name, un.label, cl.relation, cl.created_at FROM claims cl "
      "JOIN compounds co ON co.id = cl.compound_id JOIN units un ON un.id = cl.unit_id "
      "WHERE cl.user_id = ? ORDER BY cl.id",
      uid, {{"compound_id", I}, {"compound", T}, {"unit", T}, {"relation", T}, {"claimed_at", I}}));
  out.push_back(
      section(c, "roles",
              "SELECT compound_id, role, created_at FROM role_grants WHERE user_id = ? ORDER BY id",
              uid, {{"compound_id", I}, {"role", T}, {"granted_at", I}}));
  out.push_back(
      section(c, "needs_filed",
              "SELECT id, compound_id, category, body, place, status, filed_at FROM needs "
              "WHERE filed_by = ? ORDER BY id",
              uid,
              {{"id", I},
               {"compound_id", I},
               {"category", T},
               {"body", T},
               {"place", T},
               {"status", T},
               {"filed_at", I}}));
  out.push_back(
      section(c, "needs_supported",
              "SELECT need_id, compound_id, at FROM need_supports WHERE user_id = ? ORDER BY at",
              uid, {{"need_id", I}, {"compound_id", I}, {"at", I}}));
  out.push_back(section(c, "visit_reviews",
                        "SELECT log_id, compound_id, verdict, reason, at, resolution FROM "
                        "visit_reviews WHERE user_id = ? ORDER BY id",
                        uid,
                        {{"visit_id", I},
                         {"compound_id", I},
                         {"verdict", T},
                         {"reason", T},
                         {"at", I},
                         {"resolution", T}}));
  out.push_back(section(c, "questionnaire_answers",
                        "SELECT questionnaire_id, compound_id, answers, at FROM survey_responses "
                        "WHERE user_id = ? ORDER BY id",
                        uid,
                        {{"questionnaire_id", I}, {"compound_id", I}, {"answers", T}, {"at", I}}));
  out.push_back(section(
      c, "announcements_read",
      "SELECT announcement_id, compound_id, read_at, confirmed_at FROM "
      "announcement_reads WHERE user_id = ? ORDER BY read_at",
      uid, {{"announcement_id", I}, {"compound_id", I}, {"read_at", I}, {"confirmed_at", I}}));
  out.push_back(section(c, "donations",
                        "SELECT id, compound_id, donor_name, anonymous, amount_fen, status, "
                        "receipt_no, received_on, created_at FROM donations WHERE user_id = ? "
                        "ORDER BY id",
                        uid,
                        {{"id", I},
                         {"compound_id", I},
                         {"donor_name", T},
                         {"anonymous", I},
                         {"amount_fen", I},
                         {"status", T},
                         {"receipt_no", I},
                         {"received_on", T},
                         {"created_at", I}}));
  out.push_back(section(c, "pledges",
                        "SELECT pl.id, pl.project_id, pl.compound_id, u.label, pl.amount_fen, "
                        "pl.paid_fen, pl.status, pl.created_at FROM pledges pl JOIN units u ON "
                        "u.id = pl.unit_id WHERE pl.user_id = ? ORDER BY pl.id",
                        uid,
                        {{"id", I},
                         {"project_id", I},
                         {"compound_id", I},
                         {"unit", T},
                         {"amount_fen", I},
                         {"paid_fen", I},
                         {"status", T},
                         {"created_at", I}}));
  out.push_back(section(
      c, "projects_followed",
      "SELECT project_id, compound_id, at FROM project_followers WHERE user_id = ? ORDER BY at",
      uid, {{"project_id", I}, {"compound_id", I}, {"at", I}}));
  out.push_back(section(
      c, "volunteering",
      "SELECT m.team_id, m.compound_id, t.name, m.joined_at, COALESCE((SELECT SUM(h.minutes) "
      "FROM volunteer_hours h WHERE h.member_id = m.id), 0) FROM volunteer_members m "
      "JOIN volunteer_teams t ON t.id = m.team_id WHERE m.user_id = ? ORDER BY m.id",
      uid, {{"team_id", I}, {"compound_id", I}, {"team", T}, {"joined_at", I}, {"minutes", I}}));
  out.push_back(
      section(c, "notifications",
              "SELECT kind, title, body, created_at, read_at FROM notifications WHERE user_id = ? "
              "ORDER BY id",
              uid, {{"kind", T}, {"title", T}, {"body", T}, {"at", I}, {"read_at", I}}));
  out.push_back(section(
      c, "activity",
      "SELECT at, action, target, ip FROM audit_log WHERE user_id = ? ORDER BY id DESC LIMIT 1000",
      uid, {{"at", I}, {"action", T}, {"target", T}, {"ip", T}}));
  return out;
}

}  // namespace

std::optional<PersonalData> read_personal_data(Connection& c, std::int64_t uid) {
  auto u = c.query_one(
      "SELECT login, COALESCE(phone, ''), name, created_at, large_text, sms_opt_out FROM users "
      "WHERE id = ?",
      {uid});
  if (!u) return std::nullopt;
  PersonalData d;
  d.account = {u->str(0), u->str(1), u->str(2), u->i64(3), u->i64(4) != 0, u->i64(5) == 0};
  d.sections = sections_of(c, uid);
  return d;
}

void anonymize_person(Connection& c, std::int64_t uid, std::int64_t now_ms) {
  for (const char* table :
       {"sessions", "claims", "role_grants", "outbox", "notifications", "project_followers"})
    c.execute(std::string("DELETE FROM ") + table + " WHERE user_id = ?", {uid});
  // Their donations and volunteer hours stay (the amounts are in the books and the counts are
  // public), without their name.
  c.execute("UPDATE donations SET donor_name = ? WHERE user_id = ?", {kDeletedName, uid});
  c.execute("UPDATE volunteer_members SET name = ? WHERE user_id = ?", {kDeletedName, uid});
  c.execute(
      "UPDATE users SET login = ?, phone = NULL, name = ?, password_hash = '!', large_text = 0, "
      "sms_opt_out = 1, wechat_opt_out = 1, deleted_at = ? WHERE id = ?",
      {"deleted-" + std::to_string(uid), kDeletedName, now_ms, uid});
}

}  // namespace xinyi::store
