#include "app/app.h"

#include <chrono>

#include "auth/crypto.h"
#include "domain/error.h"
#include "store/audit_repo.h"

namespace xinyi::app {

App::App(store::Database& db_, Config cfg_) : db(db_), cfg(cfg_) {
  clock_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  invite_code = [] { return auth::random_invite_code(); };
}

std::string store_engine(const App& app) {
  return app.db.dialect() == store::Dialect::sqlite ? "sqlite" : "postgresql";
}

void audit(store::Connection& c, const App& app, const Caller& who,
           std::optional<std::int64_t> compound_id, std::string action, std::string target,
           const store::AuditDetail& detail) {
  store::AuditRec e;
  e.compound_id = compound_id;
  if (who.user) e.user_id = who.user->id;
  e.at = app.clock_ms();
  e.ip = who.ip;
  e.action = std::move(action);
  e.target = std::move(target);
  e.detail = store::encode_audit_detail(detail);
  store::append_audit(c, e);
}

store::CompoundRec require_compound(store::Connection& c, std::int64_t cid) {
  auto k = store::get_compound(c, cid);
  if (!k) throw_not_found("小区", "Compound");
  return *k;
}

}  // namespace xinyi::app
