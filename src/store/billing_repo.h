// Fee schedules, bills and payments. Bills and payments are workflow records; the money they
// move is in the ledger (each bill run and each payment posts one entry).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
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

struct BillRec {
  std::int64_t id, unit_id, courtyard_id;
  std::string period, first_month;
  std::int64_t amount_fen, paid_fen;
};
std::vector<BillRec> open_bills(Connection& c, std::int64_t cid, std::int64_t unit_id);
std::vector<BillRec> unit_bills(Connection& c, std::int64_t cid, std::int64_t unit_id);
void add_paid(Connection& c, std::int64_t bill_id, std::int64_t amount);

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

}  // namespace xinyi::store
