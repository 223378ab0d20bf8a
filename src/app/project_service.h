// Renewal projects (院落焕新) and their crowdfunding (众筹): SPEC §3 models 3, 4, 5. The rules —
// which step may follow which, budgets, payment limits, acceptance — are domain/project.h; these
// use cases load, check and store, each in ONE write transaction with its audit entry, its
// project timeline event and the notifications to the project's followers.
//
// Money never moves here directly: a payment to the contractor is a co-managed disbursement
// (ledger_service.h) carrying the project, line and funding source, whose ledger entry links
// back to the project when approved; a crowdfunding payment is a ledger entry (bank 1001 ←
// crowdfunding income 4007) linked to the project and the pledge; cancelling a project refunds
// each crowdfunding payment by a reversal entry. So budget against actual is always read from
// what the ledger holds, and every fen of a project can be traced to its entry.
//
// Public views name no person: pledges are totals, sign-offs masked names, the aid payee hidden.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/ledger_service.h"
#include "domain/project.h"
#include "store/project_repo.h"

namespace xinyi::app {

// Issue 18: the use cases take and return the structs below; their JSON is in
// http/routes/projects.cc.

// What the list shows of a project.
struct ProjectSummary {
  std::int64_t id = 0, courtyard_id = 0;  // courtyard 0: the whole compound
  std::string title, courtyard;
  project::Status status = project::Status::proposed;
  project::AcceptanceMode acceptance_mode = project::AcceptanceMode::committee;
  Fen budget_fen, contract_fen, paid_fen, pending_fen;
  Fen crowdfund_goal_fen, pledged_fen, collected_fen;
  std::int64_t followers = 0, updated_at_ms = 0;
};
// A budget line with what is paid and pending against it.
struct ProjectLineView {
  std::int64_t id = 0;
  std::string name, account;
  Fen budget_fen, paid_fen, pending_fen;
};
// A funding source with what it paid, has pending, and (where the source is limited) still holds.
struct ProjectFundingView {
  project::Source source = project::Source::common;
  std::int64_t courtyard_id = 0;
  Fen amount_fen, paid_fen, pending_fen;
  std::optional<Fen> available_fen;
};
// One signed contract (a chosen quote) and what was paid under it.
struct ContractView {
  std::int64_t quote_id = 0;
  std::string contractor;
  Fen amount_fen;
  std::string signed_on;
  std::vector<std::string> vouchers;
  Fen paid_fen;
};
// The contracts together: the contractors' names joined, the sum, the first signing date.
struct ContractsTogether {
  std::string contractors;
  Fen amount_fen;
  std::string signed_on;
  std::vector<std::string> vouchers;
};
// A payment as the public sees it: aid never names the household, a person is masked.
struct ProjectPaymentView {
  std::int64_t id = 0, line_id = 0;
  std::string source;
  Fen amount_fen;
  std::string payee, status;
  std::optional<std::int64_t> entry_index;
  std::string date;
};
struct AcceptanceView {
  project::AcceptanceMode mode = project::AcceptanceMode::committee;
  std::optional<std::int64_t> questionnaire_id;
  std::vector<store::SignoffRec> signoffs;  // names masked
  std::int64_t signoffs_required = 0, responses = 0, agree = 0, households = 0;
  std::int64_t min_turnout_pct = 0;
  std::optional<std::string> outcome;  // pending, accepted, rejected
};
struct CrowdfundingView {
  Fen goal_fen, pledged_fen, collected_fen;
  std::int64_t households = 0;
  Fen refunded_fen, unspent_fen;
};
struct SettlementSource {
  project::Source source = project::Source::common;
  std::int64_t courtyard_id = 0;
  Fen amount_fen, paid_fen;
};
struct SettlementView {
  std::string settled_on;
  Fen budget_fen, contract_fen, paid_fen;
  std::vector<SettlementSource> by_source;
  Fen crowdfunding_refunded_fen;
};
// A household the caller may pledge for.
struct PledgeUnit {
  std::int64_t unit_id = 0;
  std::string unit;
};
// What the page shows only to the person asking.
struct CallersPart {
  bool following = false;
  std::vector<store::PledgeRec> my_pledges;  // courtyard_name empty
  std::vector<PledgeUnit> my_units;
};
// A project's page. Public: it names no person (sign-offs masked, the aid payee hidden); with a
// caller signed in, also their part; and what this caller may do next ("can": the domain's
// state table and each step's route rule).
struct ProjectView {
  ProjectSummary summary;
  std::string description;
  std::optional<std::int64_t> need_id, proposal_id, vote_id;
  bool vote_required = false, vote_passed = false;
  std::vector<ProjectLineView> lines;
  std::vector<ProjectFundingView> funding;
  std::vector<store::QuoteRec> quotes;  // chosen: signed_on is set
  std::optional<ContractsTogether> contract;
  std::vector<ContractView> contracts;
  std::vector<store::MilestoneRec> milestones;
  std::vector<ProjectPaymentView> payments;
  AcceptanceView acceptance;
  CrowdfundingView crowdfunding;
  std::optional<SettlementView> settlement;  // once settled
  std::string cancel_reason;
  std::vector<store::ProjectEventRec> timeline;
  std::optional<CallersPart> caller;
  std::vector<std::string> can;
};
// A step that asks for a co-managed payment answers the project and the request.
struct ProjectAndRequest {
  ProjectView project;
  DisbursementView disbursement;
};

// ---- Each step's input, and the step in the caller's write transaction (the use cases above
// open the transaction and call these; the demo calls them directly, with its clock). Text
// lengths and number ranges are the decoder's (http/routes/projects.cc); every rule is here.
struct ProjectInput {
  std::string title, description;
  std::int64_t courtyard_id = 0;  // 0: the whole compound
  std::optional<std::int64_t> need_id, proposal_id;
  project::AcceptanceMode acceptance_mode = project::AcceptanceMode::questionnaire;
  Fen crowdfund_goal_fen;
  std::int64_t signoffs_required = project::kDefaultSignoffs;
  std::int64_t min_turnout_pct = project::kDefaultMinTurnoutPct;
};
// The new project's id.
std::int64_t create_project_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                               const ProjectInput& in);
struct BudgetInput {
  std::vector<project::Line> lines;
  std::vector<project::Funding> funding;
};
void set_project_budget_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                           std::int64_t pid, const std::vector<project::Line>& lines,
                           const std::vector<project::Funding>& funding);
