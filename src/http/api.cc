#include "http/api.h"

#include "http/routes/routes.h"

namespace xinyi::http {

void register_api(Router& r) {
  routes::add_site_routes(r);
  routes::add_auth_routes(r);
  routes::add_me_routes(r);
  routes::add_registry_routes(r);
  routes::add_ledger_routes(r);
  routes::add_approvals_routes(r);
  routes::add_bank_routes(r);
  routes::add_billing_routes(r);
  routes::add_votes_routes(r);
  routes::add_needs_routes(r);
  routes::add_services_routes(r);
  routes::add_surveys_routes(r);
  routes::add_charity_routes(r);
  routes::add_projects_routes(r);
  routes::add_announcements_routes(r);
  routes::add_roles_routes(r);
  routes::add_abilities_route(r);  // last: it reads the table the others built
}

}  // namespace xinyi::http
