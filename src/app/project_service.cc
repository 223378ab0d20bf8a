#include "app/project_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "app/books.h"
#include "app/ledger_service.h"
#include "app/needs_service.h"
#include "app/notify.h"
#include "app/vote_service.h"
#include "domain/assert.h"
#include "domain/billing.h"
#include "domain/ledger/books.h"
#include "domain/mask.h"
#include "domain/money.h"
#include "domain/project.h"
#include "domain/text.h"
#include "store/auth_repo.h"
#include "store/governance_repo.h"
#include "store/ledger_repo.h"
#include "store/needs_repo.h"
#include "store/project_repo.h"
#include "store/registry_repo.h"
#include "store/survey_repo.h"
#include "store/vote_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;
namespace pj = xinyi::project;

namespace {

constexpr I kDay = 24LL * 3600 * 1000;
constexpr I kDefaultAcceptanceDays = 7;
constexpr I kMaxAcceptanceDays = 60;
constexpr const char* kAcceptQuestion = "您是否同意该项目通过验收？";

struct Project {
  I id = 0, cid = 0, courtyard_id = 0;
  std::string title, description, courtyard;
  pj::Status status = pj::Status::proposed;
  pj::AcceptanceMode mode = pj::AcceptanceMode::committee;
  I signoffs_required = 0, min_turnout_pct = 0, crowdfund_goal = 0;
  std::optional<I> need_id, proposal_id, vote_id, questionnaire_id;
  I contract_fen = 0;  // the signed contracts together
  std::string outcome, settled_on, cancel_reason;
  I created_at = 0, updated_at = 0;
};

Project require_project(Connection& c, I cid, I pid) {
  require_compound(c, cid);
  auto r = store::get_project(c, cid, pid);
  if (!r) throw_not_found("项目", "Project");
  Project p;
  p.id = r->id;
  p.cid = r->compound_id;
  p.courtyard_id = r->courtyard_id;
  p.title = r->title;
  p.description = r->description;
  p.courtyard = r->courtyard_name;
  p.status = pj::parse_status(r->status).value();
  p.mode = pj::parse_acceptance_mode(r->acceptance_mode).value();
  p.signoffs_required = r->signoffs_required;
  p.min_turnout_pct = r->min_turnout_pct;
  p.crowdfund_goal = r->crowdfund_goal_fen;
  p.need_id = r->need_id;
  p.proposal_id = r->proposal_id;
  p.vote_id = r->vote_id;
  p.questionnaire_id = r->questionnaire_id;
  p.contract_fen = r->contract_fen;
  p.outcome = r->outcome;
  p.settled_on = r->settled_on;
  p.cancel_reason = r->cancel_reason;
  p.created_at = r->created_at_ms;
  p.updated_at = r->updated_at_ms;
  return p;
}

// The committee members of the compound, each counted once (the signatures acceptance can get).
I committee_members(Connection& c, I cid) {
  std::set<I> members;
  for (const auto& g : store::list_compound_grants(c, cid))
    if (g.role == "committee") members.insert(g.user_id);
  return static_cast<I>(members.size());
}

// Signing the works off and sending them back are a member's own act: the operator, whom the
// route's rule admits everywhere, cannot take it in a member's place.
void require_committee_member(const Caller& who, I cid) {
  if (!who.principal || !who.principal->has(cid, Role::committee))
    throw Error(ErrorKind::forbidden, "members-only", "只有本小区业委会委员可以签字或退回",
                "Only a committee member of this compound may sign off or send back");
}

void require_allowed(const Project& p, pj::Action a, const char* zh_action, const char* en_action) {
  if (!pj::allowed(p.status, a))
    throw Error(ErrorKind::conflict, "wrong-state",
                "项目" + std::string(pj::status_zh(p.status)) + "，不能" + zh_action,
                "The project is " + std::string(pj::to_string(p.status)) + "; cannot " + en_action);
}

std::vector<pj::Line> load_lines(Connection& c, I pid) {
  std::vector<pj::Line> out;
  for (auto& l : store::list_project_lines(c, pid))
    out.push_back({l.id, std::move(l.name), std::move(l.account), l.budget_fen});
  return out;
}

std::vector<pj::Funding> load_funding(Connection& c, I pid) {
  std::vector<pj::Funding> out;
  for (const auto& f : store::list_project_funding(c, pid))
    out.push_back({pj::parse_source(f.source).value(), f.courtyard_id, f.amount_fen});
  return out;
}

// Executed and pending payments of a project, by line and by source.
struct Committed {
  std::map<I, I> line_paid, line_pending;
  std::map<std::pair<std::string, I>, I> source_paid, source_pending;
  I paid = 0, pending = 0;
};

using Disbursements = std::vector<store::ProjectDisbursementRec>;

Committed committed(const Disbursements& ds) {
  Committed k;
  for (const auto& d : ds) {
    if (d.status != "pending" && d.status != "executed") continue;
    if (d.funding_source.empty() || d.funding_source == "crowdfunding_refund") continue;
    bool paid = d.status == "executed";
    I amount = d.amount_fen;
    const std::string& src = d.funding_source;
    I yard = src == "courtyard_surplus" ? d.courtyard_id : 0;
    (paid ? k.line_paid : k.line_pending)[d.line_id] += amount;
    (paid ? k.source_paid : k.source_pending)[{src, yard}] += amount;
    (paid ? k.paid : k.pending) += amount;
  }
  return k;
}

Committed committed(Connection& c, I pid) {
  return committed(store::list_project_disbursements(c, pid));
}

I crowd_collected(Connection& c, I pid) { return store::crowd_collected_fen(c, pid); }

// Crowdfunding surplus given back after the work (pending and executed refund disbursements).
std::pair<I, I> crowd_surplus_refunds(Connection& c, I pid) {
  return store::crowdfunding_refunds_fen(c, pid);
}

// Subsidies received by the compound (government subsidy income) less what every project's
// subsidy payments already took or asked for.
I subsidy_available(Connection& c, I cid) {
  I received = -store::account_balance(c, cid, "4008");
  return received - store::subsidy_committed_fen(c, cid);
}

// A courtyard's own surplus: its income less its costs as booked to it (restricted income —
// donations, crowdfunding, subsidies — is not surplus), less payment requests still pending.
I courtyard_surplus_available(Connection& c, I cid, I yard) {
  return store::courtyard_surplus_fen(c, cid, yard) - store::courtyard_pending_fen(c, cid, yard);
}

// The charity fund's bank balance, less what pending requests would take from it.
I charity_available(Connection& c, I cid) {
  return store::account_balance(c, cid, "1002") - store::pending_from(c, cid, "1002");
}

void event(Connection& c, const Project& p, I now, const std::string& kind,
           const std::string& text) {
  store::insert_project_event(c, p.cid, p.id, now, kind, text);
}

// Everyone following the project hears of a step (in-app; milestones and the outcome matter).
void tell_followers(Connection& c, const Project& p, I now, const std::string& what) {
  Notice n{"project", p.title + "：" + what, "",
           "/c/" + std::to_string(p.cid) + "/projects/" + std::to_string(p.id), false};
  for (I user : store::follower_ids(c, p.id)) notify_user(c, p.cid, user, n, now);
}

void set_status(Connection& c, Project& p, pj::Status s) {
  store::set_project_status(c, p.id, std::string(pj::to_string(s)));
  p.status = s;
}

// Households who may answer the acceptance questionnaire: the project's courtyard, or all.
I audience_households(Connection& c, const Project& p) {
  return store::count_units(c, p.cid, p.courtyard_id);
}

pj::AcceptanceTally acceptance_tally(Connection& c, const Project& p) {
  pj::AcceptanceTally t;
  t.households = audience_households(c, p);
  if (!p.questionnaire_id) return t;
  for (const auto& r : store::list_responses(c, *p.questionnaire_id)) {
    ++t.responses;
    if (!r.answers.empty() && r.answers[0].choices == std::vector<int>{0}) ++t.agree;
  }
  t.responses = std::min(t.responses, t.households);  // a unit removed after answering
  t.agree = std::min(t.agree, t.responses);
  return t;
}

// What the list shows of a project; project_view() adds the rest from the same lines and sums.
ProjectSummary summary_of(Connection& c, const Project& p, const std::vector<pj::Line>& lines,
                          const Committed& k, I collected) {
  ProjectSummary s;
  s.id = p.id;
  s.title = p.title;
  s.courtyard_id = p.courtyard_id;
  s.courtyard = p.courtyard;
  s.status = p.status;
  s.budget_fen = Fen{pj::total(lines)};
  s.contract_fen = Fen{p.contract_fen};
  s.paid_fen = Fen{k.paid};
  s.pending_fen = Fen{k.pending};
  s.crowdfund_goal_fen = Fen{p.crowdfund_goal};
  s.pledged_fen = Fen{store::pledged_fen(c, p.id)};
  s.collected_fen = Fen{collected};
  s.acceptance_mode = p.mode;
  s.followers = store::count_followers(c, p.id);
  s.updated_at_ms = p.updated_at;
  return s;
}

// The parts of a project's page, in the order the page lists them. Each fills its part of `v`
// and adds what it learns to `facts` (for the caller's next steps).
void add_budget(Connection& c, const Project& p, const std::vector<pj::Line>& lines,
                const std::vector<pj::Funding>& funding, Committed& k, I collected,
                ProjectView& v) {
  for (const auto& l : lines)
    v.lines.push_back({l.id, l.name, l.account, Fen{l.budget_fen}, Fen{k.line_paid[l.id]},
                       Fen{k.line_pending[l.id]}});
  for (const auto& f : funding) {
    std::string src(pj::to_string(f.source));
    ProjectFundingView x{f.source,
                         f.courtyard_id,
                         Fen{f.amount_fen},
                         Fen{k.source_paid[{src, f.courtyard_id}]},
                         Fen{k.source_pending[{src, f.courtyard_id}]},
                         std::nullopt};
    if (f.source == pj::Source::crowdfunding)
      x.available_fen = Fen{collected} - x.paid_fen - x.pending_fen;
    if (f.source == pj::Source::charity) x.available_fen = Fen{charity_available(c, p.cid)};
    if (f.source == pj::Source::subsidy) x.available_fen = Fen{subsidy_available(c, p.cid)};
    if (f.source == pj::Source::courtyard_surplus)
      x.available_fen = Fen{courtyard_surplus_available(c, p.cid, f.courtyard_id)};
    v.funding.push_back(std::move(x));
  }
}

void add_contracts(Connection& c, const Project& p, const Disbursements& ds, ProjectView& v,
                   pj::Facts& facts) {
  ContractsTogether all;
  std::map<I, I> paid_to;
  for (const auto& d : ds)
    if (d.status == "executed" && d.quote_id) paid_to[*d.quote_id] += d.amount_fen;
  v.quotes = store::list_quotes(c, p.id);
  for (const auto& q : v.quotes) {
    ++facts.quotes;
    if (!q.signed_on) {
      ++facts.unsigned_quotes;
      continue;
    }
    const std::string& signed_on = *q.signed_on;
    all.vouchers.insert(all.vouchers.end(), q.contract_vouchers.begin(), q.contract_vouchers.end());
    v.contracts.push_back({q.id, q.contractor, Fen{q.amount_fen}, signed_on, q.contract_vouchers,
                           Fen{paid_to[q.id]}});
    all.contractors += (all.contractors.empty() ? "" : "、") + q.contractor;
    if (all.signed_on.empty() || signed_on < all.signed_on) all.signed_on = signed_on;
  }
  if (!v.contracts.empty()) {
    all.amount_fen = Fen{p.contract_fen};
    v.contract = std::move(all);
  }
  facts.contracts = static_cast<I>(v.contracts.size());
}

void add_milestones(Connection& c, const Project& p, ProjectView& v, pj::Facts& facts) {
  v.milestones = store::list_milestones(c, p.id);
  for (const auto& m : v.milestones) {
    ++facts.milestones;
    if (!m.done_on) ++facts.open_milestones;
  }
}

void add_payments(const Disbursements& ds, ProjectView& v) {
  for (const auto& d : ds) {
    // As everywhere public: aid never names the household, a person is masked.
    std::string payee = ledger::public_payee(d.expense_account, d.payee_is_person, d.payee);
    v.payments.push_back({d.id, d.line_id, d.funding_source, Fen{d.amount_fen}, payee, d.status,
                          d.entry_idx, china_date(d.at_ms)});
  }
}

void add_acceptance(Connection& c, const Project& p, ProjectView& v) {
  AcceptanceView& a = v.acceptance;
  for (auto& x : store::list_signoffs(c, p.id))
    a.signoffs.push_back({mask_name(x.user_name), x.at_ms});
  auto t = acceptance_tally(c, p);
  a.mode = p.mode;
  a.questionnaire_id = p.questionnaire_id;
  a.signoffs_required = p.signoffs_required;
  a.responses = t.responses;
  a.agree = t.agree;
  a.households = t.households;
  a.min_turnout_pct = p.min_turnout_pct;
  if (!p.outcome.empty()) a.outcome = p.outcome;
}

void add_crowdfunding(Connection& c, const Project& p, Committed& k, I collected, ProjectView& v,
                      pj::Facts& facts) {
  facts.paid_fen = k.paid;
  auto [pending_refund, refunded] = crowd_surplus_refunds(c, p.id);
  facts.crowd_unspent_fen =
      collected - k.source_paid[{"crowdfunding", 0}] - refunded - pending_refund;
  facts.open_pledges = store::count_open_pledges(c, p.id);
  v.crowdfunding = {Fen{p.crowdfund_goal},
                    v.summary.pledged_fen,
                    Fen{collected},
                    store::pledging_households(c, p.id),
                    Fen{store::crowd_reversed_fen(c, p.id) + refunded},
                    Fen{facts.crowd_unspent_fen}};
}

void add_settlement(Connection& c, const Project& p, const std::vector<pj::Line>& lines,
                    const std::vector<pj::Funding>& funding, Committed& k, ProjectView& v) {
  if (p.status != pj::Status::settled) return;
  SettlementView st;
  st.settled_on = p.settled_on;
  st.budget_fen = Fen{pj::total(lines)};
  st.contract_fen = Fen{p.contract_fen};
  st.paid_fen = Fen{k.paid};
  for (const auto& f : funding)
    st.by_source.push_back(
        {f.source, f.courtyard_id, Fen{f.amount_fen},
         Fen{k.source_paid[{std::string(pj::to_string(f.source)), f.courtyard_id}]}});
  st.crowdfunding_refunded_fen = Fen{crowd_surplus_refunds(c, p.id).second};
  v.settlement = std::move(st);
}

// What the page shows only to the person asking: whether they follow it, their pledges and the
// households they may pledge for.
void add_callers_part(Connection& c, const Project& p, const Caller& who, ProjectView& v,
                      pj::Facts& facts) {
  if (!who.user) return;
  CallersPart part;
  part.following = store::is_following(c, p.id, who.user_id());
  part.my_pledges = store::list_pledges_of_user(c, p.id, who.user_id());
  std::set<I> pledged;
  for (I u : store::pledged_unit_ids(c, p.id)) pledged.insert(u);
  for (const auto& cl : store::list_claims(c, who.user_id()))
    if (cl.compound_id == p.cid && (!p.courtyard_id || cl.courtyard_id == p.courtyard_id)) {
      part.my_units.push_back({cl.unit_id, cl.label});
      if (!pledged.count(cl.unit_id)) ++facts.caller_unpledged_units;
    }
  facts.caller_signed_off = store::has_signed_off(c, p.id, who.user_id());
  v.caller = std::move(part);
}

ProjectView project_view(Connection& c, const Project& p, const Caller& who, I threshold) {
  const auto lines = load_lines(c, p.id);
  pj::Facts facts;
  facts.status = p.status;
  facts.mode = p.mode;
  facts.has_questionnaire = p.questionnaire_id.has_value();
  facts.lines = static_cast<I>(lines.size());
  facts.crowdfund_goal_fen = p.crowdfund_goal;
  const auto funding = load_funding(c, p.id);
  const auto disbursements = store::list_project_disbursements(c, p.id);  // read once
  auto k = committed(disbursements);
  const I collected = crowd_collected(c, p.id);
  ProjectView v;
  v.summary = summary_of(c, p, lines, k, collected);
  v.description = p.description;
  v.need_id = p.need_id;
  v.proposal_id = p.proposal_id;
  v.vote_id = p.vote_id;
  v.vote_required = !funding.empty() && pj::vote_required(funding, threshold);
  if (p.vote_id)
    if (auto vote = store::get_vote(c, p.cid, *p.vote_id))
      v.vote_passed = vote->status == "closed" && vote->passed;
  facts.vote_missing = v.vote_required && !v.vote_passed;
  facts.pending_fen = k.pending + crowd_surplus_refunds(c, p.id).first;
  facts.crowd_pending_fen = k.source_pending[{"crowdfunding", 0}];
  facts.committee_members = committee_members(c, p.cid);
  facts.signoffs_required = p.signoffs_required;
  add_budget(c, p, lines, funding, k, collected, v);
  add_contracts(c, p, disbursements, v, facts);
  add_milestones(c, p, v, facts);
  add_payments(disbursements, v);
  add_acceptance(c, p, v);
  add_crowdfunding(c, p, k, collected, v, facts);
  add_settlement(c, p, lines, funding, k, v);
  v.cancel_reason = p.cancel_reason;
  v.timeline = store::list_project_events(c, p.id);
  add_callers_part(c, p, who, v, facts);
  // What this caller may do next: the domain's state table and each step's route rule.
  for (pj::Step step : pj::next_steps(facts, who.p(), p.cid))
    v.can.emplace_back(pj::to_string(step));
  return v;
}

ProjectView reply(Connection& c, const Project& p, const Caller& who) {
  return project_view(c, require_project(c, p.cid, p.id), who, store::approval_threshold(c, p.cid));
}

std::string today(App& app) { return china_date(app.clock_ms()); }

}  // namespace

