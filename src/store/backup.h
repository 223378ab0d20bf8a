// Backups of a whole store, taken while it is in use, and their restore.
//
//   SQLite:     backup uses SQLite's online backup API (a consistent copy even while the
//               server writes); restore copies the file back the same way.
//   PostgreSQL: backup runs `pg_dump --format=custom` (one consistent snapshot); restore runs
//               `pg_restore` into the database the URL names (it must exist).
//
// Restore refuses a target that already holds a Xinyi store unless `overwrite` is set, so a
// slip of the URL cannot replace live data. Throws StoreError with the tool's message.
#pragma once

#include <string>

namespace xinyi::store {

void backup(const std::string& url, const std::string& file);
void restore(const std::string& url, const std::string& file, bool overwrite);

}  // namespace xinyi::store
