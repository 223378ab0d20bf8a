// The books of one compound: double-entry, append-only, in integer fen.
//
// A Transaction is a dated set of postings (account, amount in fen, courtyard) that sums to
// zero: debits are positive, credits negative. Nothing is ever updated or deleted; a mistake
// is corrected by a reversal that points at the entry it undoes. Each transaction is published
// as RFC 8785 JSON (to_published) — that text is the Merkle leaf and the record anyone can
// re-derive every balance from.
//
// Rules checked by validate():
// - 2 ≤ postings ≤ kMaxPostings; every amount non-zero with |amount| ≤ kMaxAmountFen; the sum
//   is zero (exact int64: amounts are bounded so the sum cannot overflow);
// - every account is in the compound's chart; a courtyard, when given, is one of the compound's;
// - the date is a real calendar date; the description is 1..kMaxDescriptionChars of text;
// - money leaves a cash account (a credit to bank or cash) only through a co-managed
//   disbursement or a reversal, never by a plain journal entry;
// - charity money (the charity fund, donations) never pays the trustee's wages, remuneration or
//   the payable to the trustee, and pays only its approved uses (is_charity_use).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/money.h"

namespace xinyi::ledger {

inline constexpr std::size_t kMaxPostings = 64;
inline constexpr std::size_t kMaxDescriptionChars = 200;
inline constexpr std::size_t kMaxVouchersPerEntry = 20;
inline constexpr int kPublishedVersion = 1;

enum class AccountType { asset, liability, fund, income, expense };
std::string_view to_string(AccountType t);

struct Account {
  std::string code;
  std::string name_zh, name_en;
  AccountType type;
  bool cash = false;         // bank or cash: credits need a disbursement
  bool charity = false;      // restricted charity money
  bool trustee_pay = false;  // wages or the trustee's remuneration
};

// The maintenance fund's bank account: spending from it needs a passed vote on matter 5.
inline constexpr std::string_view kMaintenanceFundBank = "1003";

// The chart every compound starts with.
const std::vector<Account>& chart_template();
const Account* find_account(const std::vector<Account>& chart, std::string_view code);

struct Posting {
  std::string account;
  std::int64_t amount_fen = 0;    // debit > 0, credit < 0
  std::int64_t courtyard_id = 0;  // 0: the compound as a whole
};

struct Voucher {
  std::string sha256;  // hex of the stored file
  std::string mime;
  std::int64_t size = 0;
};

struct Link {
  std::string kind;  // "disbursement", "bill", "work_log", "project", "vote", "bank_line"
  std::int64_t id = 0;
};

struct Approval {
  std::string role;         // "trustee" or "committee"
  std::string name_masked;  // 张*
  std::int64_t at_ms = 0;
};

struct Transaction {
  std::int64_t compound_id = 0;
  std::int64_t index = 0;  // leaf index in the compound's log (assigned when appended)
  std::string date;        // YYYY-MM-DD
  std::string kind;        // journal | disbursement | reversal | opening
  std::string description;
  std::vector<Posting> postings;
  std::vector<Voucher> vouchers;
  std::vector<Link> links;
  std::vector<Approval> approvals;
  std::optional<std::int64_t> reverses;  // index of the entry this one undoes
  std::int64_t recorded_at_ms = 0;
};

bool valid_date(std::string_view date);

// The approved uses of charity money (SPEC §3 model 5), by expense account: renewal (5008, the
// micro-renewal of common parts), aid to households (5009), public activities (5010).
bool is_charity_use(std::string_view code);
// Aid to a household is published without the household.
inline constexpr std::string_view kAidAccount = "5009";
inline constexpr std::string_view kAidPayee = "受助家庭（身份保密）";
// Who was paid, as the public sees it: aid never names the household (not even masked), a
// person is masked (王*), a firm is named.
std::string public_payee(std::string_view expense_account, bool payee_is_person,
                         std::string_view payee);

// Every rule above; an empty result means valid. `courtyard_ok(id)` says whether a courtyard
// id belongs to the compound.
std::vector<FieldError> validate(const Transaction& t, const std::vector<Account>& chart,
                                 const std::function<bool(std::int64_t)>& courtyard_ok);

// The published form (hashed into the log) and back. from_published() is what a verifier
// uses: it refuses anything that is not exactly a document to_published() could produce.
boost::json::object to_published(const Transaction& t);
std::string published_text(const Transaction& t);  // RFC 8785 of to_published()
std::optional<Transaction> from_published(std::string_view canonical, std::string* why);

// Whether undoing `t` is itself a co-managed act (SPEC §4): it touches a bank or cash account,
// an owner's balance (receivables, prepayments, deposits), anything owed, a fund, or donations
// and crowdfunding. Such a reversal waits for the same approvals as a disbursement of
// entry_amount_fen(t); only a reclassification between income or expense accounts is not.
bool reversal_is_co_managed(const Transaction& t, const std::vector<Account>& chart);
// What one person may book by a journal entry (POST …/ledger/transactions): money coming in
// (a bank or cash account debited), income and expense moved between accounts, a fund
// credited. Owners' balances (receivables, prepayments, deposits), anything owed, restricted
// income (donations 4005, crowdfunding 4007) and debits of funds change only through their
// workflows, where the rules and approvals are. Empty: allowed.
std::vector<FieldError> journal_limits(const Transaction& t, const std::vector<Account>& chart);
// The size of an entry: the sum of its debits, in fen.
std::int64_t entry_amount_fen(const Transaction& t);

// The reversal of `t`: the same postings with opposite signs, pointing at t.index.
Transaction reversal_of(const Transaction& t, const std::string& date, const std::string& reason,
                        std::int64_t recorded_at_ms);

// Balances: sum of postings per (account, courtyard). Debit-positive, as stored.
using BalanceMap = std::map<std::pair<std::string, std::int64_t>, std::int64_t>;
void add_to_balances(BalanceMap& b, const Transaction& t);

// The bytes a tree head's Ed25519 signature covers (and a witness's co-signature): RFC 8785
// JSON of {"compound_id", "root" (hex), "timestamp" (ms), "tree_size"}.
std::string tree_head_message(std::int64_t compound_id, std::int64_t tree_size,
                              const std::string& root_hex, std::int64_t timestamp_ms);

// The co-managed account (SPEC §4): a disbursement needs the trustee's approval and one
// committee member's; above threshold_fen, two committee members'. Distinct people each.
struct ApprovalPolicy {
  std::int64_t threshold_fen = 500'000;  // ¥5,000.00
};
struct Vote {
  std::int64_t user_id;
  std::string role;  // trustee | committee
};
bool approvals_satisfied(const ApprovalPolicy& p, std::int64_t amount_fen,
                         const std::vector<Vote>& votes);
// What is still missing, in words (zh, en), e.g. "还需 1 位委员批准".
std::pair<std::string, std::string> approvals_missing(const ApprovalPolicy& p,
                                                      std::int64_t amount_fen,
                                                      const std::vector<Vote>& votes);

}  // namespace xinyi::ledger