namespace {

constexpr const char* kVouchersZh = "凭证应为最多 9 个已在本小区上传的文件";
constexpr const char* kVouchersEn = "vouchers lists at most 9 files uploaded to this compound";
// The files as stored with a quote, contract or milestone (their hashes, each once); `bad` when
// one is not an upload of this compound.
std::vector<std::string> stored_files(Connection& c, I cid, const std::vector<std::string>& hashes,
                                      const FieldError& bad) {
  std::vector<FieldError> errs;
  auto files = checked_uploads(c, cid, hashes, errs);
  if (!errs.empty()) throw_invalid({bad});
  return files;
}

std::vector<std::string> stored_vouchers(Connection& c, I cid,
                                         const std::vector<std::string>& hashes) {
  return stored_files(c, cid, hashes, {"vouchers", kVouchersZh, kVouchersEn});
}

ProjectView reply_for(Connection& c, const Caller& who, I cid, I pid) {
  return reply(c, require_project(c, cid, pid), who);
}

}  // namespace

I create_project_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                    const ProjectInput& in) {
  const I cid = compound.value;
  require_compound(c, cid);
  I now = app.clock_ms();
  if (in.courtyard_id && !store::get_courtyard(c, cid, in.courtyard_id))
    throw_invalid({{"courtyard_id", "本小区没有这个院落", "no such courtyard in this compound"}});
  if (in.need_id && !store::need_exists(c, cid, *in.need_id))
    throw_invalid({{"need_id", "本小区没有这条需求", "no such need in this compound"}});
  if (in.proposal_id && !store::proposal_exists(c, cid, *in.proposal_id))
    throw_invalid({{"proposal_id", "本小区没有这个提案", "no such proposal in this compound"}});
  store::NewProject np;
  np.courtyard_id = in.courtyard_id;
  np.title = in.title;
  np.description = in.description;
  np.acceptance_mode = std::string(pj::to_string(in.acceptance_mode));
  np.signoffs_required = in.signoffs_required;
  np.min_turnout_pct = in.min_turnout_pct;
  np.crowdfund_goal_fen = in.crowdfund_goal_fen.value;
  np.need_id = in.need_id;
  np.proposal_id = in.proposal_id;
  np.created_by = who.user_id();
  I id = store::insert_project(c, cid, np, now);
  auto p = require_project(c, cid, id);
  event(c, p, now, "created", "立项：" + in.title);
  if (in.need_id) need_follows_project(c, cid, *in.need_id, in.title, "project", who, now);
  audit(c, app, who, cid, "project.create", "project:" + std::to_string(id), {{"title", in.title}});
  return id;
}

