#include "app/announce_service.h"

#include "domain/announce.h"

#include "app/json_in.h"
#include "app/needs_service.h"
#include "app/notify.h"
#include "domain/text.h"
#include "store/announce_repo.h"
#include "store/registry_repo.h"

namespace xinyi::app {

namespace json = boost::json;
using store::Connection;
using I = std::int64_t;

namespace {

constexpr std::size_t kMaxBodyChars = 5000;

using Ann = store::AnnouncementRec;

Ann require_ann(Connection& c, I cid, I id) {
  auto a = store::get_announcement(c, cid, id);
  if (!a) throw_not_found("公告", "Announcement");
  return *a;
}

bool manager(const Caller& who, I cid) {
  const Principal* p = who.p();
  return p && (p->is_admin || p->has(cid, Role::committee) || p->has(cid, Role::trustee) ||
               p->has(cid, Role::staff) || p->has(cid, Role::auditor));
}

bool live(const Ann& a, I now) {
  return !a.withdrawn_at_ms && a.publish_at_ms <= now &&
         (!a.expires_at_ms || now < a.expires_at_ms);
}

json::object stats_of(Connection& c, I cid, const Ann& a, bool with_units);

json::object ann_json(Connection& c, I cid, const Ann& a, const Caller& who, I now, bool counts) {
  json::object o{
      {"id", a.id},
      {"kind", a.kind},
      {"title", a.title},
      {"body", a.body},
      {"attachments", parse_json(a.attachments_json)},
      {"scope", a.courtyard_id ? "courtyard"
                : a.area_id    ? "area"
                               : "compound"},
      {"scope_name", a.scope_name},
      {"confirm_required", a.confirm_required},
      {"pinned", a.pinned},
      {"publish_at", a.publish_at_ms},
      {"expires_at", a.expires_at_ms ? json::value(a.expires_at_ms) : json::value(nullptr)},
      {"poster_role", a.poster_role},
      {"status", a.withdrawn_at_ms                           ? "withdrawn"
                 : a.publish_at_ms > now                     ? "scheduled"
                 : a.expires_at_ms && now >= a.expires_at_ms ? "expired"
                                                             : "published"}};
  std::optional<store::ReadMark> mark;
  if (who.user) {
    mark = store::get_read_mark(c, a.id, who.user_id());
    o["read"] = mark.has_value();
    o["confirmed"] = mark && mark->confirmed;
  }
  // What this caller may do with it, as the routes' rules and read_announcement and
  // withdraw_announcement decide it.
  json::array can;
  const bool reader = who.user && announcement_reader_rule().allows(who.p(), cid) && live(a, now) &&
                      store::in_audience(c, cid, a, who.user_id());
  if (reader && !mark) can.push_back(json::string("read"));
  if (reader && a.confirm_required && !(mark && mark->confirmed))
    can.push_back(json::string("confirm"));
  if (announcement_manage_rule().allows(who.p(), cid) && !a.withdrawn_at_ms)
    can.push_back(json::string("withdraw"));
  if (announcement_stats_rule().allows(who.p(), cid)) can.push_back(json::string("stats"));
  o["can"] = std::move(can);
  if (counts) o["counts"] = stats_of(c, cid, a, false);
  return o;
}

json::object stats_of(Connection& c, I cid, const Ann& a, bool with_units) {
  // Per unit of the audience: whether anyone who claimed it has read / confirmed.
  auto rows = store::audience_reach(c, cid, a);
  json::array yards;
  I households = 0, read = 0, confirmed = 0;
  json::object* cur = nullptr;
  I cur_yard = -1;
  for (auto& r : rows) {
    if (r.courtyard_id != cur_yard) {
      cur_yard = r.courtyard_id;
      yards.push_back(json::object{{"courtyard_id", cur_yard},
                                   {"name", r.courtyard_name},
                                   {"households", 0},
                                   {"read", 0},
                                   {"confirmed", 0}});
      if (with_units) yards.back().as_object()["not_reached"] = json::array{};
      cur = &yards.back().as_object();
    }
    const bool rd = r.read, cf = r.confirmed;
    (*cur)["households"] = (*cur)["households"].as_int64() + 1;
    if (rd) (*cur)["read"] = (*cur)["read"].as_int64() + 1;
    if (cf) (*cur)["confirmed"] = (*cur)["confirmed"].as_int64() + 1;
    ++households, read += rd, confirmed += cf;
    if (with_units && !(a.confirm_required ? cf : rd))
      (*cur)["not_reached"].as_array().push_back(json::value(r.unit_label));
  }
  return json::object{{"households", households},
                      {"read", read},
                      {"confirmed", confirmed},
                      {"courtyards", std::move(yards)}};
}

void announce(Connection& c, I cid, const Ann& a, I now) {
  Notice n{"announcement", (a.confirm_required ? "请确认：" : "公告：") + a.title,
           text::truncate(a.body, 100),
           "/c/" + std::to_string(cid) + "/notices/" + std::to_string(a.id), a.confirm_required};
  notify_units(c, cid, store::audience_of(a), n, now);
  store::mark_notified(c, a.id);
}

}  // namespace

Rule announcement_manage_rule() {
  return Rule::in_compound({Role::committee, Role::trustee, Role::staff});
}
Rule announcement_reader_rule() { return Rule::in_compound({Role::resident}); }
Rule announcement_stats_rule() {
  return Rule::in_compound({Role::committee, Role::trustee, Role::staff, Role::auditor});
}

I create_announcement_in(Connection& c, App& app, const Caller& who, I cid,
                         const AnnouncementInput& in) {
  if (!announce::valid_kind(in.kind))
    throw_invalid({{"kind", "类型应为 notice、outage（停水停电）、meeting、vote 或 safety",
                    "kind must be notice, outage, meeting, vote or safety"}});
  if (in.courtyard_id && in.area_id)
    throw_invalid({{"area_id", "院落和片区只能选一个", "choose a courtyard or an area, not both"}});
  I now = app.clock_ms();
  const I publish = in.publish_at_ms.value_or(now);
  if (in.expires_at_ms && *in.expires_at_ms <= publish)
    throw_invalid({{"expires_at", "过期时间应晚于发布时间", "expires_at must follow publish_at"}});
  require_compound(c, cid);
  std::vector<FieldError> errs;
  std::string files = read_photo_hashes(c, cid, in.attachments, errs);
  if (in.courtyard_id && !store::get_courtyard(c, cid, *in.courtyard_id))
    errs.push_back({"courtyard_id", "本小区没有这个院落", "no such courtyard in this compound"});
  if (in.area_id && !store::get_area_name(c, cid, *in.area_id))
    errs.push_back({"area_id", "本小区没有这个片区", "no such area in this compound"});
  if (!errs.empty()) throw_invalid(std::move(errs));
  store::NewAnnouncement na;
  na.courtyard_id = in.courtyard_id.value_or(0), na.area_id = in.area_id.value_or(0);
  na.kind = in.kind, na.title = in.title, na.body = in.body, na.attachments_json = files;
  na.confirm_required = in.confirm_required, na.pinned = in.pinned;
  na.publish_at_ms = publish, na.expires_at_ms = in.expires_at_ms.value_or(0);
  na.posted_by = who.user_id(), na.poster_role = acting_role(who, cid);
  const I id = store::insert_announcement(c, cid, na, now);
  if (publish <= now) announce(c, cid, require_ann(c, cid, id), now);
  audit(c, app, who, cid, "announcement.post", "announcement:" + std::to_string(id),
        {{"confirm_required", in.confirm_required}});
  return id;
}

json::object create_announcement(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  AnnouncementInput r;
  r.title = in.str("title", 100);
  r.body = in.str("body", kMaxBodyChars);
  r.kind = in.opt_str("kind", 20).value_or("notice");
  r.courtyard_id = in.opt_i64("courtyard_id", 1, INT64_MAX);
  r.area_id = in.opt_i64("area_id", 1, INT64_MAX);
  r.confirm_required = in.boolean("confirm_required", false);
  r.pinned = in.boolean("pinned", false);
  I now = app.clock_ms();
  r.publish_at_ms = in.opt_i64("publish_at", 0, INT64_MAX);
  r.expires_at_ms = in.opt_i64("expires_at", 0, INT64_MAX);
  if (!photo_hashes(in.get("attachments"), r.attachments))
    in.add_error("photos", "照片应为最多 9 张已上传照片的编号列表",
                 "photos must list at most 9 uploaded photos");
  if (!announce::valid_kind(r.kind))
    in.add_error("kind", "类型应为 notice、outage（停水停电）、meeting、vote 或 safety",
                 "kind must be notice, outage, meeting, vote or safety");
  if (r.courtyard_id && r.area_id)
    in.add_error("area_id", "院落和片区只能选一个", "choose a courtyard or an area, not both");
  if (r.expires_at_ms && *r.expires_at_ms <= r.publish_at_ms.value_or(now))
    in.add_error("expires_at", "过期时间应晚于发布时间", "expires_at must follow publish_at");
  in.finish();
  return app.db.write([&](Connection& c) {
    I id = create_announcement_in(c, app, who, cid, r);
    return ann_json(c, cid, require_ann(c, cid, id), who, app.clock_ms(), true);
  });
}

json::object withdraw_announcement(App& app, const Caller& who, I cid, I id) {
  return app.db.write([&](Connection& c) {
    auto a = require_ann(c, cid, id);
    if (a.withdrawn_at_ms)
      throw Error(ErrorKind::conflict, "withdrawn", "公告已撤回",
                  "The announcement is already withdrawn");
    store::mark_withdrawn(c, id, app.clock_ms());
    audit(c, app, who, cid, "announcement.withdraw", "announcement:" + std::to_string(id));
    return ann_json(c, cid, require_ann(c, cid, id), who, app.clock_ms(), true);
  });
}

json::array list_announcements(App& app, const Caller& who, I cid) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    I now = app.clock_ms();
    bool all = manager(who, cid);
    json::array out;
    for (const auto& a : store::list_announcements(c, cid, 300)) {
      if (!all && (!live(a, now) || !store::in_audience(c, cid, a, who.user_id()))) continue;
      out.push_back(ann_json(c, cid, a, who, now, all));
    }
    return out;
  });
}

