// Routes: announcements.
#include "http/routes/routes.h"

#include "app/announce_service.h"

namespace xinyi::http::routes {

void add_announcements_routes(Router& r) {
  r.add("POST", kCompound + "/announcements", app::announcement_manage_rule(), [](Ctx& x) {
    return json_response(201, app::create_announcement(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("GET", kCompound + "/announcements", Rule::in_compound({R, C, T, W, S, A}), [](Ctx& x) {
    return json_response(200, app::list_announcements(x.app, x.caller, x.id("cid")));
  });
  r.add(
      "GET", kCompound + "/announcements/{id}", Rule::in_compound({R, C, T, W, S, A}), [](Ctx& x) {
        return json_response(200, app::get_announcement(x.app, x.caller, x.id("cid"), x.id("id")));
      });
  r.add("POST", kCompound + "/announcements/{id}/read", app::announcement_reader_rule(),
        [](Ctx& x) {
          return json_response(
              200, app::read_announcement(x.app, x.caller, x.id("cid"), x.id("id"), false));
        });
  r.add("POST", kCompound + "/announcements/{id}/confirm", app::announcement_reader_rule(),
        [](Ctx& x) {
          return json_response(
              200, app::read_announcement(x.app, x.caller, x.id("cid"), x.id("id"), true));
        });
  r.add("GET", kCompound + "/announcements/{id}/stats", app::announcement_stats_rule(), [](Ctx& x) {
    return json_response(200, app::announcement_stats(x.app, x.id("cid"), x.id("id")));
  });
  r.add("POST", kCompound + "/announcements/{id}/withdraw", app::announcement_manage_rule(),
        [](Ctx& x) {
          return json_response(
              200, app::withdraw_announcement(x.app, x.caller, x.id("cid"), x.id("id")));
        });
}

}  // namespace xinyi::http::routes
