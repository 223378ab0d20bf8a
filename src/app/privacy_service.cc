#include "app/privacy_service.h"

#include "app/auth_service.h"
#include "app/billing_service.h"
#include "app/json_in.h"
#include "auth/crypto.h"

namespace xinyi::app {

namespace json = boost::json;
using store::Connection;
using I = std::int64_t;

namespace {

// Rows of `sql` (with the person's id as every parameter) as objects named by `cols`.
json::array rows(Connection& c, const std::string& sql, std::vector<store::Value> args,
                 std::initializer_list<const char*> cols, std::initializer_list<bool> is_int) {
  json::array out;
  for (auto& r : c.query(sql, args)) {
    json::object o;
    std::size_t i = 0;
    auto kind = is_int.begin();
    for (const char* name : cols) {
      if (r.is_null(i))
        o[name] = nullptr;
      else if (*kind)
        o[name] = r.i64(i);
      else
        o[name] = r.str(i);
      ++i, ++kind;
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

json::object export_my_data(App& app, const Caller& who) {
  const I uid = who.user_id();
  json::object out = app.db.read([&](Connection& c) {
    json::object o;
    auto u = c.query_one(
        "SELECT login, COALESCE(phone, ''), name, created_at, large_text, sms_opt_out FROM users WHERE id = ?",
        {uid});
    o["account"] = json::object{{"id", uid},
                                {"login", u->str(0)},
                                {"phone", u->str(1)},
                                {"name", u->str(2)},
                                {"created_at", u->i64(3)},
                                {"large_text", u->i64(4) != 0},
                                {"sms", u->i64(5) == 0}};
    o["claims"] = rows(
        c,
        "SELECT cl.compound_id, co.name, un.label, cl.relation, cl.created_at FROM claims cl JOIN compounds co ON co.id = cl.compound_id "
        "JOIN units un ON un.id = cl.unit_id WHERE cl.user_id = ? ORDER BY cl.id",
        {uid}, {"compound_id", "compound", "unit", "relation", "claimed_at"},
        {true, false, false, false, true});
    o["roles"] = rows(
        c, "SELECT compound_id, role, created_at FROM role_grants WHERE user_id = ? ORDER BY id",
        {uid}, {"compound_id", "role", "granted_at"}, {true, false, true});
    o["needs_filed"] = rows(
        c,
        "SELECT id, compound_id, category, body, place, status, filed_at FROM needs WHERE filed_by = ? ORDER BY id",
        {uid}, {"id", "compound_id", "category", "body", "place", "status", "filed_at"},
        {true, true, false, false, false, false, true});
    o["needs_supported"] =
        rows(c, "SELECT need_id, compound_id, at FROM need_supports WHERE user_id = ? ORDER BY at",
             {uid}, {"need_id", "compound_id", "at"}, {true, true, true});
    o["visit_reviews"] = rows(
        c,
        "SELECT log_id, compound_id, verdict, reason, at, resolution FROM visit_reviews WHERE user_id = ? ORDER BY id",
        {uid}, {"visit_id", "compound_id", "verdict", "reason", "at", "resolution"},
        {true, true, false, false, true, false});
    o["questionnaire_answers"] = rows(
        c,
        "SELECT questionnaire_id, compound_id, answers, at FROM survey_responses WHERE user_id = ? ORDER BY id",
        {uid}, {"questionnaire_id", "compound_id", "answers", "at"}, {true, true, false, true});
    o["announcements_read"] = rows(
        c,
        "SELECT announcement_id, compound_id, read_at, confirmed_at FROM announcement_reads WHERE user_id = ? ORDER BY read_at",
        {uid}, {"announcement_id", "compound_id", "read_at", "confirmed_at"},
        {true, true, true, true});
    o["donations"] = rows(
        c,
        "SELECT id, compound_id, donor_name, anonymous, amount_fen, status, receipt_no, received_on, created_at FROM donations "
        "WHERE user_id = ? ORDER BY id",
        {uid},
        {"id", "compound_id", "donor_name", "anonymous", "amount_fen", "status", "receipt_no",
         "received_on", "created_at"},
        {true, true, false, true, true, false, true, false, true});
    o["pledges"] = rows(
        c,
        "SELECT pl.id, pl.project_id, pl.compound_id, u.label, pl.amount_fen, pl.paid_fen, pl.status, pl.created_at FROM pledges pl "
        "JOIN units u ON u.id = pl.unit_id WHERE pl.user_id = ? ORDER BY pl.id",
        {uid},
        {"id", "project_id", "compound_id", "unit", "amount_fen", "paid_fen", "status",
         "created_at"},
        {true, true, true, false, true, true, false, true});
    o["projects_followed"] = rows(
        c,
        "SELECT project_id, compound_id, at FROM project_followers WHERE user_id = ? ORDER BY at",
        {uid}, {"project_id", "compound_id", "at"}, {true, true, true});
    o["volunteering"] = rows(
        c,
        "SELECT m.team_id, m.compound_id, t.name, m.joined_at, COALESCE((SELECT SUM(h.minutes) FROM volunteer_hours h "
        "WHERE h.member_id = m.id), 0) FROM volunteer_members m JOIN volunteer_teams t ON t.id = m.team_id WHERE m.user_id = ? "
        "ORDER BY m.id",
        {uid}, {"team_id", "compound_id", "team", "joined_at", "minutes"},
        {true, true, false, true, true});
    o["notifications"] = rows(
        c,
        "SELECT kind, title, body, created_at, read_at FROM notifications WHERE user_id = ? ORDER BY id",
        {uid}, {"kind", "title", "body", "at", "read_at"}, {false, false, false, true, true});
    o["activity"] = rows(
        c,
        "SELECT at, action, target, ip FROM audit_log WHERE user_id = ? ORDER BY id DESC LIMIT 1000",
        {uid}, {"at", "action", "target", "ip"}, {true, false, false, false});
    return o;
  });
  out["bills_and_payments"] = my_bills(app, who);
  out["exported_at"] = app.clock_ms();
  out["format"] = "xinyi personal data export, version 1";
  return out;
}

json::object delete_my_account(App& app, const Caller& who, std::string_view body) {
  JsonIn in(body);
  std::string password = in.str("password", 200);
  in.finish();
  if (who.user->is_admin)
    throw Error(ErrorKind::conflict, "operator-account", "平台管理员账号不能自行注销",
                "The operator's account cannot delete itself");
  if (app.login_by_name.retry_after_ms(who.user->login, app.clock_ms()) > 0)
    throw Error(ErrorKind::too_many, "throttled", "尝试次数过多，请稍后再试",
                "Too many attempts; try again later");
  if (!auth::verify_password(who.user->password_hash, password)) {
    app.login_by_name.record_failure(who.user->login, app.clock_ms());
    throw Error(ErrorKind::unprocessable, "wrong-password", "密码不正确", "The password is wrong",
                {{"password", "不正确", "is wrong"}});
  }
  const I uid = who.user_id();
  return app.db.write([&](Connection& c) {
    const I now = app.clock_ms();
    c.execute("DELETE FROM sessions WHERE user_id = ?", {uid});
    c.execute("DELETE FROM claims WHERE user_id = ?", {uid});
    c.execute("DELETE FROM role_grants WHERE user_id = ?", {uid});
    c.execute("DELETE FROM outbox WHERE user_id = ?", {uid});
    c.execute("DELETE FROM notifications WHERE user_id = ?", {uid});
    c.execute("DELETE FROM project_followers WHERE user_id = ?", {uid});
    // Their donations and volunteer hours stay (the amounts are in the books and the counts are
    // public), without their name.
    c.execute("UPDATE donations SET donor_name = '已注销用户' WHERE user_id = ?", {uid});
    c.execute("UPDATE volunteer_members SET name = '已注销用户' WHERE user_id = ?", {uid});
    c.execute(
        "UPDATE users SET login = ?, phone = NULL, name = '已注销用户', password_hash = '!', large_text = 0, sms_opt_out = 1, "
        "wechat_opt_out = 1, deleted_at = ? WHERE id = ?",
        {"deleted-" + std::to_string(uid), now, uid});
    audit(c, app, who, std::nullopt, "account.delete", "user:" + std::to_string(uid));
    return json::object{{"deleted", true}, {"user_id", uid}};
  });
}

}  // namespace xinyi::app
