// Routes: renewal projects and crowdfunding.
#include "http/routes/routes.h"

#include "app/project_service.h"
#include "domain/project.h"

namespace xinyi::http::routes {

namespace pj = xinyi::project;

void add_projects_routes(Router& r) {
  r.add("GET", kPublicCompound + "/projects", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::list_projects(x.app, x.id("id"))); });
  r.add("GET", kPublicCompound + "/projects/{pid}", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::get_project(x.app, x.caller, x.id("id"), x.id("pid")));
  });
  r.add("POST", kCompound + "/projects", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::create_project(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", kProject + "/budget", pj::who_may(pj::Step::budget), [](Ctx& x) {
    return json_response(
        200, app::set_project_budget(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body));
  });
  r.add("POST", kProject + "/vote", pj::who_may(pj::Step::link_vote), [](Ctx& x) {
    return json_response(
        200, app::link_project_vote(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body));
  });
  r.add("POST", kProject + "/quotes", pj::who_may(pj::Step::quote), [](Ctx& x) {
    return json_response(
        201, app::add_project_quote(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body));
  });
  r.add("POST", kProject + "/contract", pj::who_may(pj::Step::contract), [](Ctx& x) {
    return json_response(
        200, app::sign_project_contract(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body));
  });
  r.add("POST", kProject + "/milestones", pj::who_may(pj::Step::add_milestone), [](Ctx& x) {
    return json_response(201,
                         app::add_milestone(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body));
  });
  r.add("POST", kProject + "/milestones/{mid}/done", pj::who_may(pj::Step::complete_milestone),
        [](Ctx& x) {
          return json_response(200, app::complete_milestone(x.app, x.caller, x.id("cid"),
                                                            x.id("pid"), x.id("mid"), x.req.body));
        });
  r.add("POST", kProject + "/payments", pj::who_may(pj::Step::pay), [](Ctx& x) {
    return json_response(
        201, app::request_project_payment(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body));
  });
  r.add("POST", kProject + "/acceptance", pj::who_may(pj::Step::start_acceptance), [](Ctx& x) {
    return json_response(
        200, app::start_acceptance(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body));
  });
  r.add(
      "POST", kProject + "/acceptance/close", pj::who_may(pj::Step::close_acceptance), [](Ctx& x) {
        return json_response(200, app::close_acceptance(x.app, x.caller, x.id("cid"), x.id("pid")));
      });
  r.add("POST", kProject + "/signoff", pj::who_may(pj::Step::signoff), [](Ctx& x) {
    return json_response(200, app::sign_off_project(x.app, x.caller, x.id("cid"), x.id("pid")));
  });
  r.add("POST", kProject + "/acceptance/reject", pj::who_may(pj::Step::send_back), [](Ctx& x) {
    return json_response(
        200, app::reject_acceptance(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body));
  });
  r.add("POST", kProject + "/crowdfunding-refund", pj::who_may(pj::Step::refund_crowdfunding),
        [](Ctx& x) {
          return json_response(
              201, app::refund_crowdfunding_surplus(x.app, x.caller, x.id("cid"), x.id("pid")));
        });
  r.add("POST", kProject + "/settle", pj::who_may(pj::Step::settle), [](Ctx& x) {
    return json_response(200, app::settle_project(x.app, x.caller, x.id("cid"), x.id("pid")));
  });
  r.add("POST", kProject + "/cancel", pj::who_may(pj::Step::cancel), [](Ctx& x) {
    return json_response(
        200, app::cancel_project(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body));
  });
  r.add("POST", kProject + "/follow", Rule::in_compound({R, C, T, W, S, A}), [](Ctx& x) {
    return json_response(
        200, app::follow_project(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body));
  });
  r.add("POST", kProject + "/pledges", pj::who_may(pj::Step::pledge), [](Ctx& x) {
    return json_response(201, app::pledge(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body));
  });
  r.add("GET", kProject + "/pledges", Rule::in_compound({C, T, S, A}), [](Ctx& x) {
    return json_response(200, app::list_pledges(x.app, x.id("cid"), x.id("pid")));
  });
  r.add("POST", kProject + "/pledges/{id}/payments", pj::who_may(pj::Step::record_pledge_payment),
        [](Ctx& x) {
          return json_response(201, app::pay_pledge(x.app, x.caller, x.id("cid"), x.id("pid"),
                                                    x.id("id"), x.req.body));
        });
}

}  // namespace xinyi::http::routes
