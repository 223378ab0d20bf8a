// The production engine: PostgreSQL 15 through libpq.
//
// The same portable SQL as SQLite: `?` placeholders become $1, $2 … (outside quoted text);
// statements are prepared once per connection and cached by their text. Parameters travel as
// text (integers in decimal; their types are inferred from the statement) and blobs as
// binary. Results come back by column type: integers (also NUMERIC sums, which must be whole)
// and booleans as int64, bytea as bytes, everything else as text; a floating-point column
// throws, as on SQLite.
//
// Transactions, matching the embedded engine's semantics: a write transaction takes one
// transaction-scoped advisory lock, so writers are serialised (one order for every compound's
// log, no lost or doubled leaves, check-then-insert safe) exactly as SQLite's BEGIN IMMEDIATE
// serialises them; reads run at REPEATABLE READ, READ ONLY: a consistent snapshot that never
// waits for writers.
//
// Errors: SQLSTATE class 23 (integrity constraint) throws ConstraintError, anything else
// StoreError.
#pragma once

#include <memory>
#include <string>

#include "store/sql.h"

namespace xinyi::store {

// Connects to `url` (a libpq URI: postgresql://user@host:port/db?options=…).
std::unique_ptr<Connection> open_postgres(const std::string& url);

// `?` → `$n` outside single-quoted literals. Exposed for tests.
std::string number_placeholders(std::string_view sql);

}  // namespace xinyi::store
