#include "store/billing_repo.h"

#include "domain/assert.h"

namespace xinyi::store {

using I = std::int64_t;
using S = std::string;

I insert_fee_rate(Connection& c, I cid, const FeeRateRec& r, I by, I now) {
  return c
      .query_one(
          "INSERT INTO fee_rates (compound_id, courtyard_id, effective_from, rate_fen, decision, document_sha256, "
          "vote_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {cid, r.courtyard_id, r.effective_from, r.rate_fen, r.decision, r.document_sha256,
           r.vote_id ? Value{r.vote_id} : Value{nullptr}, by, now})
      ->i64(0);
}

std::vector<FeeRateRec> list_fee_rates(Connection& c, I cid) {
  std::vector<FeeRateRec> out;
  for (
      auto& r : c.query(
          "SELECT id, courtyard_id, effective_from, rate_fen, decision, document_sha256, COALESCE(vote_id, 0) FROM fee_rates "
          "WHERE compound_id = ? ORDER BY courtyard_id, effective_from",
          {cid}))
    out.push_back({r.i64(0), r.i64(1), r.str(2), r.i64(3), r.str(4), r.str(5), r.i64(6)});
  return out;
}

I insert_bill_run(Connection& c, I cid, const S& period, I bills, I total, I by, I now) {
  return c
      .query_one(
          "INSERT INTO bill_runs (compound_id, period, bills, total_fen, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) "
          "RETURNING id",
          {cid, period, bills, total, by, now})
      ->i64(0);
}

I insert_bill(Connection& c, I cid, I run, const S& period, const NewBill& b, I now) {
  I id =
      c.query_one(
           "INSERT INTO bills (compound_id, courtyard_id, unit_id, run_id, period, first_month, amount_fen, paid_fen, "
           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
           {cid, b.courtyard_id, b.unit_id, run, period, b.first_month, b.amount_fen, b.paid_fen,
            now})
          ->i64(0);
  I n = 0;
  for (const auto& l : b.lines) {
    c.execute(
        "INSERT INTO bill_lines (compound_id, bill_id, n, from_month, to_month, months, rate_fen, area_centi_m2, amount_fen) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {cid, id, n++, l.from.str(), l.to.str(), I{l.months}, l.rate_fen, l.area_centi_m2,
         l.amount_fen});
    for (int k = 0; k < l.months; ++k)
      c.execute(
          "INSERT INTO billed_months (compound_id, unit_id, month, bill_id) VALUES (?, ?, ?, ?)",
          {cid, b.unit_id, l.from.plus(k).str(), id});
  }
  return id;
}

std::vector<S> billed_months(Connection& c, I unit_id, const S& first, const S& last) {
  std::vector<S> out;
  for (
      auto& r : c.query(
          "SELECT month FROM billed_months WHERE unit_id = ? AND month BETWEEN ? AND ? ORDER BY month",
          {unit_id, first, last}))
    out.push_back(r.str(0));
  return out;
}

namespace {
constexpr const char* kBillSelect =
    "SELECT id, unit_id, courtyard_id, period, first_month, amount_fen, paid_fen FROM bills ";
BillRec bill_from(const Row& r) {
  return {r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.i64(5), r.i64(6)};
}
}  // namespace

std::vector<BillRec> open_bills(Connection& c, I cid, I unit_id) {
  std::vector<BillRec> out;
  for (auto& r : c.query(std::string(kBillSelect) +
                             "WHERE compound_id = ? AND unit_id = ? AND paid_fen < amount_fen "
                             "ORDER BY first_month, id",
                         {cid, unit_id}))
    out.push_back(bill_from(r));
  return out;
}

std::vector<BillRec> unit_bills(Connection& c, I cid, I unit_id) {
  std::vector<BillRec> out;
  for (auto& r :
       c.query(std::string(kBillSelect) +
                   "WHERE compound_id = ? AND unit_id = ? ORDER BY first_month DESC, id DESC",
               {cid, unit_id}))
    out.push_back(bill_from(r));
  return out;
}

void add_paid(Connection& c, I bill_id, I amount) {
  c.execute("UPDATE bills SET paid_fen = paid_fen + ? WHERE id = ?", {amount, bill_id});
}

std::vector<PrepaidRec> prepaid(Connection& c, I cid, I unit_id) {
  std::vector<PrepaidRec> out;
  for (
      auto& r : c.query(
          "SELECT p.id, p.amount_fen - COALESCE((SELECT SUM(a.amount_fen) FROM payment_allocations a "
          "WHERE a.payment_id = p.id), 0) FROM payments p WHERE p.compound_id = ? AND p.unit_id = ? AND p.reversed_idx IS NULL "
          "ORDER BY p.id",
          {cid, unit_id}))
    if (r.i64(1) > 0) out.push_back({r.i64(0), r.i64(1)});
  return out;
}

