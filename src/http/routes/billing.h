// The JSON of the billing feature that more than its routes write: the CLI prints a bill run
// as the API answers it, and the resident's routes (me.cc) answer receipts as the desk's do.
#pragma once

#include <boost/json.hpp>

#include "app/billing_service.h"

namespace xinyi::http::routes {

boost::json::object bill_run_json(const app::BillRun& r);
boost::json::object receipt_json(const app::Receipt& r);
// The receipt and, last, "prepaid_fen".
boost::json::object payment_recorded_json(const app::PaymentRecorded& p);
// A unit's account; the resident's units' accounts, each with its compound's name.
boost::json::object unit_account_json(const app::UnitAccount& a);
boost::json::array my_bills_json(const std::vector<app::MyUnitAccount>& list);

}  // namespace xinyi::http::routes
