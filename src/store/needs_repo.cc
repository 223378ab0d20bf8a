#include "store/needs_repo.h"

namespace xinyi::store {

namespace {

const char* kNeedColumns =
    "SELECT n.id, COALESCE(n.courtyard_id, 0), COALESCE(n.filed_by, 0), n.filed_at, COALESCE(n.responded_at, 0), "
    "COALESCE(n.closed_at, 0), COALESCE(n.proposal_id, 0), n.supporters, n.category, n.place, n.body, n.photos, n.source, "
    "n.status, COALESCE(n.service_code, ''), COALESCE(y.name, ''), COALESCE(u.name, '') FROM needs n "
    "LEFT JOIN courtyards y ON y.id = n.courtyard_id LEFT JOIN users u ON u.id = n.filed_by ";

NeedRec need_of(const Row& r) {
  NeedRec n;
  n.id = r.i64(0);
  n.courtyard_id = r.i64(1);
  n.filed_by = r.i64(2);
  n.filed_at_ms = r.i64(3);
  n.responded_at_ms = r.i64(4);
  n.closed_at_ms = r.i64(5);
  n.proposal_id = r.i64(6);
  n.supporters = r.i64(7);
  n.category = r.str(8);
  n.place = r.str(9);
  n.body = r.str(10);
  n.photos = decode_text_list(r.str(11));
  n.source = r.str(12);
  n.status = r.str(13);
  n.service_code = r.str(14);
  n.courtyard_name = r.str(15);
  n.filer_name = r.str(16);
  return n;
}

}  // namespace

std::optional<NeedRec> get_need(Connection& c, std::int64_t cid, std::int64_t id) {
  auto r =
      c.query_one(std::string(kNeedColumns) + "WHERE n.compound_id = ? AND n.id = ?", {cid, id});
  if (!r) return std::nullopt;
  return need_of(*r);
}

bool need_exists(Connection& c, std::int64_t cid, std::int64_t id) {
  return c.query_one("SELECT 1 FROM needs WHERE compound_id = ? AND id = ?", {cid, id}).has_value();
}

std::vector<NeedRec> list_needs(Connection& c, std::int64_t cid, const NeedFilter& f) {
  std::string sql = std::string(kNeedColumns) + "WHERE n.compound_id = ?";
  std::vector<Value> args{cid};
  if (!f.status.empty()) sql += " AND n.status = ?", args.emplace_back(f.status);
  if (!f.category.empty()) sql += " AND n.category = ?", args.emplace_back(f.category);
  if (f.filed_by) sql += " AND n.filed_by = ?", args.emplace_back(f.filed_by);
  sql += " ORDER BY n.id DESC LIMIT 500";
  std::vector<NeedRec> out;
  for (auto& r : c.query(sql, args)) out.push_back(need_of(r));
  return out;
}

std::int64_t insert_need(Connection& c, std::int64_t cid, const NewNeed& n, std::int64_t now_ms) {
  return c
      .query_one(
          "INSERT INTO needs (compound_id, courtyard_id, category, place, body, photos, source, filed_by, filed_at, status) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open') RETURNING id",
          {cid, id_or_null(n.courtyard_id), n.category, n.place, n.body, encode_text_list(n.photos),
           n.source, n.filed_by, now_ms})
      ->i64(0);
}

void set_need_triage(Connection& c, std::int64_t id, const std::string& status, std::int64_t now_ms,
                     bool closed, const std::optional<std::string>& service_code,
                     const std::optional<std::int64_t>& proposal_id) {
  c.execute(
      "UPDATE needs SET status = ?, responded_at = COALESCE(responded_at, ?), closed_at = ?, "
      "service_code = COALESCE(?, service_code), proposal_id = COALESCE(?, proposal_id) WHERE id = ?",
      {status, now_ms, closed ? Value(now_ms) : Value(nullptr),
       service_code ? Value(*service_code) : Value(nullptr),
       proposal_id ? Value(*proposal_id) : Value(nullptr), id});
}

void set_need_status(Connection& c, std::int64_t id, const std::string& status, std::int64_t now_ms,
                     bool closed) {
  c.execute(
      "UPDATE needs SET status = ?, responded_at = COALESCE(responded_at, ?), closed_at = ? WHERE id = ?",
      {status, now_ms, closed ? Value(now_ms) : Value(nullptr), id});
}

bool has_supported(Connection& c, std::int64_t need_id, std::int64_t user_id) {
  return c
      .query_one("SELECT 1 FROM need_supports WHERE need_id = ? AND user_id = ?",
                 {need_id, user_id})
      .has_value();
}

void insert_support(Connection& c, std::int64_t cid, std::int64_t need_id, std::int64_t user_id,
                    std::int64_t at_ms) {
  c.execute("INSERT INTO need_supports (compound_id, need_id, user_id, at) VALUES (?, ?, ?, ?)",
            {cid, need_id, user_id, at_ms});
  c.execute("UPDATE needs SET supporters = supporters + 1 WHERE id = ?", {need_id});
}

std::vector<NeedEventRec> list_need_events(Connection& c, std::int64_t need_id) {
  std::vector<NeedEventRec> out;
  for (auto& r :
       c.query("SELECT at, status, note, by_role FROM need_events WHERE need_id = ? ORDER BY id",
               {need_id}))
    out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3)});
  return out;
}

void insert_need_event(Connection& c, std::int64_t cid, std::int64_t need_id, std::int64_t at_ms,
                       const std::string& status, const std::string& note, std::int64_t by,
                       const std::string& by_role) {
  c.execute(
      "INSERT INTO need_events (compound_id, need_id, at, status, note, by_user, by_role) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {cid, need_id, at_ms, status, note, id_or_null(by), by_role});
}

std::vector<NeedCountRec> count_needs(Connection& c, std::int64_t cid) {
  std::vector<NeedCountRec> out;
  for (
      auto& r : c.query(
          "SELECT category, status, COUNT(*), SUM(supporters) FROM needs WHERE compound_id = ? GROUP BY category, status",
          {cid}))
    out.push_back({r.str(0), r.str(1), r.i64(2), r.i64(3)});
  return out;
}

std::vector<NeedTimesRec> answered_need_times(Connection& c, std::int64_t cid) {
  std::vector<NeedTimesRec> out;
  for (
      auto& r : c.query(
          "SELECT filed_at, responded_at, closed_at, status FROM needs WHERE compound_id = ? AND responded_at IS NOT NULL",
          {cid}))
    out.push_back({r.i64(0), r.i64(1), r.opt_i64(2), r.str(3)});
  return out;
}

std::optional<std::int64_t> need_id_by_text(Connection& c, std::int64_t cid,
                                            const std::string& body) {
  auto r = c.query_one("SELECT MIN(id) FROM needs WHERE compound_id = ? AND body = ?", {cid, body});
  return r ? r->opt_i64(0) : std::nullopt;
}

}  // namespace xinyi::store
