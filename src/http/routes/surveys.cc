// Routes: questionnaires and meetings.
#include "http/routes/routes.h"

#include "app/survey_service.h"

namespace xinyi::http::routes {

void add_surveys_routes(Router& r) {
  r.add("GET", kPublicCompound + "/questionnaires", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::list_questionnaires(x.app, x.caller, x.id("id")));
  });
  r.add("GET", kPublicCompound + "/questionnaires/{qid}", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::get_questionnaire(x.app, x.caller, x.id("id"), x.id("qid")));
  });
  r.add("GET", kPublicCompound + "/questionnaires/{qid}/results", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::questionnaire_results(x.app, x.id("id"), x.id("qid"), false));
  });
  r.add("GET", kPublicCompound + "/meetings", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::list_meetings(x.app, x.id("id"), false)); });
  r.add("POST", kCompound + "/questionnaires", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::create_questionnaire(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", kCompound + "/questionnaires/{id}/answers", Rule::in_compound({R}), [](Ctx& x) {
    return json_response(
        201, app::answer_questionnaire(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("GET", kCompound + "/questionnaires/{id}/results", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) {
          return json_response(200,
                               app::questionnaire_results(x.app, x.id("cid"), x.id("id"), true));
        });
  r.add("GET", kCompound + "/questionnaires/{id}/export/{file}", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) {
          auto [what, ext] = split_export(x.params.at("file"));
          if (what != "responses") throw_not_found("导出类型", "Export");
          return table_response(app::questionnaire_table(x.app, x.id("cid"), x.id("id")), ext,
                                "questionnaire-" + std::to_string(x.id("id")));
        });
  r.add("GET", kCompound + "/meetings", Rule::in_compound({R, C, T, W, S, A}),
        [](Ctx& x) { return json_response(200, app::list_meetings(x.app, x.id("cid"), true)); });
  r.add("POST", kCompound + "/meetings", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::create_meeting(x.app, x.caller, x.id("cid"), x.req.body));
  });
}

}  // namespace xinyi::http::routes
