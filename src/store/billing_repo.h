// Fee schedules, bills and payments. Bills and payments are workflow records; the money they
// move is in the ledger (each bill run and each payment posts one entry).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/billing.h"
#include "store/sql.h"

namespace xinyi::store {

struct FeeRateRec {
  std::int64_t id = 0, courtyard_id = 0;  // 0: the whole compound
  std::string effective_from;
  std::int64_t rate_fen = 0;
  std::string decision, document_sha256;
  std::int64_t vote_id =
      0;  // the passed owners' vote behind a change; 0 for a contract's first rate
};
std::int64_t insert_fee_rate(Connection& c, std::int64_t cid, const FeeRateRec& r, std::int64_t by,
                             std::int64_t now);
std::vector<FeeRateRec> list_fee_rates(Connection& c, std::int64_t cid);
// Whether the scope (courtyard 0: the whole compound) has a rate effective from `month`
// (YYYY-MM), or one effective from an earlier month.
bool fee_rate_from(Connection& c, std::int64_t cid, std::int64_t courtyard_id,
                   const std::string& month);
bool fee_rate_before(Connection& c, std::int64_t cid, std::int64_t courtyard_id,
                     const std::string& month);
// The first month (YYYY-MM) the compound bills in Xinyi: earlier months were billed elsewhere.
std::string billing_from(Connection& c, std::int64_t cid);
void set_billing_from(Connection& c, std::int64_t cid, const std::string& month);

std::int64_t insert_bill_run(Connection& c, std::int64_t cid, const std::string& period,
                             std::int64_t bills, std::int64_t total, std::int64_t by,
                             std::int64_t now);
struct NewBill {
  std::int64_t courtyard_id, unit_id;
  std::string first_month;
  std::vector<billing::FeeLine> lines;
  std::int64_t amount_fen, paid_fen;
};
std::int64_t insert_bill(Connection& c, std::int64_t cid, std::int64_t run_id,
                         const std::string& period, const NewBill& b, std::int64_t now);
// Months of `unit` already billed within [first, last] (YYYY-MM).
std::vector<std::string> billed_months(Connection& c, std::int64_t unit_id,
                                       const std::string& first, const std::string& last);
// Every (unit, month) of the compound already billed within [first, last].
struct BilledMonthRec {
  std::int64_t unit_id = 0;
  std::string month;
};
std::vector<BilledMonthRec> billed_months_of_compound(Connection& c, std::int64_t cid,
                                                      const std::string& first,
                                                      const std::string& last);

struct BillRec {
  std::int64_t id, unit_id, courtyard_id;
  std::string period, first_month;
  std::int64_t amount_fen, paid_fen;
};
std::vector<BillRec> open_bills(Connection& c, std::int64_t cid, std::int64_t unit_id);
std::vector<BillRec> unit_bills(Connection& c, std::int64_t cid, std::int64_t unit_id);
void add_paid(Connection& c, std::int64_t bill_id, std::int64_t amount);
// A bill's lines as stored, in order (months as YYYY-MM).
struct BillLineRec {
  std::string from_month, to_month;
  std::int64_t months = 0, rate_fen = 0, area_centi_m2 = 0, amount_fen = 0;
};
std::vector<BillLineRec> list_bill_lines(Connection& c, std::int64_t bill_id);

// Prepayments: for each payment of the unit, what is not yet allocated to a bill.
struct PrepaidRec {
  std::int64_t payment_id, left_fen;
};
std::vector<PrepaidRec> prepaid(Connection& c, std::int64_t cid, std::int64_t unit_id);

std::int64_t next_receipt_no(Connection& c, std::int64_t cid);
struct PaymentRec {
  std::int64_t id = 0, unit_id = 0, receipt_no = 0, amount_fen = 0;
  std::string method, reference, paid_on;
  std::int64_t entry_idx = 0, created_at = 0;
};
std::int64_t insert_payment(Connection& c, std::int64_t cid, const PaymentRec& p, std::int64_t by,
                            std::int64_t now);
void insert_allocation(Connection& c, std::int64_t cid, std::int64_t payment_id,
                       std::int64_t bill_id, std::int64_t amount);
std::vector<PaymentRec> unit_payments(Connection& c, std::int64_t cid, std::int64_t unit_id);
// The payment with this receipt number, and the entry that reversed it (nullopt: it stands).
struct PaymentReceiptRec {
  PaymentRec payment;
  std::optional<std::int64_t> reversed_idx;
};
std::optional<PaymentReceiptRec> get_receipt(Connection& c, std::int64_t cid,
                                             std::int64_t receipt_no);
// What a payment settled, bill by bill, oldest bill first.
struct AllocationRec {
  std::int64_t bill_id = 0;
  std::string period;
  std::int64_t amount_fen = 0;
};
std::vector<AllocationRec> list_allocations(Connection& c, std::int64_t payment_id);

// The rows of the bills and payments exports: bills whose first month is in [first, last] by
// courtyard name, unit label and month; payments paid on a date in [from, to_before) by receipt.
struct BillExportRec {
  std::string period, courtyard_name, label;
  std::int64_t area_centi_m2 = 0, amount_fen = 0, paid_fen = 0;
};
std::vector<BillExportRec> export_bills(Connection& c, std::int64_t cid, const std::string& first,
                                        const std::string& last);
struct PaymentExportRec {
  std::int64_t receipt_no = 0;
  std::string paid_on, courtyard_name, label;
  std::int64_t amount_fen = 0;
  std::string method;
  std::int64_t entry_idx = 0;
};
std::vector<PaymentExportRec> export_payments(Connection& c, std::int64_t cid,
                                              const std::string& from,
                                              const std::string& to_before);
// The fee payment booked as ledger entry `entry_idx`: its id and amount (nullopt: none, or
// `live_only` and it was reversed).
struct PaymentAtEntry {
  std::int64_t id = 0, amount_fen = 0;
};
std::optional<PaymentAtEntry> payment_at_entry(Connection& c, std::int64_t cid,
                                               std::int64_t entry_idx, bool live_only);
// What a payment settled of its bills, in fen.
std::int64_t allocated_fen(Connection& c, std::int64_t payment_id);
// A reversed payment: its bills get back what it had settled (its allocations stay, as the
// record), and it is marked reversed by entry `reversal_idx`.
void undo_payment(Connection& c, std::int64_t payment_id, std::int64_t reversal_idx);

// Outstanding per unit (bills − payments applied), only units that owe something.
struct ArrearRec {
  std::int64_t unit_id, courtyard_id;
  std::string label, oldest_month;
  std::int64_t bills, owed_fen;
};
std::vector<ArrearRec> arrears(Connection& c, std::int64_t cid);

// The largest bill a unit has had (0: none): what a quarter ahead is reckoned from.
std::int64_t largest_bill_fen(Connection& c, std::int64_t unit_id);

// The bills of one period of the compound, by unit: (unit, fen).
std::vector<std::pair<std::int64_t, std::int64_t>> period_bills(Connection& c, std::int64_t cid,
                                                                const std::string& period);

}  // namespace xinyi::store
