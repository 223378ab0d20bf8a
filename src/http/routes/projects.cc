// Routes: renewal projects and crowdfunding; and their JSON (issue 18: the use cases in
// app/project_service.h take and return structs).
#include "http/routes/approvals.h"
#include "http/routes/routes.h"

#include "app/needs_service.h"
#include "app/project_service.h"
#include "domain/ledger/books.h"
#include "domain/project.h"
#include "http/json_in.h"

namespace xinyi::http::routes {

namespace pj = xinyi::project;

namespace {

using I = std::int64_t;

constexpr const char* kVouchersZh = "凭证应为最多 9 个已在本小区上传的文件";
constexpr const char* kVouchersEn = "vouchers lists at most 9 files uploaded to this compound";
constexpr const char* kSourcesZh =
    "来源应为 common、courtyard_surplus、charity、crowdfunding 或 subsidy";

std::optional<std::string> date_in(JsonIn& in, const char* field, bool required) {
  std::optional<std::string> d =
      required ? std::optional(in.str(field, 10)) : in.opt_str(field, 10);
  if (d && !d->empty() && !ledger::valid_date(*d))
    in.add_error(field, "日期无效（YYYY-MM-DD）", "not a date (YYYY-MM-DD)");
  return d;
}

// {"title", "description"?, "courtyard_id"?, "need_id"?, "proposal_id"?, "acceptance_mode"?,
//  "crowdfund_goal_fen"?, "signoffs_required"?, "min_turnout_pct"?}
app::ProjectInput project_in(std::string_view body) {
  JsonIn in(body);
  app::ProjectInput r;
  r.title = in.str("title", 60);
  r.description = in.opt_str("description", 2000).value_or("");
  r.courtyard_id = in.opt_i64("courtyard_id", 0, INT64_MAX).value_or(0);
  r.need_id = in.opt_i64("need_id", 1, INT64_MAX);
  r.proposal_id = in.opt_i64("proposal_id", 1, INT64_MAX);
  std::string mode_s = in.opt_str("acceptance_mode", 16).value_or("questionnaire");
  r.crowdfund_goal_fen = Fen{in.opt_i64("crowdfund_goal_fen", 0, pj::kMaxProjectFen).value_or(0)};
  r.signoffs_required = in.opt_i64("signoffs_required", 1, 9).value_or(pj::kDefaultSignoffs);
  r.min_turnout_pct = in.opt_i64("min_turnout_pct", 1, 100).value_or(pj::kDefaultMinTurnoutPct);
  auto mode = pj::parse_acceptance_mode(mode_s);
  if (!mode)
    in.add_error("acceptance_mode",
                 "验收方式应为 questionnaire（居民问卷）或 committee（委员会签字）",
                 "acceptance_mode is questionnaire or committee");
  in.finish();
  r.acceptance_mode = *mode;
  return r;
}

// Errors of one element of a list, named by its position ("lines[2].budget_fen").
void finish_item(JsonIn& item, JsonIn& outer, const std::string& at) {
  try {
    item.finish();
  } catch (const Error& e) {
    for (const auto& f : e.fields()) outer.add_error(at + "." + f.field, f.zh, f.en);
  }
}

// {"lines": [{"name", "account", "budget_fen"}], "funding": [{"source", "amount_fen",
//  "courtyard_id"?}]}
app::BudgetInput budget_in(std::string_view body) {
  JsonIn in(body);
  app::BudgetInput r;
  const json::value* lv = in.get("lines");
  const json::value* fv = in.get("funding");
  if (!lv || !lv->is_array() || lv->as_array().size() > pj::kMaxLines)
    in.add_error("lines", "预算应为 1–30 项的列表", "lines is a list of 1 to 30 items");
  else
    for (std::size_t i = 0; i < lv->as_array().size(); ++i) {
      JsonIn li(lv->as_array()[i]);
      pj::Line l;
      l.name = li.str("name", 60);
      l.account = li.str("account", 8);
      l.budget_fen = li.i64("budget_fen", 1, pj::kMaxProjectFen);
      finish_item(li, in, "lines[" + std::to_string(i) + "]");
      r.lines.push_back(std::move(l));
    }
  if (!fv || !fv->is_array() || fv->as_array().size() > pj::kMaxSources)
    in.add_error("funding", "资金来源应为 1–10 项的列表", "funding is a list of 1 to 10 items");
  else
    for (std::size_t i = 0; i < fv->as_array().size(); ++i) {
      JsonIn fi(fv->as_array()[i]);
      pj::Funding f;
      std::string src = fi.str("source", 20);
      f.amount_fen = fi.i64("amount_fen", 1, pj::kMaxProjectFen);
      f.courtyard_id = fi.opt_i64("courtyard_id", 0, INT64_MAX).value_or(0);
      auto s = pj::parse_source(src);
      if (!s)
        fi.add_error("source", kSourcesZh,
                     "source is common, courtyard_surplus, charity, crowdfunding or subsidy");
      f.source = s.value_or(pj::Source::common);
      if (f.source != pj::Source::courtyard_surplus) f.courtyard_id = 0;
      finish_item(fi, in, "funding[" + std::to_string(i) + "]");
      r.funding.push_back(f);
    }
  in.finish();
  return r;
}

// {"contractor", "amount_fen", "note"?, "vouchers"?}
app::QuoteInput quote_in(std::string_view body) {
  JsonIn in(body);
  app::QuoteInput q;
  q.contractor = in.str("contractor", 60);
  q.amount_fen = Fen{in.i64("amount_fen", 1, pj::kMaxProjectFen)};
  q.note = in.opt_str("note", 500).value_or("");
  q.vouchers = in.hashes("vouchers", app::kMaxPhotos, kVouchersZh, kVouchersEn);
  in.finish();
  return q;
}

// {"quote_id", "signed_on", "vouchers"?}
app::ContractInput contract_in(std::string_view body) {
  JsonIn in(body);
  app::ContractInput r;
  r.quote_id = in.i64("quote_id", 1, INT64_MAX);
  r.signed_on = date_in(in, "signed_on", true).value_or("");
  r.vouchers = in.hashes("vouchers", app::kMaxPhotos, kVouchersZh, kVouchersEn);
  in.finish();
  return r;
}

// {"title", "due_on"?}
app::MilestoneInput milestone_in(std::string_view body) {
  JsonIn in(body);
  app::MilestoneInput r;
  r.title = in.str("title", 60);
  r.due_on = date_in(in, "due_on", false);
  if (r.due_on && r.due_on->empty()) r.due_on.reset();
  in.finish();
  return r;
}

// {"note"?, "photos"?}
app::MilestoneDone milestone_done_in(std::string_view body) {
  JsonIn in(body);
  app::MilestoneDone r;
  r.note = in.opt_str("note", 500).value_or("");
  r.photos = photos_in(in, "photos");
  in.finish();
  return r;
}

// {"line_id", "source", "amount_fen", "courtyard_id"?, "quote_id"?, "note"?, "vouchers"?,
//  "plan_item_id"?, "per_unit_fen"?, "covered_units"?}
app::ProjectPaymentInput payment_in(std::string_view body) {
  JsonIn in(body);
  app::ProjectPaymentInput r;
  r.line_id = in.i64("line_id", 1, INT64_MAX);
  std::string src = in.str("source", 20);
  r.amount_fen = Fen{in.i64("amount_fen", 1, pj::kMaxProjectFen)};
  r.courtyard_id = in.opt_i64("courtyard_id", 0, INT64_MAX).value_or(0);
  r.quote_id = in.opt_i64("quote_id", 1, INT64_MAX);
  r.note = in.opt_str("note", 60).value_or("");
  r.vouchers = in.hashes("vouchers", app::kMaxPhotos, kVouchersZh, kVouchersEn);
  r.plan_item_id = in.opt_i64("plan_item_id", 1, INT64_MAX);
  if (auto fen = in.opt_i64("per_unit_fen", 1, pj::kMaxProjectFen)) r.per_unit_fen = Fen{*fen};
  r.covered_units = in.id_list("covered_units", 20'000);
  if (r.per_unit_fen.has_value() != !r.covered_units.empty())
    in.add_error("covered_units", "按户采购须同时给出 per_unit_fen 和 covered_units",
                 "per_unit_fen and covered_units go together");
  auto source = pj::parse_source(src);
  if (!source) in.add_error("source", kSourcesZh, "unknown source");
  in.finish();
  r.source = *source;
  return r;
}

// {"closes_at"?: ms since the epoch}
std::optional<I> closes_in(std::string_view body) {
  JsonIn in(body);
  auto closes = in.opt_i64("closes_at", 0, INT64_MAX);
  in.finish();
  return closes;
}

bool follow_in(std::string_view body) {
  JsonIn in(body);
  bool follow = in.boolean("follow", true);
  in.finish();
  return follow;
}

// {"unit_id"?, "amount_fen": at least ¥1}
app::PledgeInput pledge_in(std::string_view body) {
  JsonIn in(body);
  app::PledgeInput r;
  r.unit_id = in.opt_i64("unit_id", 1, INT64_MAX);
  r.amount_fen = Fen{in.i64("amount_fen", 100, pj::kMaxProjectFen)};
  in.finish();
  return r;
}

I amount_in(std::string_view body) {
  JsonIn in(body);
  I amount = in.i64("amount_fen", 1, pj::kMaxProjectFen);
  in.finish();
  return amount;
}

json::object summary_json(const app::ProjectSummary& s) {
  return {{"id", s.id},
          {"title", s.title},
          {"courtyard_id", s.courtyard_id},
          {"courtyard", s.courtyard},
          {"status", pj::to_string(s.status)},
          {"status_zh", pj::status_zh(s.status)},
          {"budget_fen", s.budget_fen.value},
          {"contract_fen", s.contract_fen.value},
          {"paid_fen", s.paid_fen.value},
          {"pending_fen", s.pending_fen.value},
          {"crowdfund_goal_fen", s.crowdfund_goal_fen.value},
          {"pledged_fen", s.pledged_fen.value},
          {"collected_fen", s.collected_fen.value},
          {"acceptance_mode", pj::to_string(s.acceptance_mode)},
          {"followers", s.followers},
          {"updated_at", s.updated_at_ms}};
}

json::array lines_json(const std::vector<app::ProjectLineView>& lines) {
  json::array out;
  for (const auto& l : lines)
    out.push_back(json::object{{"id", l.id},
                               {"name", l.name},
                               {"account", l.account},
                               {"budget_fen", l.budget_fen.value},
                               {"paid_fen", l.paid_fen.value},
                               {"pending_fen", l.pending_fen.value}});
  return out;
}

json::array funding_json(const std::vector<app::ProjectFundingView>& funding) {
  json::array out;
  for (const auto& f : funding) {
    json::object x{{"source", pj::to_string(f.source)},
                   {"courtyard_id", f.courtyard_id},
                   {"amount_fen", f.amount_fen.value},
                   {"paid_fen", f.paid_fen.value},
                   {"pending_fen", f.pending_fen.value}};
    if (f.available_fen) x["available_fen"] = f.available_fen->value;
    out.push_back(std::move(x));
  }
  return out;
}

void put_contracts(const app::ProjectView& v, json::object& o) {
  json::array quotes, contracts;
  for (const auto& q : v.quotes)
    quotes.push_back(json::object{{"id", q.id},
                                  {"contractor", q.contractor},
                                  {"amount_fen", q.amount_fen},
                                  {"note", q.note},
                                  {"vouchers", texts_json(q.vouchers)},
                                  {"chosen", q.signed_on.has_value()}});
  for (const auto& k : v.contracts)
    contracts.push_back(json::object{{"quote_id", k.quote_id},
                                     {"contractor", k.contractor},
                                     {"amount_fen", k.amount_fen.value},
                                     {"signed_on", k.signed_on},
                                     {"vouchers", texts_json(k.vouchers)},
                                     {"paid_fen", k.paid_fen.value}});
  o["quotes"] = std::move(quotes);
  if (v.contract)
    o["contract"] = json::object{{"contractor", v.contract->contractors},
                                 {"amount_fen", v.contract->amount_fen.value},
                                 {"signed_on", v.contract->signed_on},
                                 {"vouchers", texts_json(v.contract->vouchers)}};
  else
    o["contract"] = nullptr;
  o["contracts"] = std::move(contracts);
}

json::array milestones_json(const std::vector<store::MilestoneRec>& milestones) {
  json::array out;
  for (const auto& m : milestones)
    out.push_back(json::object{{"id", m.id},
                               {"title", m.title},
                               {"due_on", opt_json(m.due_on)},
                               {"done_on", opt_json(m.done_on)},
                               {"note", m.note},
                               {"photos", texts_json(m.photos)}});
  return out;
}

json::array payments_json(const std::vector<app::ProjectPaymentView>& payments) {
  json::array out;
  for (const auto& d : payments)
    out.push_back(json::object{{"id", d.id},
                               {"line_id", d.line_id},
                               {"source", d.source},
                               {"amount_fen", d.amount_fen.value},
                               {"payee", d.payee},
                               {"status", d.status},
                               {"entry_index", opt_json(d.entry_index)},
                               {"date", d.date}});
  return out;
}

json::object acceptance_json(const app::AcceptanceView& a) {
  json::array signoffs;
  for (const auto& x : a.signoffs)
    signoffs.push_back(json::object{{"name", x.user_name}, {"at", x.at_ms}});
  return {{"mode", pj::to_string(a.mode)},   {"questionnaire_id", opt_json(a.questionnaire_id)},
          {"signoffs", std::move(signoffs)}, {"signoffs_required", a.signoffs_required},
          {"responses", a.responses},        {"agree", a.agree},
          {"households", a.households},      {"min_turnout_pct", a.min_turnout_pct},
          {"outcome", opt_json(a.outcome)}};
}

json::value settlement_json(const std::optional<app::SettlementView>& s) {
  if (!s) return nullptr;
  json::array by;
  for (const auto& f : s->by_source)
    by.push_back(json::object{{"source", pj::to_string(f.source)},
                              {"courtyard_id", f.courtyard_id},
                              {"amount_fen", f.amount_fen.value},
                              {"paid_fen", f.paid_fen.value}});
  return json::object{{"settled_on", s->settled_on},
                      {"budget_fen", s->budget_fen.value},
                      {"contract_fen", s->contract_fen.value},
                      {"paid_fen", s->paid_fen.value},
                      {"by_source", std::move(by)},
                      {"crowdfunding_refunded_fen", s->crowdfunding_refunded_fen.value}};
}

// Every pledge (committee, trustee): with the courtyard; the caller's own: without.
json::object pledge_json(const store::PledgeRec& x, bool with_courtyard) {
  json::object o{{"id", x.id}, {"unit_id", x.unit_id}, {"unit", x.unit_label}};
  if (with_courtyard) o["courtyard"] = x.courtyard_name;
  o["amount_fen"] = x.amount_fen;
  o["paid_fen"] = x.paid_fen;
  o["status"] = x.status;
  return o;
}

void put_callers_part(const app::CallersPart& part, json::object& o) {
  o["following"] = part.following;
  json::array mine, units;
  for (const auto& x : part.my_pledges) mine.push_back(pledge_json(x, false));
  for (const auto& u : part.my_units)
    units.push_back(json::object{{"unit_id", u.unit_id}, {"unit", u.unit}});
  o["my_pledges"] = std::move(mine);
  o["my_units"] = std::move(units);
}

json::object project_json(const app::ProjectView& v) {
  json::object o = summary_json(v.summary);
  o["description"] = v.description;
  o["need_id"] = opt_json(v.need_id);
  o["proposal_id"] = opt_json(v.proposal_id);
  o["vote_id"] = opt_json(v.vote_id);
  o["vote_required"] = v.vote_required;
  o["vote_passed"] = v.vote_passed;
  o["lines"] = lines_json(v.lines);
  o["funding"] = funding_json(v.funding);
  put_contracts(v, o);
  o["milestones"] = milestones_json(v.milestones);
  o["payments"] = payments_json(v.payments);
  o["acceptance"] = acceptance_json(v.acceptance);
  const app::CrowdfundingView& k = v.crowdfunding;
  o["crowdfunding"] =
      json::object{{"goal_fen", k.goal_fen.value},           {"pledged_fen", k.pledged_fen.value},
                   {"collected_fen", k.collected_fen.value}, {"households", k.households},
                   {"refunded_fen", k.refunded_fen.value},   {"unspent_fen", k.unspent_fen.value}};
  o["settlement"] = settlement_json(v.settlement);
  o["cancel_reason"] = v.cancel_reason;
  json::array timeline;
  for (const auto& e : v.timeline)
    timeline.push_back(json::object{{"at", e.at_ms}, {"kind", e.kind}, {"text", e.text}});
  o["timeline"] = std::move(timeline);
  if (v.caller) put_callers_part(*v.caller, o);
  o["can"] = texts_json(v.can);
  return o;
}

// The project's page with the payment request the step made.
json::object with_request_json(const app::ProjectAndRequest& r) {
  json::object o = project_json(r.project);
  o["disbursement"] = disbursement_json(r.disbursement);
  return o;
}

// A step that answers the project's page.
template <class F>
Handler step(int status, F f) {
  return [status, f](Ctx& x) {
    return json_response(status, project_json(f(x, x.id("cid"), x.id("pid"))));
  };
}

// Following a project, pledges and the money paid against them.
void add_crowdfunding_routes(Router& r) {
  r.add("POST", kProject + "/follow", Rule::in_compound({R, C, T, W, S, A}), [](Ctx& x) {
    auto f = app::follow_project(x.app, x.caller, x.compound(), x.id("pid"), follow_in(x.req.body));
    return json_response(200, json::object{{"following", f.following}, {"followers", f.followers}});
  });
  r.add("POST", kProject + "/pledges", pj::who_may(pj::Step::pledge), [](Ctx& x) {
    auto p = app::pledge(x.app, x.caller, x.compound(), x.id("pid"), pledge_in(x.req.body));
    json::object o = project_json(p.project);
    o["pledge_id"] = p.pledge_id;
    return json_response(201, o);
  });
  r.add("GET", kProject + "/pledges", Rule::in_compound({C, T, S, A}), [](Ctx& x) {
    json::array out;
    for (const auto& p : app::list_pledges(x.app, x.compound(), x.id("pid")))
      out.push_back(pledge_json(p, true));
    return json_response(200, out);
  });
  r.add("POST", kProject + "/pledges/{id}/payments", pj::who_may(pj::Step::record_pledge_payment),
        [](Ctx& x) {
          const I pledge_id = x.id("id");
          auto p = app::pay_pledge(x.app, x.caller, x.compound(), x.id("pid"), pledge_id,
                                   Fen{amount_in(x.req.body)});
          return json_response(201, json::object{{"pledge_id", pledge_id},
                                                 {"paid_fen", p.paid_fen.value},
                                                 {"entry_index", p.entry_index}});
        });
}

}  // namespace

void add_projects_routes(Router& r) {
  r.add("GET", kPublicCompound + "/projects", Rule::anyone(), [](Ctx& x) {
    json::array out;
    for (const auto& s : app::list_projects(x.app, x.compound())) out.push_back(summary_json(s));
    return json_response(200, out);
  });
  r.add("GET", kPublicCompound + "/projects/{pid}", Rule::anyone(), [](Ctx& x) {
    return json_response(
        200, project_json(app::get_project(x.app, x.caller, x.compound(), x.id("pid"))));
  });
  r.add("POST", kCompound + "/projects", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, project_json(app::create_project(x.app, x.caller, x.compound(),
                                                               project_in(x.req.body))));
  });
  r.add("POST", kProject + "/budget", pj::who_may(pj::Step::budget),
        step(200, [](Ctx& x, I c, I p) {
          return app::set_project_budget(x.app, x.caller, CompoundId{c}, p, budget_in(x.req.body));
        }));
  r.add("POST", kProject + "/vote", pj::who_may(pj::Step::link_vote),
        step(200, [](Ctx& x, I c, I p) {
          JsonIn in(x.req.body);
          const I vote = in.i64("vote_id", 1, INT64_MAX);
          in.finish();
          return app::link_project_vote(x.app, x.caller, CompoundId{c}, p, vote);
        }));
  r.add("POST", kProject + "/quotes", pj::who_may(pj::Step::quote), step(201, [](Ctx& x, I c, I p) {
          return app::add_project_quote(x.app, x.caller, CompoundId{c}, p, quote_in(x.req.body));
        }));
  r.add("POST", kProject + "/contract", pj::who_may(pj::Step::contract),
        step(200, [](Ctx& x, I c, I p) {
          return app::sign_project_contract(x.app, x.caller, CompoundId{c}, p,
                                            contract_in(x.req.body));
        }));
  r.add("POST", kProject + "/milestones", pj::who_may(pj::Step::add_milestone),
        step(201, [](Ctx& x, I c, I p) {
          return app::add_milestone(x.app, x.caller, CompoundId{c}, p, milestone_in(x.req.body));
        }));
  r.add("POST", kProject + "/milestones/{mid}/done", pj::who_may(pj::Step::complete_milestone),
        step(200, [](Ctx& x, I c, I p) {
          return app::complete_milestone(x.app, x.caller, CompoundId{c}, p, x.id("mid"),
                                         milestone_done_in(x.req.body));
        }));
  r.add("POST", kProject + "/payments", pj::who_may(pj::Step::pay), [](Ctx& x) {
    return json_response(
        201, with_request_json(app::request_project_payment(x.app, x.caller, x.compound(),
                                                            x.id("pid"), payment_in(x.req.body))));
  });
  r.add("POST", kProject + "/acceptance", pj::who_may(pj::Step::start_acceptance),
        step(200, [](Ctx& x, I c, I p) {
          return app::start_acceptance(x.app, x.caller, CompoundId{c}, p, closes_in(x.req.body));
        }));
  r.add("POST", kProject + "/acceptance/close", pj::who_may(pj::Step::close_acceptance),
        step(200, [](Ctx& x, I c, I p) {
          return app::close_acceptance(x.app, x.caller, CompoundId{c}, p);
        }));
  r.add("POST", kProject + "/signoff", pj::who_may(pj::Step::signoff),
        step(200, [](Ctx& x, I c, I p) {
          return app::sign_off_project(x.app, x.caller, CompoundId{c}, p);
        }));
  r.add("POST", kProject + "/acceptance/reject", pj::who_may(pj::Step::send_back),
        step(200, [](Ctx& x, I c, I p) {
          return app::reject_acceptance(x.app, x.caller, CompoundId{c}, p,
                                        text_in(x.req.body, "reason", 200));
        }));
  r.add("POST", kProject + "/crowdfunding-refund", pj::who_may(pj::Step::refund_crowdfunding),
        [](Ctx& x) {
          return json_response(201, with_request_json(app::refund_crowdfunding_surplus(
                                        x.app, x.caller, x.compound(), x.id("pid"))));
        });
  r.add("POST", kProject + "/settle", pj::who_may(pj::Step::settle),
        step(200, [](Ctx& x, I c, I p) {
          return app::settle_project(x.app, x.caller, CompoundId{c}, p);
        }));
  r.add("POST", kProject + "/cancel", pj::who_may(pj::Step::cancel),
        step(200, [](Ctx& x, I c, I p) {
          return app::cancel_project(x.app, x.caller, CompoundId{c}, p,
                                     text_in(x.req.body, "reason", 200));
        }));
  add_crowdfunding_routes(r);
}

}  // namespace xinyi::http::routes
