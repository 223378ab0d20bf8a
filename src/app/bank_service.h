// Bank accounts, statement import and reconciliation (SPEC §3 model 2, §5).
//
// Every statement line is matched to a ledger posting on the account's ledger account
// (automatically on import: same amount, dates within kMatchWindowDays; or by hand). Unmatched
// lines are public, and each month shows the bank's balance against the books'.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "app/app.h"
#include "app/billing_service.h"
#include "domain/bank.h"
#include "store/bank_repo.h"

namespace xinyi::app {

inline constexpr int kMatchWindowDays = 5;

// Issue 18: the use cases take and return structs; their JSON is in http/routes/bank.cc.
struct BankAccountInput {
  std::string bank, number;    // number: 8–30 digits, spaces and dashes allowed between them
  std::string kind = "basic";  // basic (基本户) or general (一般户)
  std::string ledger_account = "1001";
};
// The account as stored (the number's last four digits only).
store::BankAccountRec create_bank_account(App& app, const Caller& who, CompoundId cid,
                                          const BankAccountInput& in);
// The same in the caller's write transaction.
store::BankAccountRec create_bank_account_in(store::Connection& c, App& app, const Caller& who,
                                             CompoundId cid, const BankAccountInput& in);
struct StatementResult {
  std::int64_t lines = 0, added = 0, duplicates = 0, matched = 0;
};
// `columns`: header names to use instead of detection (from query parameters).
StatementResult import_statement(App& app, const Caller& who, CompoundId cid,
                                 std::int64_t account_id, std::string_view csv_bytes,
                                 const bank::StatementColumns& columns);
// Matches the line by hand to entry `entry_index` (its `posting`, or whichever is open on the
// account's ledger account when nullopt): the posting matched.
struct LineMatched {
  std::int64_t line_id = 0, entry_index = 0, posting = 0;
};
LineMatched match_line(App& app, const Caller& who, CompoundId cid, std::int64_t line_id,
                       std::int64_t entry_index, std::optional<std::int64_t> posting);
void unmatch_line(App& app, const Caller& who, CompoundId cid, std::int64_t line_id);
// A household's fee paid by bank transfer: records the payment from an unmatched incoming bank
// line (its amount, date and serial) and matches the line to the payment's bank posting.
// Answers the receipt (typed: the JSON is in http/routes/bank.cc).
PaymentRecorded payment_from_line(App& app, const Caller& who, CompoundId cid, std::int64_t line_id,
                                  std::int64_t unit_id);
// Reconciliation: per account, monthly bank against book balances and the unmatched lines.
struct BankMonth {
  std::string month;
  Fen bank_balance_fen, book_balance_fen;
};
struct AccountReconciliation {
  store::BankAccountRec account;
  std::int64_t lines = 0, matched = 0;
  bool balances_from_statement = true;  // every line carried the bank's balance
  std::vector<BankMonth> months;
  // In the public view counterparties are masked (blank on the charity account, where a masked
  // name next to an amount and a date could still point at a household) and memos and serials
  // are blank: free text may name people.
  std::vector<store::BankLineRec> unmatched_lines;
};
struct Reconciliation {
  std::int64_t compound_id = 0;
  std::vector<AccountReconciliation> accounts;
};
Reconciliation public_reconciliation(App& app, CompoundId cid);
Reconciliation member_reconciliation(App& app, CompoundId cid);

// Within a write transaction: stores new lines (skipping known serials) and matches what it can.
StatementResult store_statement(store::Connection& c, std::int64_t cid, std::int64_t account_id,
                                const std::vector<bank::StatementLine>& lines, std::int64_t now);

}  // namespace xinyi::app
