// The service plan (服务清单) and work logs (SPEC §3 model 1): what the compound buys by the
// hour, what was delivered, and what residents say about it. domain/service.h holds the rules
// (planned minutes, rounding, the dispute window, what counts).
//
// Plans are versioned and public. A version takes effect from a month and replaces the whole
// list; it may not take effect in a month that already has work logs or a posting, so every
// month's logs are read against exactly one version.
//
// A worker (the `worker` role) checks in on arrival at a courtyard for a plan item and checks
// out on leaving with what was done and photos; minutes follow from the two times. Residents
// of that courtyard — never the worker — may confirm or dispute the visit until the compound's
// review window (`review_window_days`, default 3) has passed since check-out; a dispute goes to
// the committee, which upholds it (the visit does not count) or dismisses it.
//
// Once a month has ended, every visit is checked out, every window has closed and no dispute
// is open, the committee or trustee posts the month: undisputed minutes × rate per plan item
// and courtyard are debited to the item's expense account and credited to 2001 (payable to the
// trustee) in one ledger entry. Once per month: a second posting is a 409, and no log can be
// added to or voided from a posted month.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/app.h"
#include "domain/service.h"
#include "store/work_repo.h"

namespace xinyi::app {

// Issue 18: the use cases take and return the structs below; their JSON is in
// http/routes/services.cc. Decoders there check types, lengths and ranges; the use cases apply
// the rules (the plan's, the visit's times, who may act).

// ---- Plans (committee or staff publish; everyone reads).
struct PlanInput {
  std::string effective_from;  // YYYY-MM
  std::string note;
  std::vector<service::PlanItem> items;  // at most service::kMaxPlanItems
};
struct PlanView {
  std::int64_t id = 0, version = 0;
  std::string effective_from, note;
  Fen monthly_cost_fen;
  std::int64_t published_at_ms = 0;
  bool in_effect = false;  // this month's
  std::vector<service::PlanItem> items;
};
PlanView publish_plan(App& app, const Caller& who, CompoundId cid, const PlanInput& in);
// Public: every version, newest first, with items and the monthly cost.
std::vector<PlanView> list_plans(App& app, CompoundId cid);

// ---- Work logs.
// Who does which item (trustee, committee, staff).
std::vector<store::AssignmentRec> list_assignments(App& app, CompoundId cid);
// The trustee assigns (or, `assigned` false, unassigns) a worker to an item of the plan; answers
// the item's workers now.
struct AssignmentInput {
  std::string item_code, login;
  bool assigned = true;
};
std::vector<store::ItemWorkerRec> assign_worker(App& app, const Caller& who, CompoundId cid,
                                                const AssignmentInput& in);
// The same in the caller's write transaction (the demo's trustee assigns through it).
std::vector<store::ItemWorkerRec> assign_worker_in(store::Connection& c, App& app,
                                                   const Caller& who, CompoundId cid,
                                                   const AssignmentInput& in);
// What a member sees of a visit: the log (the worker's name masked), its item's role and
// standard, where it stands, its reviews, and the caller's own review and whether they may
// review it now.
struct VisitView {
  store::WorkLogRec log;
  std::string role, standard;
  std::string status;   // in_progress, in_review, disputed, settled or voided
  bool counts = false;  // its minutes count toward the month
  service::Visit reviews;
  std::int64_t review_until_ms = 0;  // 0: not checked out
  bool mine = false;
  bool signed_in = false;
  std::optional<store::ReviewRec> my_review;
  bool can_review = false;
};
// A worker checks in only under an item assigned to them, and never overlapping another visit;
// a visit logged after the fact (within 7 days) may be checked out at once.
struct CheckInInput {
  std::int64_t courtyard_id = 0;
  std::string item_code;
  std::optional<std::int64_t> checked_in_at_ms;   // none: now
  std::optional<std::int64_t> checked_out_at_ms;  // set: checked out at once
  std::string done;                               // required with checked_out_at_ms
  std::vector<std::string> photos;
};
VisitView check_in(App& app, const Caller& who, CompoundId cid, const CheckInInput& in);
struct CheckOutInput {
  std::optional<std::int64_t> checked_out_at_ms;  // none: now
  std::string done;
  std::vector<std::string> photos;
};
VisitView check_out(App& app, const Caller& who, CompoundId cid, std::int64_t log_id,
                    const CheckOutInput& in);
VisitView void_log(App& app, const Caller& who, CompoundId cid, std::int64_t log_id,
                   const std::string& reason);
// Members: visits, newest first; `month` filters when non-empty; `to_review` only those the
// caller may still confirm or dispute; `mine` the caller's own.
std::vector<VisitView> list_visits(App& app, const Caller& who, CompoundId cid,
                                   const std::string& month, bool to_review, bool mine);
// `verdict` confirm or dispute (with a reason).
VisitView review_visit(App& app, const Caller& who, CompoundId cid, std::int64_t log_id,
                       const std::string& verdict, const std::string& reason);
// The same in the caller's write transaction.
void review_visit_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                     std::int64_t log_id, const std::string& verdict, const std::string& reason);
// Committee or staff: disputes (residents' names masked), and their resolution.
std::vector<store::DisputeRec> list_disputes(App& app, CompoundId cid, bool open_only);
struct DisputeResolved {
  std::int64_t id = 0, log_id = 0;
  std::string resolution, note;
  std::int64_t resolved_at_ms = 0;
};
// `resolution` upheld or dismissed.
DisputeResolved resolve_dispute(App& app, const Caller& who, CompoundId cid, std::int64_t review_id,
                                const std::string& resolution, const std::string& note);
