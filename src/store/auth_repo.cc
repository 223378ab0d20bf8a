#include "store/auth_repo.h"

namespace xinyi::store {

namespace {
using I = std::int64_t;
using S = std::string;

constexpr const char* kUserSelect =
    "SELECT id, login, phone, name, password_hash, is_admin, created_at, password_changed_at FROM users ";

UserRec user_from(const Row& r) {
  return {r.i64(0), r.str(1), r.opt_str(2), r.str(3), r.str(4), r.i64(5) != 0, r.i64(6), r.i64(7)};
}
}  // namespace

I insert_user(Connection& c, const S& login, const std::optional<S>& phone, const S& name,
              const S& hash, bool is_admin, I now) {
  auto r = c.query_one(
      "INSERT INTO users (login, phone, name, password_hash, is_admin, created_at, password_changed_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {login, phone ? Value(*phone) : Value(nullptr), name, hash, I{is_admin ? 1 : 0}, now, now});
  return r->i64(0);
}

std::optional<UserRec> find_user_by_login(Connection& c, const S& login) {
  auto rows = c.query(std::string(kUserSelect) + "WHERE login = ? OR phone = ? ORDER BY id LIMIT 1",
                      {login, login});
  if (rows.empty()) return std::nullopt;
  return user_from(rows[0]);
}

std::optional<UserRec> get_user(Connection& c, I id) {
  auto r = c.query_one(std::string(kUserSelect) + "WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return user_from(*r);
}

void update_password(Connection& c, I uid, const S& hash, I now) {
  c.execute("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
            {hash, now, uid});
}

void insert_session(Connection& c, const S& token_hash, I uid, I now, I expires_at, const S& ip) {
  c.execute(
      "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, ip) VALUES (?, ?, ?, ?, ?)",
      {token_hash, uid, now, expires_at, ip});
}

std::optional<I> session_user(Connection& c, const S& token_hash, I now) {
  auto r = c.query_one("SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?",
                       {token_hash, now});
  if (!r) return std::nullopt;
  return r->i64(0);
}

void delete_session(Connection& c, const S& token_hash) {
  c.execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

void delete_other_sessions(Connection& c, I uid, const S& keep) {
  c.execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {uid, keep});
}

void delete_expired_sessions(Connection& c, I now) {
  c.execute("DELETE FROM sessions WHERE expires_at <= ?", {now});
}

bool has_grant(Connection& c, I cid, I uid, Role role) {
  return c.scalar(
             "SELECT COUNT(*) FROM role_grants WHERE compound_id = ? AND user_id = ? AND role = ?",
             {cid, uid, S(to_string(role))}) != 0;
}

bool insert_grant(Connection& c, I cid, I uid, Role role, std::optional<I> by, I now) {
  S r(to_string(role));
  if (has_grant(c, cid, uid, role)) return false;
  c.execute(
      "INSERT INTO role_grants (compound_id, user_id, role, granted_by, created_at) VALUES (?, ?, ?, ?, ?)",
      {cid, uid, r, by ? Value(*by) : Value(nullptr), now});
  return true;
}

std::vector<GrantRec> list_grants(Connection& c, I uid) {
  std::vector<GrantRec> out;
  for (auto& r :
       c.query("SELECT g.compound_id, g.role, k.name FROM role_grants g JOIN compounds k ON k.id = "
               "g.compound_id WHERE g.user_id = ? ORDER BY g.compound_id, g.role",
               {uid}))
    out.push_back({r.i64(0), r.str(1), r.str(2)});
  return out;
}

std::vector<CompoundGrantRec> list_compound_grants(Connection& c, I cid) {
  std::vector<CompoundGrantRec> out;
  for (
      auto& r : c.query(
          "SELECT u.id, u.login, u.name, g.role FROM role_grants g JOIN users u ON u.id = g.user_id "
          "WHERE g.compound_id = ? ORDER BY g.role, u.id",
          {cid}))
    out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3)});
  return out;
}

bool has_pending_role_request(Connection& c, I cid, I uid, Role role) {
  return c.scalar(
             "SELECT COUNT(*) FROM role_requests WHERE compound_id = ? AND user_id = ? AND role = ? AND status = 'pending'",
             {cid, uid, S(to_string(role))}) != 0;
}