I next_receipt_no(Connection& c, I cid) {
  return c.scalar("SELECT COALESCE(MAX(receipt_no), 0) + 1 FROM payments WHERE compound_id = ?",
                  {cid});
}

I insert_payment(Connection& c, I cid, const PaymentRec& p, I by, I now) {
  return c
      .query_one(
          "INSERT INTO payments (compound_id, unit_id, receipt_no, amount_fen, method, reference, paid_on, entry_idx, "
          "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {cid, p.unit_id, p.receipt_no, p.amount_fen, p.method, p.reference, p.paid_on,
           p.entry_idx, by, now})
      ->i64(0);
}

void insert_allocation(Connection& c, I cid, I payment_id, I bill_id, I amount) {
  c.execute(
      "INSERT INTO payment_allocations (compound_id, payment_id, bill_id, amount_fen) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (payment_id, bill_id) DO UPDATE SET amount_fen = payment_allocations.amount_fen + excluded.amount_fen",
      {cid, payment_id, bill_id, amount});
}

std::vector<PaymentRec> unit_payments(Connection& c, I cid, I unit_id) {
  std::vector<PaymentRec> out;
  for (
      auto& r : c.query(
          "SELECT id, unit_id, receipt_no, amount_fen, method, reference, paid_on, entry_idx, created_at FROM payments "
          "WHERE compound_id = ? AND unit_id = ? ORDER BY id DESC",
          {cid, unit_id}))
    out.push_back(
        {r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.str(4), r.str(5), r.str(6), r.i64(7), r.i64(8)});
  return out;
}

std::vector<ArrearRec> arrears(Connection& c, I cid) {
  std::vector<ArrearRec> out;
  for (
      auto& r : c.query(
          "SELECT b.unit_id, b.courtyard_id, u.label, MIN(b.first_month), COUNT(*), SUM(b.amount_fen - b.paid_fen) "
          "FROM bills b JOIN units u ON u.id = b.unit_id WHERE b.compound_id = ? AND b.paid_fen < b.amount_fen "
          "GROUP BY b.unit_id, b.courtyard_id, u.label ORDER BY b.courtyard_id, u.label",
          {cid}))
    out.push_back({r.i64(0), r.i64(1), r.str(2), r.str(3), r.i64(4), r.i64(5)});
  return out;
}

std::optional<PaymentAtEntry> payment_at_entry(Connection& c, std::int64_t cid,
                                               std::int64_t entry_idx, bool live_only) {
  auto r =
      live_only
          ? c.query_one(
                "SELECT id, amount_fen FROM payments WHERE compound_id = ? AND entry_idx = ? AND reversed_idx IS NULL",
                {cid, entry_idx})
          : c.query_one(
                "SELECT id, amount_fen FROM payments WHERE compound_id = ? AND entry_idx = ?",
                {cid, entry_idx});
  if (!r) return std::nullopt;
  return PaymentAtEntry{r->i64(0), r->i64(1)};
}

std::int64_t allocated_fen(Connection& c, std::int64_t payment_id) {
  return c.scalar(
      "SELECT COALESCE(SUM(amount_fen), 0) FROM payment_allocations WHERE payment_id = ?",
      {payment_id});
}

void undo_payment(Connection& c, std::int64_t payment_id, std::int64_t reversal_idx) {
  for (auto& a : c.query("SELECT bill_id, amount_fen FROM payment_allocations WHERE payment_id = ?",
                         {payment_id}))
    c.execute("UPDATE bills SET paid_fen = paid_fen - ? WHERE id = ?", {a.i64(1), a.i64(0)});
  c.execute("UPDATE payments SET reversed_idx = ? WHERE id = ?", {reversal_idx, payment_id});
}

bool fee_rate_from(Connection& c, I cid, I courtyard_id, const S& month) {
  return c.scalar(
             "SELECT COUNT(*) FROM fee_rates WHERE compound_id = ? AND courtyard_id = ? AND "
             "effective_from = ?",
             {cid, courtyard_id, month}) != 0;
}

bool fee_rate_before(Connection& c, I cid, I courtyard_id, const S& month) {
  return c.scalar(
             "SELECT COUNT(*) FROM fee_rates WHERE compound_id = ? AND courtyard_id = ? AND "
             "effective_from < ?",
             {cid, courtyard_id, month}) != 0;
}

void set_billing_from(Connection& c, I cid, const S& month) {
  c.execute("UPDATE compounds SET billing_from = ? WHERE id = ?", {month, cid});
}

