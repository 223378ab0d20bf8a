// Sign-in and accounts: register, sign in/out, change password, "me", claim a unit.
#pragma once

#include <optional>
#include <string>

#include "app/app.h"
#include "store/auth_repo.h"

namespace xinyi::app {

inline constexpr std::size_t kMinPasswordChars = 8;
inline constexpr std::size_t kMaxPasswordChars = 128;

// Resolves a session token (may be empty) into a Caller. Never throws for a bad token:
// an unknown or expired token is simply anonymous.
Caller authenticate(App& app, const std::string& token, const std::string& ip);

// Who the signed-in person is: the account, the roles they hold per compound (resident wherever
// they claimed a unit), their units, the session's CSRF token, and their preferences.
struct Me {
  store::UserRec user;
  std::vector<store::GrantRec> roles;
  std::vector<store::ClaimRec> units;
  std::optional<std::string> csrf_token;  // a session's (not for an in-process caller)
  bool large_text = false, sms = true;
  std::int64_t unread = 0;
};
struct SignedIn {
  std::string token;  // to set as the session cookie
  Me me;
};
// Issue 18: the JSON is in http/routes/auth.cc and me.cc.
struct Credentials {
  std::string login, password;
};
struct NewAccount {
  std::string phone, name, password;
  std::optional<std::string> login;  // none: the phone number signs in
};

// body: {login, password}. 401 on bad credentials, 429 when throttled.
// The CSRF token of a session: derived from the session (so it needs no storage) and handed to
// the page in JSON (`me.csrf_token`), never in a cookie; a cookie-authenticated write must
// echo it in `X-CSRF-Token`. A cross-site page can make the browser send the cookie but cannot
// read the token.
std::string csrf_token(const std::string& session_hash);

SignedIn login(App& app, Caller& who, const Credentials& in);
void logout(App& app, const Caller& who);
// Signs the new account in.
SignedIn register_account(App& app, Caller& who, const NewAccount& in);
// Other sessions of the user are signed out.
void change_password(App& app, const Caller& who, const std::string& old_password,
                     const std::string& new_password);
Me me(App& app, const Caller& who);
// Links the caller to the unit whose invite code `code` is, as the owner or tenant the roster
// lists with the caller's phone number.
struct UnitClaimed {
  std::int64_t unit_id = 0, compound_id = 0;
  std::string label, courtyard, relation;
};
UnitClaimed claim_unit(App& app, Caller& who, const std::string& code);
// The write itself in the caller's transaction, for a code already normalised (the demo's
// owners claim through it): nullopt when no unit has the code. No throttle: that is the route's.
std::optional<UnitClaimed> claim_unit_in(store::Connection& c, App& app, const Caller& who,
                                         const std::string& code);

}  // namespace xinyi::app