void link_project_vote_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                          std::int64_t pid, std::int64_t vote_id);
struct QuoteInput {
  std::string contractor;
  Fen amount_fen;
  std::string note;
  std::vector<std::string> vouchers;  // hashes of uploaded files (at most 9)
};
// The quote's id.
std::int64_t add_project_quote_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                                  std::int64_t pid, const QuoteInput& q);
struct ContractInput {
  std::int64_t quote_id = 0;
  std::string signed_on;  // YYYY-MM-DD
  std::vector<std::string> vouchers;
};
void sign_project_contract_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                              std::int64_t pid, const ContractInput& in);
struct MilestoneInput {
  std::string title;
  std::optional<std::string> due_on;  // YYYY-MM-DD
};
struct MilestoneDone {
  std::string note;
  std::vector<std::string> photos;  // hashes of uploaded photos
};
// The milestone's id.
std::int64_t add_milestone_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                              std::int64_t pid, const std::string& title,
                              const std::optional<std::string>& due_on);
// Done today (the app's clock), with its note and photos (hashes of uploads).
void complete_milestone_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                           std::int64_t pid, std::int64_t mid, const std::string& note,
                           const std::vector<std::string>& photos);
struct ProjectPaymentInput {
  std::int64_t line_id = 0;
  project::Source source = project::Source::common;
  std::int64_t courtyard_id = 0;  // the courtyard whose surplus pays (courtyard_surplus only)
  Fen amount_fen;
  std::optional<std::int64_t> quote_id;  // the contract paid under; needed when there are several
  std::string note;
  std::vector<std::string> vouchers;
  // What a courtyard's surplus pays may carry out an item of its surplus plan, and a purchase
  // for every household lists the households it covers (as request_disbursement has them).
  std::optional<std::int64_t> plan_item_id;
  std::optional<Fen> per_unit_fen;
  std::vector<std::int64_t> covered_units;
};
// The disbursement request's id (the trustee's own approval on it when the caller is the trustee).
std::int64_t request_project_payment_in(store::Connection& c, App& app, const Caller& who,
                                        CompoundId cid, std::int64_t pid,
                                        const ProjectPaymentInput& in);
// The acceptance questionnaire's id in questionnaire mode (it closes at `closes_at_ms`).
std::optional<std::int64_t> start_acceptance_in(store::Connection& c, App& app, const Caller& who,
                                                CompoundId cid, std::int64_t pid,
                                                std::int64_t closes_at_ms);
void sign_off_project_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                         std::int64_t pid);
// Whether the residents accepted the work.
bool close_acceptance_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                         std::int64_t pid);
void reject_acceptance_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                          std::int64_t pid, const std::string& reason);
// The refund's disbursement request id.
std::int64_t refund_crowdfunding_surplus_in(store::Connection& c, App& app, const Caller& who,
                                            CompoundId cid, std::int64_t pid);
