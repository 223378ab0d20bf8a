// Routes: the signed-in person: their units, bills, receipts, notifications, preferences and data.
#include "http/routes/billing.h"
#include "http/routes/routes.h"

#include "http/routes/charity.h"

#include "app/auth_service.h"
#include "app/billing_service.h"
#include "app/charity_service.h"
#include "app/notify.h"
#include "app/privacy_service.h"
#include "http/json_in.h"

namespace xinyi::http::routes {

namespace {

json::object notification_json(const store::NotificationRec& r) {
  return json::object{{"id", r.id},
                      {"compound_id", r.compound_id},
                      {"kind", r.text.kind},
                      {"title", r.text.title},
                      {"body", r.text.body},
                      {"link", r.text.link},
                      {"at", r.created_at_ms},
                      {"read", r.read}};
}

json::object preferences_json(const store::PreferencesRec& p) {
  return json::object{
      {"large_text", p.large_text}, {"sms", !p.sms_opt_out}, {"wechat", !p.wechat_opt_out}};
}

// The person's new notifications (`event: notification`, `id:` its id) from `after`. Ends as
// soon as the session it was opened with ends (sign-out, a password change, expiry): a person's
// messages never flow to a browser that is no longer signed in as them.
EventStream notification_stream(app::App& app, std::int64_t user, std::string session_token,
                                std::string ip, std::int64_t after) {
  const std::int64_t last = app::last_notification_id(app, user);
  if (after < 0 || after > last) after = last;
  auto poll = [&app, user, session_token, ip](std::int64_t& from, std::string& out, bool& more) {
    auto who = app::authenticate(app, session_token, ip);
    if (!who.user || who.user->id != user) return false;
    auto items = app::notifications_after(app, user, from, 100);
    for (const auto& n : items) {
      from = n.id;
      out += "event: notification\nid: " + std::to_string(from) +
             "\ndata: " + json::serialize(notification_json(n)) + "\n\n";
    }
    more = items.size() == 100;
    return true;
  };
  return EventStream{after, poll};
}

}  // namespace

namespace {

json::value cell_json(const store::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* t = std::get_if<std::string>(&v)) return json::string(*t);
  return nullptr;
}

// One section of the export: a list of objects, one per row, keyed by the column names.
json::array section_json(const store::PersonalSection& s) {
  json::array out;
  for (const auto& row : s.rows) {
    json::object o;
    for (std::size_t i = 0; i < s.columns.size(); ++i) o[s.columns[i]] = cell_json(row[i]);
    out.push_back(std::move(o));
  }
  return out;
}

json::object export_json(const app::PersonalExport& x) {
  const auto& a = x.data.account;
  json::object out;
  out["account"] = json::object{{"id", x.user_id},
                                {"login", a.login},
                                {"phone", a.phone},
                                {"name", a.name},
                                {"created_at", a.created_at_ms},
                                {"large_text", a.large_text},
                                {"sms", a.sms}};
  for (const auto& s : x.data.sections) out[s.name] = section_json(s);
  out["bills_and_payments"] = my_bills_json(x.bills);
  out["exported_at"] = x.exported_at_ms;
  out["format"] = "xinyi personal data export, version 1";
  return out;
}

}  // namespace

void add_me_routes(Router& r) {
  r.add("GET", "/api/v1/me", Rule::signed_in(),
        [](Ctx& x) { return json_response(200, me_json(app::me(x.app, x.caller))); });
  r.add("GET", "/api/v1/me/receipts/{cid}/{no}", Rule::signed_in(), [](Ctx& x) {
    return json_response(200,
                         receipt_json(app::my_receipt(x.app, x.caller, x.compound(), x.id("no"))));
  });
  r.add("GET", "/api/v1/me/bills", Rule::signed_in(),
        [](Ctx& x) { return json_response(200, my_bills_json(app::my_bills(x.app, x.caller))); });
  r.add("GET", "/api/v1/me/donations", Rule::signed_in(), [](Ctx& x) {
    return json_response(200, my_donations_json(app::my_donations(x.app, x.caller)));
  });
  // Notifications: the list (live with Accept: text/event-stream, in server.cc), read marks, and
  // personal preferences (large text, text messages).
  r.add("GET", "/api/v1/me/notifications", Rule::signed_in(), [](Ctx& x) {
    auto m = app::my_notifications(x.app, x.caller, x.query_int("before", 0, 0, INT64_MAX),
                                   x.query_int("limit", 30, 1, 200));
    json::array items;
    for (const auto& n : m.items) items.push_back(notification_json(n));
    return json_response(200, json::object{{"unread", m.unread},
                                           {"items", std::move(items)},
                                           {"preferences", preferences_json(m.preferences)}});
  });
  r.add_stream(
      "/api/v1/me/events", Rule::signed_in(),
      [](Ctx& x) {
        return json_response(
            200, json::object{{"last_id", app::last_notification_id(x.app, x.caller.user_id())},
                              {"stream", "GET with Accept: text/event-stream"}});
      },
      [](Ctx& x, std::int64_t last_event_id) {
        return notification_stream(x.app, x.caller.user_id(),
                                   cookie_value(x.req.cookie, kSessionCookie), x.req.ip,
                                   last_event_id);
      });
  r.add("POST", "/api/v1/me/notifications/read", Rule::signed_in(), [](Ctx& x) {
    JsonIn in(x.req.body);
    const bool all = in.boolean("all", false);
    const auto ids = in.id_list("ids", 500);
    in.finish();
    return json_response(
        200, json::object{{"unread", app::mark_notifications_read(x.app, x.caller, all, ids)}});
  });
  r.add("PATCH", "/api/v1/me/preferences", Rule::signed_in(), [](Ctx& x) {
    JsonIn in(x.req.body);
    app::PreferencesInput p{in.opt_bool("large_text"), in.opt_bool("sms"), in.opt_bool("wechat")};
    in.finish();
    return json_response(200, preferences_json(app::set_preferences(x.app, x.caller, p)));
  });
  // Personal information (PIPL): a copy of everything about me; deleting my account.
  r.add("GET", "/api/v1/me/export", Rule::signed_in(), [](Ctx& x) {
    Response res = json_response(200, export_json(app::export_my_data(x.app, x.caller)));
    res.headers.emplace_back("Content-Disposition", "attachment; filename=\"xinyi-my-data.json\"");
    return res;
  });
  r.add("POST", "/api/v1/me/delete", Rule::signed_in(), [](Ctx& x) {
    JsonIn in(x.req.body);
    std::string password = in.str("password", 200);
    in.finish();
    const std::int64_t uid = app::delete_my_account(x.app, x.caller, password);
    Response res = json_response(200, json::object{{"deleted", true}, {"user_id", uid}});
    res.headers.emplace_back("Set-Cookie", session_cookie("", 0, x.app.cfg.secure_cookies));
    return res;
  });
  r.add("POST", "/api/v1/me/claims", Rule::signed_in(), [](Ctx& x) {
    JsonIn in(x.req.body);
    const std::string code = in.str("code", 32);
    in.finish();
    auto u = app::claim_unit(x.app, x.caller, code);
    return json_response(201, json::object{{"unit_id", u.unit_id},
                                           {"compound_id", u.compound_id},
                                           {"label", u.label},
                                           {"courtyard", u.courtyard},
                                           {"relation", u.relation}});
  });
}

}  // namespace xinyi::http::routes
