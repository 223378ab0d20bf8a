// Hourly services (钟点服务): the service plan's versions and their items, which worker the
// trustee assigned to which item, the workers' visits (work logs), residents' reviews of a
// visit (confirm or dispute) with the committee's resolution, and the months posted to the
// books. Months are their "2026-10" text; plan items' frequencies are stored as their domain
// names (service::to_string) and the use cases parse them.
//
// A work log or a review is looked up with its compound and finds nothing for another
// compound's id; a log's reviews are then reached through the log's id. The compound's review
// window is the registry's (registry_repo.h).
//
// Issue 18: this is the SQL that was in app/work_service.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"

namespace xinyi::store {

// ---- Plans.

struct PlanVersionRec {
  std::int64_t id = 0, version = 0;
  std::string effective_from;  // the month it takes effect
};
// The version in effect in `month`: the latest taking effect in or before it.
std::optional<PlanVersionRec> plan_in_effect(Connection& c, std::int64_t cid,
                                             const std::string& month);

struct PlanRec {
  std::int64_t id = 0, version = 0;
  std::string effective_from, note;
  std::int64_t monthly_cost_fen = 0, published_at_ms = 0;
};
// Every version, the latest to take effect first.
std::vector<PlanRec> list_service_plans(Connection& c, std::int64_t cid);

struct PlanItemRec {
  std::string code, role, tasks, standard, frequency;
  std::int64_t visits = 0, minutes_per_visit = 0, rate_fen_per_hour = 0;
  std::string expense_account;
};
// A version's items, in the plan's order.
std::vector<PlanItemRec> list_plan_items(Connection& c, std::int64_t plan_id);

// The number the next version of the compound's plan gets (1 for the first).
std::int64_t next_plan_version(Connection& c, std::int64_t cid);
struct NewPlan {
  std::int64_t version = 0;
  std::string effective_from, note;
  std::int64_t monthly_cost_fen = 0;
  std::int64_t created_by = 0;  // 0: nobody (the demo)
};
std::int64_t insert_service_plan(Connection& c, std::int64_t cid, const NewPlan& p,
                                 std::int64_t now_ms);
// Item number `n` (from 0) of a plan version.
void insert_plan_item(Connection& c, std::int64_t cid, std::int64_t plan_id, std::int64_t n,
                      const PlanItemRec& i);
// Whether a version takes effect in `month`.
bool plan_takes_effect_in(Connection& c, std::int64_t cid, const std::string& month);
// The latest month with a visit not voided or with a posting; nullopt when none has.
std::optional<std::string> last_used_month(Connection& c, std::int64_t cid);
// Whether any version of the plan has an item with this code.
bool plan_has_item(Connection& c, std::int64_t cid, const std::string& code);

// ---- Who does which item.

struct AssignmentRec {
  std::string item_code, login, name;
  std::int64_t assigned_at_ms = 0;
};
// By item code, then worker; at most 1000.
std::vector<AssignmentRec> list_assignments(Connection& c, std::int64_t cid);
bool is_assigned(Connection& c, std::int64_t cid, const std::string& code, std::int64_t user_id);
// Assigning twice changes nothing.
void assign_worker(Connection& c, std::int64_t cid, const std::string& code, std::int64_t user_id,
                   std::int64_t assigned_by, std::int64_t now_ms);
void unassign_worker(Connection& c, std::int64_t cid, const std::string& code,
                     std::int64_t user_id);
struct ItemWorkerRec {
  std::string login, name;
};
// The workers assigned to an item, by user id.
std::vector<ItemWorkerRec> list_item_workers(Connection& c, std::int64_t cid,
                                             const std::string& code);

// ---- Work logs (visits).

struct WorkLogRec {
  std::int64_t id = 0, courtyard_id = 0, worker_id = 0;
  std::int64_t checked_in_at_ms = 0, checked_out_at_ms = 0;  // checked out 0: not yet
  std::int64_t minutes = 0;                                  // 0 until checked out
  // When residents' review window starts: check-out, or when it was recorded if later (0: not
  // checked out).
  std::int64_t review_from_ms = 0;
  bool voided = false, checked_out = false;
  std::string item_code, month, done, courtyard_name, worker_name;
  std::vector<std::string> photos;  // hashes of uploaded photos
};
std::optional<WorkLogRec> get_work_log(Connection& c, std::int64_t cid, std::int64_t id);

struct WorkLogFilter {
  std::string month;           // "": any
  std::int64_t worker_id = 0;  // 0: anyone's
  // Non-zero: only visits this person may still review: not voided, their window starting after
  // `review_from_after_ms`, someone else's, in a courtyard where they claimed a unit.
  std::int64_t reviewer_id = 0;
  std::int64_t review_from_after_ms = 0;
};
// Newest check-in first; at most 200.
std::vector<WorkLogRec> list_work_logs(Connection& c, std::int64_t cid, const WorkLogFilter& f);

// The worker's visit in the compound that is neither checked out nor voided, if any.
std::optional<std::int64_t> open_work_log(Connection& c, std::int64_t cid, std::int64_t worker_id);
// The first of the worker's visits not voided, in any compound and other than `except_log`, that
// overlaps [from_ms, to_ms) (a visit not checked out lasts for ever).
std::optional<std::int64_t> overlapping_work_log(Connection& c, std::int64_t worker_id,
                                                 std::int64_t from_ms, std::int64_t to_ms,
                                                 std::int64_t except_log);
// A visit checked in at `at_ms` (and recorded then), in `month`.
std::int64_t insert_work_log(Connection& c, std::int64_t cid, std::int64_t courtyard_id,
                             const std::string& code, std::int64_t worker_id,
                             const std::string& month, std::int64_t at_ms);
void check_out_work_log(Connection& c, std::int64_t id, std::int64_t at_ms,
                        std::int64_t review_from_ms, std::int64_t minutes, const std::string& done,
                        const std::vector<std::string>& photos);
void void_work_log(Connection& c, std::int64_t id);

// The month's visits not voided, by id, with what its posting needs.
struct MonthVisitRec {
  std::int64_t id = 0;
  std::string item_code;
  std::int64_t courtyard_id = 0;
  std::optional<std::int64_t> review_from_ms;  // nullopt: not checked out
  std::int64_t minutes = 0;
};
std::vector<MonthVisitRec> list_month_visits(Connection& c, std::int64_t cid,
                                             const std::string& month);

// ---- Residents' reviews.

// How many reviews of a visit have each verdict ("confirm", "dispute") and resolution ("upheld",
// "dismissed"; "" not resolved).
struct ReviewCountRec {
  std::string verdict, resolution;
  std::int64_t count = 0;
};
std::vector<ReviewCountRec> count_reviews(Connection& c, std::int64_t log_id);

struct ReviewRec {
  std::int64_t id = 0;
  std::string verdict, reason, resolution;  // resolution "": not resolved
};
// The review `user_id` gave the visit, if any (one per person and visit).
std::optional<ReviewRec> get_review(Connection& c, std::int64_t log_id, std::int64_t user_id);
void insert_review(Connection& c, std::int64_t cid, std::int64_t log_id, std::int64_t user_id,
                   std::int64_t unit_id, const std::string& verdict, const std::string& reason,
                   std::int64_t at_ms);
void update_review(Connection& c, std::int64_t review_id, const std::string& verdict,
                   const std::string& reason, std::int64_t at_ms);

struct DisputeRec {
  std::int64_t id = 0, log_id = 0;
  std::string reason;
  std::int64_t at_ms = 0;
  std::string resolution, resolution_note;  // resolution "": open
  std::string unit_label, resident_name;    // in full: the use case masks the name
  std::string item_code, month;
  std::int64_t checked_in_at_ms = 0;
  std::optional<std::int64_t> minutes;  // nullopt: not checked out
  std::string done, courtyard_name;
};
// Disputes (all, or only the open ones), newest first; at most 200.
std::vector<DisputeRec> list_disputes(Connection& c, std::int64_t cid, bool open_only);

// A review with the month of the visit it is about.
struct ReviewedVisitRec {
  std::int64_t log_id = 0;
  std::string verdict, resolution, month;  // resolution "": not resolved
};
std::optional<ReviewedVisitRec> get_reviewed_visit(Connection& c, std::int64_t cid,
                                                   std::int64_t review_id);
void resolve_review(Connection& c, std::int64_t review_id, const std::string& resolution,
                    const std::string& note, std::int64_t resolved_by, std::int64_t at_ms);
// Who wrote the review. REQUIRES: it exists.
std::int64_t review_author(Connection& c, std::int64_t review_id);

// ---- The months posted to the books.

bool month_posted(Connection& c, std::int64_t cid, const std::string& month);
struct ServicePostingRec {
  std::int64_t amount_fen = 0;
  std::optional<std::int64_t> entry_idx;  // nullopt: nothing to book (no cost)
  std::int64_t created_at_ms = 0;
};
std::optional<ServicePostingRec> get_service_posting(Connection& c, std::int64_t cid,
                                                     const std::string& month);
struct NewServicePosting {
  std::string period;  // the month
  std::int64_t minutes = 0, amount_fen = 0;
  std::optional<std::int64_t> entry_idx;
  std::int64_t created_by = 0;  // 0: nobody (the demo)
};
void insert_service_posting(Connection& c, std::int64_t cid, const NewServicePosting& p,
                            std::int64_t now_ms);

}  // namespace xinyi::store