ProjectView create_project(App& app, const Caller& who, CompoundId compound,
                           const ProjectInput& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    return reply_for(c, who, cid, create_project_in(c, app, who, compound, in));
  });
}

namespace {
// What of the budget only this compound can say: expense accounts that do not pay the trustee,
// its own courtyards, crowdfunding only with a goal.
void check_budget_here(Connection& c, const Project& p, const std::vector<pj::Line>& lines,
                       const std::vector<pj::Funding>& funding) {
  auto chart = store::load_chart(c, p.cid);
  std::vector<FieldError> e;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto* a = ledger::find_account(chart, lines[i].account);
    if (!a || a->type != ledger::AccountType::expense)
      e.push_back({"lines[" + std::to_string(i) + "].account", "必须是费用科目",
                   "must be an expense account"});
    else if (a->trustee_pay)
      e.push_back({"lines[" + std::to_string(i) + "].account", "项目预算不能列受托人工资或酬金",
                   "a project budget cannot pay the trustee's wages or remuneration"});
  }
  for (std::size_t i = 0; i < funding.size(); ++i)
    if (funding[i].source == pj::Source::courtyard_surplus &&
        !store::get_courtyard(c, p.cid, funding[i].courtyard_id))
      e.push_back({"funding[" + std::to_string(i) + "].courtyard_id", "本小区没有这个院落",
                   "no such courtyard in this compound"});
  bool crowd = std::any_of(funding.begin(), funding.end(),
                           [](const auto& f) { return f.source == pj::Source::crowdfunding; });
  if (crowd && p.crowdfund_goal == 0)
    e.push_back({"funding", "本项目没有设众筹目标", "this project has no crowdfunding goal"});
  if (!e.empty()) throw_invalid(std::move(e));
}
}  // namespace

