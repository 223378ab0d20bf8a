// Importing a unit roster (CSV) into a compound — all or nothing.
//
// The sheet is parsed (domain/roster.h); then, in ONE write transaction, courtyards, buildings,
// units, people and memberships are found or created. Rows that clash with what is stored
// (a unit already registered with another area, a missing courtyard where the compound has
// several) are collected like parse errors. Any error: nothing is stored, and the Error (422)
// lists every bad line. Re-importing the same sheet adds nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "app/app.h"
#include "domain/roster.h"
#include "store/audit_repo.h"

namespace xinyi::app {

inline constexpr std::size_t kMaxRosterBytes = 16 * 1024 * 1024;
inline constexpr std::size_t kMaxReportedLineErrors = 1000;

struct ImportReport {
  std::int64_t rows = 0, courtyards_created = 0, buildings_created = 0, units_created = 0,
               units_existing = 0, persons_created = 0, members_added = 0;
  bool dry_run = false;
  store::AuditDetail audit_detail() const;  // every count, as the route answers them
};

// progress(done_rows, total_rows) is called now and then during the write (CLI progress bar).
ImportReport import_roster_csv(App& app, const Caller& who, CompoundId cid,
                               std::string_view csv_bytes, bool dry_run,
                               const std::function<void(std::size_t, std::size_t)>& progress = {});

// The same rows, already parsed, inside the caller's transaction (the demo and the synthetic city
// register their households with it): a row that clashes with what is stored is a 422 listing
// every such line, and the caller's transaction is then to be rolled back. Audited as one
// "roster.import".
ImportReport import_roster_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                              const std::vector<roster::RosterRow>& rows,
                              const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace xinyi::app
