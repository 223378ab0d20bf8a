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

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "domain/project.h"

namespace xinyi::app {

// Committee or staff.
boost::json::object create_project(App& app, const Caller& who, std::int64_t cid,
                                   std::string_view body);
boost::json::object set_project_budget(App& app, const Caller& who, std::int64_t cid,
                                       std::int64_t pid, std::string_view body);
boost::json::object link_project_vote(App& app, const Caller& who, std::int64_t cid,
                                      std::int64_t pid, std::string_view body);
boost::json::object add_project_quote(App& app, const Caller& who, std::int64_t cid,
                                      std::int64_t pid, std::string_view body);
boost::json::object sign_project_contract(App& app, const Caller& who, std::int64_t cid,
                                          std::int64_t pid, std::string_view body);
boost::json::object add_milestone(App& app, const Caller& who, std::int64_t cid, std::int64_t pid,
                                  std::string_view body);
boost::json::object complete_milestone(App& app, const Caller& who, std::int64_t cid,
                                       std::int64_t pid, std::int64_t mid, std::string_view body);
// The trustee: a payment request (approved through the co-managed flow).
boost::json::object request_project_payment(App& app, const Caller& who, std::int64_t cid,
                                            std::int64_t pid, std::string_view body);
boost::json::object start_acceptance(App& app, const Caller& who, std::int64_t cid,
                                     std::int64_t pid, std::string_view body);
boost::json::object sign_off_project(App& app, const Caller& who, std::int64_t cid,
                                     std::int64_t pid);
boost::json::object close_acceptance(App& app, const Caller& who, std::int64_t cid,
                                     std::int64_t pid);
// Committee mode: the committee finds the work not acceptable; back to work, with the reason.
boost::json::object reject_acceptance(App& app, const Caller& who, std::int64_t cid,
                                      std::int64_t pid, std::string_view body);
// The trustee: once accepted, crowdfunding not spent goes back to the households in proportion to
// what each paid (largest remainder), as one co-managed disbursement listing the households.
boost::json::object refund_crowdfunding_surplus(App& app, const Caller& who, std::int64_t cid,
                                                std::int64_t pid);
boost::json::object settle_project(App& app, const Caller& who, std::int64_t cid, std::int64_t pid);
boost::json::object cancel_project(App& app, const Caller& who, std::int64_t cid, std::int64_t pid,
                                   std::string_view body);

// Anyone signed in.
boost::json::object follow_project(App& app, const Caller& who, std::int64_t cid, std::int64_t pid,
                                   std::string_view body);
// Residents: one pledge per household (a unit they have claimed) and project.
boost::json::object pledge(App& app, const Caller& who, std::int64_t cid, std::int64_t pid,
                           std::string_view body);
// Committee or trustee: money received against a pledge.
boost::json::object pay_pledge(App& app, const Caller& who, std::int64_t cid, std::int64_t pid,
                               std::int64_t pledge_id, std::string_view body);
boost::json::array list_pledges(App& app, std::int64_t cid, std::int64_t pid);

// Public.
boost::json::array list_projects(App& app, std::int64_t cid);
// With `who` signed in, also whether they follow it and their pledges.
boost::json::object get_project(App& app, const Caller& who, std::int64_t cid, std::int64_t pid);

// ---- The same steps typed, each in the caller's write transaction (the ones above decode a
// request's body and call these; the demo calls them directly, with its clock). Each applies
// its JSON twin's rules with the same errors; text lengths and number ranges are the decoder's.
struct ProjectInput {
  std::string title, description;
  std::int64_t courtyard_id = 0;  // 0: the whole compound
  std::optional<std::int64_t> need_id, proposal_id;
  project::AcceptanceMode acceptance_mode = project::AcceptanceMode::questionnaire;
  std::int64_t crowdfund_goal_fen = 0;
  std::int64_t signoffs_required = project::kDefaultSignoffs;
  std::int64_t min_turnout_pct = project::kDefaultMinTurnoutPct;
};
// The new project's id.
std::int64_t create_project_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                               const ProjectInput& in);
void set_project_budget_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                           std::int64_t pid, const std::vector<project::Line>& lines,
                           const std::vector<project::Funding>& funding);
void link_project_vote_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                          std::int64_t pid, std::int64_t vote_id);
struct QuoteInput {
  std::string contractor;
  std::int64_t amount_fen = 0;
  std::string note;
  std::vector<std::string> vouchers;  // hashes of uploaded files (at most 9)
};
// The quote's id.
std::int64_t add_project_quote_in(store::Connection& c, App& app, const Caller& who,
                                  std::int64_t cid, std::int64_t pid, const QuoteInput& q);
struct ContractInput {
  std::int64_t quote_id = 0;
  std::string signed_on;  // YYYY-MM-DD
  std::vector<std::string> vouchers;
};
void sign_project_contract_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                              std::int64_t pid, const ContractInput& in);
// The milestone's id.
std::int64_t add_milestone_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                              std::int64_t pid, const std::string& title,
                              const std::optional<std::string>& due_on);
// Done today (the app's clock), with its note and photos (hashes of uploads).
void complete_milestone_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                           std::int64_t pid, std::int64_t mid, const std::string& note,
                           const std::vector<std::string>& photos);
struct ProjectPaymentInput {
  std::int64_t line_id = 0;
  project::Source source = project::Source::common;
  std::int64_t courtyard_id = 0;  // the courtyard whose surplus pays (courtyard_surplus only)
  std::int64_t amount_fen = 0;
  std::optional<std::int64_t> quote_id;  // the contract paid under; needed when there are several
  std::string note;
  std::vector<std::string> vouchers;
  // What a courtyard's surplus pays may carry out an item of its surplus plan, and a purchase
  // for every household lists the households it covers (as request_disbursement has them).
  std::optional<std::int64_t> plan_item_id, per_unit_fen;
  std::vector<std::int64_t> covered_units;
};
// The disbursement request's id (the trustee's own approval on it when the caller is the trustee).
std::int64_t request_project_payment_in(store::Connection& c, App& app, const Caller& who,
                                        std::int64_t cid, std::int64_t pid,
                                        const ProjectPaymentInput& in);
// The acceptance questionnaire's id in questionnaire mode (it closes at `closes_at_ms`).
std::optional<std::int64_t> start_acceptance_in(store::Connection& c, App& app, const Caller& who,
                                                std::int64_t cid, std::int64_t pid,
                                                std::int64_t closes_at_ms);
void sign_off_project_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                         std::int64_t pid);
// Whether the residents accepted the work.
bool close_acceptance_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                         std::int64_t pid);
void reject_acceptance_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                          std::int64_t pid, const std::string& reason);
// The refund's disbursement request id.
std::int64_t refund_crowdfunding_surplus_in(store::Connection& c, App& app, const Caller& who,
                                            std::int64_t cid, std::int64_t pid);
void settle_project_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                       std::int64_t pid);
struct PledgePaid {
  std::int64_t paid_fen = 0;     // what the pledge has received in all
  std::int64_t entry_index = 0;  // the ledger entry of this payment
};
PledgePaid pay_pledge_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                         std::int64_t pid, std::int64_t pledge_id, std::int64_t amount_fen);

}  // namespace xinyi::app
