// Routes: signing in and out, registering, passwords.
#include "http/routes/routes.h"

#include "app/auth_service.h"

namespace xinyi::http::routes {

void add_auth_routes(Router& r) {
  r.add("POST", "/api/v1/auth/login", Rule::anyone(),
        [](Ctx& x) { return signed_in(x, app::login(x.app, x.caller, x.req.body), 200); });
  r.add("POST", "/api/v1/auth/register", Rule::anyone(), [](Ctx& x) {
    return signed_in(x, app::register_account(x.app, x.caller, x.req.body), 201);
  });
  r.add("POST", "/api/v1/auth/logout", Rule::anyone(), [](Ctx& x) {
    app::logout(x.app, x.caller);
    Response res = no_content();
    res.headers.emplace_back("Set-Cookie", session_cookie("", 0, x.app.cfg.secure_cookies));
    return res;
  });
  r.add("POST", "/api/v1/auth/password", Rule::signed_in(), [](Ctx& x) {
    app::change_password(x.app, x.caller, x.req.body);
    return no_content();
  });
  r.add("GET", "/api/v1/auth/session", Rule::anyone(), [](Ctx& x) {
    // For pages that must know whether someone is signed in without provoking a 401.
    if (!x.caller.user) return json_response(200, json::object{{"signed_in", false}});
    return json_response(200, json::object{{"signed_in", true}, {"me", app::me(x.app, x.caller)}});
  });
}

}  // namespace xinyi::http::routes
