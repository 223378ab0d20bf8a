// Routes: the registry: districts to compounds, courtyards, buildings, units, members, roster
// imports.
#include "http/routes/routes.h"

#include "app/registry_service.h"

namespace xinyi::http::routes {

void add_registry_routes(Router& r) {
  r.add("POST", "/api/v1/districts", Rule::admin(), [](Ctx& x) {
    return json_response(201, app::create_district(x.app, x.caller, x.req.body));
  });
  r.add("POST", "/api/v1/districts/{id}/streets", Rule::admin(), [](Ctx& x) {
    return json_response(201, app::create_street(x.app, x.caller, x.id("id"), x.req.body));
  });
  r.add("POST", "/api/v1/streets/{id}/communities", Rule::admin(), [](Ctx& x) {
    return json_response(201, app::create_community(x.app, x.caller, x.id("id"), x.req.body));
  });
  r.add("POST", "/api/v1/communities/{id}/compounds", Rule::admin(), [](Ctx& x) {
    return json_response(201, app::create_compound(x.app, x.caller, x.id("id"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/areas", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::create_area(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/courtyards", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::create_courtyard(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("PATCH", "/api/v1/compounds/{cid}/courtyards/{id}", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(
        200, app::update_courtyard(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/buildings", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::create_building(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/units", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::create_unit(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("GET", "/api/v1/compounds/{cid}/units", Rule::in_compound({C, T, S, A}), [](Ctx& x) {
    return json_response(
        200, app::list_units(x.app, x.id("cid"), x.query_int("after", 0, 0, INT64_MAX),
                             x.query_int("limit", 100, 1, app::kMaxPageSize), sees_id_cards(x)));
  });
  r.add("GET", "/api/v1/compounds/{cid}/units/{id}", Rule::in_compound({C, T, S, A}), [](Ctx& x) {
    return json_response(200, app::get_unit(x.app, x.id("cid"), x.id("id"), sees_id_cards(x)));
  });
  r.add("PATCH", "/api/v1/compounds/{cid}/units/{id}", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(200,
                         app::update_unit(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/units/{id}/members", Rule::in_compound({C, S}),
        [](Ctx& x) {
          return json_response(
              201, app::add_member(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
        });
  r.add("POST", "/api/v1/compounds/{cid}/units/{id}/invite-code", Rule::in_compound({C, S}),
        [](Ctx& x) {
          return json_response(200, app::new_invite_code(x.app, x.caller, x.id("cid"), x.id("id")));
        });
  r.add("GET", "/api/v1/compounds/{cid}/invite-codes", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::invite_codes(x.app, x.id("cid"))); });
  r.add("POST", "/api/v1/compounds/{cid}/import/units", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(
        x.query_flag("dry_run") ? 200 : 201,
        app::import_roster(x.app, x.caller, x.id("cid"), x.req.body, x.query_flag("dry_run")));
  });
}

}  // namespace xinyi::http::routes
