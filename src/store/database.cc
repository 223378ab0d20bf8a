#include "store/database.h"

#include "store/idempotency_repo.h"

#include <chrono>

#include "domain/assert.h"
#include "domain/error.h"
#include "store/postgres.h"
#include "store/sqlite.h"

namespace xinyi::store {

std::unique_ptr<Database> Database::open(const std::string& url, std::size_t pool_size) {
  XINYI_ASSERT(pool_size >= 1 && pool_size <= 256);
  if (url.starts_with("sqlite:")) {
    std::string path = url.substr(7);
    if (path.starts_with("//")) path = path.substr(2);  // tolerate sqlite://PATH
    if (path.empty())
      throw Error(ErrorKind::bad_request, "bad-db-url", "数据库地址缺少文件路径",
                  "sqlite URL needs a path, e.g. sqlite:xinyi.db");
    if (path == ":memory:") pool_size = 1;
    auto factory = [path] { return open_sqlite(path); };
    std::unique_ptr<Database> db(new Database(url, Dialect::sqlite, factory, pool_size));
    db->release(db->acquire());  // open one now so a bad path fails at start, not at first use
    return db;
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    auto factory = [url] { return open_postgres(url); };
    std::unique_ptr<Database> db(new Database(url, Dialect::postgresql, factory, pool_size));
    db->release(db->acquire());  // connect now so a bad URL fails at start
    return db;
  }
  throw Error(ErrorKind::bad_request, "bad-db-url", "无法识别的数据库地址：" + url,
              "Unrecognised database URL: " + url + " (expected sqlite:PATH or postgresql://…)");
}

Database::Database(std::string url, Dialect d, std::function<std::unique_ptr<Connection>()> factory,
                   std::size_t pool_size)
    : url_(std::move(url)), dialect_(d), factory_(std::move(factory)), pool_size_(pool_size) {}

std::unique_ptr<Connection> Database::acquire() {
  std::unique_lock lock(mu_);
  for (;;) {
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    if (opened_ < pool_size_) {
      ++opened_;
      lock.unlock();
      try {
        return factory_();
      } catch (...) {
        std::lock_guard g(mu_);
        --opened_;
        cv_.notify_one();
        throw;
      }
    }
    cv_.wait(lock);
  }
}

void Database::release(std::unique_ptr<Connection> c) {
  bool keep = c->usable();
  if (!keep) c.reset();  // a lost connection: the next acquire opens a fresh one
  std::lock_guard g(mu_);
  if (keep)
    idle_.push_back(std::move(c));
  else
    --opened_;
  cv_.notify_one();
}

namespace {
thread_local bool read_only = false;
}  // namespace

ReadOnlyScope::ReadOnlyScope() : outer_(read_only) { read_only = true; }
ReadOnlyScope::~ReadOnlyScope() { read_only = outer_; }
bool ReadOnlyScope::active() { return read_only; }

IdempotencyClaim*& current_idempotency_claim() {
  thread_local IdempotencyClaim* claim = nullptr;
  return claim;
}

void Database::record_claim(Connection& c, const IdempotencyClaim& claim) {
  const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  insert_idempotency_key(c, claim.user_id, claim.key, claim.path, claim.request_sha256, now);
}

void refresh_statistics(Database& db) {
  if (db.dialect() != Dialect::postgresql) return;
  db.write([](Connection& c) { c.exec_script("ANALYZE"); });
}

}  // namespace xinyi::store
