// Bank accounts, statement import and reconciliation (SPEC §3 model 2, §5).
//
// Every statement line is matched to a ledger posting on the account's ledger account
// (automatically on import: same amount, dates within kMatchWindowDays; or by hand). Unmatched
// lines are public, and each month shows the bank's balance against the books'.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <string>

#include "app/app.h"
#include "app/billing_service.h"
#include "domain/bank.h"
#include "store/bank_repo.h"

namespace xinyi::app {

inline constexpr int kMatchWindowDays = 5;

boost::json::object create_bank_account(App& app, const Caller& who, std::int64_t cid,
                                        std::string_view body);
// The same, typed, in the caller's write transaction: the account as stored (the number's last
// four digits only).
struct BankAccountInput {
  std::string bank, number;    // number: 8–30 digits, spaces and dashes allowed between them
  std::string kind = "basic";  // basic (基本户) or general (一般户)
  std::string ledger_account = "1001";
};
store::BankAccountRec create_bank_account_in(store::Connection& c, App& app, const Caller& who,
                                             std::int64_t cid, const BankAccountInput& in);
// `columns`: header names to use instead of detection (from query parameters).
boost::json::object import_statement(App& app, const Caller& who, std::int64_t cid,
                                     std::int64_t account_id, std::string_view csv_bytes,
                                     const bank::StatementColumns& columns);
boost::json::object match_line(App& app, const Caller& who, std::int64_t cid, std::int64_t line_id,
                               std::string_view body);
boost::json::object unmatch_line(App& app, const Caller& who, std::int64_t cid,
                                 std::int64_t line_id);
// A household's fee paid by bank transfer: records the payment from an unmatched incoming bank
// line (its amount, date and serial) and matches the line to the payment's bank posting.
// Answers the receipt (typed: the JSON is in http/routes/bank.cc).
PaymentRecorded payment_from_line(App& app, const Caller& who, std::int64_t cid,
                                  std::int64_t line_id, std::int64_t unit_id);
// Reconciliation: per account, monthly bank against book balances and the unmatched lines.
// `masked`: the public view (counterparty names masked).
boost::json::object reconciliation(App& app, std::int64_t cid, bool masked);

// Within a write transaction: stores new lines (skipping known serials) and matches what it can.
struct StatementResult {
  std::int64_t lines = 0, added = 0, duplicates = 0, matched = 0;
};
StatementResult store_statement(store::Connection& c, std::int64_t cid, std::int64_t account_id,
                                const std::vector<bank::StatementLine>& lines, std::int64_t now);

}  // namespace xinyi::app