// The same in the caller's write transaction; answers the visit's log id.
std::int64_t resolve_dispute_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                                std::int64_t review_id, const std::string& resolution,
                                const std::string& note);
void set_review_window(App& app, const Caller& who, CompoundId cid, std::int64_t days);

// Public: planned against delivered per plan item for one month ("2026-10"), with whether it
// is posted and what still stands in the way of posting it; and the last `months` months.
struct ServiceItemMonth {
  std::string code, role;
  bool planned = false;  // the item is in the month's plan
  std::int64_t rate_fen_per_hour = 0;
  service::ItemMonth summary;
};
struct ServiceMonth {
  std::int64_t compound_id = 0;
  std::string month;
  std::optional<std::int64_t> plan_version;
  std::vector<ServiceItemMonth> items;
  service::ItemMonth total;  // its confirmation_permille over all visits
  std::int64_t in_progress = 0, open_disputes = 0;
  std::int64_t review_until_ms = 0;  // 0: no visit checked out
  std::optional<store::ServicePostingRec> posting;
  std::vector<std::string> blockers;  // empty once posted
};
ServiceMonth service_month(App& app, CompoundId cid, const std::string& month);
std::vector<ServiceMonth> service_months(App& app, CompoundId cid, std::int64_t months);
// Committee or trustee: posts a month's undisputed hours × rate to the ledger, once.
struct ServicePosted {
  std::string period;
  std::int64_t minutes = 0;
  Fen amount_fen;
  std::optional<std::int64_t> entry_index;  // nullopt: nothing to book
};
ServicePosted post_service_month(App& app, const Caller& who, CompoundId cid,
                                 const std::string& period);

// ---- cores (the demo writes through these inside its own transaction)

// Stores a checked plan version; returns (plan id, version).
std::pair<std::int64_t, std::int64_t> insert_plan(store::Connection& c, std::int64_t cid,
                                                  const std::string& effective_from,
                                                  const std::string& note,
                                                  const std::vector<service::PlanItem>& items,
                                                  std::int64_t by, std::int64_t now);

std::int64_t check_in_core(store::Connection& c, std::int64_t cid, std::int64_t worker,
                           std::int64_t courtyard_id, const std::string& code, std::int64_t at_ms);
// `recorded_at`: when the check-out is recorded; the review window starts at the later of it
// and `at_ms`, so a visit logged after the fact still gets its whole window.
void check_out_core(store::Connection& c, std::int64_t cid, std::int64_t log_id, std::int64_t at_ms,
                    const std::string& done, const std::vector<std::string>& photos,
                    std::int64_t recorded_at);
ServicePosted post_month_core(store::Connection& c, std::int64_t cid, const std::string& month,
                              std::int64_t now_ms, std::int64_t by);

}  // namespace xinyi::app
