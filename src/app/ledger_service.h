// The trust ledger's use cases: books set-up, posting and reversing entries, the public log
// (entries, signed heads, proofs, balances), vouchers, co-managed disbursements and witness
// co-signatures.
//
// Every append happens through an Appender inside one write transaction: the entry, its
// postings, the Merkle nodes it completes and a freshly signed tree head commit together or
// not at all, so the store never holds an entry that no signed head covers.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "app/app.h"
#include "domain/ledger/books.h"
#include "domain/ledger/merkle.h"
#include "store/ledger_repo.h"

namespace xinyi::app {

inline constexpr std::int64_t kMaxLedgerPage = 1000;
inline constexpr std::size_t kMaxVoucherBytes = 10 * 1024 * 1024;

// The calendar date (China Standard Time, UTC+8) of a moment in ms since the epoch.
std::string china_date(std::int64_t ms);

// Creates the compound's log key, chart and the signed head of the empty log, if missing.
void ensure_books(store::Connection& c, std::int64_t cid, std::int64_t now_ms);

class Appender {
 public:
  // REQUIRES: inside a write transaction; ensure_books() ran for `cid`.
  Appender(store::Connection& c, std::int64_t cid, std::int64_t now_ms);
  // Validates `t` (Error 422 listing every problem), assigns its index, stores it and its nodes.
  std::int64_t append(ledger::Transaction t);
  // Signs a tree head over everything appended; a no-op when nothing was.
  void finish();
  std::int64_t size() const { return static_cast<std::int64_t>(builder_.size()); }

 private:
  // No entry takes a bank or cash account below zero (Error 422 "overdraft" with what it holds).
  void refuse_overdraft(const ledger::Transaction& t);

