// Routes: the needs list (民意清单): filing, +1, triage, the members' list and the public
// summary; and their JSON (issue 18: the use cases in app/needs_service.h take and return
// structs).
#include "http/routes/routes.h"

#include "app/needs_service.h"
#include "domain/service.h"
#include "http/json_in.h"

namespace xinyi::http::routes {

namespace {

using I = std::int64_t;

constexpr std::size_t kMaxNeedChars = 1000;
constexpr std::size_t kMaxNoteChars = 500;

json::value id_or_null(I id) { return id ? json::value(id) : json::value(nullptr); }

// {"category", "body", "place"?, "courtyard_id"?, "source"?, "photos"?: [sha256, …]}
app::NeedInput need_in(std::string_view body) {
  JsonIn in(body);
  app::NeedInput r;
  r.category = in.str("category", 20);
  r.body = in.str("body", kMaxNeedChars);
  r.place = in.opt_str("place", 100).value_or("");
  r.courtyard_id = in.opt_i64("courtyard_id", 1, INT64_MAX);
  r.source = in.opt_str("source", 20).value_or("resident");
  r.photos = photos_in(in, "photos");
  in.finish();
  return r;
}

// {"status", "note"?, "service_code"?, "proposal_id"?}
app::TriageInput triage_in(std::string_view body) {
  JsonIn in(body);
  app::TriageInput r;
  r.status = in.str("status", 20);
  r.note = in.opt_str("note", kMaxNoteChars).value_or("");
  r.service_code = in.opt_str("service_code", 40);
  r.proposal_id = in.opt_i64("proposal_id", 1, INT64_MAX);
  in.finish();
  return r;
}

json::object need_json(const app::NeedView& v) {
  const store::NeedRec& n = v.need;
  json::object o{
      {"id", n.id},
      {"category", n.category},
      {"body", n.body},
      {"place", n.place},
      {"courtyard_id", id_or_null(n.courtyard_id)},
      {"courtyard", n.courtyard_name},
      {"photos", texts_json(n.photos)},
      {"source", n.source},
      {"filer", n.filer_name},
      {"filed_at", n.filed_at_ms},
      {"status", n.status},
      {"supporters", n.supporters},
      {"responded_at", id_or_null(n.responded_at_ms)},
      {"closed_at", id_or_null(n.closed_at_ms)},
      {"service_code", n.service_code.empty() ? json::value(nullptr) : json::value(n.service_code)},
      {"proposal_id", id_or_null(n.proposal_id)},
      {"project_id", v.project_id ? json::value(*v.project_id) : json::value(nullptr)},
      {"mine", v.mine}};
  o["supported"] = v.supported;
  o["can"] = texts_json(v.can);
  if (v.timeline) {
    json::array timeline;
    for (const auto& e : *v.timeline)
      timeline.push_back(json::object{
          {"at", e.at_ms}, {"status", e.status}, {"note", e.note}, {"by_role", e.by_role}});
    o["timeline"] = std::move(timeline);
  }
  return o;
}

json::object counts_json(const app::NeedCounts& n) {
  json::object by_status;
  for (std::size_t i = 0; i < n.by_status.size(); ++i)
    by_status[app::kNeedStatuses[i]] = n.by_status[i];
  return by_status;
}

json::object summary_json(const app::NeedsSummary& s) {
  json::array cats;
  for (const auto& [cat, n] : s.categories)
    cats.push_back(
        json::object{{"category", cat}, {"total", n.total}, {"by_status", counts_json(n)}});
  return json::object{{"compound_id", s.compound_id},
                      {"total", s.all.total},
                      {"supporters", s.supporters},
                      {"by_status", counts_json(s.all)},
                      {"categories", std::move(cats)},
                      {"answered", s.answered},
                      {"median_hours_to_answer", s.median_hours_to_answer},
                      {"done", s.done},
                      {"median_days_to_done", s.median_days_to_done}};
}

}  // namespace

void add_needs_routes(Router& r) {
  r.add("GET", kPublicCompound + "/needs/summary", Rule::anyone(), [](Ctx& x) {
    return json_response(200, summary_json(app::needs_summary(x.app, x.compound())));
  });
  r.add("POST", kCompound + "/needs", Rule::in_compound({R, C, S}), [](Ctx& x) {
    return json_response(
        201, need_json(app::file_need(x.app, x.caller, x.compound(), need_in(x.req.body))));
  });
  r.add("GET", kCompound + "/needs", Rule::in_compound({R, C, T, W, S, A}), [](Ctx& x) {
    json::array out;
    for (const auto& v : app::list_needs(x.app, x.caller, x.compound(), x.query_str("status", 12),
                                         x.query_str("category", 12), x.query_flag("mine")))
      out.push_back(need_json(v));
    return json_response(200, out);
  });
  r.add("GET", kCompound + "/needs/{id}", Rule::in_compound({R, C, T, W, S, A}), [](Ctx& x) {
    return json_response(200, need_json(app::get_need(x.app, x.caller, x.compound(), x.id("id"))));
  });
  r.add("POST", kCompound + "/needs/{id}/support", app::needs_support_rule(), [](Ctx& x) {
    return json_response(200,
                         need_json(app::support_need(x.app, x.caller, x.compound(), x.id("id"))));
  });
  r.add("POST", kCompound + "/needs/{id}/triage", app::needs_triage_rule(), [](Ctx& x) {
    return json_response(200, need_json(app::triage_need(x.app, x.caller, x.compound(), x.id("id"),
                                                         triage_in(x.req.body))));
  });
}

}  // namespace xinyi::http::routes