void settle_project_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                       std::int64_t pid);
struct PledgePaid {
  Fen paid_fen;                  // what the pledge has received in all
  std::int64_t entry_index = 0;  // the ledger entry of this payment
};
PledgePaid pay_pledge_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                         std::int64_t pid, std::int64_t pledge_id, Fen amount_fen);

// Cancelling: pending payment requests die with the project, and every crowdfunding payment goes
// back by a co-managed reversal request.
void cancel_project_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                       std::int64_t pid, const std::string& reason);
void follow_project_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                       std::int64_t pid, bool follow);
// One pledge per household (a unit the caller has claimed, in the project's courtyard): the
// unit named, or the caller's first household that has not pledged yet.
struct PledgeInput {
  std::optional<std::int64_t> unit_id;
  Fen amount_fen;
};
// The pledge's id.
std::int64_t pledge_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                       std::int64_t pid, const PledgeInput& in);

// ---- The use cases: each step in one write transaction, answering the project's page for the
// caller (and, for a step that asks for a payment, the request in the co-managed queue).
// Committee or staff.
ProjectView create_project(App& app, const Caller& who, CompoundId cid, const ProjectInput& in);
ProjectView set_project_budget(App& app, const Caller& who, CompoundId cid, std::int64_t pid,
                               const BudgetInput& in);
ProjectView link_project_vote(App& app, const Caller& who, CompoundId cid, std::int64_t pid,
                              std::int64_t vote_id);
ProjectView add_project_quote(App& app, const Caller& who, CompoundId cid, std::int64_t pid,
                              const QuoteInput& in);
ProjectView sign_project_contract(App& app, const Caller& who, CompoundId cid, std::int64_t pid,
                                  const ContractInput& in);
ProjectView add_milestone(App& app, const Caller& who, CompoundId cid, std::int64_t pid,
                          const MilestoneInput& in);
ProjectView complete_milestone(App& app, const Caller& who, CompoundId cid, std::int64_t pid,
                               std::int64_t mid, const MilestoneDone& in);
// The trustee: a payment request (approved through the co-managed flow).
ProjectAndRequest request_project_payment(App& app, const Caller& who, CompoundId cid,
                                          std::int64_t pid, const ProjectPaymentInput& in);
// Closing by default seven days from now.
ProjectView start_acceptance(App& app, const Caller& who, CompoundId cid, std::int64_t pid,
                             std::optional<std::int64_t> closes_at_ms);
ProjectView sign_off_project(App& app, const Caller& who, CompoundId cid, std::int64_t pid);
ProjectView close_acceptance(App& app, const Caller& who, CompoundId cid, std::int64_t pid);
// Committee mode: the committee finds the work not acceptable; back to work, with the reason.
ProjectView reject_acceptance(App& app, const Caller& who, CompoundId cid, std::int64_t pid,
                              const std::string& reason);
// The trustee: once accepted, crowdfunding not spent goes back to the households in proportion to
// what each paid (largest remainder), as one co-managed disbursement listing the households.
ProjectAndRequest refund_crowdfunding_surplus(App& app, const Caller& who, CompoundId cid,
                                              std::int64_t pid);
ProjectView settle_project(App& app, const Caller& who, CompoundId cid, std::int64_t pid);
ProjectView cancel_project(App& app, const Caller& who, CompoundId cid, std::int64_t pid,
                           const std::string& reason);
// Anyone signed in: whether they now follow it, and how many do.
struct Following {
  bool following = false;
  std::int64_t followers = 0;
};
Following follow_project(App& app, const Caller& who, CompoundId cid, std::int64_t pid,
                         bool follow);
// Residents.
struct Pledged {
  ProjectView project;
  std::int64_t pledge_id = 0;
};
Pledged pledge(App& app, const Caller& who, CompoundId cid, std::int64_t pid,
               const PledgeInput& in);
// Committee or trustee: money received against a pledge.
PledgePaid pay_pledge(App& app, const Caller& who, CompoundId cid, std::int64_t pid,
                      std::int64_t pledge_id, Fen amount_fen);
// Every pledge, households named (committee, trustee, staff, auditor).
std::vector<store::PledgeRec> list_pledges(App& app, CompoundId cid, std::int64_t pid);

// Public: the newest 200 projects; one project's page (with `who` signed in, also their part).
std::vector<ProjectSummary> list_projects(App& app, CompoundId cid);
ProjectView get_project(App& app, const Caller& who, CompoundId cid, std::int64_t pid);

}  // namespace xinyi::app
