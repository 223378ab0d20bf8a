// The application: use cases over the domain and the store, one function per thing a user
// does. Each takes the App (the store and process-wide state), the Caller (who is asking,
// from where), and decoded input; it checks what the domain requires, performs the writes in
// ONE transaction together with their audit-log entry, and returns the API representation
// (JSON). Role checks of the route itself happen in the router before a use case runs; the
// use cases check what depends on the data (e.g. that a building belongs to the compound).
//
// The HTTP layer and the CLI are thin adapters around these functions.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "auth/throttle.h"
#include "domain/access.h"
#include "domain/ids.h"
#include "domain/money.h"
#include "store/audit_repo.h"
#include "store/auth_repo.h"
#include "store/database.h"
#include "store/registry_repo.h"

namespace xinyi::app {

struct Config {
  std::int64_t session_ttl_ms = 30LL * 24 * 3600 * 1000;  // 30 days
  bool secure_cookies = false;                            // set behind TLS
  bool demo = false;  // started by `xinyi demo`: the sign-in page may offer the demo accounts
};

class App {
 public:
  explicit App(store::Database& db, Config cfg = {});

  store::Database& db;
  Config cfg;
  std::function<std::int64_t()> clock_ms;  // wall clock, replaceable in tests
  // Where a new unit's invite code comes from: auth::random_invite_code, replaceable (the demo
  // draws its codes from its own seed, so one seed gives one district). fresh_invite_code
  // (registry_service.h) still refuses a code some unit already has.
  std::function<std::string()> invite_code;

  // Sign-in: 5 failures per login per 15 minutes; 30 per address per 15 minutes.
  auth::Throttle login_by_name{5, 15 * 60 * 1000};
  auth::Throttle login_by_ip{30, 15 * 60 * 1000};
  // Invite codes: 10 wrong codes per account per hour.
  auth::Throttle claim_by_user{10, 60 * 60 * 1000};
  // Every write through the API: 600 a minute per signed-in person, 60 a minute per address for
  // anonymous writes (sign-in, registration). A committee entering a ballot box of paper
  // ballots stays well inside; a script hammering the server gets 429.
  auth::Throttle writes_by_user{600, 60 * 1000};
  auth::Throttle writes_by_ip{60, 60 * 1000};
};

// Who is asking. Anonymous when `user` is empty.
struct Caller {
  std::optional<store::UserRec> user;
  std::optional<Principal> principal;
  std::string ip;
  std::string session_hash;  // SHA-256 of the session token, when signed in

  const Principal* p() const { return principal ? &*principal : nullptr; }
  std::int64_t user_id() const { return user ? user->id : 0; }
};

// Held while serving a read (a GET, a live stream's poll): any write transaction inside it throws
// (store/database.h), so a read never writes.
using ReadOnlyRequest = store::ReadOnlyScope;

// A write refused by a uniqueness or reference rule of the store (the router answers 409).
using ConflictError = store::ConstraintError;

// "sqlite" or "postgresql": the engine behind the store (the health check says it).
std::string store_engine(const App& app);

// Compound `cid`, or 404. The check every compound-scoped use case starts with.
store::CompoundRec require_compound(store::Connection& c, std::int64_t cid);

// Appends an audit entry for a write, in the caller's transaction.
void audit(store::Connection& c, const App& app, const Caller& who,
           std::optional<std::int64_t> compound_id, std::string action, std::string target,
           const store::AuditDetail& detail = {});

}  // namespace xinyi::app
