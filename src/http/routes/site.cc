// Routes: the site: health, regions and the public compound list (no sign-in).
#include "http/routes/routes.h"

#include "app/registry_service.h"
#include "domain/access.h"
#include "domain/announce.h"
#include "domain/service.h"
#include "domain/vote.h"

namespace xinyi::http::routes {

namespace {

json::array strings(const auto& list) {
  json::array out;
  for (std::string_view v : list) out.push_back(json::string(v));
  return out;
}

json::object vocabulary() {
  json::array matters;
  for (int m = 1; m <= 9; ++m)
    matters.push_back(json::object{{"matter", m},
                                   {"zh", vote::matter_zh(m)},
                                   {"en", vote::matter_en(m)},
                                   {"special", vote::is_special(m)}});
  json::array roles;
  for (Role role : kAllRoles) roles.push_back(json::string(to_string(role)));
  return {{"need_categories", strings(service::kNeedCategories)},
          {"announcement_kinds", strings(announce::kKinds)},
          {"vote_matters", std::move(matters)},
          {"roles", std::move(roles)}};
}

}  // namespace

void add_site_routes(Router& r) {
  r.add("GET", "/api/v1/health", Rule::anyone(), [](Ctx& x) {
    return json_response(200, json::object{{"status", "ok"},
                                           {"service", "xinyi"},
                                           {"version", "0.1.0"},
                                           {"store", app::store_engine(x.app)}});
  });
  // What the web app needs to know about this server before anyone signs in: whether it is a
  // demo (only then does the sign-in page show the demo accounts), and the domain's vocabulary
  // — the codes the forms offer, in order, so that the web never keeps its own copy of them (it
  // keeps only the words for each code, in its messages).
  r.add("GET", "/api/v1/public/site", Rule::anyone(), [](Ctx& x) {
    return json_response(200, json::object{{"demo", x.app.cfg.demo}, {"vocabulary", vocabulary()}});
  });
  r.add("GET", "/api/v1/public/regions", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::public_regions(x.app)); });
  r.add("GET", "/api/v1/public/compounds", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::public_compounds(x.app)); });
  r.add("GET", "/api/v1/public/compounds/{id}", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::public_compound(x.app, x.id("id"))); });
}

}  // namespace xinyi::http::routes
