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

}  // namespace xinyi::store
