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

#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "app/app.h"
#include "domain/service.h"

namespace xinyi::app {

// Plans (committee or staff publish; everyone reads).
boost::json::object publish_plan(App& app, const Caller& who, std::int64_t cid,
                                 std::string_view body);
// Public: every version, newest first, with items and the monthly cost.
boost::json::array list_plans(App& app, std::int64_t cid);

// Work logs.
// The trustee assigns (or, with "assigned":false, unassigns) a worker to an item of the plan.
// Who does which item: [{item_code, login, name, assigned_at}] (trustee, committee, staff).
boost::json::array list_assignments(App& app, std::int64_t cid);
boost::json::object assign_worker(App& app, const Caller& who, std::int64_t cid,
                                  std::string_view body);
// A worker checks in only under an item assigned to them, and never overlapping another visit.
boost::json::object check_in(App& app, const Caller& who, std::int64_t cid, std::string_view body);
boost::json::object check_out(App& app, const Caller& who, std::int64_t cid, std::int64_t log_id,
                              std::string_view body);
boost::json::object void_log(App& app, const Caller& who, std::int64_t cid, std::int64_t log_id,
                             std::string_view body);
// Members: visits, newest first (the worker's name masked); `month` filters when non-empty;
// `to_review` only those the caller may still confirm or dispute; `mine` the caller's own.
boost::json::array list_visits(App& app, const Caller& who, std::int64_t cid,
                               const std::string& month, bool to_review, bool mine);
boost::json::object review_visit(App& app, const Caller& who, std::int64_t cid, std::int64_t log_id,
                                 std::string_view body);
// Committee or staff: open disputes, and their resolution.
// The same, typed, in the caller's write transaction: `verdict` confirm or dispute (with a
// reason).
void review_visit_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                     std::int64_t log_id, const std::string& verdict, const std::string& reason);
boost::json::array list_disputes(App& app, std::int64_t cid, bool open_only);
boost::json::object resolve_dispute(App& app, const Caller& who, std::int64_t cid,
                                    std::int64_t review_id, std::string_view body);
// The same, typed: `resolution` upheld or dismissed; answers the visit's log id.
std::int64_t resolve_dispute_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                                std::int64_t review_id, const std::string& resolution,
                                const std::string& note);
boost::json::object set_review_window(App& app, const Caller& who, std::int64_t cid,
                                      std::string_view body);

// Public: planned against delivered per plan item for one month ("2026-10"), with whether it
// is posted; and a series of the last `months` months for the chart.
boost::json::object service_month(App& app, std::int64_t cid, const std::string& month);
boost::json::object service_months(App& app, std::int64_t cid, std::int64_t months);
// Committee or trustee: posts a month's undisputed hours × rate to the ledger, once.
boost::json::object post_service_month(App& app, const Caller& who, std::int64_t cid,
                                       std::string_view body);

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
                    const std::string& done, const std::string& photos_json,
                    std::int64_t recorded_at);
boost::json::object post_month_core(store::Connection& c, std::int64_t cid,
                                    const std::string& month, std::int64_t now_ms, std::int64_t by);

}  // namespace xinyi::app
