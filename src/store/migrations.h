// Versioned schema migrations, applied in order, each in its own transaction, recorded in
// schema_migrations. `xinyi migrate` and every server start call migrate(); a store newer
// than this binary (a version it does not know) is refused rather than guessed at.
//
// Every table that belongs to one compound carries compound_id, so the data can later be
// distributed by compound (SPEC; issue on scale).
#pragma once

#include "store/database.h"

namespace xinyi::store {

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
};

MigrationReport migrate(Database& db);

// The newest schema version this binary knows.
int latest_schema_version();

}  // namespace xinyi::store
