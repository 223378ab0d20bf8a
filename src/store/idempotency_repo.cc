#include "store/idempotency_repo.h"

namespace xinyi::store {

std::optional<IdempotencyRec> find_idempotency_key(Connection& c, std::int64_t user_id,
                                                   const std::string& key) {
  auto r = c.query_one(
      "SELECT path, status, COALESCE(body, ''), request_sha256 FROM idempotency_keys WHERE user_id = ? AND key = ?",
      {user_id, key});
  if (!r) return std::nullopt;
  return IdempotencyRec{r->str(0), r->opt_i64(1), r->str(2), r->str(3)};
}

void insert_idempotency_key(Connection& c, std::int64_t user_id, const std::string& key,
                            const std::string& path, const std::string& request_sha256,
                            std::int64_t now_ms) {
  c.execute(
      "INSERT INTO idempotency_keys (user_id, key, path, request_sha256, created_at) VALUES (?, ?, ?, ?, ?)",
      {user_id, key, path, request_sha256, now_ms});
}

void keep_idempotent_answer(Connection& c, std::int64_t user_id, const std::string& key,
                            std::int64_t status, const std::string& body) {
  c.execute("UPDATE idempotency_keys SET status = ?, body = ? WHERE user_id = ? AND key = ?",
            {status, body, user_id, key});
}

}  // namespace xinyi::store
