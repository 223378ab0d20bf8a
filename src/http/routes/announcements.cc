// Routes: announcements; and their JSON (issue 18: the use cases in app/announce_service.h take
// and return structs).
#include "http/routes/routes.h"

#include "app/announce_service.h"
#include "app/needs_service.h"
#include "http/json_in.h"

namespace xinyi::http::routes {

namespace {

using I = std::int64_t;

constexpr std::size_t kMaxBodyChars = 5000;

// {"title", "body", "kind"?, "courtyard_id"? | "area_id"?, "confirm_required"?, "pinned"?,
//  "publish_at"?, "expires_at"?, "attachments"?: [sha256, …]}
app::AnnouncementInput announcement_in(std::string_view body) {
  JsonIn in(body);
  app::AnnouncementInput r;
  r.title = in.str("title", 100);
  r.body = in.str("body", kMaxBodyChars);
  r.kind = in.opt_str("kind", 20).value_or("notice");
  r.courtyard_id = in.opt_i64("courtyard_id", 1, INT64_MAX);
  r.area_id = in.opt_i64("area_id", 1, INT64_MAX);
  r.confirm_required = in.boolean("confirm_required", false);
  r.pinned = in.boolean("pinned", false);
  r.publish_at_ms = in.opt_i64("publish_at", 0, INT64_MAX);
  r.expires_at_ms = in.opt_i64("expires_at", 0, INT64_MAX);
  r.attachments = photos_in(in, "attachments");
  in.finish();
  return r;
}

json::object reach_json(const app::Reach& r) {
  json::array yards;
  for (const auto& y : r.courtyards) {
    json::object o{{"courtyard_id", y.courtyard_id},
                   {"name", y.name},
                   {"households", y.households},
                   {"read", y.read},
                   {"confirmed", y.confirmed}};
    if (y.not_reached) o["not_reached"] = texts_json(*y.not_reached);
    yards.push_back(std::move(o));
  }
  return json::object{{"households", r.households},
                      {"read", r.read},
                      {"confirmed", r.confirmed},
                      {"courtyards", std::move(yards)}};
}

json::object announcement_json(const app::AnnouncementView& v) {
  const store::AnnouncementRec& a = v.announcement;
  json::object o{
      {"id", a.id},
      {"kind", a.kind},
      {"title", a.title},
      {"body", a.body},
      {"attachments", texts_json(a.attachments)},
      {"scope", a.courtyard_id ? "courtyard"
                : a.area_id    ? "area"
                               : "compound"},
      {"scope_name", a.scope_name},
      {"confirm_required", a.confirm_required},
      {"pinned", a.pinned},
      {"publish_at", a.publish_at_ms},
      {"expires_at", a.expires_at_ms ? json::value(a.expires_at_ms) : json::value(nullptr)},
      {"poster_role", a.poster_role},
      {"status", v.status}};
  if (v.signed_in) {
    o["read"] = v.mark.has_value();
    o["confirmed"] = v.mark && v.mark->confirmed;
  }
  o["can"] = texts_json(v.can);
  if (v.counts) o["counts"] = reach_json(*v.counts);
  return o;
}

json::object stats_json(const app::AnnouncementStats& s) {
  json::object o = reach_json(s.reach);
  o["id"] = s.id;
  o["confirm_required"] = s.confirm_required;
  return o;
}

}  // namespace

void add_announcements_routes(Router& r) {
  r.add("POST", kCompound + "/announcements", app::announcement_manage_rule(), [](Ctx& x) {
    return json_response(201, announcement_json(app::create_announcement(
                                  x.app, x.caller, x.compound(), announcement_in(x.req.body))));
  });
  r.add("GET", kCompound + "/announcements", Rule::in_compound({R, C, T, W, S, A}), [](Ctx& x) {
    json::array out;
    for (const auto& v : app::list_announcements(x.app, x.caller, x.compound()))
      out.push_back(announcement_json(v));
    return json_response(200, out);
  });
  r.add("GET", kCompound + "/announcements/{id}", Rule::in_compound({R, C, T, W, S, A}),
        [](Ctx& x) {
          return json_response(200, announcement_json(app::get_announcement(
                                        x.app, x.caller, x.compound(), x.id("id"))));
        });
  for (bool confirm : {false, true})
    r.add("POST",
          kCompound + (confirm ? "/announcements/{id}/confirm" : "/announcements/{id}/read"),
          app::announcement_reader_rule(), [confirm](Ctx& x) {
            return json_response(200, announcement_json(app::read_announcement(
                                          x.app, x.caller, x.compound(), x.id("id"), confirm)));
          });
  r.add("GET", kCompound + "/announcements/{id}/stats", app::announcement_stats_rule(), [](Ctx& x) {
    return json_response(200, stats_json(app::announcement_stats(x.app, x.compound(), x.id("id"))));
  });
  r.add("POST", kCompound + "/announcements/{id}/withdraw", app::announcement_manage_rule(),
        [](Ctx& x) {
          return json_response(200, announcement_json(app::withdraw_announcement(
                                        x.app, x.caller, x.compound(), x.id("id"))));
        });
}

}  // namespace xinyi::http::routes
