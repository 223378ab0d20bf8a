// Ledger storage: the chart, the append-only entries with their postings, the Merkle log's
// complete nodes, signed tree heads, vouchers, disbursements and witness signatures.
//
// ledger_entries and postings are written once and never updated or deleted by any code path;
// `canonical` holds the published RFC 8785 text (the source of truth), postings are derived
// from it for fast balances, and `xinyi verify` checks one against the other.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "domain/ledger/books.h"
#include "domain/ledger/merkle.h"
#include "store/sql.h"

namespace xinyi::store {

// Keys and chart.
void insert_compound_key(Connection& c, std::int64_t cid, const std::string& public_b64,
                         const std::string& secret_b64, std::int64_t now);
struct KeyRec {
  std::string public_b64, secret_b64;
};
std::optional<KeyRec> get_compound_key(Connection& c, std::int64_t cid);
void insert_chart(Connection& c, std::int64_t cid, const std::vector<ledger::Account>& chart);
std::vector<ledger::Account> load_chart(Connection& c, std::int64_t cid);
std::int64_t approval_threshold(Connection& c, std::int64_t cid);

// Entries. insert_entry() writes the entry and its postings; the running balances are added
// per batch with add_balances() (the Appender does both).
std::int64_t ledger_size(Connection& c, std::int64_t cid);
// deltas: (account, courtyard, date) → amount to add.
void add_balances(
    Connection& c, std::int64_t cid,
    const std::map<std::tuple<std::string, std::int64_t, std::string>, std::int64_t>& deltas);
void insert_entry(Connection& c, const ledger::Transaction& t, const std::string& canonical,
                  const std::string& leaf_hex);
struct EntryRec {
  std::int64_t idx = 0;
  std::string date, kind, description, canonical, leaf_hash;
  std::int64_t recorded_at = 0;
  std::optional<std::int64_t> reverses;
};
std::vector<EntryRec> list_entries(Connection& c, std::int64_t cid, std::int64_t from_idx,
                                   std::int64_t limit);
std::optional<EntryRec> get_entry(Connection& c, std::int64_t cid, std::int64_t idx);
// Newest first, for the disclosure page.
std::vector<EntryRec> list_entries_desc(Connection& c, std::int64_t cid, std::int64_t before_idx,
                                        std::int64_t limit);
std::optional<std::int64_t> reversed_by(Connection& c, std::int64_t cid, std::int64_t idx);
struct PostingRec {
  std::int64_t idx, n;
  std::string account;
  std::int64_t courtyard_id, amount_fen;
  std::string date;
};
std::vector<PostingRec> list_postings(Connection& c, std::int64_t cid, std::int64_t from_idx,
                                      std::int64_t to_idx);
// Sum per (account, courtyard) of postings dated on or before `as_of` (all when empty), read
// from the running totals that insert_entry() keeps (verify checks them against the entries).
struct BalanceRec {
  std::string account;
  std::int64_t courtyard_id, amount_fen;
};
std::vector<BalanceRec> balances(Connection& c, std::int64_t cid, const std::string& as_of);
// One account's balance now (debit-positive), over all courtyards or one, from the same totals.
std::int64_t account_balance(Connection& c, std::int64_t cid, const std::string& account);
std::int64_t account_balance(Connection& c, std::int64_t cid, const std::string& account,
                             std::int64_t courtyard_id);
// What the pending disbursement requests from a cash account would take from it.
std::int64_t pending_from(Connection& c, std::int64_t cid, const std::string& cash_account);
// What was booked to `account` in the entries that took money out of the charity fund's
// account (1002): the expense side of the fund's spending.
std::int64_t charity_fund_spent_fen(Connection& c, std::int64_t cid, const std::string& account);

// Merkle nodes and heads. Level 0 (the leaves) is ledger_entries.leaf_hash; insert_node()
// ignores it and get_node() reads it from there.
void insert_node(Connection& c, std::int64_t cid, int level, std::uint64_t idx,
                 const ledger::Hash& h);
std::optional<ledger::Hash> get_node(Connection& c, std::int64_t cid, int level, std::uint64_t idx);
// The NodeSource of one compound's log, reading complete nodes from the store.
class StoreNodes : public ledger::NodeSource {
 public:
  StoreNodes(Connection& c, std::int64_t cid) : c_(c), cid_(cid) {}
  ledger::Hash node(int level, std::uint64_t index) override;

