// The books' one door. Every entry reaches the log through an Appender inside one write
// transaction: the entry, its postings, the Merkle nodes it completes, the balance totals and a
// freshly signed tree head commit together or not at all, so the store never holds an entry
// that no signed head covers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "app/app.h"
#include "domain/ledger/books.h"
#include "domain/ledger/merkle.h"
#include "store/sql.h"

namespace xinyi::app {

// The calendar date (China Standard Time, UTC+8) of a moment in ms since the epoch.
std::string china_date(std::int64_t ms);

// Creates the compound's log key, chart and the signed head of the empty log, if missing.
void ensure_books(store::Connection& c, std::int64_t cid, std::int64_t now_ms);

// One batch of entries. finish() closes the batch by signing one tree head over it; a batch
// left open — entries appended, no head signed — is a bug that would leave entries no signed
// head covers, so the destructor asserts it was closed (unless an exception is unwinding, which
// rolls the whole transaction back).
class Appender {
 public:
  // REQUIRES: inside a write transaction; ensure_books() ran for `cid`.
  Appender(store::Connection& c, std::int64_t cid, std::int64_t now_ms);
  ~Appender();
  Appender(const Appender&) = delete;
  Appender& operator=(const Appender&) = delete;
  // Validates `t` (Error 422 listing every problem), assigns its index, stores it and its nodes.
  std::int64_t append(ledger::Transaction t);
  // Signs a tree head over everything appended; a no-op when nothing was.
  void finish();
  std::int64_t size() const { return static_cast<std::int64_t>(builder_.size()); }

 private:
  // No entry takes a bank or cash account below zero (Error 422 "overdraft" with what it holds).
  void refuse_overdraft(const ledger::Transaction& t);

  store::Connection& c_;
  std::int64_t cid_, now_ms_;
  std::vector<ledger::Account> chart_;
  std::vector<std::int64_t> courtyards_;
  ledger::TreeBuilder builder_;
  std::map<std::tuple<std::string, std::int64_t, std::string>, std::int64_t> balance_deltas_;
  bool dirty_ = false;
  int exceptions_at_start_ = 0;  // std::uncaught_exceptions() when the batch opened
};

// Refuses (422 "overdraft", naming what is available) a request to take `amount_fen` out of a
// bank or cash account that does not hold it once the requests already pending are counted.
void require_cash_available(store::Connection& c, std::int64_t cid, const std::string& account,
                            std::int64_t amount_fen);

}  // namespace xinyi::app
