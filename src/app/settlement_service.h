// Where each courtyard stands (SPEC §3 model 3, §4): the trustee's remuneration booked per
// period by the contract's percentage, shared costs split between courtyards with no fen lost
// or created, and the courtyard settlement statement.
//
// Remuneration: basis points (1 % = 100) of the period's costs — expense postings dated in the
// period, except the remuneration itself and what charity money paid — rounded half up per
// courtyard, booked once per period as expense 5007 against payable-to-trustee 2001.
//
// Shared costs: a cost booked for the compound as a whole (courtyard 0) is moved onto the
// courtyards by area, by unit count or by fixed shares (largest remainder), as one entry of
// kind "allocation" whose postings show the split.
//
// Settlement: per courtyard and period — carried forward from before, fee income, other
// income, own costs, allocated costs, surplus or deficit, and carried forward after. It ties to
// the ledger: every figure is a sum of postings.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "app/app.h"

namespace xinyi::app {

boost::json::object set_contract(App& app, const Caller& who, std::int64_t cid,
                                 std::string_view body);
boost::json::object book_remuneration(App& app, const Caller& who, std::int64_t cid,
                                      const std::string& period);
boost::json::object allocate_shared_cost(App& app, const Caller& who, std::int64_t cid,
                                         std::string_view body);
boost::json::object settlement(App& app, std::int64_t cid, const std::string& period);

// A courtyard's plan for spending its surplus in a year (cameras, emergency lights, insurance
// for every household …): items with planned amounts and the decision behind them. Payments
// name the item they carry out (request_disbursement's plan_item_id); each item shows planned
// against spent (executed payments only).
boost::json::object add_plan_item(App& app, const Caller& who, std::int64_t cid,
                                  std::string_view body);
boost::json::object surplus_plans(App& app, std::int64_t cid, std::int64_t year);

// What the monthly notice (公示) shows for a month: income and expenses by account, month-end
// balances of the bank and cash accounts, the courtyard settlement, arrears as counts and sums,
// and the current signed tree head. Public data only.
boost::json::object notice_data(App& app, std::int64_t cid, const std::string& month);

}  // namespace xinyi::app
