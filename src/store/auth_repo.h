// Accounts, sessions, role grants and unit claims.
//
// Sessions are stored by the SHA-256 of their token, never the token itself: a stolen copy of
// the store does not let anyone sign in. Passwords are stored as argon2id strings (auth/).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "store/sql.h"

namespace xinyi::store {

struct UserRec {
  std::int64_t id = 0;
  std::string login;
  std::optional<std::string> phone;
  std::string name, password_hash;
  bool is_admin = false;
  std::int64_t created_at = 0, password_changed_at = 0;
};

struct ClaimRec {
  std::int64_t compound_id = 0, unit_id = 0, person_id = 0;
  std::string relation, compound_name, courtyard_name, label;
  std::int64_t area_centi_m2 = 0;
  std::int64_t courtyard_id = 0;
};

struct GrantRec {
  std::int64_t compound_id = 0;
  std::string role, compound_name;
};

std::int64_t insert_user(Connection& c, const std::string& login,
                         const std::optional<std::string>& phone, const std::string& name,
                         const std::string& password_hash, bool is_admin, std::int64_t now);
// By user name or by phone number.
std::optional<UserRec> find_user_by_login(Connection& c, const std::string& login_or_phone);
std::optional<UserRec> get_user(Connection& c, std::int64_t id);
void update_password(Connection& c, std::int64_t user_id, const std::string& hash,
                     std::int64_t now);

void insert_session(Connection& c, const std::string& token_hash, std::int64_t user_id,
                    std::int64_t now, std::int64_t expires_at, const std::string& ip);
// The user of a live session (expires_at > now), or nullopt.
std::optional<std::int64_t> session_user(Connection& c, const std::string& token_hash,
                                         std::int64_t now);
void delete_session(Connection& c, const std::string& token_hash);
// Signs the user out everywhere but `keep_hash`.
void delete_other_sessions(Connection& c, std::int64_t user_id, const std::string& keep_hash);
void delete_expired_sessions(Connection& c, std::int64_t now);

bool insert_grant(Connection& c, std::int64_t compound_id, std::int64_t user_id, Role role,
                  std::optional<std::int64_t> granted_by,
                  std::int64_t now);  // false if held already
bool has_grant(Connection& c, std::int64_t compound_id, std::int64_t user_id, Role role);
std::vector<GrantRec> list_grants(Connection& c, std::int64_t user_id);
struct CompoundGrantRec {
  std::int64_t user_id;
  std::string login, name, role;
};
std::vector<CompoundGrantRec> list_compound_grants(Connection& c, std::int64_t compound_id);

// Requests for a role that wait for a second person's confirmation (role_requests).
// Whether a request about `role` for the user (to grant or to revoke) is pending.
bool has_pending_role_request(Connection& c, std::int64_t compound_id, std::int64_t user_id,
                              Role role);
// A pending request to grant `role`; `source` says what asked for it ("committee": its
// establishment). Returns its id.
std::int64_t insert_grant_request(Connection& c, std::int64_t compound_id, std::int64_t user_id,
                                  Role role, std::int64_t requested_by, std::int64_t now,
                                  const std::string& source);

// A role request with the names of the person and of who asked.
struct RoleRequestRec {
  std::int64_t id = 0, user_id = 0, requested_by = 0, requested_at_ms = 0;
  std::string login, name, role, action, status, requested_by_name;
};
std::optional<RoleRequestRec> get_role_request(Connection& c, std::int64_t compound_id,
                                               std::int64_t id);
std::vector<RoleRequestRec> list_pending_role_requests(Connection& c, std::int64_t compound_id);
// The second person confirms a pending grant request whose grant was just inserted: the grant
// records them and the request's source; the request becomes confirmed.
void confirm_grant_request(Connection& c, const RoleRequestRec& q, std::int64_t compound_id,
                           std::int64_t confirmed_by, std::int64_t now_ms);
void reject_role_request(Connection& c, std::int64_t id, std::int64_t decided_by,
                         std::int64_t now_ms);

// A compound's grants with who granted and who confirmed each ("": nobody), by role, then user.
struct RoleGrantRec {
  std::int64_t id = 0, user_id = 0, since_ms = 0;
  std::string login, name, role, source, granted_by_name, confirmed_by_name;
};
std::vector<RoleGrantRec> list_role_grants(Connection& c, std::int64_t compound_id);
std::optional<RoleGrantRec> get_role_grant(Connection& c, std::int64_t compound_id,
                                           std::int64_t grant_id);
// Removes the grant and records its span in role_history.
void end_role_grant(Connection& c, std::int64_t compound_id, const RoleGrantRec& g,
                    std::int64_t revoked_by, std::int64_t now_ms);
// The public's view: the committee's, trustee's, staff's and auditor's grants (by role, oldest
// first), and the newest 50 that ended. Names in full; the use case masks them.
std::vector<RoleGrantRec> list_public_grants(Connection& c, std::int64_t compound_id);
struct EndedRoleRec {
  std::string role, name;
  std::int64_t from_ms = 0, to_ms = 0;
};
std::vector<EndedRoleRec> list_ended_roles(Connection& c, std::int64_t compound_id);

void insert_claim(Connection& c, std::int64_t compound_id, std::int64_t unit_id,
                  std::int64_t user_id, std::int64_t person_id, const std::string& relation,
                  std::int64_t now);
bool has_claim(Connection& c, std::int64_t unit_id, std::int64_t user_id);
std::vector<ClaimRec> list_claims(Connection& c, std::int64_t user_id);
// Of the units the user claimed in the compound (in one courtyard of it), the one claimed
// first; nullopt when none.
std::optional<std::int64_t> first_claimed_unit_in(Connection& c, std::int64_t compound_id,
                                                  std::int64_t user_id, std::int64_t courtyard_id);
// The courtyard of the unit the user claimed first in the compound; nullopt when none.
std::optional<std::int64_t> first_claimed_courtyard(Connection& c, std::int64_t compound_id,
                                                    std::int64_t user_id);

// The principal of a signed-in user: explicit grants plus a resident grant for every compound
// where they have claimed a unit.
Principal load_principal(Connection& c, const UserRec& u);

// The first account (lowest id) that claimed the unit; nullopt when nobody has.
std::optional<std::int64_t> first_claimant(Connection& c, std::int64_t unit_id);

}  // namespace xinyi::store
