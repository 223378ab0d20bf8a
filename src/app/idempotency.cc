#include "app/idempotency.h"

#include "domain/assert.h"

namespace xinyi::app {

std::optional<PriorRequest> find_prior_request(App& app, std::int64_t user_id,
                                               const std::string& key) {
  return app.db.read(
      [&](store::Connection& c) { return store::find_idempotency_key(c, user_id, key); });
}

KeyedWrite::KeyedWrite(std::int64_t user_id, std::string key, std::string path,
                       std::string request_sha256)
    : claim_{user_id, std::move(key), std::move(path), std::move(request_sha256), false} {
  XINYI_ASSERT(store::current_idempotency_claim() == nullptr);  // one keyed write per thread
  store::current_idempotency_claim() = &claim_;
}

KeyedWrite::~KeyedWrite() { store::current_idempotency_claim() = nullptr; }

void keep_answer(App& app, std::int64_t user_id, const std::string& key, std::int64_t status,
                 const std::string& body) {
  app.db.write(
      [&](store::Connection& c) { store::keep_idempotent_answer(c, user_id, key, status, body); });
}

}  // namespace xinyi::app
