// Routes: roles and the audit log; and their JSON (issue 18: the use cases in
// app/registry_service.h take and return structs).
#include "http/routes/routes.h"

#include "app/registry_service.h"
#include "http/json_in.h"

namespace xinyi::http::routes {

namespace {

json::object request_json(const store::RoleRequestRec& q) {
  return {{"id", q.id},
          {"user_id", q.user_id},
          {"login", q.login},
          {"name", q.name},
          {"role", q.role},
          {"action", q.action},
          {"status", q.status},
          {"requested_by", q.requested_by_name},
          {"requested_at", q.requested_at_ms},
          {"requester_id", q.requested_by}};
}

json::object roles_json(const app::RolesView& v) {
  json::array grants, pending;
  for (const auto& g : v.grants)
    grants.push_back(json::object{{"id", g.id},
                                  {"user_id", g.user_id},
                                  {"login", g.login},
                                  {"name", g.name},
                                  {"role", g.role},
                                  {"since", g.since_ms},
                                  {"source", g.source},
                                  {"granted_by", g.granted_by_name},
                                  {"confirmed_by", g.confirmed_by_name}});
  for (const auto& q : v.pending) pending.push_back(request_json(q));
  return {{"grants", std::move(grants)}, {"pending", std::move(pending)}};
}

// {"login", "role"}: committee, trustee, worker, staff or auditor.
app::RoleInput role_in(std::string_view body) {
  JsonIn in(body);
  app::RoleInput r;
  r.login = in.str("login", 64);
  const std::string role_s = in.str("role", 16);
  auto role = parse_role(role_s);
  if (!role_s.empty() && (!role || *role == Role::resident))
    in.add_error(
        "role",
        "必须是 committee、trustee、worker、staff、auditor 之一（住户身份通过认领房屋获得）",
        "must be one of committee, trustee, worker, staff, auditor (residents claim a unit instead)");
  in.finish();
  r.role = *role;
  return r;
}

json::object audit_json(const app::AuditPage& page) {
  json::array items;
  for (const auto& e : page.items) {
    boost::system::error_code ec;
    json::value detail = json::parse(e.detail, ec);
    items.push_back(json::object{{"id", e.id},
                                 {"at", e.at},
                                 {"user_id", opt_json(e.user_id)},
                                 {"user_name", e.user_name},
                                 {"ip", e.ip},
                                 {"action", e.action},
                                 {"target", e.target},
                                 {"detail", ec ? json::value(e.detail) : detail}});
  }
  return {{"items", std::move(items)}, {"next_before", opt_json(page.next_before)}};
}

}  // namespace

void add_roles_routes(Router& r) {
  r.add("GET", kCompound + "/roles", Rule::in_compound({C, S, A}), [](Ctx& x) {
    return json_response(200, roles_json(app::list_roles(x.app, x.compound())));
  });
  r.add("POST", kCompound + "/roles", Rule::in_compound({S}), [](Ctx& x) {
    // 202: an approving role waits for a second person; 201: granted.
    auto r = app::grant_role(x.app, x.caller, x.compound(), role_in(x.req.body));
    if (r.pending) return json_response(202, request_json(*r.request));
    return json_response(201, json::object{{"user_id", r.granted->user_id},
                                           {"login", r.granted->login},
                                           {"role", r.granted->role},
                                           {"status", "active"}});
  });
  r.add("POST", kCompound + "/roles/{id}/confirm", Rule::in_compound({S}), [](Ctx& x) {
    return json_response(
        200, request_json(app::confirm_role(x.app, x.caller, x.compound(), x.id("id"))));
  });
  r.add("POST", kCompound + "/roles/{id}/reject", Rule::in_compound({S}), [](Ctx& x) {
    return json_response(200,
                         request_json(app::reject_role(x.app, x.caller, x.compound(), x.id("id"))));
  });
  r.add("POST", kCompound + "/roles/{id}/revoke", Rule::in_compound({S}), [](Ctx& x) {
    auto k = app::revoke_role(x.app, x.caller, x.compound(), x.id("id"));
    return json_response(200, json::object{{"user_id", k.user_id},
                                           {"role", k.role},
                                           {"status", "revoked"},
                                           {"until", k.until_ms}});
  });
  r.add("GET", kCompound + "/audit", Rule::in_compound({S, A}), [](Ctx& x) {
    return json_response(
        200, audit_json(app::list_audit(x.app, x.compound(), x.query_int("before", 0, 0, INT64_MAX),
                                        x.query_int("limit", 100, 1, app::kMaxPageSize))));
  });
}

}  // namespace xinyi::http::routes