void set_project_budget_in(Connection& c, App& app, const Caller& who, CompoundId compound, I pid,
                           const std::vector<pj::Line>& lines,
                           const std::vector<pj::Funding>& funding) {
  const I cid = compound.value;
  auto errs = pj::check_budget(lines, funding);
  if (!errs.empty()) throw_invalid(std::move(errs));
  auto p = require_project(c, cid, pid);
  require_allowed(p, pj::Action::budget, "修改预算", "change the budget");
  check_budget_here(c, p, lines, funding);
  auto common_of = [](const std::vector<pj::Funding>& fs) {
    I t = 0;
    for (const auto& f : fs)
      if (f.source == pj::Source::common) t += f.amount_fen;
    return t;
  };
  bool vote_cleared = p.vote_id && common_of(load_funding(c, pid)) != common_of(funding);
  if (vote_cleared) store::set_project_vote(c, pid, std::nullopt);
  std::vector<store::ProjectLineRec> line_recs;
  for (const auto& l : lines) line_recs.push_back({0, l.name, l.account, l.budget_fen});
  std::vector<store::ProjectFundingRec> funding_recs;
  for (const auto& f : funding)
    funding_recs.push_back({std::string(pj::to_string(f.source)), f.courtyard_id, f.amount_fen});
  store::replace_budget(c, cid, pid, line_recs, funding_recs);
  set_status(c, p, pj::Status::budgeted);
  I now = app.clock_ms();
  bool needs_vote = pj::vote_required(funding, store::approval_threshold(c, cid));
  event(c, p, now, "budget",
        "预算 " + format_yuan(pj::total(lines)) + " 元（" + std::to_string(lines.size()) + " 项）" +
            (needs_vote ? "，动用公共基金须经业主表决" : "") +
            (vote_cleared ? "；公共基金金额变了，原表决不再适用" : ""));
  audit(c, app, who, cid, "project.budget", "project:" + std::to_string(pid),
        {{"total_fen", pj::total(lines)}});
}

ProjectView set_project_budget(App& app, const Caller& who, CompoundId compound, I pid,
                               const BudgetInput& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    set_project_budget_in(c, app, who, compound, pid, in.lines, in.funding);
    return reply_for(c, who, cid, pid);
  });
}

void link_project_vote_in(Connection& c, App& app, const Caller& who, CompoundId compound, I pid,
                          I vote) {
  const I cid = compound.value;
  auto p = require_project(c, cid, pid);
  require_allowed(p, pj::Action::link_vote, "关联表决", "link a vote");
  auto v = store::get_vote(c, cid, vote);
  if (!v) throw_invalid({{"vote_id", "本小区没有这次表决", "no such vote in this compound"}});
  if (store::vote_cited_by_other_project(c, cid, vote, pid))
    throw Error(ErrorKind::conflict, "vote-in-use",
                "这次表决已用于另一个项目：一次表决只授权一个项目",
                "That vote already authorises another project: one vote, one project");
  store::set_project_vote(c, pid, vote);
  event(c, p, app.clock_ms(), "vote", "关联业主表决：" + v->title);
  audit(c, app, who, cid, "project.vote", "project:" + std::to_string(pid), {{"vote_id", vote}});
}

ProjectView link_project_vote(App& app, const Caller& who, CompoundId compound, I pid, I vote_id) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    link_project_vote_in(c, app, who, compound, pid, vote_id);
    return reply_for(c, who, cid, pid);
  });
}

I add_project_quote_in(Connection& c, App& app, const Caller& who, CompoundId compound, I pid,
                       const QuoteInput& q) {
  const I cid = compound.value;
  auto p = require_project(c, cid, pid);
  require_allowed(p, pj::Action::quote, "再收报价", "take quotes");
  if (store::count_quotes(c, pid) >= static_cast<I>(pj::kMaxQuotes))
    throw Error(ErrorKind::conflict, "too-many", "报价最多 20 份", "At most 20 quotes");
  auto files = stored_vouchers(c, cid, q.vouchers);
  I now = app.clock_ms();
  I id = store::insert_quote(c, cid, pid, q.contractor, q.amount_fen.value, q.note, files,
                             who.user_id(), now);
  event(c, p, now, "quote", "收到报价：" + q.contractor + " " + format_yuan(q.amount_fen) + " 元");
  audit(c, app, who, cid, "project.quote", "project:" + std::to_string(pid),
        {{"amount_fen", q.amount_fen}});
  return id;
}

ProjectView add_project_quote(App& app, const Caller& who, CompoundId compound, I pid,
                              const QuoteInput& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    add_project_quote_in(c, app, who, compound, pid, in);
    return reply_for(c, who, cid, pid);
  });
}

void sign_project_contract_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                              I pid, const ContractInput& in) {
  const I cid = compound.value;
  if (!ledger::valid_date(in.signed_on))
    throw_invalid({{"signed_on", "日期无效（YYYY-MM-DD）", "not a date (YYYY-MM-DD)"}});
  auto p = require_project(c, cid, pid);
  require_allowed(p, pj::Action::contract, "签订合同（须先做预算，开工前）",
                  "sign a contract (after the budget, before work starts)");
  auto q = store::get_quote(c, pid, in.quote_id);
  if (!q) throw_invalid({{"quote_id", "没有这份报价", "no such quote for this project"}});
  if (q->signed_on)
    throw Error(ErrorKind::conflict, "already-signed", "这份报价已签合同",
                "This quote is already under contract");
  I budget = pj::total(load_lines(c, pid));
  if (p.contract_fen + q->amount_fen > budget)
    throw_invalid(
        {{"quote_id",
          "合同合计 " + format_yuan(p.contract_fen + q->amount_fen) + " 元将超出预算 " +
              format_yuan(budget) + " 元，请先调整预算",
          "contracts would total " + format_yuan(p.contract_fen + q->amount_fen) +
              ", over the budget of " + format_yuan(budget) + "; revise the budget first"}});
  auto funding = load_funding(c, pid);
  if (pj::vote_required(funding, store::approval_threshold(c, cid))) {
    if (!p.vote_id)
      throw_invalid(
          {{"vote_id", "动用公共基金达到共管限额，须先经业主表决通过（第 7 或 9 项事项）",
            "spending this much of the common fund needs a passed owners' vote (matter 7 or 9) first"}});
    require_passed_vote(c, cid, *p.vote_id, {7, 9}, "vote_id");
  }
  auto files = stored_vouchers(c, cid, in.vouchers);
  store::sign_quote(c, in.quote_id, in.signed_on, files);
  set_status(c, p, pj::Status::contracted);
  I now = app.clock_ms();
  event(c, p, now, "contract",
        "签订合同：" + q->contractor + " " + format_yuan(q->amount_fen) + " 元");
  tell_followers(c, p, now, "已签订合同（" + q->contractor + "）");
  audit(c, app, who, cid, "project.contract", "project:" + std::to_string(pid),
        {{"quote_id", in.quote_id}});
}

ProjectView sign_project_contract(App& app, const Caller& who, CompoundId compound, I pid,
                                  const ContractInput& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    sign_project_contract_in(c, app, who, compound, pid, in);
    return reply_for(c, who, cid, pid);
  });
}

