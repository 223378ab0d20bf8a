// Routes: services: photos, the service plan, visits and their reviews, the monthly posting;
// and their JSON (issue 18: the use cases in app/work_service.h take and return structs).
#include "http/routes/routes.h"

#include "app/books.h"
#include "app/needs_service.h"
#include "app/work_service.h"
#include "http/json_in.h"

namespace xinyi::http::routes {

namespace {

using I = std::int64_t;
using service::PlanItem;

constexpr std::size_t kMaxDoneChars = 500;

// ---- Decoders.

// One item: problems go to `in` under items[n].
PlanItem plan_item_in(const json::value& v, std::size_t n, JsonIn& in) {
  JsonIn it(v);
  PlanItem i;
  i.role = it.str("role", 40);
  i.code = it.opt_str("code", 40).value_or(i.role);
  i.tasks = it.opt_str("tasks", 500).value_or("");
  i.standard = it.opt_str("standard", 500).value_or("");
  std::string f = it.str("frequency", 8);
  auto freq = service::parse_frequency(f);
  if (!f.empty() && !freq)
    it.add_error("frequency", "频次单位应为 week 或 month", "frequency must be week or month");
  i.frequency = freq.value_or(service::Frequency::per_week);
  i.visits = static_cast<int>(it.i64("visits", 0, 1000));
  i.minutes_per_visit = it.i64("minutes_per_visit", 0, 100000);
  i.rate_fen_per_hour = it.i64("rate_fen_per_hour", 0, 100'000'000);
  i.expense_account = it.opt_str("expense_account", 8).value_or("5004");
  try {
    it.finish();
  } catch (const Error& e) {
    for (const auto& fe : e.fields())
      in.add_error("items[" + std::to_string(n) + "]." + fe.field, fe.zh, fe.en);
  }
  return i;
}

// {"effective_from": "2026-12", "note"?, "items": [item, …]}
app::PlanInput plan_in(std::string_view body) {
  JsonIn in(body);
  app::PlanInput p;
  p.effective_from = in.str("effective_from", 7);
  p.note = in.opt_str("note", 500).value_or("");
  const json::value* items_v = in.get("items");
  if (!items_v || !items_v->is_array())
    in.add_error("items", "请列出服务项目", "items must be a list");
  else if (items_v->as_array().size() > service::kMaxPlanItems)
    in.add_error("items", "最多 50 项", "at most 50 items");
  else
    for (std::size_t n = 0; n < items_v->as_array().size(); ++n)
      p.items.push_back(plan_item_in(items_v->as_array()[n], n, in));
  in.finish();
  return p;
}

app::AssignmentInput assignment_in(std::string_view body) {
  JsonIn in(body);
  app::AssignmentInput a;
  a.item_code = in.str("item_code", 40);
  a.login = in.str("login", 64);
  a.assigned = in.boolean("assigned", true);
  in.finish();
  return a;
}

app::CheckInInput check_in_in(std::string_view body) {
  JsonIn in(body);
  app::CheckInInput r;
  r.courtyard_id = in.i64("courtyard_id", 1, INT64_MAX);
  r.item_code = in.str("item_code", 40);
  r.checked_in_at_ms = in.opt_i64("checked_in_at", 0, INT64_MAX);
  r.checked_out_at_ms = in.opt_i64("checked_out_at", 0, INT64_MAX);
  r.done = in.opt_str("done", kMaxDoneChars).value_or("");
  r.photos = photos_in(in, "photos");
  in.finish();
  return r;
}

app::CheckOutInput check_out_in(std::string_view body) {
  JsonIn in(body);
  app::CheckOutInput r;
  r.checked_out_at_ms = in.opt_i64("checked_out_at", 0, INT64_MAX);
  r.done = in.str("done", kMaxDoneChars);
  r.photos = photos_in(in, "photos");
  in.finish();
  return r;
}

// {"verdict": confirm|dispute, "reason"?}
std::pair<std::string, std::string> review_in(std::string_view body) {
  JsonIn in(body);
  std::string verdict = in.str("verdict", 10);
  std::string reason = in.opt_str("reason", 500).value_or("");
  in.finish();
  return {verdict, reason};
}

// {"resolution": upheld|dismissed, "note"}
std::pair<std::string, std::string> resolution_in(std::string_view body) {
  JsonIn in(body);
  std::string resolution = in.str("resolution", 10);
  std::string note = in.str("note", 500);
  in.finish();
  return {resolution, note};
}

I days_in(std::string_view body) {
  JsonIn in(body);
  I days = in.i64("days", 1, service::kMaxWindowDays);
  in.finish();
  return days;
}

// ---- Encoders.

json::object item_json(const PlanItem& i) {
  return json::object{{"code", i.code},
                      {"role", i.role},
                      {"tasks", i.tasks},
                      {"standard", i.standard},
                      {"frequency", service::to_string(i.frequency)},
                      {"visits", i.visits},
                      {"minutes_per_visit", i.minutes_per_visit},
                      {"rate_fen_per_hour", i.rate_fen_per_hour},
                      {"expense_account", i.expense_account},
                      {"planned_minutes", service::planned_minutes(i)},
                      {"planned_cost_fen", service::planned_cost_fen(i)}};
}

json::array items_json(const std::vector<PlanItem>& items) {
  json::array out;
  for (const auto& i : items) out.push_back(item_json(i));
  return out;
}

json::array plans_json(const std::vector<app::PlanView>& plans) {
  json::array out;
  for (const auto& p : plans)
    out.push_back(json::object{{"id", p.id},
                               {"version", p.version},
                               {"effective_from", p.effective_from},
                               {"note", p.note},
                               {"monthly_cost_fen", p.monthly_cost_fen.value},
                               {"published_at", p.published_at_ms},
                               {"in_effect", p.in_effect},
                               {"items", items_json(p.items)}});
  return out;
}

json::object visit_json(const app::VisitView& v) {
  const store::WorkLogRec& l = v.log;
  const service::Visit& r = v.reviews;
  json::object o{
      {"id", l.id},
      {"courtyard_id", l.courtyard_id},
      {"courtyard", l.courtyard_name},
      {"item_code", l.item_code},
      {"role", v.role},
      {"standard", v.standard},
      {"worker", l.worker_name},
      {"month", l.month},
      {"checked_in_at", l.checked_in_at_ms},
      {"checked_out_at", l.checked_out ? json::value(l.checked_out_at_ms) : json::value(nullptr)},
      {"minutes", l.checked_out ? json::value(l.minutes) : json::value(nullptr)},
      {"done", l.done},
      {"photos", json::value_from(l.photos)},
      {"status", v.status},
      {"counts", v.counts},
      {"confirmations", r.confirmations},
      {"disputes", r.open_disputes + r.upheld_disputes + r.dismissed_disputes},
      {"open_disputes", r.open_disputes},
      {"review_until", l.checked_out ? json::value(v.review_until_ms) : json::value(nullptr)},
      {"mine", v.mine}};
  if (v.signed_in) {
    const auto& mine = v.my_review;
    o["my_review"] = mine ? json::value(json::object{{"verdict", mine->verdict},
                                                     {"reason", mine->reason},
                                                     {"resolution", mine->resolution}})
                          : json::value(nullptr);
    o["can_review"] = v.can_review;
  }
  return o;
}

json::array visits_json(const std::vector<app::VisitView>& list) {
  json::array out;
  for (const auto& v : list) out.push_back(visit_json(v));
  return out;
}

json::array disputes_json(const std::vector<store::DisputeRec>& list) {
  json::array out;
  for (const auto& d : list)
    out.push_back(json::object{
        {"id", d.id},
        {"log_id", d.log_id},
        {"reason", d.reason},
        {"at", d.at_ms},
        {"resolution", d.resolution.empty() ? json::value(nullptr) : json::value(d.resolution)},
        {"resolution_note", d.resolution_note},
        {"unit", d.unit_label},
        {"resident", d.resident_name},
        {"item_code", d.item_code},
        {"month", d.month},
        {"checked_in_at", d.checked_in_at_ms},
        {"minutes", opt_json(d.minutes)},
        {"done", d.done},
        {"courtyard", d.courtyard_name}});
  return out;
}

json::object month_json(const app::ServiceMonth& m) {
  json::array items;
  for (const auto& [code, role, planned, rate, s] : m.items)
    items.push_back(json::object{{"code", code},
                                 {"role", role},
                                 {"planned", planned},
                                 {"rate_fen_per_hour", rate},
                                 {"planned_minutes", s.planned_minutes},
                                 {"planned_cost_fen", s.planned_cost_fen},
                                 {"visits", s.visits},
                                 {"delivered_minutes", s.delivered_minutes},
                                 {"confirmed_visits", s.confirmed_visits},
                                 {"disputed_visits", s.disputed_visits},
                                 {"open_disputes", s.open_disputes},
                                 {"counted_minutes", s.counted_minutes},
                                 {"cost_fen", s.cost_fen},
                                 {"confirmation_permille", s.confirmation_permille}});
  const auto& t = m.total;
  const auto& posted = m.posting;
  return json::object{
      {"compound_id", m.compound_id},
      {"month", m.month},
      {"plan_version", opt_json(m.plan_version)},
      {"items", std::move(items)},
      {"planned_minutes", t.planned_minutes},
      {"planned_cost_fen", t.planned_cost_fen},
      {"visits", t.visits},
      {"delivered_minutes", t.delivered_minutes},
      {"counted_minutes", t.counted_minutes},
      {"cost_fen", t.cost_fen},
      {"confirmation_permille", t.confirmation_permille},
      {"in_progress", m.in_progress},
      {"open_disputes", m.open_disputes},
      {"review_until", m.review_until_ms ? json::value(m.review_until_ms) : json::value(nullptr)},
      {"posted", posted.has_value()},
      {"posted_amount_fen", posted ? json::value(posted->amount_fen) : json::value(nullptr)},
      {"entry_index", posted ? opt_json(posted->entry_idx) : json::value(nullptr)},
      {"blockers", json::value_from(m.blockers)}};
}

json::object months_json(I cid, const std::vector<app::ServiceMonth>& months) {
  json::array series;
  for (const auto& m : months)
    series.push_back(json::object{{"month", m.month},
                                  {"planned_minutes", m.total.planned_minutes},
                                  {"delivered_minutes", m.total.delivered_minutes},
                                  {"counted_minutes", m.total.counted_minutes},
                                  {"cost_fen", m.total.cost_fen},
                                  {"planned_cost_fen", m.total.planned_cost_fen},
                                  {"visits", m.total.visits},
                                  {"confirmation_permille", m.total.confirmation_permille},
                                  {"posted", m.posting.has_value()}});
  return json::object{{"compound_id", cid}, {"months", std::move(series)}};
}

void add_plan_routes(Router& r) {
  r.add("GET", kPublicCompound + "/service-plans", Rule::anyone(), [](Ctx& x) {
    return json_response(200, plans_json(app::list_plans(x.app, x.compound())));
  });
  r.add("GET", kPublicCompound + "/services/monthly", Rule::anyone(), [](Ctx& x) {
    std::string month = x.query_str("month", 7);
    if (month.empty()) month = app::china_date(x.app.clock_ms()).substr(0, 7);
    return json_response(200, month_json(app::service_month(x.app, x.compound(), month)));
  });
  r.add("GET", kPublicCompound + "/services/months", Rule::anyone(), [](Ctx& x) {
    const I cid = x.id("id");
    return json_response(200,
                         months_json(cid, app::service_months(x.app, CompoundId{cid},
                                                              x.query_int("months", 12, 1, 36))));
  });
  r.add("POST", kCompound + "/photos", Rule::in_compound({R, W, C, T, S}), [](Ctx& x) {
    auto p = app::upload_photo(x.app, x.caller, x.compound(), x.req.content_type, x.req.body);
    return json_response(
        201, json::object{{"sha256", p.sha256}, {"mime", p.mime}, {"size", p.size_bytes}});
  });
  r.add("POST", kCompound + "/service-plans", Rule::in_compound({C, S}), [](Ctx& x) {
    auto p = app::publish_plan(x.app, x.caller, x.compound(), plan_in(x.req.body));
    return json_response(201, json::object{{"id", p.id},
                                           {"version", p.version},
                                           {"effective_from", p.effective_from},
                                           {"note", p.note},
                                           {"monthly_cost_fen", p.monthly_cost_fen.value},
                                           {"items", items_json(p.items)}});
  });
  r.add("GET", kCompound + "/service-plan/assignments", Rule::in_compound({C, T, S}), [](Ctx& x) {
    json::array out;
    for (const auto& a : app::list_assignments(x.app, x.compound()))
      out.push_back(json::object{{"item_code", a.item_code},
                                 {"login", a.login},
                                 {"name", a.name},
                                 {"assigned_at", a.assigned_at_ms}});
    return json_response(200, out);
  });
  r.add("POST", kCompound + "/service-plan/assignments", Rule::in_compound({T}), [](Ctx& x) {
    const auto in = assignment_in(x.req.body);
    json::array workers;
    for (const auto& w : app::assign_worker(x.app, x.caller, x.compound(), in))
      workers.push_back(json::object{{"login", w.login}, {"name", w.name}});
    return json_response(
        200, json::object{{"item_code", in.item_code}, {"workers", std::move(workers)}});
  });
}

void add_visit_routes(Router& r) {
  r.add("POST", kCompound + "/work-logs", Rule::in_compound({W}), [](Ctx& x) {
    return json_response(
        201, visit_json(app::check_in(x.app, x.caller, x.compound(), check_in_in(x.req.body))));
  });
  r.add("POST", kCompound + "/work-logs/{id}/check-out", Rule::in_compound({W}), [](Ctx& x) {
    return json_response(200, visit_json(app::check_out(x.app, x.caller, x.compound(), x.id("id"),
                                                        check_out_in(x.req.body))));
  });
  r.add("POST", kCompound + "/work-logs/{id}/void", Rule::in_compound({W, C, S}), [](Ctx& x) {
    return json_response(200, visit_json(app::void_log(x.app, x.caller, x.compound(), x.id("id"),
                                                       text_in(x.req.body, "reason", 200))));
  });
  r.add("GET", kCompound + "/work-logs", Rule::in_compound({R, C, T, W, S, A}), [](Ctx& x) {
    return json_response(
        200, visits_json(app::list_visits(x.app, x.caller, x.compound(), x.query_str("month", 7),
                                          x.query_flag("to_review"), x.query_flag("mine"))));
  });
  r.add("POST", kCompound + "/work-logs/{id}/review", Rule::in_compound({R}), [](Ctx& x) {
    auto [verdict, reason] = review_in(x.req.body);
    return json_response(200, visit_json(app::review_visit(x.app, x.caller, x.compound(),
                                                           x.id("id"), verdict, reason)));
  });
  // Not the trustee: the disputed party must not see which households disputed its workers.
  r.add("GET", kCompound + "/visit-disputes", Rule::in_compound({C, S, A}), [](Ctx& x) {
    return json_response(
        200, disputes_json(app::list_disputes(x.app, x.compound(), x.query_flag("open"))));
  });
  r.add("POST", kCompound + "/visit-disputes/{id}/resolve", Rule::in_compound({C, S}), [](Ctx& x) {
    auto [resolution, note] = resolution_in(x.req.body);
    auto d = app::resolve_dispute(x.app, x.caller, x.compound(), x.id("id"), resolution, note);
    return json_response(200, json::object{{"id", d.id},
                                           {"log_id", d.log_id},
                                           {"resolution", d.resolution},
                                           {"resolution_note", d.note},
                                           {"resolved_at", d.resolved_at_ms}});
  });
  r.add("POST", kCompound + "/review-window", Rule::in_compound({C, S}), [](Ctx& x) {
    const I days = days_in(x.req.body);
    app::set_review_window(x.app, x.caller, x.compound(), days);
    return json_response(200, json::object{{"review_window_days", days}});
  });
  r.add("POST", kCompound + "/service-postings", Rule::in_compound({C, T}), [](Ctx& x) {
    auto p =
        app::post_service_month(x.app, x.caller, x.compound(), text_in(x.req.body, "period", 7));
    return json_response(201, json::object{{"period", p.period},
                                           {"minutes", p.minutes},
                                           {"amount_fen", p.amount_fen.value},
                                           {"entry_index", opt_json(p.entry_index)}});
  });
}

}  // namespace

void add_services_routes(Router& r) {
  add_plan_routes(r);
  add_visit_routes(r);
}

}  // namespace xinyi::http::routes