 private:
  Connection& c_;
  std::int64_t cid_;
};
struct HeadRec {
  std::int64_t tree_size = 0;
  std::string root;  // hex
  std::int64_t timestamp = 0;
  std::string signature;  // base64
};
void insert_head(Connection& c, std::int64_t cid, const HeadRec& h);
std::optional<HeadRec> latest_head(Connection& c, std::int64_t cid);
std::optional<HeadRec> head_at(Connection& c, std::int64_t cid, std::int64_t tree_size);
std::vector<HeadRec> list_heads(Connection& c, std::int64_t cid);

// Witnesses.
std::int64_t insert_witness_key(Connection& c, std::int64_t cid, std::int64_t user_id,
                                const std::string& public_b64, std::int64_t now);
struct WitnessKeyRec {
  std::int64_t id, user_id;
  std::string public_b64, user_name;
};
std::optional<WitnessKeyRec> get_witness_key(Connection& c, std::int64_t cid, std::int64_t key_id);
void insert_witness_signature(Connection& c, std::int64_t cid, std::int64_t tree_size,
                              std::int64_t key_id, const std::string& signature_b64,
                              std::int64_t now);
struct WitnessSigRec {
  std::int64_t key_id;
  std::string public_b64, user_name, signature;
  std::int64_t signed_at;
};
std::vector<WitnessSigRec> list_witness_signatures(Connection& c, std::int64_t cid,
                                                   std::int64_t tree_size);

// Vouchers.
void insert_voucher(Connection& c, std::int64_t cid, const std::string& sha256,
                    const std::string& mime, const std::string& bytes, std::int64_t user_id,
                    std::int64_t now);
struct VoucherRec {
  std::string sha256, mime;
  std::int64_t size;
  std::string bytes;
};
std::optional<VoucherRec> get_voucher(Connection& c, std::int64_t cid, const std::string& sha256,
                                      bool with_bytes);

// Disbursements.
struct DisbursementRec {
  std::int64_t id = 0, compound_id = 0;
  std::string status, payee;
  bool payee_is_person = false;
  std::int64_t amount_fen = 0;
  std::string purpose, expense_account, cash_account;
  std::int64_t courtyard_id = 0;
  std::vector<std::string> vouchers;  // hashes of the uploaded files it cites
  std::int64_t requested_by = 0, requested_at = 0;
  std::optional<std::int64_t> decided_at;
  std::string reason;
  std::optional<std::int64_t> entry_idx;
  std::string requester_name;
  // A reversal request: the index of the entry it undoes once approved (no payee, no expense).
  std::optional<std::int64_t> reverses_idx;
};
std::int64_t insert_disbursement(Connection& c, const DisbursementRec& d);
std::optional<DisbursementRec> get_disbursement(Connection& c, std::int64_t cid, std::int64_t id);
std::vector<DisbursementRec> list_disbursements(Connection& c, std::int64_t cid,
                                                std::int64_t limit);
// The payments requested from the charity fund's account (1002), not rejected and not
// reversals, newest first; at most 200.
struct FundPaymentRec {
  std::int64_t id = 0;
  std::string purpose, payee;
  bool payee_is_person = false;
  std::int64_t amount_fen = 0;
  std::string expense_account, status;
  std::optional<std::int64_t> entry_idx;
  std::int64_t at_ms = 0;  // when decided; while undecided, when requested
};
std::vector<FundPaymentRec> list_charity_fund_disbursements(Connection& c, std::int64_t cid);
void decide_disbursement(Connection& c, std::int64_t cid, std::int64_t id,
                         const std::string& status, std::int64_t at, const std::string& reason,
                         std::optional<std::int64_t> entry_idx);
struct ApprovalRec {
  std::int64_t user_id;
  std::string role, name;
  std::int64_t at;
};
bool insert_approval(Connection& c, std::int64_t cid, std::int64_t disbursement_id,
                     const ApprovalRec& a);
std::vector<ApprovalRec> list_approvals(Connection& c, std::int64_t disbursement_id);

// ---- more of the disbursement queue ------------------------------------------------------------
// What a request is for, beyond DisbursementRec: the surplus plan item, the renewal project (with
// its budget line and funding source) and the owners' vote it cites.
struct DisbursementLinks {
  std::optional<std::int64_t> plan_item_id, project_id, project_line_id;
  std::optional<std::string> funding_source;
};
DisbursementLinks get_disbursement_links(Connection& c, std::int64_t id);
// The executed payments bought per household that covered this unit (insurance, …), newest
// first: what each was for and the unit's share.
struct CoveredByRec {
  std::string purpose;
  std::int64_t per_unit_fen = 0;
  std::optional<std::int64_t> entry_idx;
};
std::vector<CoveredByRec> list_covering_unit(Connection& c, std::int64_t unit_id);
void set_disbursement_vote(Connection& c, std::int64_t id, std::int64_t vote_id);
void set_disbursement_plan_item(Connection& c, std::int64_t id, std::int64_t plan_item_id);
void set_disbursement_project(Connection& c, std::int64_t id, std::int64_t project_id,
                              std::int64_t line_id, const std::string& funding_source);
void set_disbursement_quote(Connection& c, std::int64_t id, std::int64_t quote_id);
// The households an aid payment or a refund covers, with each one's share.
void insert_covered_unit(Connection& c, std::int64_t cid, std::int64_t disbursement_id,
                         std::int64_t unit_id, std::int64_t per_unit_fen);
std::int64_t count_covered_units(Connection& c, std::int64_t disbursement_id);
bool has_approved(Connection& c, std::int64_t disbursement_id, std::int64_t user_id);
// An executed request whose entry was reversed.
void mark_disbursement_reversed(Connection& c, std::int64_t cid, std::int64_t id);
// Whether a request to reverse entry `index` waits for approval (other than `except_id`).
bool reversal_pending(Connection& c, std::int64_t cid, std::int64_t index, std::int64_t except_id);

// A renewal project's requests (pending and executed), as its page and its payment checks count
// them.
struct ProjectDisbursementRec {
  std::int64_t id = 0, line_id = 0, courtyard_id = 0, amount_fen = 0;
  std::optional<std::int64_t> quote_id, entry_idx;
  std::string funding_source, status, payee, expense_account;
  bool payee_is_person = false;
  std::int64_t at_ms = 0;  // decided, or requested while pending
};
// Every request of the project, by id (rejected and reversed ones too).
std::vector<ProjectDisbursementRec> list_project_disbursements(Connection& c, std::int64_t pid);
// Pending and executed refunds of a project's unspent crowdfunding: {pending, executed} in fen.
std::pair<std::int64_t, std::int64_t> crowdfunding_refunds_fen(Connection& c, std::int64_t pid);
// What subsidy-funded requests of the compound's projects take or asked for (pending+executed).
std::int64_t subsidy_committed_fen(Connection& c, std::int64_t cid);
// What requests booked to a courtyard still wait for.
std::int64_t courtyard_pending_fen(Connection& c, std::int64_t cid, std::int64_t courtyard_id);
// A courtyard's own income less its costs as booked to it, credit-positive, leaving out
// restricted income (donations 4005, crowdfunding 4007, subsidies 4008).
std::int64_t courtyard_surplus_fen(Connection& c, std::int64_t cid, std::int64_t courtyard_id);

// Postings summed per month (YYYY-MM), account type and account, for income and expense
// accounts, from `from_date` on.
struct MonthlyPostingRec {
  std::string month, type, account;
  std::int64_t amount_fen = 0;
};
std::vector<MonthlyPostingRec> monthly_postings(Connection& c, std::int64_t cid,
                                                const std::string& from_date);
// One account's postings summed up to and including `date` (debit-positive).
std::int64_t posted_balance_until(Connection& c, std::int64_t cid, const std::string& account,
                                  const std::string& date);
// A witness key by its public key (nullopt: not registered here).
std::optional<WitnessKeyRec> find_witness_key(Connection& c, std::int64_t cid,
                                              const std::string& public_b64);

// A resumable journal import: how many of a file's entries are in (nullopt: never started).
std::optional<std::int64_t> journal_import_done(Connection& c, std::int64_t cid,
                                                const std::string& file_sha256);
void set_journal_import_done(Connection& c, std::int64_t cid, const std::string& file_sha256,
                             std::int64_t entries_done, std::int64_t now_ms);

// One account's postings with their entries' descriptions, by date then entry (as a bank
// statement of that account would list them).
struct AccountPostingRec {
  std::string date;
  std::int64_t amount_fen = 0;
  std::string description;
};
std::vector<AccountPostingRec> account_postings(Connection& c, std::int64_t cid,
                                                const std::string& account);

}  // namespace xinyi::store
