// Routes: signing in and out, registering, passwords.
#include "http/routes/routes.h"

#include "app/auth_service.h"
#include "domain/registry.h"
#include "http/json_in.h"

namespace xinyi::http::routes {

namespace {

// A password field: required, at most kMaxPasswordChars (its rules are the use case's).
std::string password_in(JsonIn& in, const char* field) {
  if (auto p = in.opt_str(field, app::kMaxPasswordChars)) return *p;
  in.add_error(field, "缺少此字段", "is required");
  return "";
}

app::Credentials credentials_in(std::string_view body) {
  JsonIn in(body);
  app::Credentials c;
  c.login = in.str("login", 64);
  c.password = password_in(in, "password");
  in.finish();
  return c;
}

// {"login"?, "phone", "name", "password"}
app::NewAccount account_in(std::string_view body) {
  JsonIn in(body);
  app::NewAccount a;
  a.phone = in.str("phone", 32);
  a.name = in.str("name", registry::kMaxNameChars);
  a.login = in.opt_str("login", 32);
  a.password = password_in(in, "password");
  in.finish();
  return a;
}

}  // namespace

void add_auth_routes(Router& r) {
  r.add("POST", "/api/v1/auth/login", Rule::anyone(), [](Ctx& x) {
    return signed_in(x, app::login(x.app, x.caller, credentials_in(x.req.body)), 200);
  });
  r.add("POST", "/api/v1/auth/register", Rule::anyone(), [](Ctx& x) {
    return signed_in(x, app::register_account(x.app, x.caller, account_in(x.req.body)), 201);
  });
  r.add("POST", "/api/v1/auth/logout", Rule::anyone(), [](Ctx& x) {
    app::logout(x.app, x.caller);
    Response res = no_content();
    res.headers.emplace_back("Set-Cookie", session_cookie("", 0, x.app.cfg.secure_cookies));
    return res;
  });
  r.add("POST", "/api/v1/auth/password", Rule::signed_in(), [](Ctx& x) {
    JsonIn in(x.req.body);
    const std::string old_password = password_in(in, "old_password");
    const std::string new_password = password_in(in, "new_password");
    in.finish();
    app::change_password(x.app, x.caller, old_password, new_password);
    return no_content();
  });
  r.add("GET", "/api/v1/auth/session", Rule::anyone(), [](Ctx& x) {
    // For pages that must know whether someone is signed in without provoking a 401.
    if (!x.caller.user) return json_response(200, json::object{{"signed_in", false}});
    return json_response(
        200, json::object{{"signed_in", true}, {"me", me_json(app::me(x.app, x.caller))}});
  });
}

}  // namespace xinyi::http::routes
