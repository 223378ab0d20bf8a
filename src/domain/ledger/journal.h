// Plain-text accounting: the journal format of hledger and ledger-cli (their common subset),
// so any accountant can check Xinyi's books with their own tools, and existing books can move in.
//
// Written (format_journal): one transaction per entry,
//     2025-03-01 三月物业费  ; xinyi:12 kind:journal
//         assets:1001:银行存款·基本户   1234.56 CNY  ; courtyard:教师院
//         revenues:4001:物业费收入     -1234.56 CNY  ; courtyard:教师院
// amounts as plain decimals with two places and the CNY commodity (no thousands separators, so
// no tool can mistake a comma for a decimal mark).
//
// Read (parse_journal): dates as 2025-03-01, 2025/03/01 or 2025.03.01; an optional status mark
// (* or !) and (code); the description up to a ';' comment; postings indented, the account
// ending at two spaces or a tab; amounts as 1234.56, -1,234.56, ¥1,234.56, 1234.56 CNY,
// CNY 1234.56 or RMB; at most one posting per transaction without an amount (it takes the
// balance); comment lines (; # *) and account/commodity directives are skipped. A posting's
// `courtyard:NAME` tag names its courtyard. Anything else — another commodity, virtual
// postings, balance assertions, include — is an error naming its line.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/ledger/books.h"

namespace xinyi::ledger {

inline constexpr std::size_t kMaxJournalErrors = 100;
inline constexpr std::size_t kMaxJournalBytes = 512 * 1024 * 1024;

struct JournalError {
  int line = 0;
  std::string zh, en;
};

struct JournalPosting {
  int line = 0;
  std::string account;  // as written
  std::optional<std::int64_t> amount_fen;
  std::string courtyard;  // from the courtyard: tag, or empty
};

struct JournalTxn {
  int line = 0;
  std::string date;  // normalised to YYYY-MM-DD
  std::string description;
  std::vector<JournalPosting> postings;
};

struct JournalParse {
  std::vector<JournalTxn> txns;
  std::vector<JournalError> errors;  // at most kMaxJournalErrors
};

JournalParse parse_journal(std::string_view text);

// Parses one amount as written in a journal; nullopt when it is not a CNY amount with at most
// two decimals.
std::optional<std::int64_t> parse_journal_amount(std::string_view text);

// Turns parsed transactions into Xinyi transactions of `kind`: resolves account names to the
// chart (a 4-digit code among the name's parts, or the Chinese or English name as its last
// part), courtyard names to ids, and fills the one elided amount. Errors name the line.
struct Resolved {
  std::vector<Transaction> txns;
  std::vector<int> lines;  // the journal line of each
  std::vector<JournalError> errors;
};
Resolved resolve_journal(const std::vector<JournalTxn>& txns, const std::vector<Account>& chart,
                         const std::map<std::string, std::int64_t>& courtyard_ids,
                         const std::string& kind);

// The hledger/ledger-cli account name of a chart account: "assets:1001:银行存款·基本户".
std::string journal_account_name(const Account& a);

// Writes `txns` as a journal. `courtyard_names` maps ids to names for the courtyard tags.
std::string format_journal(const std::vector<Transaction>& txns, const std::vector<Account>& chart,
                           const std::map<std::int64_t, std::string>& courtyard_names,
                           const std::string& header_comment);

}  // namespace xinyi::ledger
