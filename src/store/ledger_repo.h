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
  std::string vouchers_json;
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

}  // namespace xinyi::store
