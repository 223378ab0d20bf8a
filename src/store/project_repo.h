// Renewal projects (院落焕新): the project record, its budget lines and funding, and what its
// page needs to know about pledges and sign-offs. Lookups by id take the compound too and find
// nothing for another compound's id. Statuses and modes are stored as their domain names
// (project::to_string); the use cases parse them.
//
// Begun in issue 18: the rest of project_service.cc's SQL moves here feature by feature.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/sql.h"

namespace xinyi::store {

struct ProjectRec {
  std::int64_t id = 0, compound_id = 0, courtyard_id = 0;  // courtyard 0: the whole compound
  std::string title, description, courtyard_name, status, acceptance_mode;
  std::int64_t signoffs_required = 0, min_turnout_pct = 0, crowdfund_goal_fen = 0;
  std::optional<std::int64_t> need_id, proposal_id, vote_id, questionnaire_id;
  std::int64_t contract_fen = 0;  // the signed contracts together
  std::string outcome, settled_on, cancel_reason;
  std::int64_t created_at_ms = 0, updated_at_ms = 0;
};
std::optional<ProjectRec> get_project(Connection& c, std::int64_t cid, std::int64_t pid);

struct ProjectLineRec {
  std::int64_t id = 0;
  std::string name, account;
  std::int64_t budget_fen = 0;
};
// The budget's current lines (retired ones left out), in their order.
std::vector<ProjectLineRec> list_project_lines(Connection& c, std::int64_t pid);

struct ProjectFundingRec {
  std::string source;
  std::int64_t courtyard_id = 0;  // courtyard_surplus: whose surplus; else 0
  std::int64_t amount_fen = 0;
};
std::vector<ProjectFundingRec> list_project_funding(Connection& c, std::int64_t pid);

// Pledges not yet paid in full.
std::int64_t count_open_pledges(Connection& c, std::int64_t pid);
// The households that pledged to the project (refunded pledges included: one per household).
std::vector<std::int64_t> pledged_unit_ids(Connection& c, std::int64_t pid);
bool has_signed_off(Connection& c, std::int64_t pid, std::int64_t user_id);

// Crowdfunding sums, in fen: pledges not refunded (and how many households made them), money
// received against pledges, and money given back by reversing such a payment.
std::int64_t pledged_fen(Connection& c, std::int64_t pid);
std::int64_t pledging_households(Connection& c, std::int64_t pid);
std::int64_t crowd_collected_fen(Connection& c, std::int64_t pid);
std::int64_t crowd_reversed_fen(Connection& c, std::int64_t pid);

struct PledgeRec {
  std::int64_t id = 0, unit_id = 0;
  std::string unit_label, courtyard_name;
  std::int64_t amount_fen = 0, paid_fen = 0;
  std::string status;  // open, paid, refunded
};
// Every pledge to the project, by id (households named: for the committee and trustee only).
std::vector<PledgeRec> list_pledges(Connection& c, std::int64_t pid);
// The pledges of the households `user_id` has claimed (courtyard_name left empty).
std::vector<PledgeRec> list_pledges_of_user(Connection& c, std::int64_t pid, std::int64_t user_id);

struct QuoteRec {
  std::int64_t id = 0;
  std::string contractor;
  std::int64_t amount_fen = 0;
  std::string note;
  std::vector<std::string> vouchers;     // hashes of the uploaded files
  std::optional<std::string> signed_on;  // set once a contract was signed with the quote
  std::vector<std::string> contract_vouchers;
};
std::vector<QuoteRec> list_quotes(Connection& c, std::int64_t pid);

struct MilestoneRec {
  std::int64_t id = 0;
  std::string title;
  std::optional<std::string> due_on, done_on;
  std::string note;
  std::vector<std::string> photos;  // hashes of the uploaded photos
};
std::vector<MilestoneRec> list_milestones(Connection& c, std::int64_t pid);

struct SignoffRec {
  std::string user_name;  // in full: the use case masks it for the page
  std::int64_t at_ms = 0;
};
std::vector<SignoffRec> list_signoffs(Connection& c, std::int64_t pid);

struct ProjectEventRec {
  std::int64_t at_ms = 0;
  std::string kind, text;
};
std::vector<ProjectEventRec> list_project_events(Connection& c, std::int64_t pid);
// Records a step on the project's timeline and marks the project updated.
void insert_project_event(Connection& c, std::int64_t cid, std::int64_t pid, std::int64_t at_ms,
                          const std::string& kind, const std::string& text);
void touch_project(Connection& c, std::int64_t pid, std::int64_t now_ms);
void set_project_status(Connection& c, std::int64_t pid, const std::string& status);

std::int64_t count_followers(Connection& c, std::int64_t pid);
bool is_following(Connection& c, std::int64_t pid, std::int64_t user_id);
std::vector<std::int64_t> follower_ids(Connection& c, std::int64_t pid);

struct NewProject {
  std::int64_t courtyard_id = 0;  // 0: the whole compound
  std::string title, description, acceptance_mode;
  std::int64_t signoffs_required = 0, min_turnout_pct = 0, crowdfund_goal_fen = 0;
  std::optional<std::int64_t> need_id, proposal_id;
  std::int64_t created_by = 0;
};
// A new project, status proposed: its id.
std::int64_t insert_project(Connection& c, std::int64_t cid, const NewProject& p,
                            std::int64_t now_ms);
// The first project (by id) that took up the need, if any.
std::optional<std::int64_t> first_project_of_need(Connection& c, std::int64_t need_id);
// The newest `limit` project ids of the compound, newest first.
std::vector<std::int64_t> list_project_ids(Connection& c, std::int64_t cid, std::int64_t limit);

// Replaces the budget: the old lines are retired (payments keep pointing at them), the funding
// is replaced. Lines keep the order given.
void replace_budget(Connection& c, std::int64_t cid, std::int64_t pid,
                    const std::vector<ProjectLineRec>& lines,
                    const std::vector<ProjectFundingRec>& funding);
// The vote a project cites (nullopt: none).
void set_project_vote(Connection& c, std::int64_t pid, std::optional<std::int64_t> vote_id);
// Whether another project, not cancelled, cites the vote (one vote authorises one project).
bool vote_cited_by_other_project(Connection& c, std::int64_t cid, std::int64_t vote_id,
                                 std::int64_t pid);

std::int64_t count_quotes(Connection& c, std::int64_t pid);
std::int64_t insert_quote(Connection& c, std::int64_t cid, std::int64_t pid,
                          const std::string& contractor, std::int64_t amount_fen,
                          const std::string& note, const std::vector<std::string>& vouchers,
                          std::int64_t created_by, std::int64_t now_ms);
std::optional<QuoteRec> get_quote(Connection& c, std::int64_t pid, std::int64_t quote_id);
void sign_quote(Connection& c, std::int64_t quote_id, const std::string& signed_on,
                const std::vector<std::string>& contract_vouchers);

std::int64_t count_milestones(Connection& c, std::int64_t pid);
std::int64_t count_open_milestones(Connection& c, std::int64_t pid);
std::int64_t insert_milestone(Connection& c, std::int64_t cid, std::int64_t pid,
                              const std::string& title, const std::optional<std::string>& due_on,
                              std::int64_t now_ms);
std::optional<MilestoneRec> get_milestone(Connection& c, std::int64_t pid, std::int64_t mid);
void complete_milestone(Connection& c, std::int64_t mid, const std::string& done_on,
                        const std::string& note, const std::vector<std::string>& photos);

// Acceptance: the outcome ("pending", "accepted", "rejected"; "" none) and the questionnaire
// residents answer (nullopt: none, e.g. after a rejection).
void set_outcome(Connection& c, std::int64_t pid, const std::string& outcome);
void set_acceptance_questionnaire(Connection& c, std::int64_t pid,
                                  std::optional<std::int64_t> questionnaire_id);
void insert_signoff(Connection& c, std::int64_t cid, std::int64_t pid, std::int64_t user_id,
                    std::int64_t at_ms);
std::int64_t count_signoffs(Connection& c, std::int64_t pid);
void clear_signoffs(Connection& c, std::int64_t pid);
void set_settled_on(Connection& c, std::int64_t pid, const std::string& date);
void set_cancel_reason(Connection& c, std::int64_t pid, const std::string& reason);

// REQUIRES: not following (is_following).
void follow(Connection& c, std::int64_t cid, std::int64_t pid, std::int64_t user_id,
            std::int64_t now_ms);
void unfollow(Connection& c, std::int64_t pid, std::int64_t user_id);

// Pledges (认筹): one per household, paid in one or more payments the trustee records.
bool unit_has_pledged(Connection& c, std::int64_t pid, std::int64_t unit_id);
std::int64_t insert_pledge(Connection& c, std::int64_t cid, std::int64_t pid, std::int64_t unit_id,
                           std::int64_t user_id, std::int64_t amount_fen, std::int64_t now_ms);
struct PledgeDue {
  std::int64_t amount_fen = 0, paid_fen = 0;
  std::optional<std::int64_t> user_id;  // who pledged (nullopt: entered on paper)
};
std::optional<PledgeDue> get_pledge_due(Connection& c, std::int64_t pid, std::int64_t pledge_id);
// Records a payment booked as ledger entry `entry_idx` and the pledge's new paid total.
void insert_pledge_payment(Connection& c, std::int64_t cid, std::int64_t pid,
                           std::int64_t pledge_id, std::int64_t amount_fen, std::int64_t entry_idx,
                           std::int64_t recorded_by, std::int64_t at_ms);
void set_pledge_paid(Connection& c, std::int64_t pledge_id, std::int64_t paid_fen,
                     const std::string& status);
// What each household paid, for a refund in proportion: pledges not refunded with money in,
// by pledge id.
std::vector<std::pair<std::int64_t, std::int64_t>> paid_by_unit(Connection& c, std::int64_t pid);
struct PledgePaymentRec {
  std::int64_t id = 0, entry_idx = 0, amount_fen = 0;
};
// Payments not yet given back, by id.
std::vector<PledgePaymentRec> unrefunded_pledge_payments(Connection& c, std::int64_t pid);
// The people who pledged and paid something.
std::vector<std::int64_t> paying_user_ids(Connection& c, std::int64_t pid);
void mark_pledges_refunded(Connection& c, std::int64_t pid);

// A reversed crowdfunding payment (booked as entry `entry_idx`, not yet given back): marked
// refunded by entry `reversal_idx`, its pledge owes it again (open, unless refunded). False
// when there is no such payment.
bool undo_pledge_payment(Connection& c, std::int64_t cid, std::int64_t entry_idx,
                         std::int64_t reversal_idx);
// The project's status (nullopt: no such project in the compound).
std::optional<std::string> project_status(Connection& c, std::int64_t cid, std::int64_t pid);
// Crowdfunding households paid for projects of the compound still under way (not settled or
// cancelled): money that pays only its project. Net of what those projects already spent of it.
std::int64_t crowdfunding_held_fen(Connection& c, std::int64_t cid);

}  // namespace xinyi::store
