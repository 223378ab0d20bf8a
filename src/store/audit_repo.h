// The audit log: who did what, when, from where. Append-only; every write path of the API
// appends one entry inside the same transaction as the write, so the log cannot miss a change
// that was committed nor record one that was rolled back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"

namespace xinyi::store {

struct AuditRec {
  std::int64_t id = 0;
  std::optional<std::int64_t> compound_id;
  std::optional<std::int64_t> user_id;
  std::int64_t at = 0;
  std::string ip, action, target, detail;  // detail: a JSON object as text
  std::string user_name;                   // filled by list_audit
};

void append_audit(Connection& c, const AuditRec& e);
// Newest first; entries with id < before_id (0: from the newest); at most `limit`.
std::vector<AuditRec> list_audit(Connection& c, std::int64_t compound_id, std::int64_t before_id,
                                 std::int64_t limit);

}  // namespace xinyi::store
