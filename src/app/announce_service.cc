#include "app/announce_service.h"

#include "app/json_in.h"
#include "app/needs_service.h"
#include "app/notify.h"
#include "domain/text.h"

namespace xinyi::app {

namespace json = boost::json;
using store::Connection;
using I = std::int64_t;

namespace {

constexpr std::size_t kMaxBodyChars = 5000;

struct Ann {
  I id = 0, courtyard_id = 0, area_id = 0, publish_at = 0, expires_at = 0, withdrawn_at = 0,
    created_at = 0;
  bool confirm = false, pinned = false, notified = false;
  std::string kind, title, body, attachments, poster_role, scope;
};

Ann load(const store::Row& r) {
  Ann a;
  a.id = r.i64(0), a.courtyard_id = r.i64(1), a.area_id = r.i64(2), a.publish_at = r.i64(3),
  a.expires_at = r.i64(4);
  a.withdrawn_at = r.i64(5), a.created_at = r.i64(6), a.confirm = r.i64(7) != 0,
  a.pinned = r.i64(8) != 0, a.notified = r.i64(9) != 0;
  a.kind = r.str(10), a.title = r.str(11), a.body = r.str(12), a.attachments = r.str(13),
  a.poster_role = r.str(14), a.scope = r.str(15);
  return a;
}

const char* kColumns =
    "SELECT a.id, COALESCE(a.courtyard_id, 0), COALESCE(a.area_id, 0), a.publish_at, COALESCE(a.expires_at, 0), COALESCE(a.withdrawn_at, 0), "
    "a.created_at, a.confirm_required, a.pinned, a.notified, a.kind, a.title, a.body, a.attachments, a.poster_role, "
    "COALESCE(y.name, COALESCE(m.name, '')) FROM announcements a LEFT JOIN courtyards y ON y.id = a.courtyard_id "
    "LEFT JOIN managed_areas m ON m.id = a.area_id ";

Ann require_ann(Connection& c, I cid, I id) {
  auto r = c.query_one(std::string(kColumns) + "WHERE a.compound_id = ? AND a.id = ?", {cid, id});
  if (!r) throw_not_found("公告", "Announcement");
  return load(*r);
}

// The audience as a condition on units `u` (and its arguments).
std::pair<std::string, std::vector<store::Value>> audience(const Ann& a) {
  if (a.courtyard_id) return {"u.courtyard_id = ?", {a.courtyard_id}};
  if (a.area_id)
    return {"u.courtyard_id IN (SELECT id FROM courtyards WHERE area_id = ?)", {a.area_id}};
  return {"1 = 1", {}};
}

bool in_audience(Connection& c, I cid, const Ann& a, I user) {
  auto [cond, args] = audience(a);
  std::vector<store::Value> all{cid, user};
  all.insert(all.end(), args.begin(), args.end());
  return c
      .query_one(
          "SELECT 1 FROM claims cl JOIN units u ON u.id = cl.unit_id WHERE cl.compound_id = ? AND cl.user_id = ? AND (" +
              cond + ") LIMIT 1",
          all)
      .has_value();
}

bool manager(const Caller& who, I cid) {
  const Principal* p = who.p();
  return p && (p->is_admin || p->has(cid, Role::committee) || p->has(cid, Role::trustee) ||
               p->has(cid, Role::staff) || p->has(cid, Role::auditor));
}

bool live(const Ann& a, I now) {
  return !a.withdrawn_at && a.publish_at <= now && (!a.expires_at || now < a.expires_at);
}

json::object stats_of(Connection& c, I cid, const Ann& a, bool with_units);

json::object ann_json(Connection& c, I cid, const Ann& a, const Caller& who, I now, bool counts) {
  json::object o{{"id", a.id},
                 {"kind", a.kind},
                 {"title", a.title},
                 {"body", a.body},
                 {"attachments", parse_json(a.attachments)},
                 {"scope", a.courtyard_id ? "courtyard"
                           : a.area_id    ? "area"
                                          : "compound"},
                 {"scope_name", a.scope},
                 {"confirm_required", a.confirm},
                 {"pinned", a.pinned},
                 {"publish_at", a.publish_at},
                 {"expires_at", a.expires_at ? json::value(a.expires_at) : json::value(nullptr)},
                 {"poster_role", a.poster_role},
                 {"status", a.withdrawn_at                        ? "withdrawn"
                            : a.publish_at > now                  ? "scheduled"
                            : a.expires_at && now >= a.expires_at ? "expired"
                                                                  : "published"}};
  if (who.user) {
    auto r = c.query_one(
        "SELECT read_at, confirmed_at FROM announcement_reads WHERE announcement_id = ? AND user_id = ?",
        {a.id, who.user_id()});
    o["read"] = r.has_value();
    o["confirmed"] = r && !r->is_null(1);
  }
  if (counts) o["counts"] = stats_of(c, cid, a, false);
  return o;
}

json::object stats_of(Connection& c, I cid, const Ann& a, bool with_units) {
  auto [cond, args] = audience(a);
  std::vector<store::Value> all{a.id, a.id, cid};
  all.insert(all.end(), args.begin(), args.end());
  // Per unit of the audience: whether anyone who claimed it has read / confirmed.
  auto rows = c.query(
      "SELECT u.courtyard_id, y.name, u.id, u.label, "
      "EXISTS (SELECT 1 FROM claims cl JOIN announcement_reads r ON r.user_id = cl.user_id AND r.announcement_id = ? WHERE cl.unit_id = u.id), "
      "EXISTS (SELECT 1 FROM claims cl JOIN announcement_reads r ON r.user_id = cl.user_id AND r.announcement_id = ? AND r.confirmed_at IS NOT NULL "
      "WHERE cl.unit_id = u.id) FROM units u JOIN courtyards y ON y.id = u.courtyard_id WHERE u.compound_id = ? AND (" +
          cond +
          ") "
          "ORDER BY y.name, u.id",
      all);
  json::array yards;
  I households = 0, read = 0, confirmed = 0;
  json::object* cur = nullptr;
  I cur_yard = -1;
  for (auto& r : rows) {
    if (r.i64(0) != cur_yard) {
      cur_yard = r.i64(0);
      yards.push_back(json::object{{"courtyard_id", cur_yard},
                                   {"name", r.str(1)},
                                   {"households", 0},
                                   {"read", 0},
                                   {"confirmed", 0}});
      if (with_units) yards.back().as_object()["not_reached"] = json::array{};
      cur = &yards.back().as_object();
    }
    bool rd = r.i64(4) != 0, cf = r.i64(5) != 0;
    (*cur)["households"] = (*cur)["households"].as_int64() + 1;
    if (rd) (*cur)["read"] = (*cur)["read"].as_int64() + 1;
    if (cf) (*cur)["confirmed"] = (*cur)["confirmed"].as_int64() + 1;
    ++households, read += rd, confirmed += cf;
    if (with_units && !(a.confirm ? cf : rd))
      (*cur)["not_reached"].as_array().push_back(json::value(r.str(3)));
  }
  return json::object{{"households", households},
                      {"read", read},
                      {"confirmed", confirmed},
                      {"courtyards", std::move(yards)}};
}

void announce(Connection& c, I cid, const Ann& a, I now) {
  auto [cond, args] = audience(a);
  Notice n{"announcement", (a.confirm ? "请确认：" : "公告：") + a.title,
           text::truncate(a.body, 100),
           "/c/" + std::to_string(cid) + "/notices/" + std::to_string(a.id), a.confirm};
  notify_units(c, cid, cond, args, n, now);
  c.execute("UPDATE announcements SET notified = 1 WHERE id = ?", {a.id});
}

}  // namespace

json::object create_announcement(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  std::string title = in.str("title", 100);
  std::string text = in.str("body", kMaxBodyChars);
  std::string kind = in.opt_str("kind", 20).value_or("notice");
  auto courtyard = in.opt_i64("courtyard_id", 1, INT64_MAX);
  auto area = in.opt_i64("area_id", 1, INT64_MAX);
  bool confirm = in.boolean("confirm_required", false);
  bool pinned = in.boolean("pinned", false);
  I now = app.clock_ms();
  I publish = in.opt_i64("publish_at", 0, INT64_MAX).value_or(now);
  auto expires = in.opt_i64("expires_at", 0, INT64_MAX);
  const json::value* attachments = in.get("attachments");
  if (kind != "notice" && kind != "outage" && kind != "meeting" && kind != "vote" &&
      kind != "safety")
    in.add_error("kind", "类型应为 notice、outage（停水停电）、meeting、vote 或 safety",
                 "kind must be notice, outage, meeting, vote or safety");
  if (courtyard && area)
    in.add_error("area_id", "院落和片区只能选一个", "choose a courtyard or an area, not both");
  if (expires && *expires <= publish)
    in.add_error("expires_at", "过期时间应晚于发布时间", "expires_at must follow publish_at");
  in.finish();
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    std::vector<FieldError> errs;
    std::string files = read_photo_list(c, cid, attachments, errs);
    if (courtyard && !c.query_one("SELECT 1 FROM courtyards WHERE compound_id = ? AND id = ?",
                                  {cid, *courtyard}))
      errs.push_back({"courtyard_id", "本小区没有这个院落", "no such courtyard in this compound"});
    if (area &&
        !c.query_one("SELECT 1 FROM managed_areas WHERE compound_id = ? AND id = ?", {cid, *area}))
      errs.push_back({"area_id", "本小区没有这个片区", "no such area in this compound"});
    if (!errs.empty()) throw_invalid(std::move(errs));
    I id =
        c.query_one(
             "INSERT INTO announcements (compound_id, courtyard_id, area_id, kind, title, body, attachments, confirm_required, pinned, "
             "publish_at, expires_at, posted_by, poster_role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {cid, courtyard ? store::Value(*courtyard) : store::Value(nullptr),
              area ? store::Value(*area) : store::Value(nullptr), kind, title, text, files,
              I{confirm}, I{pinned}, publish,
              expires ? store::Value(*expires) : store::Value(nullptr), who.user_id(),
              acting_role(who, cid), now})
            ->i64(0);
    auto a = require_ann(c, cid, id);
    if (publish <= now) announce(c, cid, a, now);
    audit(c, app, who, cid, "announcement.post", "announcement:" + std::to_string(id),
          {{"confirm_required", confirm}});
    return ann_json(c, cid, require_ann(c, cid, id), who, now, true);
  });
}