I insert_grant_request(Connection& c, I cid, I uid, Role role, I requested_by, I now,
                       const S& source) {
  return c.scalar(
      "INSERT INTO role_requests (compound_id, user_id, role, action, status, requested_by, requested_at, source) "
      "VALUES (?, ?, ?, 'grant', 'pending', ?, ?, ?) RETURNING id",
      {cid, uid, S(to_string(role)), requested_by, now, source});
}

namespace {

constexpr const char* kRequestSelect =
    "SELECT q.id, q.user_id, u.login, u.name, q.role, q.action, q.status, b.name, "
    "q.requested_at, q.requested_by FROM role_requests q JOIN users u ON u.id = q.user_id "
    "JOIN users b ON b.id = q.requested_by ";

RoleRequestRec request_rec(const Row& r) {
  RoleRequestRec q;
  q.id = r.i64(0), q.user_id = r.i64(1), q.login = r.str(2), q.name = r.str(3);
  q.role = r.str(4), q.action = r.str(5), q.status = r.str(6), q.requested_by_name = r.str(7);
  q.requested_at_ms = r.i64(8), q.requested_by = r.i64(9);
  return q;
}

constexpr const char* kGrantSelect =
    "SELECT g.id, u.id, u.login, u.name, g.role, g.created_at, g.source, COALESCE(b.name, ''), "
    "COALESCE(f.name, '') FROM role_grants g JOIN users u ON u.id = g.user_id "
    "LEFT JOIN users b ON b.id = g.granted_by LEFT JOIN users f ON f.id = g.confirmed_by ";

RoleGrantRec grant_rec(const Row& r) {
  RoleGrantRec g;
  g.id = r.i64(0), g.user_id = r.i64(1), g.login = r.str(2), g.name = r.str(3);
  g.role = r.str(4), g.since_ms = r.i64(5), g.source = r.str(6);
  g.granted_by_name = r.str(7), g.confirmed_by_name = r.str(8);
  return g;
}

}  // namespace

std::optional<RoleRequestRec> get_role_request(Connection& c, I cid, I id) {
  auto r =
      c.query_one(std::string(kRequestSelect) + "WHERE q.compound_id = ? AND q.id = ?", {cid, id});
  if (!r) return std::nullopt;
  return request_rec(*r);
}

std::vector<RoleRequestRec> list_pending_role_requests(Connection& c, I cid) {
  std::vector<RoleRequestRec> out;
  for (const auto& r : c.query(std::string(kRequestSelect) +
                                   "WHERE q.compound_id = ? AND q.status = 'pending' ORDER BY q.id",
                               {cid}))
    out.push_back(request_rec(r));
  return out;
}

void confirm_grant_request(Connection& c, const RoleRequestRec& q, I cid, I confirmed_by, I now) {
  c.execute(
      "UPDATE role_grants SET confirmed_by = ?, source = (SELECT source FROM role_requests "
      "WHERE id = ?) WHERE compound_id = ? AND user_id = ? AND role = ?",
      {confirmed_by, q.id, cid, q.user_id, q.role});
  c.execute(
      "UPDATE role_requests SET status = 'confirmed', decided_by = ?, decided_at = ? WHERE id = ?",
      {confirmed_by, now, q.id});
}

void reject_role_request(Connection& c, I id, I decided_by, I now) {
  c.execute(
      "UPDATE role_requests SET status = 'rejected', decided_by = ?, decided_at = ? WHERE id = ?",
      {decided_by, now, id});
}

std::vector<RoleGrantRec> list_role_grants(Connection& c, I cid) {
  std::vector<RoleGrantRec> out;
  for (const auto& r :
       c.query(std::string(kGrantSelect) + "WHERE g.compound_id = ? ORDER BY g.role, u.id", {cid}))
    out.push_back(grant_rec(r));
  return out;
}

std::optional<RoleGrantRec> get_role_grant(Connection& c, I cid, I grant_id) {
  auto r = c.query_one(std::string(kGrantSelect) + "WHERE g.compound_id = ? AND g.id = ?",
                       {cid, grant_id});
  if (!r) return std::nullopt;
  return grant_rec(*r);
}

