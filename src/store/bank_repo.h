// Bank accounts and statement lines. A line is stored once per (account, serial); matching a
// line to a ledger posting updates the line, never the books.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/bank.h"
#include "store/sql.h"

namespace xinyi::store {

struct BankAccountRec {
  std::int64_t id = 0, compound_id = 0;
  std::string bank, number_last4, kind, ledger_account;
};
std::int64_t insert_bank_account(Connection& c, const BankAccountRec& a, std::int64_t now);
std::optional<BankAccountRec> get_bank_account(Connection& c, std::int64_t cid, std::int64_t id);
std::vector<BankAccountRec> list_bank_accounts(Connection& c, std::int64_t cid);

// Inserts the line unless its serial is already there; returns whether it was new.
bool insert_bank_line(Connection& c, std::int64_t cid, std::int64_t account_id,
                      const bank::StatementLine& l, std::int64_t now);

struct BankLineRec {
  std::int64_t id = 0;
  std::string serial, date;
  std::int64_t amount_fen = 0;
  std::optional<std::int64_t> balance_fen;
  std::string counterparty, memo;
  std::optional<std::int64_t> matched_idx, matched_n;
  std::string match_kind;
};
std::vector<BankLineRec> list_bank_lines(Connection& c, std::int64_t account_id);
std::optional<BankLineRec> get_bank_line(Connection& c, std::int64_t cid, std::int64_t line_id,
                                         std::int64_t* account_id);
// Postings on `ledger_account` that no bank line is matched to.
std::vector<bank::OpenPosting> open_postings(Connection& c, std::int64_t cid,
                                             const std::string& ledger_account);
void set_match(Connection& c, std::int64_t line_id, std::optional<std::int64_t> idx,
               std::optional<std::int64_t> n, const std::string& kind);

}  // namespace xinyi::store
