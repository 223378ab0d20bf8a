// The embedded engine: one SQLite file, opened in WAL mode with foreign keys on, a busy
// timeout, and synchronous=FULL (the store holds money: a committed write survives power loss).
// Prepared statements are cached per connection.
#pragma once

#include <memory>
#include <string>

#include "store/sql.h"

namespace xinyi::store {

// Opens (creating if needed) the database at `path`; ":memory:" for a private in-memory one.
std::unique_ptr<Connection> open_sqlite(const std::string& path);

}  // namespace xinyi::store