I add_milestone_in(Connection& c, App& app, const Caller& who, CompoundId compound, I pid,
                   const std::string& title, const std::optional<std::string>& due_on) {
  const I cid = compound.value;
  if (due_on && !ledger::valid_date(*due_on))
    throw_invalid({{"due_on", "日期无效（YYYY-MM-DD）", "not a date (YYYY-MM-DD)"}});
  auto p = require_project(c, cid, pid);
  require_allowed(p, pj::Action::milestone, "添加节点（须先签合同）",
                  "add milestones (sign the contract first)");
  if (store::count_milestones(c, pid) >= static_cast<I>(pj::kMaxMilestones))
    throw Error(ErrorKind::conflict, "too-many", "节点最多 30 个", "At most 30 milestones");
  I now = app.clock_ms();
  I id = store::insert_milestone(c, cid, pid, title, due_on, now);
  event(c, p, now, "milestone", "计划节点：" + title + (due_on ? "（" + *due_on + "）" : ""));
  audit(c, app, who, cid, "project.milestone", "project:" + std::to_string(pid),
        {{"title", title}});
  return id;
}

ProjectView add_milestone(App& app, const Caller& who, CompoundId compound, I pid,
                          const MilestoneInput& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    add_milestone_in(c, app, who, compound, pid, in.title, in.due_on);
    return reply_for(c, who, cid, pid);
  });
}

void complete_milestone_in(Connection& c, App& app, const Caller& who, CompoundId compound, I pid,
                           I mid, const std::string& note, const std::vector<std::string>& photos) {
  const I cid = compound.value;
  auto p = require_project(c, cid, pid);
  require_allowed(p, pj::Action::milestone, "更新节点", "update milestones");
  auto m = store::get_milestone(c, pid, mid);
  if (!m) throw_not_found("节点", "Milestone");
  if (m->done_on)
    throw Error(ErrorKind::conflict, "already-done", "该节点已完成",
                "This milestone is already done");
  auto files = stored_files(c, cid, photos,
                            {"photos", "有照片未上传或编号不对", "a photo was not uploaded here"});
  I now = app.clock_ms();
  store::complete_milestone(c, mid, today(app), note, files);
  if (p.status == pj::Status::contracted) set_status(c, p, pj::Status::in_progress);
  event(c, p, now, "milestone", "完成节点：" + m->title + (note.empty() ? "" : "（" + note + "）"));
  tell_followers(c, p, now, "完成节点「" + m->title + "」");
  audit(c, app, who, cid, "project.milestone.done", "project:" + std::to_string(pid),
        {{"milestone", mid}});
}

ProjectView complete_milestone(App& app, const Caller& who, CompoundId compound, I pid, I mid,
                               const MilestoneDone& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    complete_milestone_in(c, app, who, compound, pid, mid, in.note, in.photos);
    return reply_for(c, who, cid, pid);
  });
}

I request_project_payment_in(Connection& c, App& app, const Caller& who, CompoundId compound, I pid,
                             const ProjectPaymentInput& in) {
  const I cid = compound.value;
  const std::string src(pj::to_string(in.source));
  const I yard = in.source == pj::Source::courtyard_surplus ? in.courtyard_id : 0;
  auto p = require_project(c, cid, pid);
  require_allowed(p, pj::Action::pay, "付款（须先签合同）", "pay (sign the contract first)");
  auto lines = load_lines(c, pid);
  auto line =
      std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.id == in.line_id; });
  if (line == lines.end())
    throw_invalid({{"line_id", "预算中没有这一项", "no such line in the budget"}});
  auto funding = load_funding(c, pid);
  auto fund = std::find_if(funding.begin(), funding.end(), [&](const auto& f) {
    return f.source == in.source && f.courtyard_id == yard;
  });
  if (fund == funding.end())
    throw_invalid({{"source", "预算中没有这个资金来源", "the budget has no such funding source"}});
  // Under which contract: the one named, or the only one.
  std::vector<store::QuoteRec> contracts;
  for (auto& q : store::list_quotes(c, pid))
    if (q.signed_on) contracts.push_back(std::move(q));
  std::optional<store::QuoteRec> contract;
  for (auto& q : contracts)
    if ((in.quote_id && q.id == *in.quote_id) || (!in.quote_id && contracts.size() == 1))
      contract = q;
  if (!contract)
    throw_invalid(
        {{"quote_id", in.quote_id ? "这份报价没有签合同" : "本项目有多份合同，请选择付给哪一份",
          in.quote_id ? "no contract was signed on this quote"
                      : "choose the contract to pay under"}});
  I under = 0;  // what is paid or asked for under this contract
  const auto disbursements = store::list_project_disbursements(c, pid);
  for (const auto& d : disbursements)
    if (d.quote_id == contract->id && (d.status == "pending" || d.status == "executed"))
      under += d.amount_fen;
  auto k = committed(disbursements);
  pj::PaymentCheck chk;
  chk.amount_fen = in.amount_fen.value;
  chk.line_budget_fen = line->budget_fen;
  chk.line_committed_fen = k.line_paid[in.line_id] + k.line_pending[in.line_id];
  chk.source_allocated_fen = fund->amount_fen;
  chk.source_committed_fen = k.source_paid[{src, yard}] + k.source_pending[{src, yard}];
  if (in.source == pj::Source::crowdfunding)
    chk.source_available_fen = crowd_collected(c, pid) - chk.source_committed_fen;
  if (in.source == pj::Source::charity) chk.source_available_fen = charity_available(c, cid);
  if (in.source == pj::Source::subsidy) chk.source_available_fen = subsidy_available(c, cid);
  if (in.source == pj::Source::courtyard_surplus)
    chk.source_available_fen = courtyard_surplus_available(c, cid, yard);
  chk.contract_fen = contract->amount_fen;
  chk.contract_committed_fen = under;
  chk.line_account = line->account;
  chk.source = in.source;
  auto errs = pj::check_payment(chk);
  if (!errs.empty()) throw_invalid(std::move(errs));
  auto files = stored_vouchers(c, cid, in.vouchers);
  DisbursementInput r;
  r.payee = contract->contractor;
  r.amount_fen = Fen{in.amount_fen};
  r.purpose = p.title + "·" + line->name + (in.note.empty() ? "" : "（" + in.note + "）");
  if (text::length(r.purpose) > 150) r.purpose = text::truncate(p.title, 120);
  r.expense_account = line->account;
  r.cash_account = std::string(pj::cash_account(in.source));
  // Booked where the money is: a courtyard's surplus to that courtyard, crowdfunding where its
  // pledges were booked (the project's courtyard), compound money to the compound.
  r.courtyard_id = in.source == pj::Source::courtyard_surplus ? yard
                   : in.source == pj::Source::crowdfunding    ? p.courtyard_id
                                                              : 0;
  r.vouchers = std::move(files);
  r.project_id = pid;
  r.project_line_id = in.line_id;
  r.funding_source = src;
  r.plan_item_id = in.plan_item_id;
  if (in.per_unit_fen) r.per_unit_fen = Fen{*in.per_unit_fen};
  r.covered_units = in.covered_units;
  I did = request_disbursement_in(c, app, who, compound, r);
  store::set_disbursement_quote(c, did, contract->id);
  event(c, p, app.clock_ms(), "payment",
        "申请付款 " + format_yuan(in.amount_fen) + " 元（" + line->name + "），待共管审批");
  return did;
}

ProjectAndRequest request_project_payment(App& app, const Caller& who, CompoundId compound, I pid,
                                          const ProjectPaymentInput& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    I did = request_project_payment_in(c, app, who, compound, pid, in);
    return ProjectAndRequest{reply_for(c, who, cid, pid), disbursement_view(c, who, cid, did)};
  });
}

