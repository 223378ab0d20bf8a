#include "store/announce_repo.h"

#include "store/unit_condition.h"

namespace xinyi::store {

namespace {

using I = std::int64_t;

constexpr const char* kColumns =
    "SELECT a.id, a.compound_id, COALESCE(a.courtyard_id, 0), COALESCE(a.area_id, 0), a.publish_at, "
    "COALESCE(a.expires_at, 0), COALESCE(a.withdrawn_at, 0), a.created_at, a.confirm_required, a.pinned, "
    "a.notified, a.kind, a.title, a.body, a.attachments, a.poster_role, COALESCE(y.name, COALESCE(m.name, '')) "
    "FROM announcements a LEFT JOIN courtyards y ON y.id = a.courtyard_id "
    "LEFT JOIN managed_areas m ON m.id = a.area_id ";

AnnouncementRec from_row(const Row& r) {
  AnnouncementRec a;
  a.id = r.i64(0), a.compound_id = r.i64(1), a.courtyard_id = r.i64(2), a.area_id = r.i64(3);
  a.publish_at_ms = r.i64(4), a.expires_at_ms = r.i64(5), a.withdrawn_at_ms = r.i64(6);
  a.created_at_ms = r.i64(7), a.confirm_required = r.i64(8) != 0, a.pinned = r.i64(9) != 0;
  a.notified = r.i64(10) != 0, a.kind = r.str(11), a.title = r.str(12), a.body = r.str(13);
  a.attachments = decode_text_list(r.str(14)), a.poster_role = r.str(15), a.scope_name = r.str(16);
  return a;
}

}  // namespace

I insert_announcement(Connection& c, I cid, const NewAnnouncement& a, I now_ms) {
  return c
      .query_one(
          "INSERT INTO announcements (compound_id, courtyard_id, area_id, kind, title, body, attachments, "
          "confirm_required, pinned, publish_at, expires_at, posted_by, poster_role, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {cid, id_or_null(a.courtyard_id), id_or_null(a.area_id), a.kind, a.title, a.body,
           encode_text_list(a.attachments), I{a.confirm_required}, I{a.pinned}, a.publish_at_ms,
           id_or_null(a.expires_at_ms), a.posted_by, a.poster_role, now_ms})
      ->i64(0);
}

std::optional<AnnouncementRec> get_announcement(Connection& c, I cid, I id) {
  auto r = c.query_one(std::string(kColumns) + "WHERE a.compound_id = ? AND a.id = ?", {cid, id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::vector<AnnouncementRec> list_announcements(Connection& c, I cid, I limit) {
  std::vector<AnnouncementRec> out;
  for (
      auto& r : c.query(
          std::string(kColumns) +
              "WHERE a.compound_id = ? ORDER BY a.pinned DESC, a.publish_at DESC, a.id DESC LIMIT ?",
          {cid, limit}))
    out.push_back(from_row(r));
  return out;
}

void mark_withdrawn(Connection& c, I id, I now_ms) {
  c.execute("UPDATE announcements SET withdrawn_at = ? WHERE id = ?", {now_ms, id});
}

void mark_notified(Connection& c, I id) {
  c.execute("UPDATE announcements SET notified = 1 WHERE id = ?", {id});
}

bool any_due_announcement(Connection& c, I now_ms) {
  return c
      .query_one(
          "SELECT 1 FROM announcements WHERE notified = 0 AND withdrawn_at IS NULL AND publish_at <= ? LIMIT 1",
          {now_ms})
      .has_value();
}

std::vector<AnnouncementRec> due_announcements(Connection& c, I now_ms, I limit) {
  std::vector<AnnouncementRec> out;
  for (auto& r :
       c.query(std::string(kColumns) +
                   "WHERE a.notified = 0 AND a.withdrawn_at IS NULL AND a.publish_at <= ? "
                   "ORDER BY a.id LIMIT ?",
               {now_ms, limit}))
    out.push_back(from_row(r));
  return out;
}

UnitAudience audience_of(const AnnouncementRec& a) {
  UnitAudience to;
  if (a.courtyard_id)
    to.courtyard_id = a.courtyard_id;
  else if (a.area_id)
    to.area_id = a.area_id;
  return to;
}

bool in_audience(Connection& c, I cid, const AnnouncementRec& a, I user) {
  auto [cond, args] = unit_condition(audience_of(a));
  std::vector<Value> all{cid, user};
  all.insert(all.end(), args.begin(), args.end());
  return c
      .query_one(
          "SELECT 1 FROM claims cl JOIN units u ON u.id = cl.unit_id WHERE cl.compound_id = ? AND cl.user_id = ? AND (" +
              cond + ") LIMIT 1",
          all)
      .has_value();
}

std::optional<ReadMark> get_read_mark(Connection& c, I announcement_id, I user) {
  auto r = c.query_one(
      "SELECT confirmed_at FROM announcement_reads WHERE announcement_id = ? AND user_id = ?",
      {announcement_id, user});
  if (!r) return std::nullopt;
  return ReadMark{!r->is_null(0)};
}

void record_read(Connection& c, I cid, I announcement_id, I user, bool confirm, I now_ms) {
  auto prior = get_read_mark(c, announcement_id, user);
  if (!prior)
    c.execute(
        "INSERT INTO announcement_reads (compound_id, announcement_id, user_id, read_at, confirmed_at) VALUES (?, ?, ?, ?, ?)",
        {cid, announcement_id, user, now_ms, confirm ? Value(now_ms) : Value(nullptr)});
  else if (confirm && !prior->confirmed)
    c.execute(
        "UPDATE announcement_reads SET confirmed_at = ? WHERE announcement_id = ? AND user_id = ?",
        {now_ms, announcement_id, user});
}

std::vector<UnitReach> audience_reach(Connection& c, I cid, const AnnouncementRec& a) {
  auto [cond, args] = unit_condition(audience_of(a));
  std::vector<Value> all{a.id, a.id, cid};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<UnitReach> out;
  for (
      auto& r : c.query(
          "SELECT u.courtyard_id, y.name, u.id, u.label, "
          "EXISTS (SELECT 1 FROM claims cl JOIN announcement_reads r ON r.user_id = cl.user_id AND r.announcement_id = ? WHERE cl.unit_id = u.id), "
          "EXISTS (SELECT 1 FROM claims cl JOIN announcement_reads r ON r.user_id = cl.user_id AND r.announcement_id = ? AND r.confirmed_at IS NOT NULL "
          "WHERE cl.unit_id = u.id) FROM units u JOIN courtyards y ON y.id = u.courtyard_id WHERE u.compound_id = ? AND (" +
              cond + ") ORDER BY y.name, u.id",
          all))
    out.push_back(UnitReach{r.i64(0), r.str(1), r.i64(2), r.str(3), r.i64(4) != 0, r.i64(5) != 0});
  return out;
}

}  // namespace xinyi::store
