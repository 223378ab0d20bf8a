// Routes: the charity fund: campaigns, donations, volunteers.
#include "http/routes/routes.h"

#include "app/charity_service.h"

namespace xinyi::http::routes {

void add_charity_routes(Router& r) {
  r.add("GET", kPublicCompound + "/charity", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::charity_summary(x.app, x.id("id"))); });
  r.add("GET", kPublicCompound + "/volunteers", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::volunteers(x.app, x.id("id"), false)); });
  r.add("POST", kCompound + "/campaigns", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::create_campaign(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", kCompound + "/donations", Rule::in_compound({R, C, T}), [](Ctx& x) {
    return json_response(201, app::donate(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("GET", kCompound + "/donations", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::list_donations(x.app, x.id("cid"))); });
  r.add("POST", kCompound + "/donations/{id}/receive", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(200, app::receive_donation(x.app, x.caller, x.id("cid"), x.id("id")));
  });
  r.add("POST", kCompound + "/donations/{id}/decline", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(
        200, app::decline_donation(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("GET", kCompound + "/volunteers", Rule::in_compound({R, C, T, W, S, A}),
        [](Ctx& x) { return json_response(200, app::volunteers(x.app, x.id("cid"), true)); });
  r.add("POST", kCompound + "/volunteer-teams", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::create_team(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", kCompound + "/volunteer-teams/{id}/join", Rule::in_compound({R}), [](Ctx& x) {
    return json_response(201, app::join_team(x.app, x.caller, x.id("cid"), x.id("id")));
  });
  r.add("POST", kCompound + "/volunteer-teams/{id}/members", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(
        201, app::add_team_member(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("POST", kCompound + "/volunteer-activities", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::record_activity(x.app, x.caller, x.id("cid"), x.req.body));
  });
}

}  // namespace xinyi::http::routes
