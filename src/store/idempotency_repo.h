// Idempotency keys: a signed-in write that carries an Idempotency-Key is applied once. The key
// is recorded in the request's own first write transaction (Database::transact, through
// IdempotencyClaim in database.h); its answer is kept afterwards so a retry gets it again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/sql.h"

namespace xinyi::store {

struct IdempotencyRec {
  std::string path;
  std::optional<std::int64_t> status;  // empty: applied, but the answer was never kept
  std::string body;
  std::string request_sha256;  // "" for keys kept before bodies were recorded
};
std::optional<IdempotencyRec> find_idempotency_key(Connection& c, std::int64_t user_id,
                                                   const std::string& key);
void insert_idempotency_key(Connection& c, std::int64_t user_id, const std::string& key,
                            const std::string& path, const std::string& request_sha256,
                            std::int64_t now_ms);
void keep_idempotent_answer(Connection& c, std::int64_t user_id, const std::string& key,
                            std::int64_t status, const std::string& body);

}  // namespace xinyi::store