S billing_from(Connection& c, I cid) {
  auto r = c.query_one("SELECT billing_from FROM compounds WHERE id = ?", {cid});
  XINYI_ASSERT(r.has_value());
  return r->str(0);
}

std::vector<BilledMonthRec> billed_months_of_compound(Connection& c, I cid, const S& first,
                                                      const S& last) {
  std::vector<BilledMonthRec> out;
  for (const auto& r :
       c.query("SELECT unit_id, month FROM billed_months WHERE compound_id = ? AND month BETWEEN ? "
               "AND ?",
               {cid, first, last}))
    out.push_back({r.i64(0), r.str(1)});
  return out;
}

std::vector<BillLineRec> list_bill_lines(Connection& c, I bill_id) {
  std::vector<BillLineRec> out;
  for (const auto& r :
       c.query("SELECT from_month, to_month, months, rate_fen, area_centi_m2, amount_fen FROM "
               "bill_lines WHERE bill_id = ? ORDER BY n",
               {bill_id}))
    out.push_back({r.str(0), r.str(1), r.i64(2), r.i64(3), r.i64(4), r.i64(5)});
  return out;
}

std::optional<PaymentReceiptRec> get_receipt(Connection& c, I cid, I receipt_no) {
  auto r = c.query_one(
      "SELECT id, unit_id, amount_fen, method, reference, paid_on, entry_idx, reversed_idx, "
      "created_at FROM payments WHERE compound_id = ? AND receipt_no = ?",
      {cid, receipt_no});
  if (!r) return std::nullopt;
  PaymentReceiptRec out;
  PaymentRec& p = out.payment;
  p.id = r->i64(0), p.unit_id = r->i64(1), p.receipt_no = receipt_no, p.amount_fen = r->i64(2);
  p.method = r->str(3), p.reference = r->str(4), p.paid_on = r->str(5);
  p.entry_idx = r->i64(6), p.created_at = r->i64(8);
  out.reversed_idx = r->opt_i64(7);
  return out;
}

std::vector<AllocationRec> list_allocations(Connection& c, I payment_id) {
  std::vector<AllocationRec> out;
  for (const auto& r : c.query(
           "SELECT a.bill_id, b.period, a.amount_fen FROM payment_allocations a JOIN bills b ON "
           "b.id = a.bill_id WHERE a.payment_id = ? ORDER BY b.first_month, a.bill_id",
           {payment_id}))
    out.push_back({r.i64(0), r.str(1), r.i64(2)});
  return out;
}

std::vector<BillExportRec> export_bills(Connection& c, I cid, const S& first, const S& last) {
  std::vector<BillExportRec> out;
  for (const auto& r : c.query(
           "SELECT b.period, y.name, u.label, u.area_centi_m2, b.amount_fen, b.paid_fen FROM "
           "bills b JOIN units u ON u.id = b.unit_id JOIN courtyards y ON y.id = b.courtyard_id "
           "WHERE b.compound_id = ? AND b.first_month BETWEEN ? AND ? ORDER BY y.name, u.label, "
           "b.first_month",
           {cid, first, last}))
    out.push_back({r.str(0), r.str(1), r.str(2), r.i64(3), r.i64(4), r.i64(5)});
  return out;
}

std::vector<PaymentExportRec> export_payments(Connection& c, I cid, const S& from,
                                              const S& to_before) {
  std::vector<PaymentExportRec> out;
  for (const auto& r : c.query(
           "SELECT p.receipt_no, p.paid_on, y.name, u.label, p.amount_fen, p.method, p.entry_idx "
           "FROM payments p JOIN units u ON u.id = p.unit_id JOIN courtyards y ON "
           "y.id = u.courtyard_id WHERE p.compound_id = ? AND p.paid_on >= ? AND p.paid_on < ? "
           "ORDER BY p.receipt_no",
           {cid, from, to_before}))
    out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4), r.str(5), r.i64(6)});
  return out;
}

std::int64_t largest_bill_fen(Connection& c, std::int64_t unit_id) {
  return c.scalar("SELECT COALESCE(MAX(amount_fen), 0) FROM bills WHERE unit_id = ?", {unit_id});
}

std::vector<std::pair<std::int64_t, std::int64_t>> period_bills(Connection& c, std::int64_t cid,
                                                                const std::string& period) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (
      auto& r : c.query(
          "SELECT unit_id, amount_fen FROM bills WHERE compound_id = ? AND period = ? ORDER BY unit_id",
          {cid, period}))
    out.emplace_back(r.i64(0), r.i64(1));
  return out;
}

}  // namespace xinyi::store
