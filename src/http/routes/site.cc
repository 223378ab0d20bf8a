// Routes: the site: health, regions and the public compound list (no sign-in).
#include "http/routes/routes.h"

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
}

void add_abilities_route(Router& r) {
  // What the signed-in caller may do in one compound, read off the route table itself: every
  // route under /api/v1/compounds/{cid}/ whose rule admits them there, named by its method and
  // the rest of its pattern ("POST announcements", "GET votes/{id}/paper-ballots"). A page asks
  // this instead of deciding from roles, so it cannot offer what the route would refuse (the use
  // case still checks the data: one's own request, a need already supported…, which the views'
  // own "can" lists say).
  static const std::string kPrefix = "/api/v1/compounds/{cid}/";
  r.add("GET", "/api/v1/compounds/{cid}/abilities", Rule::signed_in(), [&r](Ctx& x) {
    const std::int64_t cid = x.id("cid");
    json::array can;
    for (const auto& route : r.routes()) {
      if (!route.pattern.starts_with(kPrefix) || route.pattern == kPrefix + "abilities") continue;
      const bool compound = route.rule.scope() == Rule::Scope::compound;
      if (route.rule.allows(x.caller.p(),
                            compound ? std::optional<std::int64_t>(cid) : std::nullopt))
        can.push_back(json::string(route.method + " " + route.pattern.substr(kPrefix.size())));
    }
    return json_response(200, json::object{{"compound_id", cid}, {"can", std::move(can)}});
  });
}

}  // namespace xinyi::http::routes
