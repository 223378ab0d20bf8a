// Sign-in and accounts: register, sign in/out, change password, "me", claim a unit.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "app/app.h"

namespace xinyi::app {

inline constexpr std::size_t kMinPasswordChars = 8;
inline constexpr std::size_t kMaxPasswordChars = 128;

// Resolves a session token (may be empty) into a Caller. Never throws for a bad token:
// an unknown or expired token is simply anonymous.
Caller authenticate(App& app, const std::string& token, const std::string& ip);

struct SignedIn {
  std::string token;  // to set as the session cookie
  boost::json::object me;
};

// body: {login, password}. 401 on bad credentials, 429 when throttled.
// The CSRF token of a session: derived from the session (so it needs no storage) and handed to
// the page in JSON (`me.csrf_token`), never in a cookie; a cookie-authenticated write must
// echo it in `X-CSRF-Token`. A cross-site page can make the browser send the cookie but cannot
// read the token.
std::string csrf_token(const std::string& session_hash);

SignedIn login(App& app, Caller& who, std::string_view body);
void logout(App& app, const Caller& who);
// body: {login?, phone, name, password}. Signs the new account in.
SignedIn register_account(App& app, Caller& who, std::string_view body);
// body: {old_password, new_password}. Other sessions of the user are signed out.
void change_password(App& app, const Caller& who, std::string_view body);
boost::json::object me(App& app, const Caller& who);
// body: {code}. Links the caller to the unit whose invite code it is, as the owner or tenant
// the roster lists with the caller's phone number.
boost::json::object claim_unit(App& app, Caller& who, std::string_view body);

}  // namespace xinyi::app