  store::Connection& c_;
  std::int64_t cid_, now_ms_;
  std::vector<ledger::Account> chart_;
  std::vector<std::int64_t> courtyards_;
  ledger::TreeBuilder builder_;
  std::map<std::tuple<std::string, std::int64_t, std::string>, std::int64_t> balance_deltas_;
  bool dirty_ = false;
};

// Refuses (422 "overdraft", naming what is available) a request to take `amount_fen` out of a
// bank or cash account that does not hold it once the requests already pending are counted.
void require_cash_available(store::Connection& c, std::int64_t cid, const std::string& account,
                            std::int64_t amount_fen);

// Writes (committee or trustee; the router checks the role).
boost::json::object post_transaction(App& app, const Caller& who, std::int64_t cid,
                                     std::string_view body);
// Reversing an entry that moved money or an owner's balance (ledger::reversal_is_co_managed)
// is a request in the disbursement queue, approved like a disbursement of its size, and
// executed on the day of the last approval: `pending` and the request's view. Any other
// reversal is posted at once: the reversal entry. A reversed fee payment gives its bills back
// what it settled and its receipt says 已作废.
struct ReversalOutcome {
  bool pending = false;
  boost::json::object body;
};
ReversalOutcome reverse_transaction(App& app, const Caller& who, std::int64_t cid,
                                    std::int64_t index, std::string_view body);
// The request to reverse entry `index` (co-managed whatever it touches), in the caller's write
// transaction: its id in the disbursement queue. Refuses what reverse_transaction refuses.
std::int64_t request_reversal_in(store::Connection& c, App& app, const Caller& who,
                                 std::int64_t cid, std::int64_t index, const std::string& reason);
std::int64_t request_reversal_in(store::Connection& c, App& app, const Caller& who,
                                 std::int64_t cid, const ledger::Transaction& original,
                                 const std::vector<ledger::Account>& chart,
                                 const std::string& reason);
// After `t` was reversed by entry `reversal_idx`: the disbursement, donation or crowdfunding
// payment it recorded is marked reversed, so what projects, the charity fund and the lists count
// is what the books hold. In the caller's write transaction.
void follow_reversal(store::Connection& c, std::int64_t cid, const ledger::Transaction& t,
                     std::int64_t reversal_idx);
boost::json::object upload_voucher(App& app, const Caller& who, std::int64_t cid,
                                   const std::string& content_type, const std::string& bytes);

// Co-managed disbursements.
// The ledger entry an approved disbursement posts: expense debited, bank credited, the payee
// masked when a person, its vouchers, a link back and every approval (names masked).
ledger::Transaction disbursement_entry(const store::DisbursementRec& d,
                                       const std::vector<ledger::Voucher>& vouchers,
                                       const std::vector<store::ApprovalRec>& approvals,
                                       const std::string& date);
boost::json::object request_disbursement(App& app, const Caller& who, std::int64_t cid,
                                         std::string_view body);
// The request, decoded; `request_disbursement_in` checks and stores it in the caller's write
// transaction (with the requester's own approval) and returns its id.
struct DisbursementInput {
  std::string payee;
  bool payee_is_person = false;
  std::int64_t amount_fen = 0;
  std::string purpose, expense_account, cash_account = "1001";
  std::int64_t courtyard_id = 0;
  std::optional<std::int64_t> plan_item_id, per_unit_fen, vote_id;
  std::vector<std::int64_t> covered_units;
  std::vector<std::string> vouchers;       // hashes of uploaded files
  std::optional<std::int64_t> project_id;  // a renewal project's payment, with its line and source
  std::int64_t project_line_id = 0;
  std::string funding_source;
  // Giving income back (a crowdfunding surplus returned to the households): the debited account
  // may be an income account.
  bool refund_of_income = false;
};
// A request from the basic account (1001) may not reach into crowdfunding that households paid
// for a project still under way (`crowdfunding_reserved`); that money pays only its project.
std::int64_t request_disbursement_in(store::Connection& c, App& app, const Caller& who,
                                     std::int64_t cid, DisbursementInput r);
std::int64_t crowdfunding_reserved(store::Connection& c, std::int64_t cid);
boost::json::object disbursement_view(store::Connection& c, std::int64_t cid, std::int64_t id,
                                      bool masked);
boost::json::object approve_disbursement(App& app, const Caller& who, std::int64_t cid,
                                         std::int64_t id);
boost::json::object reject_disbursement(App& app, const Caller& who, std::int64_t cid,
                                        std::int64_t id, std::string_view body);
// `masked`: the public view (payee names of people masked, no user ids).
boost::json::array list_disbursements(App& app, std::int64_t cid, bool masked);

// Witnesses (community staff).
boost::json::object add_witness_key(App& app, const Caller& who, std::int64_t cid,
                                    std::string_view body);
boost::json::object cosign_head(App& app, const Caller& who, std::int64_t cid,
                                std::string_view body);

// The public log.
boost::json::object ledger_page(App& app, std::int64_t cid, std::int64_t from, std::int64_t limit);
boost::json::object ledger_feed(App& app, std::int64_t cid, std::int64_t before,
                                std::int64_t limit);
boost::json::object signed_head(App& app, std::int64_t cid);
boost::json::object public_key(App& app, std::int64_t cid);
boost::json::object inclusion(App& app, std::int64_t cid, std::int64_t index,
                              std::int64_t tree_size);
boost::json::object consistency(App& app, std::int64_t cid, std::int64_t first,
                                std::int64_t second);
boost::json::object balances(App& app, std::int64_t cid, const std::string& as_of);
// For the public page's charts: income and expenses per month for the `months` months up to
// this one (China time), and the expenses of that span by account. Sums of postings, in fen.
boost::json::object monthly_summary(App& app, std::int64_t cid, std::int64_t months);
// Entry `index` of compound `cid` exists, or 404 (for pages that link to it).
void require_entry(App& app, std::int64_t cid, std::int64_t index);

struct VoucherFile {
  std::string mime, bytes;
};
VoucherFile voucher_file(App& app, std::int64_t cid, const std::string& sha256);

}  // namespace xinyi::app
