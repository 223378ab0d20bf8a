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

}  // namespace xinyi::store
