#include "store/workflow_repo.h"

namespace xinyi::store {

using I = std::int64_t;

std::vector<PaymentCheckRec> payments_to_check(Connection& c, I cid) {
  std::vector<PaymentCheckRec> out;
  for (const auto& r :
       c.query("SELECT p.id, p.amount_fen, p.method, p.entry_idx, p.reversed_idx, p.receipt_no, "
               "COALESCE((SELECT SUM(a.amount_fen) FROM payment_allocations a WHERE "
               "a.payment_id = p.id), 0) FROM payments p WHERE p.compound_id = ? ORDER BY p.id",
               {cid})) {
    PaymentCheckRec p;
    p.id = r.i64(0), p.amount_fen = r.i64(1), p.method = r.str(2), p.entry_idx = r.i64(3);
    p.reversed_idx = r.opt_i64(4), p.receipt_no = r.i64(5), p.allocated_fen = r.i64(6);
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<BillCheckRec> bills_to_check(Connection& c, I cid) {
  std::vector<BillCheckRec> out;
  for (const auto& r : c.query(
           "SELECT b.id, b.amount_fen, b.paid_fen, COALESCE((SELECT SUM(a.amount_fen) FROM "
           "payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE a.bill_id = b.id "
           "AND p.reversed_idx IS NULL), 0) FROM bills b WHERE b.compound_id = ? ORDER BY b.id",
           {cid}))
    out.push_back({r.i64(0), r.i64(1), r.i64(2), r.i64(3)});
  return out;
}

std::vector<BillRunCheckRec> bill_runs_to_check(Connection& c, I cid) {
  std::vector<BillRunCheckRec> out;
  for (const auto& r :
       c.query("SELECT r.id, r.bills, r.total_fen, (SELECT COUNT(*) FROM bills x WHERE "
               "x.run_id = r.id), (SELECT COALESCE(SUM(x.amount_fen), 0) FROM bills x WHERE "
               "x.run_id = r.id) FROM bill_runs r WHERE r.compound_id = ? ORDER BY r.id",
               {cid}))
    out.push_back({r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.i64(4)});
  return out;
}

std::vector<DisbursementCheckRec> disbursements_to_check(Connection& c, I cid) {
  std::vector<DisbursementCheckRec> out;
  for (const auto& r :
       c.query("SELECT id, status, amount_fen, cash_account, expense_account, entry_idx, "
               "reverses_idx FROM disbursements WHERE compound_id = ? ORDER BY id",
               {cid})) {
    DisbursementCheckRec d;
    d.id = r.i64(0), d.status = r.str(1), d.amount_fen = r.i64(2);
    d.cash_account = r.str(3), d.expense_account = r.str(4);
    d.entry_idx = r.opt_i64(5), d.reverses_idx = r.opt_i64(6);
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<DonationCheckRec> donations_to_check(Connection& c, I cid) {
  std::vector<DonationCheckRec> out;
  for (const auto& r :
       c.query("SELECT id, status, amount_fen, entry_idx FROM donations WHERE compound_id = ? "
               "ORDER BY id",
               {cid}))
    out.push_back({r.i64(0), r.i64(2), r.str(1), r.opt_i64(3)});
  return out;
}

std::vector<PledgePaymentCheckRec> pledge_payments_to_check(Connection& c, I cid) {
  std::vector<PledgePaymentCheckRec> out;
  for (const auto& r :
       c.query("SELECT id, pledge_id, amount_fen, entry_idx, refund_idx FROM pledge_payments WHERE "
               "compound_id = ? ORDER BY id",
               {cid}))
    out.push_back({r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.opt_i64(4)});
  return out;
}

std::vector<PledgeCheckRec> pledges_to_check(Connection& c, I cid) {
  std::vector<PledgeCheckRec> out;
  for (const auto& r :
       c.query("SELECT p.id, p.paid_fen, COALESCE((SELECT SUM(x.amount_fen) FROM pledge_payments x "
               "WHERE x.pledge_id = p.id AND x.refund_idx IS NULL), 0) FROM pledges p WHERE "
               "p.compound_id = ? ORDER BY p.id",
               {cid}))
    out.push_back({r.i64(0), r.i64(1), r.i64(2)});
  return out;
}

std::vector<ServicePostingCheckRec> service_postings_to_check(Connection& c, I cid) {
  std::vector<ServicePostingCheckRec> out;
  for (const auto& r : c.query(
           "SELECT period, amount_fen, entry_idx FROM service_postings WHERE compound_id = ? AND "
           "entry_idx IS NOT NULL ORDER BY period",
           {cid}))
    out.push_back({r.str(0), r.i64(1), r.i64(2)});
  return out;
}

std::vector<MerkleNodeRec> list_merkle_nodes(Connection& c, I cid) {
  std::vector<MerkleNodeRec> out;
  for (const auto& r : c.query(
           "SELECT level, idx, hash FROM merkle_nodes WHERE compound_id = ? ORDER BY level, idx",
           {cid}))
    out.push_back({r.i64(0), r.i64(1), r.str(2)});
  return out;
}

}  // namespace xinyi::store
