// Writing the trust ledger: posting and reversing entries, uploading vouchers, and the
// co-managed disbursement queue (requests, approvals by both sides, execution) that reversals
// which move money join. Entries go in through the Appender (app/books.h); what anyone may read
// of the books is app/public_log.h.
#pragma once

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

// Writes (committee or trustee; the router checks the role). Issue 18: the use cases take and
// return the structs below; their JSON is in http/routes/ledger.cc and approvals.cc.
//
// A hand-made entry (a journal entry) may only bring money in or move it between income, expense
// and the funds (ledger::journal_limits); money leaves through the co-managed flow.
struct JournalInput {
  std::string date, description;  // date: YYYY-MM-DD
  std::vector<ledger::Posting> postings;
  std::vector<std::string> vouchers;  // hashes of uploaded files
};
// The entry as stored (its index, leaf hash and canonical text).
store::EntryRec post_transaction(App& app, const Caller& who, CompoundId cid,
                                 const JournalInput& in);
// The same in the caller's write transaction: the entry's index.
std::int64_t post_transaction_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                                 const JournalInput& in);
// The request to reverse entry `index` (co-managed whatever it touches), in the caller's write
// transaction: its id in the disbursement queue. Refuses what reverse_transaction refuses.
std::int64_t request_reversal_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                                 std::int64_t index, const std::string& reason);
std::int64_t request_reversal_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                                 const ledger::Transaction& original,
                                 const std::vector<ledger::Account>& chart,
                                 const std::string& reason);
// After `t` was reversed by entry `reversal_idx`: the disbursement, donation or crowdfunding
// payment it recorded is marked reversed, so what projects, the charity fund and the lists count
// is what the books hold. In the caller's write transaction.
void follow_reversal(store::Connection& c, std::int64_t cid, const ledger::Transaction& t,
                     std::int64_t reversal_idx);
// A stored voucher: the file's hash (its name from now on), its type and size.
VoucherStored upload_voucher_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                                const std::string& content_type, const std::string& bytes);
VoucherStored upload_voucher(App& app, const Caller& who, CompoundId cid,
                             const std::string& content_type, const std::string& bytes);

// Co-managed disbursements.
// The ledger entry an approved disbursement posts: expense debited, bank credited, the payee
// masked when a person, its vouchers, a link back and every approval (names masked).
ledger::Transaction disbursement_entry(const store::DisbursementRec& d,
                                       const std::vector<ledger::Voucher>& vouchers,
                                       const std::vector<store::ApprovalRec>& approvals,
                                       const std::string& date);
// A payment request: `request_disbursement_in` checks and stores it in the caller's write
// transaction (with the requester's own approval) and returns its id.
struct DisbursementInput {
  std::string payee;
  bool payee_is_person = false;
  Fen amount_fen;
  std::string purpose, expense_account, cash_account = "1001";
  std::int64_t courtyard_id = 0;
  std::optional<std::int64_t> plan_item_id, vote_id;
  std::optional<Fen> per_unit_fen;
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
                                     CompoundId cid, DisbursementInput r);
std::int64_t crowdfunding_reserved(store::Connection& c, std::int64_t cid);

// A request as the queue shows it. The public view masks the names of people paid and of the
// approvers, shows no user ids and says nothing of what anyone may do; the members' view
// (committee, trustee, staff, auditor) names them and says in `can` what this caller may do
// with it ("approve", "reject"), as the server would allow it.
struct ApprovalView {
  std::string role, name;
  std::optional<std::int64_t> user_id;  // members' view only
  std::int64_t at_ms = 0;
};
struct DisbursementView {
  store::DisbursementRec request;  // payee and requester_name as this view may show them
  std::vector<ApprovalView> approvals;
  // A reversal request: the description and date of the entry it undoes.
  std::optional<std::string> reverses_description, reverses_date;
  store::DisbursementLinks links;
  std::int64_t households_covered = 0;
  // While pending: whose approvals are still missing, in Chinese and English.
  std::optional<std::string> missing_zh, missing_en;
  std::optional<std::vector<std::string>> can;  // members' view only
};
// A request with its approvals, checked and stored: the members' view for the requester. Money
// leaves only against a document the approvers can look at: at least one voucher (SPEC §4).
DisbursementView request_disbursement(App& app, const Caller& who, CompoundId cid,
                                      const DisbursementInput& in);
// The members' view of one request for `who`, in the caller's transaction.
DisbursementView disbursement_view(store::Connection& c, const Caller& who, std::int64_t cid,
                                   std::int64_t id);
DisbursementView approve_disbursement(App& app, const Caller& who, CompoundId cid, std::int64_t id);
// The approval in the caller's write transaction. When it is the last one the rules ask for,
// the request executes at once, dated by the app's clock: `executed` and the entry it posted.
struct ApprovalOutcome {
  bool executed = false;
  std::optional<std::int64_t> entry_index;
};
ApprovalOutcome approve_disbursement_in(store::Connection& c, App& app, const Caller& who,
                                        CompoundId cid, std::int64_t id);
void reject_disbursement_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                            std::int64_t id, const std::string& reason);
DisbursementView reject_disbursement(App& app, const Caller& who, CompoundId cid, std::int64_t id,
                                     const std::string& reason);
// The newest 200 requests, in the public view and in the members' view for `who`.
std::vector<DisbursementView> public_disbursements(App& app, CompoundId cid);
std::vector<DisbursementView> member_disbursements(App& app, const Caller& who, CompoundId cid);

// Reversing an entry that moved money or an owner's balance (ledger::reversal_is_co_managed)
// is a request in the disbursement queue, approved like a disbursement of its size, and
// executed on the day of the last approval: `pending` and the request. Any other reversal is
// posted at once: the reversal entry. A reversed fee payment gives its bills back what it
// settled and its receipt says 已作废.
struct ReversalInput {
  std::string reason;
  std::optional<std::string> date;  // YYYY-MM-DD of a reversal posted at once; default today
};
struct ReversalOutcome {
  bool pending = false;
  std::optional<store::EntryRec> entry;     // posted at once
  std::optional<DisbursementView> request;  // pending: the request in the queue
};
ReversalOutcome reverse_transaction(App& app, const Caller& who, CompoundId cid, std::int64_t index,
                                    const ReversalInput& in);

}  // namespace xinyi::app