std::optional<I> start_acceptance_in(Connection& c, App& app, const Caller& who,
                                     CompoundId compound, I pid, I closes_at_ms) {
  const I cid = compound.value;
  I now = app.clock_ms();
  if (closes_at_ms < now + 3600'000 || closes_at_ms > now + kMaxAcceptanceDays * kDay)
    throw_invalid({{"closes_at", "截止时间应在一小时到 60 天之后",
                    "closes_at is between an hour and 60 days from now"}});
  auto p = require_project(c, cid, pid);
  require_allowed(p, pj::Action::start_acceptance, "开始验收（须在施工中）",
                  "start acceptance (work must be under way)");
  I total = store::count_milestones(c, pid);
  I open = store::count_open_milestones(c, pid);
  if (total == 0)
    throw Error(ErrorKind::conflict, "no-milestones", "请先添加并完成施工节点",
                "Add the milestones and complete them first");
  if (open > 0)
    throw Error(ErrorKind::conflict, "milestones-open",
                "还有 " + std::to_string(open) + " 个节点未完成",
                std::to_string(open) + " milestones are not done");
  std::optional<I> questionnaire;
  if (p.mode == pj::AcceptanceMode::questionnaire) {
    survey::Question accept;
    accept.kind = survey::Kind::single;
    accept.text = kAcceptQuestion;
    accept.options = {"同意验收", "不同意"};
    store::NewQuestionnaire nq;
    nq.title = "验收：" + p.title;
    nq.description = "请查看项目页上的节点照片和付款记录后作答。至少 " +
                     std::to_string(p.min_turnout_pct) +
                     "% 的住户参与、且同意的过半数，即通过验收。";
    nq.audience = p.courtyard_id ? "courtyard" : "compound";
    nq.per = "household";
    nq.questions = {accept};
    nq.courtyard_id = p.courtyard_id;
    nq.opens_at_ms = now;
    nq.closes_at_ms = closes_at_ms;
    nq.created_by = who.user_id();
    I qid = store::insert_questionnaire(c, cid, nq, now);
    store::set_acceptance_questionnaire(c, pid, qid);
    store::set_outcome(c, pid, "pending");
    notify_units(c, cid, {.courtyard_id = p.courtyard_id},
                 Notice{"project", "请为「" + p.title + "」验收", "每户一票：同意或不同意验收",
                        "/c/" + std::to_string(cid) + "/surveys/" + std::to_string(qid), false},
                 now);
    questionnaire = qid;
  } else {
    I members = committee_members(c, cid);
    if (members < p.signoffs_required)
      throw Error(ErrorKind::conflict, "too-few-signers",
                  "验收须 " + std::to_string(p.signoffs_required) + " 位委员签字，本小区只有 " +
                      std::to_string(members) + " 位",
                  "Acceptance needs " + std::to_string(p.signoffs_required) +
                      " committee sign-offs; the compound has " + std::to_string(members) +
                      " members");
    store::set_outcome(c, pid, "pending");
  }
  set_status(c, p, pj::Status::accepting);
  event(c, p, now, "acceptance",
        p.mode == pj::AcceptanceMode::questionnaire
            ? "开始居民验收问卷，截止 " + china_date(closes_at_ms)
            : "开始验收：须 " + std::to_string(p.signoffs_required) + " 位委员签字");
  tell_followers(c, p, now, "开始验收");
  audit(c, app, who, cid, "project.acceptance", "project:" + std::to_string(pid));
  return questionnaire;
}

ProjectView start_acceptance(App& app, const Caller& who, CompoundId compound, I pid,
                             std::optional<I> closes_at_ms) {
  const I cid = compound.value;
  const I closes = closes_at_ms.value_or(app.clock_ms() + kDefaultAcceptanceDays * kDay);
  return app.db.write([&](Connection& c) {
    start_acceptance_in(c, app, who, compound, pid, closes);
    return reply_for(c, who, cid, pid);
  });
}

namespace {
// The project, for a committee member's own act of acceptance (signing off or sending back) while
// the committee accepts it.
Project for_committee_acceptance(Connection& c, const Caller& who, I cid, I pid,
                                 const char* zh_action, const char* en_action) {
  auto p = require_project(c, cid, pid);
  require_committee_member(who, cid);
  require_allowed(p, pj::Action::signoff, zh_action, en_action);
  if (p.mode != pj::AcceptanceMode::committee)
    throw Error(ErrorKind::conflict, "wrong-mode", "本项目由居民问卷验收",
                "This project is accepted by the residents' questionnaire");
  return p;
}
}  // namespace

void sign_off_project_in(Connection& c, App& app, const Caller& who, CompoundId compound, I pid) {
  const I cid = compound.value;
  auto p = for_committee_acceptance(c, who, cid, pid, "签字验收", "sign off");
  I now = app.clock_ms();
  if (store::has_signed_off(c, pid, who.user_id()))
    throw Error(ErrorKind::conflict, "already-signed", "您已签字", "You have already signed off");
  store::insert_signoff(c, cid, pid, who.user_id(), now);
  I n = store::count_signoffs(c, pid);
  event(c, p, now, "signoff",
        "委员 " + mask_name(who.user->name) + " 签字验收（" + std::to_string(n) + "/" +
            std::to_string(p.signoffs_required) + "）");
  if (n >= p.signoffs_required) {
    store::set_outcome(c, pid, "accepted");
    set_status(c, p, pj::Status::accepted);
    event(c, p, now, "accepted", "通过验收（委员会签字）");
    tell_followers(c, p, now, "已通过验收");
  }
  audit(c, app, who, cid, "project.signoff", "project:" + std::to_string(pid));
}

ProjectView sign_off_project(App& app, const Caller& who, CompoundId compound, I pid) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    sign_off_project_in(c, app, who, compound, pid);
    return reply_for(c, who, cid, pid);
  });
}

bool close_acceptance_in(Connection& c, App& app, const Caller& who, CompoundId compound, I pid) {
  const I cid = compound.value;
  auto p = require_project(c, cid, pid);
  require_allowed(p, pj::Action::close_acceptance, "结束验收", "close acceptance");
  if (p.mode != pj::AcceptanceMode::questionnaire || !p.questionnaire_id)
    throw Error(ErrorKind::conflict, "wrong-mode", "本项目由委员会签字验收",
                "This project is accepted by committee sign-off");
  I now = app.clock_ms();
  auto t = acceptance_tally(c, p);
  auto questionnaire = store::get_questionnaire(c, cid, *p.questionnaire_id);
  XINYI_ASSERT(questionnaire.has_value());  // a project's questionnaire is its compound's
  I closes = questionnaire->closes_at_ms;
  if (!pj::may_close(t, now, closes))
    throw Error(ErrorKind::conflict, "still-open",
                "验收问卷截止于 " + china_date(closes) + "，尚有住户未作答",
                "The acceptance questionnaire runs until " + china_date(closes) +
                    " and not every household has answered");
  store::close_questionnaire_early(c, *p.questionnaire_id, now);
  bool ok = pj::questionnaire_accepts(t, static_cast<int>(p.min_turnout_pct));
  std::string figures = std::to_string(t.households) + " 户中 " + std::to_string(t.responses) +
                        " 户作答，" + std::to_string(t.agree) + " 户同意";
  if (ok) {
    store::set_outcome(c, pid, "accepted");
    set_status(c, p, pj::Status::accepted);
    event(c, p, now, "accepted", "通过居民验收：" + figures);
    tell_followers(c, p, now, "已通过居民验收");
  } else {
    store::set_outcome(c, pid, "rejected");
    store::set_acceptance_questionnaire(c, pid, std::nullopt);
    set_status(c, p, pj::Status::in_progress);
    event(c, p, now, "rejected", "未通过居民验收（" + figures + "），整改后可再次验收");
    tell_followers(c, p, now, "未通过验收，需整改");
  }
  audit(c, app, who, cid, "project.acceptance.close", "project:" + std::to_string(pid),
        {{"accepted", ok}});
  return ok;
}