void end_role_grant(Connection& c, I cid, const RoleGrantRec& g, I revoked_by, I now) {
  c.execute(
      "INSERT INTO role_history (compound_id, user_id, role, from_ms, to_ms, revoked_by) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {cid, g.user_id, g.role, g.since_ms, now, revoked_by});
  c.execute("DELETE FROM role_grants WHERE id = ?", {g.id});
}

std::vector<RoleGrantRec> list_public_grants(Connection& c, I cid) {
  std::vector<RoleGrantRec> out;
  for (const auto& r :
       c.query(std::string(kGrantSelect) +
                   "WHERE g.compound_id = ? AND g.role IN ('committee', 'trustee', 'staff', "
                   "'auditor') ORDER BY g.role, g.created_at, g.id",
               {cid}))
    out.push_back(grant_rec(r));
  return out;
}

std::vector<EndedRoleRec> list_ended_roles(Connection& c, I cid) {
  std::vector<EndedRoleRec> out;
  for (const auto& r :
       c.query("SELECT h.role, u.name, h.from_ms, h.to_ms FROM role_history h JOIN users u ON "
               "u.id = h.user_id WHERE h.compound_id = ? ORDER BY h.to_ms DESC, h.id DESC LIMIT 50",
               {cid}))
    out.push_back({r.str(0), r.str(1), r.i64(2), r.i64(3)});
  return out;
}

void insert_claim(Connection& c, I cid, I unit_id, I uid, I person_id, const S& relation, I now) {
  c.execute(
      "INSERT INTO claims (compound_id, unit_id, user_id, person_id, relation, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      {cid, unit_id, uid, person_id, relation, now});
}

bool has_claim(Connection& c, I unit_id, I uid) {
  return c.scalar("SELECT COUNT(*) FROM claims WHERE unit_id = ? AND user_id = ?", {unit_id, uid}) >
         0;
}

std::vector<ClaimRec> list_claims(Connection& c, I uid) {
  std::vector<ClaimRec> out;
  for (auto& r : c.query(
           "SELECT c.compound_id, c.unit_id, c.person_id, c.relation, k.name, y.name, u.label, "
           "u.area_centi_m2, u.courtyard_id FROM claims c JOIN units u ON u.id = c.unit_id "
           "JOIN courtyards y ON y.id = u.courtyard_id JOIN compounds k ON k.id = c.compound_id "
           "WHERE c.user_id = ? ORDER BY c.compound_id, u.id",
           {uid}))
    out.push_back(
        {r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.str(5), r.str(6), r.i64(7), r.i64(8)});
  return out;
}

std::optional<I> first_claimed_unit_in(Connection& c, I cid, I uid, I courtyard_id) {
  auto r = c.query_one(
      "SELECT cl.unit_id FROM claims cl JOIN units u ON u.id = cl.unit_id WHERE cl.compound_id = ? AND cl.user_id = ? "
      "AND u.courtyard_id = ? ORDER BY cl.id LIMIT 1",
      {cid, uid, courtyard_id});
  if (!r) return std::nullopt;
  return r->i64(0);
}

std::optional<I> first_claimed_courtyard(Connection& c, I cid, I uid) {
  auto r = c.query_one(
      "SELECT u.courtyard_id FROM claims cl JOIN units u ON u.id = cl.unit_id WHERE cl.compound_id = ? "
      "AND cl.user_id = ? ORDER BY cl.id LIMIT 1",
      {cid, uid});
  if (!r) return std::nullopt;
  return r->i64(0);
}

Principal load_principal(Connection& c, const UserRec& u) {
  Principal p;
  p.user_id = u.id;
  p.is_admin = u.is_admin;
  for (auto& g : list_grants(c, u.id))
    if (auto role = parse_role(g.role)) p.grants.push_back({g.compound_id, *role});
  for (auto& r : c.query("SELECT DISTINCT compound_id FROM claims WHERE user_id = ?", {u.id}))
    p.grants.push_back({r.i64(0), Role::resident});
  return p;
}

std::optional<std::int64_t> first_claimant(Connection& c, std::int64_t unit_id) {
  auto r = c.query_one("SELECT MIN(user_id) FROM claims WHERE unit_id = ?", {unit_id});
  return r ? r->opt_i64(0) : std::nullopt;
}

}  // namespace xinyi::store
