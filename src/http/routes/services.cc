// Routes: services: photos, the service plan, visits and their reviews, the monthly posting.
#include "http/routes/routes.h"

#include "app/books.h"
#include "app/needs_service.h"
#include "app/work_service.h"

namespace xinyi::http::routes {

void add_services_routes(Router& r) {
  r.add("GET", kPublicCompound + "/service-plans", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::list_plans(x.app, x.id("id"))); });
  r.add("GET", kPublicCompound + "/services/monthly", Rule::anyone(), [](Ctx& x) {
    std::string month = x.query_str("month", 7);
    if (month.empty()) month = app::china_date(x.app.clock_ms()).substr(0, 7);
    return json_response(200, app::service_month(x.app, x.id("id"), month));
  });
  r.add("GET", kPublicCompound + "/services/months", Rule::anyone(), [](Ctx& x) {
    return json_response(200,
                         app::service_months(x.app, x.id("id"), x.query_int("months", 12, 1, 36)));
  });
  r.add("POST", kCompound + "/photos", Rule::in_compound({R, W, C, T, S}), [](Ctx& x) {
    auto p = app::upload_photo(x.app, x.caller, x.id("cid"), x.req.content_type, x.req.body);
    return json_response(
        201, json::object{{"sha256", p.sha256}, {"mime", p.mime}, {"size", p.size_bytes}});
  });
  r.add("POST", kCompound + "/service-plans", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::publish_plan(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("GET", kCompound + "/service-plan/assignments", Rule::in_compound({C, T, S}),
        [](Ctx& x) { return json_response(200, app::list_assignments(x.app, x.id("cid"))); });
  r.add("POST", kCompound + "/service-plan/assignments", Rule::in_compound({T}), [](Ctx& x) {
    return json_response(200, app::assign_worker(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", kCompound + "/work-logs", Rule::in_compound({W}), [](Ctx& x) {
    return json_response(201, app::check_in(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", kCompound + "/work-logs/{id}/check-out", Rule::in_compound({W}), [](Ctx& x) {
    return json_response(200, app::check_out(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("POST", kCompound + "/work-logs/{id}/void", Rule::in_compound({W, C, S}), [](Ctx& x) {
    return json_response(200, app::void_log(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("GET", kCompound + "/work-logs", Rule::in_compound({R, C, T, W, S, A}), [](Ctx& x) {
    return json_response(200,
                         app::list_visits(x.app, x.caller, x.id("cid"), x.query_str("month", 7),
                                          x.query_flag("to_review"), x.query_flag("mine")));
  });
  r.add("POST", kCompound + "/work-logs/{id}/review", Rule::in_compound({R}), [](Ctx& x) {
    return json_response(200,
                         app::review_visit(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  // Not the trustee: the disputed party must not see which households disputed its workers.
  r.add("GET", kCompound + "/visit-disputes", Rule::in_compound({C, S, A}), [](Ctx& x) {
    return json_response(200, app::list_disputes(x.app, x.id("cid"), x.query_flag("open")));
  });
  r.add("POST", kCompound + "/visit-disputes/{id}/resolve", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(
        200, app::resolve_dispute(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("POST", kCompound + "/review-window", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(200, app::set_review_window(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", kCompound + "/service-postings", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(201, app::post_service_month(x.app, x.caller, x.id("cid"), x.req.body));
  });
}

}  // namespace xinyi::http::routes
