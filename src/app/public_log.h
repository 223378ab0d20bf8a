// The public log of a compound's books, which anyone may read and check: pages of entries,
// the signed tree heads with their witnesses' co-signatures, inclusion and consistency proofs
// (RFC 9162), balances, the monthly summary and the vouchers behind entries. Witnesses
// (community staff) register keys and co-sign heads here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/app.h"
#include "domain/ledger/books.h"
#include "store/ledger_repo.h"

namespace xinyi::app {

inline constexpr std::int64_t kMaxLedgerPage = 1000;

// Issue 18: the use cases return the structs below; their JSON is in http/routes/ledger.cc.

// A signed tree head with its witnesses' co-signatures (names masked); `head` nullopt: the log
// has no signed head yet (the empty tree).
struct HeadView {
  std::int64_t compound_id = 0;
  std::optional<store::HeadRec> head;
  std::vector<store::WitnessSigRec> witnesses;
};

// Witnesses (community staff). Registering one's key again answers its id.
struct WitnessKey {
  std::int64_t key_id = 0;
  std::string public_key;  // base64
};
WitnessKey add_witness_key(App& app, const Caller& who, CompoundId cid,
                           const std::string& public_key_b64);
HeadView cosign_head(App& app, const Caller& who, CompoundId cid, std::int64_t key_id,
                     std::int64_t tree_size, const std::string& signature_b64);

// The public log: entries from `from` (at most kMaxLedgerPage) within the signed head.
struct LedgerPage {
  std::int64_t tree_size = 0, from = 0;
  std::vector<store::EntryRec> entries;
};
LedgerPage ledger_page(App& app, CompoundId cid, std::int64_t from, std::int64_t limit);
// Newest first, before `before` (0: the newest), with account names, courtyards and reversals.
struct FeedPosting {
  ledger::Posting posting;
  std::string name_zh, name_en, courtyard;
};
struct FeedItem {
  ledger::Transaction entry;
  std::vector<FeedPosting> postings;
  std::string leaf_hash;
  std::optional<std::int64_t> reversed_by;
};
struct LedgerFeed {
  std::int64_t tree_size = 0;
  std::vector<FeedItem> items;
  std::optional<std::int64_t> next_before;
};
LedgerFeed ledger_feed(App& app, CompoundId cid, std::int64_t before, std::int64_t limit);
HeadView signed_head(App& app, CompoundId cid);
// The compound's log key (Ed25519, base64).
std::string public_key(App& app, CompoundId cid);
struct Proof {
  std::int64_t first = 0, second = 0;  // inclusion: (index, tree size); consistency: the sizes
  std::string leaf_hash;               // inclusion only
  std::vector<std::string> path;       // hex
};
Proof inclusion(App& app, CompoundId cid, std::int64_t index, std::int64_t tree_size);
Proof consistency(App& app, CompoundId cid, std::int64_t first, std::int64_t second);
// Every account of the chart with its balance; per courtyard its income, expenses and account
// balances; and the sums by account and courtyard (as of a date, or now).
struct AccountBalance {
  ledger::Account account;
  Fen balance_fen;
};
struct CourtyardBalances {
  std::int64_t id = 0;
  std::string name;
  Fen income_fen, expense_fen;
  std::vector<std::pair<std::string, std::int64_t>> accounts;  // (code, balance)
};
struct Balances {
  std::int64_t compound_id = 0, tree_size = 0;
  std::optional<std::string> as_of;
  std::vector<AccountBalance> accounts;
  std::vector<CourtyardBalances> courtyards;
  std::vector<store::BalanceRec> sums;
};
Balances balances(App& app, CompoundId cid, const std::string& as_of);
// For the public page's charts: income and expenses per month for the `months` months up to
// this one (China time), and the expenses of that span by account. Sums of postings, in fen.
struct MonthFlow {
  std::string month;
  Fen income_fen, expense_fen;
};
struct AccountExpense {
  std::string code, name_zh, name_en;
  Fen amount_fen;
};
struct MonthlySummary {
  std::vector<MonthFlow> months;
  std::vector<AccountExpense> expenses_by_account;
};
MonthlySummary monthly_summary(App& app, CompoundId cid, std::int64_t months);
// Entry `index` of compound `cid` exists, or 404 (for pages that link to it).
void require_entry(App& app, CompoundId cid, std::int64_t index);

struct VoucherFile {
  std::string mime, bytes;
};
// What an upload stored: the hash to cite it by, its type and size.
struct VoucherStored {
  std::string sha256, mime;
  std::int64_t size_bytes = 0;
};
VoucherFile voucher_file(App& app, CompoundId cid, const std::string& sha256);

}  // namespace xinyi::app