json::object get_announcement(App& app, const Caller& who, I cid, I id) {
  return app.db.read([&](Connection& c) {
    auto a = require_ann(c, cid, id);
    I now = app.clock_ms();
    bool all = manager(who, cid);
    if (!all && (!live(a, now) || !store::in_audience(c, cid, a, who.user_id())))
      throw_not_found("公告", "Announcement");
    return ann_json(c, cid, a, who, now, all);
  });
}

void read_announcement_in(Connection& c, App& app, const Caller& who, I cid, I id, bool confirm) {
  auto a = require_ann(c, cid, id);
  I now = app.clock_ms();
  if (!live(a, now) || !store::in_audience(c, cid, a, who.user_id()))
    throw_not_found("公告", "Announcement");
  if (confirm && !a.confirm_required)
    throw Error(ErrorKind::conflict, "no-confirmation", "这条公告不需要确认",
                "This announcement asks for no confirmation");
  store::record_read(c, cid, id, who.user_id(), confirm, now);
  if (confirm)
    audit(c, app, who, cid, "announcement.confirm", "announcement:" + std::to_string(id));
}

json::object read_announcement(App& app, const Caller& who, I cid, I id, bool confirm) {
  return app.db.write([&](Connection& c) {
    read_announcement_in(c, app, who, cid, id, confirm);
    return ann_json(c, cid, require_ann(c, cid, id), who, app.clock_ms(), false);
  });
}

json::object announcement_stats(App& app, I cid, I id) {
  return app.db.read([&](Connection& c) {
    auto a = require_ann(c, cid, id);
    auto s = stats_of(c, cid, a, true);
    s["id"] = id;
    s["confirm_required"] = a.confirm_required;
    return s;
  });
}

I publish_due(App& app) {
  // A read first: the sender calls this every few seconds, and a write would wake every live
  // page and empty the public answer cache for nothing.
  if (!app.db.read([&](Connection& c) { return store::any_due_announcement(c, app.clock_ms()); }))
    return 0;
  return app.db.write([&](Connection& c) {
    I now = app.clock_ms(), n = 0;
    for (const auto& a : store::due_announcements(c, now, 50)) {
      if (!a.expires_at_ms || now < a.expires_at_ms)
        announce(c, a.compound_id, a, now);
      else
        store::mark_notified(c, a.id);
      ++n;
    }
    return n;
  });
}

}  // namespace xinyi::app
