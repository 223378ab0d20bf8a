// The workflow records that point at ledger entries, read whole for one compound as the
// verifier (app/verify.h) checks each against the entry it names: fee payments and their
// receipts, bills, bill runs, disbursements and reversal requests, donations, crowdfunding
// pledges and their payments, and the monthly postings of hourly service. Each list is in id
// order (service postings by period) and carries the sums the check compares, computed here in
// the same read transaction.
//
// Issue 18: this is the SQL that was in app/verify.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"

namespace xinyi::store {

struct PaymentCheckRec {
  std::int64_t id = 0, amount_fen = 0, entry_idx = 0, receipt_no = 0;
  std::string method;
  std::optional<std::int64_t> reversed_idx;
  std::int64_t allocated_fen = 0;  // what its allocations settled
};
std::vector<PaymentCheckRec> payments_to_check(Connection& c, std::int64_t cid);

struct BillCheckRec {
  std::int64_t id = 0, amount_fen = 0, paid_fen = 0;
  std::int64_t live_allocated_fen = 0;  // what payments not reversed allocated to it
};
std::vector<BillCheckRec> bills_to_check(Connection& c, std::int64_t cid);

struct BillRunCheckRec {
  std::int64_t id = 0, bills = 0, total_fen = 0;      // as the run recorded them
  std::int64_t bills_found = 0, bills_total_fen = 0;  // its bills as stored
};
std::vector<BillRunCheckRec> bill_runs_to_check(Connection& c, std::int64_t cid);

struct DisbursementCheckRec {
  std::int64_t id = 0, amount_fen = 0;
  std::string status, cash_account, expense_account;
  std::optional<std::int64_t> entry_idx, reverses_idx;
};
std::vector<DisbursementCheckRec> disbursements_to_check(Connection& c, std::int64_t cid);

struct DonationCheckRec {
  std::int64_t id = 0, amount_fen = 0;
  std::string status;
  std::optional<std::int64_t> entry_idx;
};
std::vector<DonationCheckRec> donations_to_check(Connection& c, std::int64_t cid);

struct PledgePaymentCheckRec {
  std::int64_t id = 0, pledge_id = 0, amount_fen = 0, entry_idx = 0;
  std::optional<std::int64_t> refund_idx;
};
std::vector<PledgePaymentCheckRec> pledge_payments_to_check(Connection& c, std::int64_t cid);

struct PledgeCheckRec {
  std::int64_t id = 0, paid_fen = 0;
  std::int64_t live_payments_fen = 0;  // its payments not refunded
};
std::vector<PledgeCheckRec> pledges_to_check(Connection& c, std::int64_t cid);

// Months of hourly service that were posted to the books.
struct ServicePostingCheckRec {
  std::string period;
  std::int64_t amount_fen = 0, entry_idx = 0;
};
std::vector<ServicePostingCheckRec> service_postings_to_check(Connection& c, std::int64_t cid);

// The interior nodes of the compound's Merkle tree as stored, by level then index.
struct MerkleNodeRec {
  std::int64_t level = 0, idx = 0;
  std::string hash_hex;
};
std::vector<MerkleNodeRec> list_merkle_nodes(Connection& c, std::int64_t cid);

}  // namespace xinyi::store
