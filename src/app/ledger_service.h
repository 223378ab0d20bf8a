// Writing the trust ledger: posting and reversing entries, uploading vouchers, and the
// co-managed disbursement queue (requests, approvals by both sides, execution) that reversals
// which move money join. Entries go in through the Appender (app/books.h); what anyone may read
// of the books is app/public_log.h.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "app/app.h"
#include "app/books.h"
#include "app/public_log.h"
#include "domain/ledger/books.h"
#include "domain/ledger/merkle.h"
#include "store/ledger_repo.h"

namespace xinyi::app {

inline constexpr std::size_t kMaxVoucherBytes = 10 * 1024 * 1024;

// Writes (committee or trustee; the router checks the role).
boost::json::object post_transaction(App& app, const Caller& who, std::int64_t cid,
                                     std::string_view body);
// The same, typed, in the caller's write transaction: the entry's index. A hand-made entry may
// only bring money in or move it between income, expense and the funds (ledger::journal_limits);
// money leaves through the co-managed flow.
struct JournalInput {
  std::string date, description;  // date: YYYY-MM-DD
  std::vector<ledger::Posting> postings;
  std::vector<std::string> vouchers;  // hashes of uploaded files
};
std::int64_t post_transaction_in(store::Connection& c, App& app, const Caller& who,
                                 std::int64_t cid, const JournalInput& in);
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
// A stored voucher: the file's hash (its name from now on), its type and size.
VoucherStored upload_voucher_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                                const std::string& content_type, const std::string& bytes);
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
// The members' view of one request for `who` (names in full, and what they may do with it).
boost::json::object disbursement_view(store::Connection& c, const Caller& who, std::int64_t cid,
                                      std::int64_t id);
boost::json::object approve_disbursement(App& app, const Caller& who, std::int64_t cid,
                                         std::int64_t id);
// The approval in the caller's write transaction. When it is the last one the rules ask for,
// the request executes at once, dated by the app's clock: `executed` and the entry it posted.
struct ApprovalOutcome {
  bool executed = false;
  std::optional<std::int64_t> entry_index;
};
ApprovalOutcome approve_disbursement_in(store::Connection& c, App& app, const Caller& who,
                                        std::int64_t cid, std::int64_t id);
void reject_disbursement_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                            std::int64_t id, const std::string& reason);
boost::json::object reject_disbursement(App& app, const Caller& who, std::int64_t cid,
                                        std::int64_t id, std::string_view body);
// The newest 200 requests. The public view masks the names of people paid and shows no user
// ids; the members' view (committee, trustee, staff, auditor) shows them, and says on each
// request what this caller may do with it: "can": ["approve", "reject"] as the server would
// allow it (the approve and reject answers carry it too).
boost::json::array list_public_disbursements(App& app, std::int64_t cid);
boost::json::array list_disbursements_for_members(App& app, const Caller& who, std::int64_t cid);

}  // namespace xinyi::app
