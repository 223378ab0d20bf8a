#include "app/announce_service.h"

#include "domain/announce.h"

#include "app/needs_service.h"
#include "app/notify.h"
#include "domain/text.h"
#include "store/announce_repo.h"
#include "store/registry_repo.h"

namespace xinyi::app {

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

Reach reach_of(Connection& c, I cid, const Ann& a, bool with_units) {
  // Per unit of the audience: whether anyone who claimed it has read / confirmed.
  Reach out;
  for (auto& r : store::audience_reach(c, cid, a)) {
    if (out.courtyards.empty() || out.courtyards.back().courtyard_id != r.courtyard_id) {
      out.courtyards.push_back({r.courtyard_id, r.courtyard_name, 0, 0, 0, std::nullopt});
      if (with_units) out.courtyards.back().not_reached.emplace();
    }
    CourtyardReach& yard = out.courtyards.back();
    const bool rd = r.read, cf = r.confirmed;
    ++yard.households, yard.read += rd, yard.confirmed += cf;
    ++out.households, out.read += rd, out.confirmed += cf;
    if (with_units && !(a.confirm_required ? cf : rd)) yard.not_reached->push_back(r.unit_label);
  }
  return out;
}

AnnouncementView view_of(Connection& c, I cid, const Ann& a, const Caller& who, I now,
                         bool counts) {
  AnnouncementView v;
  v.status = a.withdrawn_at_ms                           ? "withdrawn"
             : a.publish_at_ms > now                     ? "scheduled"
             : a.expires_at_ms && now >= a.expires_at_ms ? "expired"
                                                         : "published";
  v.signed_in = who.user.has_value();
  if (who.user) v.mark = store::get_read_mark(c, a.id, who.user_id());
  // What this caller may do with it, as the routes' rules and read_announcement and
  // withdraw_announcement decide it.
  const bool reader = who.user && announcement_reader_rule().allows(who.p(), cid) && live(a, now) &&
                      store::in_audience(c, cid, a, who.user_id());
  if (reader && !v.mark) v.can.push_back("read");
  if (reader && a.confirm_required && !(v.mark && v.mark->confirmed)) v.can.push_back("confirm");
  if (announcement_manage_rule().allows(who.p(), cid) && !a.withdrawn_at_ms)
    v.can.push_back("withdraw");
  if (announcement_stats_rule().allows(who.p(), cid)) v.can.push_back("stats");
  if (counts) v.counts = reach_of(c, cid, a, false);
  v.announcement = a;
  return v;
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

I create_announcement_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                         const AnnouncementInput& in) {
  const I cid = compound.value;
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
  std::vector<std::string> files = checked_uploads(c, cid, in.attachments, errs);
  if (in.courtyard_id && !store::get_courtyard(c, cid, *in.courtyard_id))
    errs.push_back({"courtyard_id", "本小区没有这个院落", "no such courtyard in this compound"});
  if (in.area_id && !store::get_area_name(c, cid, *in.area_id))
    errs.push_back({"area_id", "本小区没有这个片区", "no such area in this compound"});
  if (!errs.empty()) throw_invalid(std::move(errs));
  store::NewAnnouncement na;
  na.courtyard_id = in.courtyard_id.value_or(0), na.area_id = in.area_id.value_or(0);
  na.kind = in.kind, na.title = in.title, na.body = in.body, na.attachments = files;
  na.confirm_required = in.confirm_required, na.pinned = in.pinned;
  na.publish_at_ms = publish, na.expires_at_ms = in.expires_at_ms.value_or(0);
  na.posted_by = who.user_id(), na.poster_role = acting_role(who, cid);
  const I id = store::insert_announcement(c, cid, na, now);
  if (publish <= now) announce(c, cid, require_ann(c, cid, id), now);
  audit(c, app, who, cid, "announcement.post", "announcement:" + std::to_string(id),
        {{"confirm_required", in.confirm_required}});
  return id;
}

AnnouncementView create_announcement(App& app, const Caller& who, CompoundId compound,
                                     const AnnouncementInput& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    I id = create_announcement_in(c, app, who, compound, in);
    return view_of(c, cid, require_ann(c, cid, id), who, app.clock_ms(), true);
  });
}

AnnouncementView withdraw_announcement(App& app, const Caller& who, CompoundId compound, I id) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    auto a = require_ann(c, cid, id);
    if (a.withdrawn_at_ms)
      throw Error(ErrorKind::conflict, "withdrawn", "公告已撤回",
                  "The announcement is already withdrawn");
    store::mark_withdrawn(c, id, app.clock_ms());
    audit(c, app, who, cid, "announcement.withdraw", "announcement:" + std::to_string(id));
    return view_of(c, cid, require_ann(c, cid, id), who, app.clock_ms(), true);
  });
}

std::vector<AnnouncementView> list_announcements(App& app, const Caller& who, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    I now = app.clock_ms();
    bool all = manager(who, cid);
    std::vector<AnnouncementView> out;
    for (const auto& a : store::list_announcements(c, cid, 300)) {
      if (!all && (!live(a, now) || !store::in_audience(c, cid, a, who.user_id()))) continue;
      out.push_back(view_of(c, cid, a, who, now, all));
    }
    return out;
  });
}

AnnouncementView get_announcement(App& app, const Caller& who, CompoundId compound, I id) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    auto a = require_ann(c, cid, id);
    I now = app.clock_ms();
    bool all = manager(who, cid);
    if (!all && (!live(a, now) || !store::in_audience(c, cid, a, who.user_id())))
      throw_not_found("公告", "Announcement");
    return view_of(c, cid, a, who, now, all);
  });
}

void read_announcement_in(Connection& c, App& app, const Caller& who, CompoundId compound, I id,
                          bool confirm) {
  const I cid = compound.value;
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

AnnouncementView read_announcement(App& app, const Caller& who, CompoundId compound, I id,
                                   bool confirm) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    read_announcement_in(c, app, who, compound, id, confirm);
    return view_of(c, cid, require_ann(c, cid, id), who, app.clock_ms(), false);
  });
}

AnnouncementStats announcement_stats(App& app, CompoundId compound, I id) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    auto a = require_ann(c, cid, id);
    return AnnouncementStats{id, a.confirm_required, reach_of(c, cid, a, true)};
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
