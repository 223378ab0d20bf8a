// Routes: roles and the audit log.
#include "http/routes/routes.h"

#include "app/registry_service.h"

namespace xinyi::http::routes {

void add_roles_routes(Router& r) {
  r.add("GET", "/api/v1/compounds/{cid}/roles", Rule::in_compound({C, S, A}),
        [](Ctx& x) { return json_response(200, app::list_roles(x.app, x.id("cid"))); });
  r.add("POST", "/api/v1/compounds/{cid}/roles", Rule::in_compound({S}), [](Ctx& x) {
    // 202: an approving role waits for a second person; 201: granted.
    auto r = app::grant_role(x.app, x.caller, x.id("cid"), x.req.body);
    return json_response(r.pending ? 202 : 201, r.body);
  });
  r.add("POST", "/api/v1/compounds/{cid}/roles/{id}/confirm", Rule::in_compound({S}), [](Ctx& x) {
    return json_response(200, app::confirm_role(x.app, x.caller, x.id("cid"), x.id("id")));
  });
  r.add("POST", "/api/v1/compounds/{cid}/roles/{id}/reject", Rule::in_compound({S}), [](Ctx& x) {
    return json_response(200, app::reject_role(x.app, x.caller, x.id("cid"), x.id("id")));
  });
  r.add("POST", "/api/v1/compounds/{cid}/roles/{id}/revoke", Rule::in_compound({S}), [](Ctx& x) {
    return json_response(200, app::revoke_role(x.app, x.caller, x.id("cid"), x.id("id")));
  });
  r.add("GET", "/api/v1/compounds/{cid}/audit", Rule::in_compound({S, A}), [](Ctx& x) {
    return json_response(200,
                         app::list_audit(x.app, x.id("cid"), x.query_int("before", 0, 0, INT64_MAX),
                                         x.query_int("limit", 100, 1, app::kMaxPageSize)));
  });
}

}  // namespace xinyi::http::routes
