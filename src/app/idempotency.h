// Writes that survive retries (ARCHITECTURE.md): what the router needs to apply a signed-in
// write that carries an Idempotency-Key exactly once.
//
//   if (auto prior = find_prior_request(app, user, key)) … replay or refuse;
//   { KeyedWrite w(user, key, path, body_sha); answer = handler(); }  // key recorded in the
//                                                                      // handler's first write
//   if (w.recorded()) keep_answer(app, user, key, status, body);
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/app.h"
#include "store/idempotency_repo.h"

namespace xinyi::app {

using PriorRequest = store::IdempotencyRec;

// The request this person already made with this key, if any.
std::optional<PriorRequest> find_prior_request(App& app, std::int64_t user_id,
                                               const std::string& key);

// While alive, the first write transaction on this thread records the key together with its
// own writes (so a crash between commit and answer cannot apply the write twice).
class KeyedWrite {
 public:
  KeyedWrite(std::int64_t user_id, std::string key, std::string path, std::string request_sha256);
  ~KeyedWrite();
  KeyedWrite(const KeyedWrite&) = delete;
  KeyedWrite& operator=(const KeyedWrite&) = delete;
  // True when a write transaction committed with the key.
  bool recorded() const { return claim_.recorded; }

 private:
  store::IdempotencyClaim claim_;
};

// Keeps the answer to a recorded key, for the retries that will replay it.
void keep_answer(App& app, std::int64_t user_id, const std::string& key, std::int64_t status,
                 const std::string& body);

}  // namespace xinyi::app