json::object withdraw_announcement(App& app, const Caller& who, I cid, I id) {
  return app.db.write([&](Connection& c) {
    auto a = require_ann(c, cid, id);
    if (a.withdrawn_at)
      throw Error(ErrorKind::conflict, "withdrawn", "公告已撤回",
                  "The announcement is already withdrawn");
    c.execute("UPDATE announcements SET withdrawn_at = ? WHERE id = ?", {app.clock_ms(), id});
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
    for (
        auto& r : c.query(
            std::string(kColumns) +
                "WHERE a.compound_id = ? ORDER BY a.pinned DESC, a.publish_at DESC, a.id DESC LIMIT 300",
            {cid})) {
      auto a = load(r);
      if (!all && (!live(a, now) || !in_audience(c, cid, a, who.user_id()))) continue;
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
    if (!all && (!live(a, now) || !in_audience(c, cid, a, who.user_id())))
      throw_not_found("公告", "Announcement");
    return ann_json(c, cid, a, who, now, all);
  });
}

json::object read_announcement(App& app, const Caller& who, I cid, I id, bool confirm) {
  return app.db.write([&](Connection& c) {
    auto a = require_ann(c, cid, id);
    I now = app.clock_ms();
    if (!live(a, now) || !in_audience(c, cid, a, who.user_id()))
      throw_not_found("公告", "Announcement");
    if (confirm && !a.confirm)
      throw Error(ErrorKind::conflict, "no-confirmation", "这条公告不需要确认",
                  "This announcement asks for no confirmation");
    auto prior = c.query_one(
        "SELECT confirmed_at FROM announcement_reads WHERE announcement_id = ? AND user_id = ?",
        {id, who.user_id()});
    if (!prior)
      c.execute(
          "INSERT INTO announcement_reads (compound_id, announcement_id, user_id, read_at, confirmed_at) VALUES (?, ?, ?, ?, ?)",
          {cid, id, who.user_id(), now, confirm ? store::Value(now) : store::Value(nullptr)});
    else if (confirm && prior->is_null(0))
      c.execute(
          "UPDATE announcement_reads SET confirmed_at = ? WHERE announcement_id = ? AND user_id = ?",
          {now, id, who.user_id()});
    if (confirm)
      audit(c, app, who, cid, "announcement.confirm", "announcement:" + std::to_string(id));
    return ann_json(c, cid, a, who, now, false);
  });
}

json::object announcement_stats(App& app, I cid, I id) {
  return app.db.read([&](Connection& c) {
    auto a = require_ann(c, cid, id);
    auto s = stats_of(c, cid, a, true);
    s["id"] = id;
    s["confirm_required"] = a.confirm;
    return s;
  });
}

I publish_due(App& app) {
  // A read first: the sender calls this every few seconds, and a write would wake every live
  // page and empty the public answer cache for nothing.
  if (!app.db.read([&](Connection& c) {
        return c
            .query_one(
                "SELECT 1 FROM announcements WHERE notified = 0 AND withdrawn_at IS NULL AND publish_at <= ? LIMIT 1",
                {app.clock_ms()})
            .has_value();
      }))
    return 0;
  return app.db.write([&](Connection& c) {
    I now = app.clock_ms(), n = 0;
    for (
        auto& r : c.query(
            std::string(kColumns) +
                "WHERE a.notified = 0 AND a.withdrawn_at IS NULL AND a.publish_at <= ? ORDER BY a.id LIMIT 50",
            {now})) {
      auto a = load(r);
      I cid = c.scalar("SELECT compound_id FROM announcements WHERE id = ?", {a.id});
      if (!a.expires_at || now < a.expires_at)
        announce(c, cid, a, now);
      else
        c.execute("UPDATE announcements SET notified = 1 WHERE id = ?", {a.id});
      ++n;
    }
    return n;
  });
}

}  // namespace xinyi::app
