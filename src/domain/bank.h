// Bank statements as Chinese online banking exports them (SPEC §6), and matching their lines
// to the books.
//
// parse_statement() finds the header row below any title lines and reads: the date
// (交易日期/记账日期; 2025-03-01, 20250301, 2025/3/1, 2025年3月1日), the amount either as one
// signed column (交易金额/发生额) or as separate income and expense columns (收入金额/贷方发生额
// and 支出金额/借方发生额), the running balance (余额), the counterparty (对方户名), the memo
// (摘要/用途/附言) and the bank's serial number (交易流水号), which is the natural key for
// re-import. Amounts may carry thousands separators. Without a serial column, a serial is
// derived from the line's content and its occurrence, so re-importing the same file still
// adds nothing. Column names can be given explicitly (StatementColumns) when the bank uses
// other words. Every bad row is reported with its line; a statement is imported only whole.
//
// match() pairs unmatched bank lines with unmatched postings on the bank's ledger account:
// the same amount (in is a debit, out a credit), dates at most `window_days` apart, the
// closest date first, then the earliest entry. Pure and deterministic.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/csv.h"

namespace xinyi::bank {

struct StatementColumns {  // header texts; empty = detect
  std::string date, amount, income, expense, balance, counterparty, memo, serial;
};

struct StatementLine {
  int line = 0;
  std::string serial;
  std::string date;             // YYYY-MM-DD
  std::int64_t amount_fen = 0;  // + into the account, − out of it
  std::optional<std::int64_t> balance_fen;
  std::string counterparty, memo;
};

struct LineError {
  int line = 0;
  std::string zh, en;
};

struct Statement {
  std::vector<StatementLine> lines;
  std::vector<LineError> errors;
  int header_line = 0;
};

Statement parse_statement(const std::vector<csv::Record>& records,
                          const StatementColumns& cols = {});

// "2025-03-01", "20250301", "2025/3/1", "2025.03.01", "2025年3月1日" (a time after it is ignored).
std::optional<std::string> parse_bank_date(std::string_view s);
// "1,234.56", "-1234.5", "+12", "¥1,000.00"; nullopt if not an amount with ≤ 2 decimals.
std::optional<std::int64_t> parse_bank_amount(std::string_view s);

struct OpenLine {
  std::int64_t id;
  std::string date;
  std::int64_t amount_fen;
};
struct OpenPosting {
  std::int64_t idx, n;  // entry index and posting number
  std::string date;
  std::int64_t amount_fen;
};
struct Match {
  std::int64_t line_id, idx, n;
};
std::vector<Match> match(const std::vector<OpenLine>& lines,
                         const std::vector<OpenPosting>& postings, int window_days);

// Days between two YYYY-MM-DD dates (b − a).
int days_between(const std::string& a, const std::string& b);

}  // namespace xinyi::bank
