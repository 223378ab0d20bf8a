// The verifier: re-derives a compound's log from its published entries and checks it against
// what was signed and what is reported, trusting nothing but the log key's signatures.
//
// Checked, in order, for entries 0..n−1:
//   1. each entry parses as a canonical published transaction, with index i and this compound;
//   2. its postings sum to zero;
//   3. its leaf hash, recomputed, equals the hash the store or server claims for it (and, from
//      the store, the postings rows, balances and Merkle nodes derived from it);
//   4. the tree recomputed leaf by leaf has, at every signed head's size, that head's root, and
//      every head's Ed25519 signature verifies with the compound's public key;
//   5. the latest signed head covers every entry (no entry appended or deleted behind it);
//   6. an earlier head the verifier kept (`since`) is validly signed and is a prefix of today's
//      log (and, from a server, its consistency proof verifies);
//   7. balances re-derived from the postings equal the reported balances;
//   8. (from the store) the workflow tables agree with the entries they point to: payments and
//      their allocations and receipt numbers, bills and bill runs, disbursements and reversal
//      requests, donations, pledges and their payments, and posted months of hourly service.
// The first failure is reported with the entry it concerns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/ledger/books.h"
#include "domain/ledger/merkle.h"
#include "store/database.h"
#include "store/ledger_repo.h"

namespace xinyi::app {

struct VerifyInput {
  std::int64_t compound_id = 0;
  std::string public_key_b64;
  std::vector<std::string> canonical;         // entries in index order
  std::vector<std::string> claimed_leaf_hex;  // same length, or empty
  std::vector<store::HeadRec> heads;          // signed heads (at least the latest)
  std::optional<store::HeadRec> since;        // a head saved earlier by the verifier
  std::optional<std::vector<ledger::Hash>>
      since_proof;                             // the server's consistency proof since → latest
  std::optional<ledger::BalanceMap> reported;  // balances as reported
  // From the store only: the postings rows, checked against the entries.
  std::optional<std::vector<std::vector<ledger::Posting>>> stored_postings;
};

struct VerifyReport {
  bool ok = true;
  std::string message;  // on failure: what differs, naming the first entry concerned
  std::int64_t entries = 0;
  std::int64_t tree_size = 0;  // of the latest signed head
  std::string root;            // hex, of the latest signed head
  std::int64_t heads_checked = 0;
};

VerifyReport verify_log(const VerifyInput& in);

// Reads everything for one compound from the store and verifies it.
VerifyReport verify_store(store::Database& db, std::int64_t cid);

}  // namespace xinyi::app
