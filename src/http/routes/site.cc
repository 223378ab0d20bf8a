// Routes: the site: health, regions and the public compound list (no sign-in).
#include "http/routes/routes.h"

#include "app/registry_service.h"

namespace xinyi::http::routes {

void add_site_routes(Router& r) {
  r.add("GET", "/api/v1/health", Rule::anyone(), [](Ctx& x) {
    return json_response(200, json::object{{"status", "ok"},
                                           {"service", "xinyi"},
                                           {"version", "0.1.0"},
                                           {"store", app::store_engine(x.app)}});
  });
  // What the web app needs to know about this server before anyone signs in: whether it is a
  // demo (only then does the sign-in page show the demo accounts).
  r.add("GET", "/api/v1/public/site", Rule::anyone(), [](Ctx& x) {
    return json_response(200, json::object{{"demo", x.app.cfg.demo}});
  });
  r.add("GET", "/api/v1/public/regions", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::public_regions(x.app)); });
  r.add("GET", "/api/v1/public/compounds", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::public_compounds(x.app)); });
  r.add("GET", "/api/v1/public/compounds/{id}", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::public_compound(x.app, x.id("id"))); });
}

}  // namespace xinyi::http::routes
