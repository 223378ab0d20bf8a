// Renewal projects (院落焕新), crowdfunding (众筹) and the charity fund's restrictions (SPEC §3
// models 3, 4, 5). Pure rules over values; the use cases (app/project_service.h) load and store.
//
// A project moves through
//   proposed → budgeted → contracted → in_progress → accepting → accepted → settled
// and may be cancelled before it is accepted, as long as no contractor has been paid. Each
// action is allowed only in the states `allowed()` names.
//
// Money: a budget's funding sources sum exactly to its lines. A payment is checked against the
// line's budget, the source's allocation, what the source actually holds (crowdfunding
// collected, the charity fund's balance) and the contract — counting pending requests as spent,
// so two requests in flight can never overdraw. All in int64 fen; every bound is stated.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.h"
#include "domain/error.h"

namespace xinyi::project {

inline constexpr std::size_t kMaxLines = 30;
inline constexpr std::size_t kMaxSources = 10;
inline constexpr std::size_t kMaxMilestones = 30;
inline constexpr std::size_t kMaxQuotes = 20;
inline constexpr std::int64_t kMaxProjectFen = 100'000'000'000;  // ¥1,000,000,000.00
inline constexpr int kDefaultMinTurnoutPct =
    20;  // questionnaire acceptance: ≥ 20% of households answer
inline constexpr int kDefaultSignoffs = 2;  // committee acceptance: two distinct members

enum class Status {
  proposed,
  budgeted,
  contracted,
  in_progress,
  accepting,
  accepted,
  settled,
  cancelled
};
std::string_view to_string(Status s);
std::optional<Status> parse_status(std::string_view s);
std::string_view status_zh(Status s);

enum class Action {
  budget,     // set or replace the budget
  link_vote,  // cite the owners' vote
  quote,      // add a contractor's quote
  contract,   // sign a contract with a quote (a project may have several contractors)
  milestone,  // add or complete a milestone
  pay,        // request a payment to the contractor
  pledge,     // a household pledges; the trustee records money against a pledge
  start_acceptance,
  signoff,           // committee mode
  close_acceptance,  // questionnaire mode
  settle,
  cancel,
};
bool allowed(Status s, Action a);

enum class Source { common, courtyard_surplus, charity, crowdfunding, subsidy };
std::string_view to_string(Source s);
std::optional<Source> parse_source(std::string_view s);
// The bank account a payment from the source leaves: the charity fund's own account for
// charity money, the basic account for everything else (crowdfunding and subsidies are
// received there, booked to their own income accounts).
std::string_view cash_account(Source s);

struct Line {
  std::int64_t id = 0;
  std::string name;
  std::string account;  // an expense account of the chart
  std::int64_t budget_fen = 0;
};

struct Funding {
  Source source = Source::common;
  std::int64_t courtyard_id = 0;  // courtyard_surplus: whose surplus
  std::int64_t amount_fen = 0;
};

// Every problem with a budget: 1..kMaxLines lines with names and positive amounts; 1..kMaxSources
// sources, no source (with its courtyard) twice, a courtyard for a courtyard's surplus; the
// sources sum exactly to the lines; charity money no more than the lines it may pay for.
std::vector<FieldError> check_budget(const std::vector<Line>& lines,
                                     const std::vector<Funding>& funding);

std::int64_t total(const std::vector<Line>& lines);
std::int64_t total(const std::vector<Funding>& funding);

// Spending the common fund on a renewal is an owners' matter (Civil Code Art. 278: 7, rebuilding
// facilities, or 9, other major matters) when the common fund's share reaches the compound's
// co-managed threshold. Charity money, crowdfunding and subsidies are given for the purpose; a
// courtyard's surplus is spent by the plan its own meeting made.
bool vote_required(const std::vector<Funding>& funding, std::int64_t threshold_fen);

// A payment request against a project, with what is already committed (executed + pending).
struct PaymentCheck {
  std::int64_t amount_fen = 0;
  std::int64_t line_budget_fen = 0, line_committed_fen = 0;
  std::int64_t source_allocated_fen = 0, source_committed_fen = 0;
  std::optional<std::int64_t> source_available_fen;           // money the source actually holds now
  std::int64_t contract_fen = 0, contract_committed_fen = 0;  // the contract the payment is under
  std::string line_account;
  Source source = Source::common;
};
std::vector<FieldError> check_payment(const PaymentCheck& p);

// Crowdfunding: a payment against a pledge never exceeds what is left of it.
std::vector<FieldError> check_pledge_payment(std::int64_t pledged_fen, std::int64_t paid_fen,
                                             std::int64_t amount_fen);

// Acceptance by the residents.
enum class AcceptanceMode { questionnaire, committee };
std::string_view to_string(AcceptanceMode m);
std::optional<AcceptanceMode> parse_acceptance_mode(std::string_view s);

struct AcceptanceTally {
  std::int64_t households = 0;  // in the audience
  std::int64_t responses = 0;
  std::int64_t agree = 0;
};
// Accepted iff at least `min_turnout_pct`% of the households answered (responses·100 ≥
// pct·households) and more than half of those who answered agree (2·agree > responses).
// Exact integers; a tally with agree > responses or responses > households is a bug (asserted).
bool questionnaire_accepts(const AcceptanceTally& t, int min_turnout_pct);
// The questionnaire may be closed once it has run its time, or every household has answered.
bool may_close(const AcceptanceTally& t, std::int64_t now_ms, std::int64_t closes_at_ms);

// The steps a person takes on a project, one per write route (the HTTP route of each step is
// registered with `who_may(step)`, so the route table and the lists below cannot disagree).
enum class Step : std::uint8_t {
  budget,
  link_vote,
  quote,
  contract,
  add_milestone,
  complete_milestone,
  pay,
  start_acceptance,
  close_acceptance,
  signoff,
  send_back,
  refund_crowdfunding,
  settle,
  cancel,
  pledge,
  record_pledge_payment,
};
inline constexpr Step kAllSteps[] = {
    Step::budget,
    Step::link_vote,
    Step::quote,
    Step::contract,
    Step::add_milestone,
    Step::complete_milestone,
    Step::pay,
    Step::start_acceptance,
    Step::close_acceptance,
    Step::signoff,
    Step::send_back,
    Step::refund_crowdfunding,
    Step::settle,
    Step::cancel,
    Step::pledge,
    Step::record_pledge_payment,
};
std::string_view to_string(Step s);  // "budget", "add_milestone", … (the web's `can` names)
Action action_of(Step s);            // the state-table row the step is checked against
Rule who_may(Step s);                // the roles whose route takes the step
// Steps that are a committee member's own act — signing the works off or sending them back —
// which the operator, whom every rule otherwise admits, cannot take in a member's place (as an
// approval of a payment: the operator is neither side).
bool members_only(Step s);

// What is on record about a project, as far as deciding its next steps needs. `caller_*` are
// about the person asking (zero when anonymous).
struct Facts {
  Status status = Status::proposed;
  AcceptanceMode mode = AcceptanceMode::committee;
  bool has_questionnaire = false;
  std::int64_t lines = 0, quotes = 0, unsigned_quotes = 0, contracts = 0;
  std::int64_t milestones = 0, open_milestones = 0;
  std::int64_t paid_fen = 0;            // executed payments to contractors
  std::int64_t crowdfund_goal_fen = 0;  // 0: no crowdfunding
  std::int64_t crowd_unspent_fen = 0;   // collected, not spent, not refunded or asked back
  std::int64_t open_pledges = 0;        // pledges not yet paid in full
  std::int64_t pending_fen = 0;         // payment and refund requests awaiting approval
  std::int64_t crowd_pending_fen = 0;   // of those, paid out of crowdfunding
  bool vote_missing = false;            // the budget needs a passed owners' vote it lacks
  std::int64_t committee_members = 0, signoffs_required = 0;
  bool caller_signed_off = false;
  std::int64_t caller_unpledged_units = 0;  // the caller's households here without a pledge
};

// Whether `step` can be taken now: the state table allows its action and what it acts on
// exists (a contract needs a quote not yet signed and, where the budget needs one, a passed
// vote; a payment a budget line and a contract; acceptance every milestone done and, by
// committee, enough members to sign; a sign-off the committee mode and the caller's signature
// not yet given; settling nothing pending and no crowdfunding left to give back; a refund unspent
// crowdfunding, cancelling nothing paid yet, …). What depends on the values a person enters
// (amounts, dates) and on the time is checked when the step is submitted.
bool possible(const Facts& f, Step step);
// The steps `p` (nullptr: anonymous) may take next on a project of compound `compound_id`:
// possible, and admitted by the step's rule. In kAllSteps order.
std::vector<Step> next_steps(const Facts& f, const Principal* p, std::int64_t compound_id);

}  // namespace xinyi::project
