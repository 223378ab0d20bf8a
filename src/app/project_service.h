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
#include <string>

#include "app/app.h"

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

}  // namespace xinyi::app
