// Fees in use (SPEC §3 models 1 and 3, §4): rate schedules with the decision each rests on,
// bill runs, payments applied to the oldest bills first, prepayments, and arrears.
//
// Ledger postings. A bill run posts, per courtyard, one entry: receivable 1101 debited,
// property-fee income 4001 credited (and, where units had paid in advance, prepaid 2002
// debited against 1101). A payment posts one entry: the bank (or cash) debited, 1101 credited
// for what it settles and 2002 for what is paid in advance. Entries carry no names and no
// unit numbers: arrears are public only as counts and sums per courtyard.
//
// Idempotency. Every billed month of every unit is recorded once (billed_months); a run bills
// only months not yet billed, so running the same period again adds nothing, and a quarter run
// after a month run bills the two remaining months. The mid-period policy is in domain/billing.h.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "domain/billing.h"

namespace xinyi::app {

inline constexpr std::size_t kMaxPaymentReferenceChars = 64;

boost::json::object set_fee_rate(App& app, const Caller& who, std::int64_t cid,
                                 std::string_view body);
boost::json::array fee_rates(App& app, std::int64_t cid);

// `preview`: compute and report, write nothing. progress(done_units, total_units).
boost::json::object bill_run(App& app, const Caller& who, std::int64_t cid,
                             const std::string& period, bool preview,
                             const std::function<void(std::size_t, std::size_t)>& progress = {});

// Records a payment and answers its receipt (see receipt()), plus the part paid in advance.
boost::json::object record_payment(App& app, const Caller& who, std::int64_t cid,
                                   std::string_view body);

// The same two inside a caller's write transaction (the demo seeds a year of them at once).
// REQUIRES: a write transaction on `c` (a read one for a preview).
boost::json::object bill_run_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                                const billing::Period& period, bool preview,
                                const std::function<void(std::size_t, std::size_t)>& progress = {});
boost::json::object record_payment_in(store::Connection& c, App& app, const Caller& who,
                                      std::int64_t cid, std::int64_t unit_id,
                                      std::int64_t amount_fen, const std::string& method,
                                      const std::string& reference,
                                      const std::optional<std::string>& paid_on);
// A receipt to print: amounts, the bills it settled, and the ledger entry its QR code opens.
boost::json::object receipt(App& app, std::int64_t cid, std::int64_t receipt_no);
// The same for a resident, who may reprint receipts of the units they have claimed (403 otherwise).
boost::json::object my_receipt(App& app, const Caller& who, std::int64_t cid,
                               std::int64_t receipt_no);

// What is owed: counts and sums per courtyard for everyone; the committee's view also lists
// every unit that owes, with its label.
struct UnitArrears {
  std::int64_t unit_id = 0, courtyard_id = 0;
  std::string label, oldest_month;  // oldest_month: of its oldest unpaid bill
  std::int64_t bills = 0, owed_fen = 0;
};
struct CourtyardArrears {
  std::int64_t courtyard_id = 0;
  std::string name;
  std::int64_t units_in_arrears = 0, owed_fen = 0;
};
struct Arrears {
  std::int64_t compound_id = 0, units_in_arrears = 0, owed_fen = 0;
  std::vector<CourtyardArrears> courtyards;       // every courtyard, in order
  std::optional<std::vector<UnitArrears>> units;  // member view only
};
Arrears public_arrears(App& app, std::int64_t cid);
Arrears member_arrears(App& app, std::int64_t cid);
// The public view inside a caller's read transaction.
Arrears public_arrears_in(store::Connection& c, std::int64_t cid);

// A table for a spreadsheet (committee, trustee, staff, auditor): "bills" or "payments" of a
// period, or the courtyard "settlement". {title, headers: [...], rows: [[text or integer]]};
// amounts as integer fen plus formatted yuan text.
boost::json::object export_data(App& app, std::int64_t cid, const std::string& what,
                                const std::string& period);

// One unit's bills, payments and prepayment.
boost::json::object unit_account(App& app, std::int64_t cid, std::int64_t unit_id);
// The signed-in resident's units' accounts.
boost::json::array my_bills(App& app, const Caller& who);

}  // namespace xinyi::app
