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

}  // namespace xinyi::store