ProjectView close_acceptance(App& app, const Caller& who, CompoundId compound, I pid) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    close_acceptance_in(c, app, who, compound, pid);
    return reply_for(c, who, cid, pid);
  });
}

void reject_acceptance_in(Connection& c, App& app, const Caller& who, CompoundId compound, I pid,
                          const std::string& reason) {
  const I cid = compound.value;
  auto p = for_committee_acceptance(c, who, cid, pid, "退回整改", "send back");
  I now = app.clock_ms();
  store::clear_signoffs(c, pid);
  store::set_outcome(c, pid, "rejected");
  set_status(c, p, pj::Status::in_progress);
  event(c, p, now, "rejected", "委员会验收未通过：" + reason + "，整改后可再次验收");
  tell_followers(c, p, now, "未通过验收，需整改");
  audit(c, app, who, cid, "project.acceptance.reject", "project:" + std::to_string(pid),
        {{"reason", reason}});
}

ProjectView reject_acceptance(App& app, const Caller& who, CompoundId compound, I pid,
                              const std::string& reason) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    reject_acceptance_in(c, app, who, compound, pid, reason);
    return reply_for(c, who, cid, pid);
  });
}

I refund_crowdfunding_surplus_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                                 I pid) {
  const I cid = compound.value;
  auto p = require_project(c, cid, pid);
  require_allowed(p, pj::Action::settle, "退还众筹结余（须先通过验收）",
                  "refund the crowdfunding surplus (accept the work first)");
  auto k = committed(c, pid);
  if (k.source_pending[{"crowdfunding", 0}] > 0)
    throw Error(ErrorKind::conflict, "payments-pending", "众筹款还有付款待审批",
                "A crowdfunding payment is still pending");
  auto [pending_refund, refunded] = crowd_surplus_refunds(c, pid);
  if (pending_refund > 0)
    throw Error(ErrorKind::conflict, "refund-pending", "退还申请已在审批中",
                "A refund is already awaiting approval");
  I unspent = crowd_collected(c, pid) - k.source_paid[{"crowdfunding", 0}] - refunded;
  if (unspent <= 0)
    throw Error(ErrorKind::conflict, "nothing-to-refund", "众筹款已全部用于项目",
                "All crowdfunding was spent on the project");
  std::vector<I> units, weights;
  for (auto [unit, paid] : store::paid_by_unit(c, pid)) {
    units.push_back(unit);
    weights.push_back(paid);
  }
  XINYI_ASSERT(!units.empty());
  auto shares = billing::allocate(unspent, weights);
  DisbursementInput r;
  r.payee = "众筹住户（" + std::to_string(units.size()) + " 户）";
  r.amount_fen = Fen{unspent};
  r.purpose = text::truncate(p.title, 100) + "·众筹结余按缴款比例退还";
  r.expense_account = "4007";
  r.cash_account = "1001";
  r.courtyard_id = p.courtyard_id;
  r.project_id = pid;
  r.funding_source = "crowdfunding_refund";
  r.refund_of_income = true;
  I did = request_disbursement_in(c, app, who, compound, r);
  for (std::size_t i = 0; i < units.size(); ++i)
    if (shares[i] > 0) store::insert_covered_unit(c, cid, did, units[i], shares[i]);
  event(c, p, app.clock_ms(), "refund",
        "申请按缴款比例退还众筹结余 " + format_yuan(unspent) + " 元（" +
            std::to_string(units.size()) + " 户），待共管审批");
  return did;
}

ProjectAndRequest refund_crowdfunding_surplus(App& app, const Caller& who, CompoundId compound,
                                              I pid) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    I did = refund_crowdfunding_surplus_in(c, app, who, compound, pid);
    return ProjectAndRequest{reply_for(c, who, cid, pid), disbursement_view(c, who, cid, did)};
  });
}

void settle_project_in(Connection& c, App& app, const Caller& who, CompoundId compound, I pid) {
  const I cid = compound.value;
  auto p = require_project(c, cid, pid);
  require_allowed(p, pj::Action::settle, "决算（须先通过验收）", "settle (accept it first)");
  auto k = committed(c, pid);
  auto [pending_refund, refunded] = crowd_surplus_refunds(c, pid);
  if (k.pending > 0 || pending_refund > 0)
    throw Error(ErrorKind::conflict, "payments-pending",
                "还有 " + format_yuan(k.pending + pending_refund) + " 元付款待审批",
                format_yuan(k.pending + pending_refund) + " of payments are pending");
  I unspent = crowd_collected(c, pid) - k.source_paid[{"crowdfunding", 0}] - refunded;
  if (unspent > 0)
    throw Error(
        ErrorKind::conflict, "crowdfunding-unspent",
        "众筹款还有 " + format_yuan(unspent) + " 元未用，请先按缴款比例退还",
        format_yuan(unspent) + " of crowdfunding is unspent; refund it to the households first");
  I now = app.clock_ms();
  store::set_settled_on(c, pid, today(app));
  set_status(c, p, pj::Status::settled);
  I budget = pj::total(load_lines(c, pid));
  event(c, p, now, "settled",
        "决算：预算 " + format_yuan(budget) + " 元，合同 " + format_yuan(p.contract_fen) +
            " 元，实付 " + format_yuan(k.paid) + " 元");
  tell_followers(c, p, now, "已完成决算");
  if (p.need_id) need_follows_project(c, cid, *p.need_id, p.title, "done", who, now);
  audit(c, app, who, cid, "project.settle", "project:" + std::to_string(pid),
        {{"paid_fen", k.paid}});
}

ProjectView settle_project(App& app, const Caller& who, CompoundId compound, I pid) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    settle_project_in(c, app, who, compound, pid);
    return reply_for(c, who, cid, pid);
  });
}

void cancel_project_in(Connection& c, App& app, const Caller& who, CompoundId compound, I pid,
                       const std::string& reason) {
  const I cid = compound.value;
  {
    auto p = require_project(c, cid, pid);
    require_allowed(p, pj::Action::cancel, "取消", "cancel");
    auto k = committed(c, pid);
    if (k.paid > 0)
      throw Error(
          ErrorKind::conflict, "already-paid",
          "已向施工方付款 " + format_yuan(k.paid) + " 元，不能取消，请验收后决算",
          format_yuan(k.paid) + " has been paid to the contractor; accept and settle instead");
    I now = app.clock_ms();
    // Pending payment requests die with the project.
    for (const auto& d : store::list_project_disbursements(c, pid))
      if (d.status == "pending")
        store::decide_disbursement(c, cid, d.id, "rejected", now, "项目取消：" + reason,
                                   std::nullopt);
    // Every crowdfunding payment goes back by a reversal — money leaving the account, so each
    // is a co-managed request (the trustee and the owners' side approve it, as any reversal).
    I refunded = 0;
    for (const auto& pp : store::unrefunded_pledge_payments(c, pid)) {
      request_reversal_in(c, app, who, compound, pp.entry_idx, "项目取消，众筹款退还");
      refunded += pp.amount_fen;
    }
    for (I user : store::paying_user_ids(c, pid))
      notify_user(c, cid, user,
                  Notice{"project", "「" + p.title + "」已取消，您的众筹款将退还", reason,
                         "/c/" + std::to_string(cid) + "/projects/" + std::to_string(pid), true},
                  now);
    store::mark_pledges_refunded(c, pid);
    store::set_cancel_reason(c, pid, reason);
    set_status(c, p, pj::Status::cancelled);
    event(
        c, p, now, "cancelled",
        "项目取消：" + reason + (refunded ? "；退还众筹款 " + format_yuan(refunded) + " 元" : ""));
    tell_followers(c, p, now, "项目已取消");
    if (p.need_id) need_follows_project(c, cid, *p.need_id, p.title, "open", who, now);
    audit(c, app, who, cid, "project.cancel", "project:" + std::to_string(pid),
          {{"refunded_fen", refunded}});
  }
}

