// Plain-text accounting in and out (domain/ledger/journal.h holds the format).
//
// export_journal() writes a compound's whole log as an hledger/ledger-cli journal:
// `hledger -f FILE balance` then shows the balances /balances reports.
//
// import_journal() appends a journal's transactions to a compound's log. Everything is parsed
// and checked first (any bad line: Error 422 naming every bad line, nothing written); then the
// transactions are appended in batches, each ONE write transaction with its own signed head
// and a progress mark keyed by the file's SHA-256. A crash loses at most the batch in flight,
// and running the same import again resumes after the last whole batch — never doubling one.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "app/app.h"

namespace xinyi::app {

inline constexpr std::size_t kDefaultJournalBatch = 2000;

std::string export_journal(App& app, CompoundId cid);

struct JournalImportReport {
  std::int64_t transactions = 0;  // in the file
  std::int64_t appended = 0;      // by this run
  std::int64_t resumed_from = 0;  // already imported by an earlier, interrupted run
  std::int64_t batches = 0;
};

JournalImportReport import_journal(
    App& app, const Caller& who, CompoundId cid, std::string_view text,
    std::size_t batch_size = kDefaultJournalBatch,
    const std::function<void(std::size_t, std::size_t)>& progress = {});

// A synthetic but plausible journal of `n` transactions (fees, payments, transfers over a few
// years), for benchmarks and crash tests. Deterministic for a seed.
std::string generate_journal(std::int64_t n, std::uint64_t seed);

}  // namespace xinyi::app
