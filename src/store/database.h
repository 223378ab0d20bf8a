// Database: a pool of connections to one store, and the only way to run a transaction.
//
//   auto id = db.write([&](Connection& c) { return repo::insert_x(c, ...); });
//
// write() runs `fn` inside one write transaction: it commits when `fn` returns and rolls
// back when `fn` throws (the exception is rethrown), so a request's writes are all or nothing.
// read() runs `fn` in a read transaction (a consistent snapshot). Both block while every
// connection is in use; the pool size bounds concurrent store work.
//
// URLs: "sqlite:PATH" (PATH may be ":memory:" — then the pool holds one connection, since each
// in-memory connection would be a different database); "postgresql://…" (or "postgres://…") a
// libpq URI for the PostgreSQL engine (store/postgres.h).
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "store/sql.h"

namespace xinyi::store {

// An idempotency key of the request this thread is serving (http/router.cc sets it for a write
// that carries an `Idempotency-Key` header). The first write transaction on this thread records
// it — in the SAME transaction as the request's writes — so a retry with the same key can never
// apply them twice, even if the server dies between the commit and the answer: a second
// attempt to record it is a ConstraintError and rolls its own writes back.
struct IdempotencyClaim {
  std::int64_t user_id = 0;
  std::string key, path;
  std::string request_sha256;  // hex SHA-256 of the request body
  bool recorded = false;
};
// The claim of the current thread, or nullptr.
IdempotencyClaim*& current_idempotency_claim();

// While a ReadOnlyScope is alive on a thread, a write transaction on that thread throws
// ReadOnlyViolation before it begins: the router serves every GET inside one, so no read of the
// API can write (or take the write lock).
class ReadOnlyViolation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};
class ReadOnlyScope {
 public:
  ReadOnlyScope();
  ~ReadOnlyScope();
  ReadOnlyScope(const ReadOnlyScope&) = delete;
  ReadOnlyScope& operator=(const ReadOnlyScope&) = delete;
  static bool active();

 private:
  bool outer_;
};

class Database {
 public:
  // Opens the store at `url` with up to `pool_size` connections. Throws StoreError, or
  // xinyi::Error (bad_request) for a URL it does not understand.
  static std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size = 4);

  Dialect dialect() const { return dialect_; }
  // Bumped after every committed write transaction of this process: a cache of answers computed
  // at generation g is current while generation() == g (other processes' writes need a TTL).
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  const std::string& url() const { return url_; }

  template <class F>
  auto write(F&& fn) -> std::invoke_result_t<F, Connection&> {
    return transact(true, std::forward<F>(fn));
  }
  template <class F>
  auto read(F&& fn) -> std::invoke_result_t<F, Connection&> {
    return transact(false, std::forward<F>(fn));
  }

 private:
  class Lease {
   public:
    Lease(Database& db, std::unique_ptr<Connection> c) : db_(db), c_(std::move(c)) {}
    ~Lease() { db_.release(std::move(c_)); }
    Connection& operator*() { return *c_; }

   private:
    Database& db_;
    std::unique_ptr<Connection> c_;
  };

  template <class F>
  auto transact(bool write, F&& fn) -> std::invoke_result_t<F, Connection&> {
    if (write && ReadOnlyScope::active())
      throw ReadOnlyViolation("a write transaction inside a read-only request");
    Lease lease(*this, acquire());
    Connection& c = *lease;
    try {
      c.begin(write);
      IdempotencyClaim* claim = write ? current_idempotency_claim() : nullptr;
      if (claim && !claim->recorded) record_claim(c, *claim);
      if constexpr (std::is_void_v<std::invoke_result_t<F, Connection&>>) {
        fn(c);
        c.commit();
        if (claim) claim->recorded = true;
        if (write) generation_.fetch_add(1, std::memory_order_acq_rel);
      } else {
        auto result = fn(c);
        c.commit();
        if (claim) claim->recorded = true;
        if (write) generation_.fetch_add(1, std::memory_order_acq_rel);
        return result;
      }
    } catch (...) {
      try {
        c.rollback();
      } catch (...) {
      }
      throw;
    }
  }

  static void record_claim(Connection& c, const IdempotencyClaim& claim);
  Database(std::string url, Dialect d, std::function<std::unique_ptr<Connection>()> factory,
           std::size_t pool_size);
  std::unique_ptr<Connection> acquire();
  void release(std::unique_ptr<Connection> c);

  std::string url_;
  Dialect dialect_;
  std::function<std::unique_ptr<Connection>()> factory_;
  std::size_t pool_size_;
  std::size_t opened_ = 0;
  std::atomic<std::uint64_t> generation_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

// Fresh planner statistics after a bulk load (PostgreSQL's ANALYZE; SQLite plans from the
// indexes alone and needs none). In a write transaction.
void refresh_statistics(Database& db);

}  // namespace xinyi::store
