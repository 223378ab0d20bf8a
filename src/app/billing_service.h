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

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "domain/billing.h"
#include "domain/ids.h"
#include "domain/money.h"
#include "domain/sheet.h"
#include "store/billing_repo.h"
#include "store/ledger_repo.h"

namespace xinyi::app {

inline constexpr std::size_t kMaxPaymentReferenceChars = 64;

// Issue 18: the use cases take and return structs; their JSON is in http/routes/billing.cc.
struct FeeRateInput {
  CourtyardId courtyard_id;    // none: the whole compound
  std::string effective_from;  // YYYY-MM
  std::int64_t rate_fen = 0;   // fen per m² and month
  std::string decision, document_sha256;
  std::int64_t vote_id = 0;  // the passed vote behind a change (a first rate needs none)
};
// A rate from a month (a change cites the passed vote behind it): the rate as stored.
store::FeeRateRec set_fee_rate(App& app, const Caller& who, CompoundId cid, const FeeRateInput& in);
// Every rate of the compound, as its schedule.
std::vector<store::FeeRateRec> fee_rates(App& app, CompoundId cid);
// The same write in the caller's write transaction.
store::FeeRateRec set_fee_rate_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                                  const FeeRateInput& in);
// From which month the compound's bills are made in Xinyi (bill runs skip earlier months: fees
// before it were collected outside and are in the books as received). Its screen comes with the
// onboarding of a compound (issue 24); today the demo and gen-city set it.
void set_billing_from_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                         billing::Month first);

// ---- Bill runs (typed, issue 18: the JSON is in http/routes/billing.cc).

struct BillRunCourtyard {
  CourtyardId courtyard_id;
  std::string name;
  Fen total_fen;
};
struct ExampleBill {
  UnitId unit_id;
  std::vector<billing::FeeLine> lines;
};
struct BillRun {
  std::string period;
  std::int64_t units = 0, bills = 0, months_skipped = 0;
  Fen total_fen;
  bool preview = false;
  std::vector<BillRunCourtyard> courtyards;  // those billed, in courtyard order
  std::optional<ExampleBill> example;        // the first bill, to show how it was computed
  std::optional<std::int64_t> run_id;        // nullopt: a preview, or nothing to bill
};
// `preview`: compute and report, write nothing. progress(done_units, total_units).
BillRun bill_run(App& app, const Caller& who, CompoundId cid, const std::string& period,
                 bool preview, const std::function<void(std::size_t, std::size_t)>& progress = {});

// ---- Payments and receipts.

enum class PayMethod { cash, bank, wechat, alipay };
const char* to_string(PayMethod m);
std::optional<PayMethod> parse_pay_method(std::string_view text);
struct PaymentInput {
  UnitId unit_id;
  Fen amount_fen;
  PayMethod method = PayMethod::bank;
  std::string reference;               // at most kMaxPaymentReferenceChars
  std::optional<std::string> paid_on;  // YYYY-MM-DD; nullopt: today in China
};
struct ReceiptAllocation {
  std::int64_t bill_id = 0;
  std::string period;
  Fen amount_fen;
};
// A receipt to print: amounts, the bills it settled, and the ledger entry its QR code opens.
struct Receipt {
  std::int64_t receipt_no = 0;
  CompoundId compound_id;
  UnitId unit_id;
  std::optional<std::int64_t> reversal_index;  // set: the payment was reversed, the receipt void
  std::string compound_name, label, courtyard;
  Fen amount_fen;
  std::string method, reference, paid_on;
  std::vector<ReceiptAllocation> allocations;
  Fen settled_fen;  // what this payment settled of bills (the rest is prepaid)
  std::int64_t entry_index = 0;
};
// "No.000042"
std::string receipt_label(std::int64_t receipt_no);
struct PaymentRecorded {
  Receipt receipt;
  Fen prepaid_fen;  // paid in advance of bills not yet run
};
// Records a payment: applied to the unit's oldest bills first, the rest prepaid.
PaymentRecorded record_payment(App& app, const Caller& who, CompoundId cid, const PaymentInput& p);

// The same two inside a caller's write transaction (the demo seeds a year of them at once; the
// bank matching records a payment with its line's match).
// REQUIRES: a write transaction on `c` (a read one for a preview).
BillRun bill_run_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                    const billing::Period& period, bool preview,
                    const std::function<void(std::size_t, std::size_t)>& progress = {});
PaymentRecorded record_payment_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                                  const PaymentInput& p);
Receipt receipt(App& app, CompoundId cid, std::int64_t receipt_no);
// The same for a resident, who may reprint receipts of the units they have claimed (403 otherwise).
Receipt my_receipt(App& app, const Caller& who, CompoundId cid, std::int64_t receipt_no);

// What is owed: counts and sums per courtyard for everyone; the committee's view also lists
// every unit that owes, with its label.
struct UnitArrears {
  UnitId unit_id;
  CourtyardId courtyard_id;
  std::string label, oldest_month;  // oldest_month: of its oldest unpaid bill
  std::int64_t bills = 0;
  Fen owed_fen;
};
struct CourtyardArrears {
  CourtyardId courtyard_id;
  std::string name;
  std::int64_t units_in_arrears = 0;
  Fen owed_fen;
};
struct Arrears {
  CompoundId compound_id;
  std::int64_t units_in_arrears = 0;
  Fen owed_fen;
  std::vector<CourtyardArrears> courtyards;       // every courtyard, in order
  std::optional<std::vector<UnitArrears>> units;  // member view only
};
Arrears public_arrears(App& app, CompoundId cid);
Arrears member_arrears(App& app, CompoundId cid);
// The public view inside a caller's read transaction.
Arrears public_arrears_in(store::Connection& c, CompoundId cid);

// A table for a spreadsheet (committee, trustee, staff, auditor): "bills" or "payments" of a
// period, or the courtyard "settlement". {title, headers: [...], rows: [[text or integer]]};
// amounts as integer fen plus formatted yuan text.
sheet::Table export_data(App& app, CompoundId cid, const std::string& what,
                         const std::string& period);

// One unit's bills (with how each was computed), payments, prepayment, and what common money
// bought for it per household.
struct UnitBill {
  store::BillRec bill;
  std::vector<store::BillLineRec> lines;
};
struct UnitAccount {
  UnitId unit_id;
  CompoundId compound_id;
  std::string label, courtyard;
  std::int64_t area_centi_m2 = 0;
  Fen owed_fen, prepaid_fen;
  std::vector<UnitBill> bills;
  std::vector<store::PaymentRec> payments;
  std::vector<store::CoveredByRec> covered_by;
};
UnitAccount unit_account(App& app, CompoundId cid, UnitId unit_id);
// The signed-in resident's units' accounts.
struct MyUnitAccount {
  UnitAccount account;
  std::string compound_name;
};
std::vector<MyUnitAccount> my_bills(App& app, const Caller& who);

}  // namespace xinyi::app