ProjectView cancel_project(App& app, const Caller& who, CompoundId compound, I pid,
                           const std::string& reason) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    cancel_project_in(c, app, who, compound, pid, reason);
    return reply_for(c, who, cid, pid);
  });
}

void follow_project_in(Connection& c, App& app, const Caller& who, CompoundId compound, I pid,
                       bool follow) {
  const I cid = compound.value;
  require_project(c, cid, pid);
  store::unfollow(c, pid, who.user_id());
  if (follow) store::follow(c, cid, pid, who.user_id(), app.clock_ms());
}

Following follow_project(App& app, const Caller& who, CompoundId compound, I pid, bool follow) {
  return app.db.write([&](Connection& c) {
    follow_project_in(c, app, who, compound, pid, follow);
    return Following{follow, store::count_followers(c, pid)};
  });
}

I pledge_in(Connection& c, App& app, const Caller& who, CompoundId compound, I pid,
            const PledgeInput& in) {
  const I cid = compound.value;
  const auto& unit = in.unit_id;
  const I amount = in.amount_fen.value;
  {
    auto p = require_project(c, cid, pid);
    require_allowed(p, pj::Action::pledge, "认筹", "pledge");
    if (p.crowdfund_goal == 0)
      throw Error(ErrorKind::conflict, "no-crowdfunding", "本项目不众筹",
                  "This project is not crowdfunded");
    std::optional<std::pair<I, I>> chosen;  // unit, courtyard
    bool eligible = false;                  // has a household that may pledge
    for (const auto& cl : store::list_claims(c, who.user_id())) {
      if (cl.compound_id != cid) continue;
      if (p.courtyard_id && cl.courtyard_id != p.courtyard_id) continue;
      eligible = true;
      if (!unit && store::unit_has_pledged(c, pid, cl.unit_id)) continue;
      if (!unit || *unit == cl.unit_id) {
        chosen = std::make_pair(cl.unit_id, cl.courtyard_id);
        break;
      }
    }
    if (!chosen && eligible && !unit)
      throw Error(ErrorKind::conflict, "already-pledged", "您家已认筹过本项目（每户一份）",
                  "Your household has already pledged (one per household)");
    if (!chosen)
      throw Error(
          ErrorKind::forbidden, "not-your-household",
          p.courtyard_id ? "只有" + p.courtyard + "的住户可以认筹" : "请先认领您家的房屋",
          "Only households of this project's courtyard may pledge, for a unit they have claimed");
    if (store::unit_has_pledged(c, pid, chosen->first))
      throw Error(ErrorKind::conflict, "already-pledged", "您家已认筹过本项目（每户一份）",
                  "Your household has already pledged (one per household)");
    I now = app.clock_ms();
    I id = store::insert_pledge(c, cid, pid, chosen->first, who.user_id(), amount, now);
    if (!store::is_following(c, pid, who.user_id())) store::follow(c, cid, pid, who.user_id(), now);
    store::touch_project(c, pid, now);
    audit(c, app, who, cid, "project.pledge", "pledge:" + std::to_string(id),
          {{"amount_fen", amount}});
    return id;
  }
}

Pledged pledge(App& app, const Caller& who, CompoundId compound, I pid, const PledgeInput& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    I id = pledge_in(c, app, who, compound, pid, in);
    return Pledged{reply_for(c, who, cid, pid), id};
  });
}

PledgePaid pay_pledge_in(Connection& c, App& app, const Caller& who, CompoundId compound, I pid,
                         I pledge_id, Fen amount_fen) {
  const I amount = amount_fen.value;
  const I cid = compound.value;
  auto p = require_project(c, cid, pid);
  require_allowed(p, pj::Action::pledge, "收众筹款", "take crowdfunding payments");
  auto pl = store::get_pledge_due(c, pid, pledge_id);
  if (!pl) throw_not_found("认筹", "Pledge");
  auto errs = pj::check_pledge_payment(pl->amount_fen, pl->paid_fen, amount);
  if (!errs.empty()) throw_invalid(std::move(errs));
  I now = app.clock_ms();
  I yard =
      p.courtyard_id;  // the project's courtyard (0: the compound), where its payments are booked
  ledger::Transaction t;
  t.date = today(app);
  t.kind = "journal";
  t.description = "众筹缴款：" + p.title + "（认筹 #" + std::to_string(pledge_id) + "）";
  if (text::length(t.description) > ledger::kMaxDescriptionChars)
    t.description = "众筹缴款（认筹 #" + std::to_string(pledge_id) + "）";
  t.postings = {{"1001", amount, yard}, {"4007", -amount, yard}};
  t.links = {{"project", pid}, {"pledge", pledge_id}};
  Appender ap(c, cid, now);
  I idx = ap.append(std::move(t));
  ap.finish();
  store::insert_pledge_payment(c, cid, pid, pledge_id, amount, idx, who.user_id(), now);
  I paid = pl->paid_fen + amount;
  store::set_pledge_paid(c, pledge_id, paid, paid == pl->amount_fen ? "paid" : "open");
  store::touch_project(c, pid, now);
  if (pl->user_id)
    notify_user(c, cid, *pl->user_id,
                Notice{"payment", "已收到众筹款 " + format_yuan(amount) + " 元（" + p.title + "）",
                       "", "/c/" + std::to_string(cid) + "/projects/" + std::to_string(pid), false},
                now);
  audit(c, app, who, cid, "project.pledge.pay", "pledge:" + std::to_string(pledge_id),
        {{"amount_fen", amount}, {"entry", idx}});
  return {Fen{paid}, idx};
}

PledgePaid pay_pledge(App& app, const Caller& who, CompoundId compound, I pid, I pledge_id,
                      Fen amount_fen) {
  return app.db.write([&](Connection& c) {
    return pay_pledge_in(c, app, who, compound, pid, pledge_id, amount_fen);
  });
}

std::vector<store::PledgeRec> list_pledges(App& app, CompoundId compound, I pid) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_project(c, cid, pid);
    return store::list_pledges(c, pid);
  });
}

std::vector<ProjectSummary> list_projects(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    std::vector<ProjectSummary> out;
    for (I id : store::list_project_ids(c, cid, 200)) {
      auto p = require_project(c, cid, id);
      out.push_back(
          summary_of(c, p, load_lines(c, p.id), committed(c, p.id), crowd_collected(c, p.id)));
    }
    return out;
  });
}

ProjectView get_project(App& app, const Caller& who, CompoundId compound, I pid) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    return project_view(c, require_project(c, cid, pid), who, store::approval_threshold(c, cid));
  });
}

}  // namespace xinyi::app
