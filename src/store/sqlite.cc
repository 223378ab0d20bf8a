#include "store/sqlite.h"

#include <sqlite3.h>

#include <cctype>
#include <unordered_map>

#include "domain/assert.h"

namespace xinyi::store {

namespace {

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) {
    int rc =
        sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw StoreError("cannot open sqlite database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 10'000);
    sqlite3_extended_result_codes(db_, 1);
    exec_script(
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=FULL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA temp_store=MEMORY;");
  }

  ~SqliteConnection() override {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  void exec_script(std::string_view sql) override {
    std::string s(sql);
    char* err = nullptr;
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw StoreError("sqlite: " + msg);
    }
  }

  std::vector<Row> query(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* st = prepare(sql, params);
    std::vector<Row> rows;
    for (;;) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_ROW) {
        int n = sqlite3_column_count(st);
        std::vector<Value> v;
        v.reserve(n);
        for (int i = 0; i < n; ++i) {
          switch (sqlite3_column_type(st, i)) {
            case SQLITE_NULL:
              v.emplace_back(nullptr);
              break;
            case SQLITE_INTEGER:
              v.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(st, i)));
              break;
            case SQLITE_FLOAT:
              // No column of Xinyi holds a float; reaching here means a schema bug.
              sqlite3_reset(st);
              throw StoreError("floating-point value in column " + std::to_string(i));
            case SQLITE_BLOB: {
              const auto* p = static_cast<const char*>(sqlite3_column_blob(st, i));
              v.emplace_back(Blob{std::string(p ? p : "", sqlite3_column_bytes(st, i))});
              break;
            }
            default: {
              const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
              v.emplace_back(std::string(p ? p : "", sqlite3_column_bytes(st, i)));
            }
          }
        }
        rows.emplace_back(std::move(v));
      } else if (rc == SQLITE_DONE) {
        break;
      } else {
        fail(st, rc);
      }
    }
    sqlite3_reset(st);
    return rows;
  }

  std::int64_t execute(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* st = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) fail(st, rc);
    sqlite3_reset(st);
    return sqlite3_changes64(db_);
  }

  void begin(bool write) override {
    exec_script(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    in_read_ = !write;
  }
  void commit() override {
    in_read_ = false;
    exec_script("COMMIT");
  }
  void rollback() override {
    in_read_ = false;
    if (!sqlite3_get_autocommit(db_)) exec_script("ROLLBACK");
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql, const std::vector<Value>& params) {
    sqlite3_stmt* st;
    auto it = cache_.find(sql);  // heterogeneous lookup: no string is built for a cached statement
    if (it != cache_.end()) {
      st = it->second;
    } else {
      std::string key(sql);
      const char* tail = nullptr;
      if (sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                             SQLITE_PREPARE_PERSISTENT, &st, &tail) != SQLITE_OK)
        throw StoreError(std::string("sqlite prepare: ") + sqlite3_errmsg(db_) + " in: " + key);
      // One statement per call: a second one would be silently ignored.
      for (; tail && *tail; ++tail)
        if (!std::isspace(static_cast<unsigned char>(*tail)) && *tail != ';') {
          sqlite3_finalize(st);
          throw StoreError("sqlite: more than one statement in: " + key);
        }
      cache_.emplace(std::move(key), st);
    }
    // A read transaction cannot write (PostgreSQL's READ ONLY, here): a statement that would
    // change the database is refused before it runs, whichever method runs it.
    if (in_read_ && !sqlite3_stmt_readonly(st))
      throw StoreError("sqlite: a write in a read transaction: " + std::string(sql));
    sqlite3_clear_bindings(st);
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(st))
      throw StoreError("sqlite: wrong number of parameters for: " + std::string(sql));
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      const Value& p = params[i];
      if (std::holds_alternative<std::nullptr_t>(p))
        sqlite3_bind_null(st, idx);
      else if (const auto* n = std::get_if<std::int64_t>(&p))
        sqlite3_bind_int64(st, idx, *n);
      else if (const auto* b = std::get_if<Blob>(&p))
        sqlite3_bind_blob64(st, idx, b->bytes.data(), b->bytes.size(), SQLITE_TRANSIENT);
      else {
        const auto& s = std::get<std::string>(p);
        sqlite3_bind_text(st, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
    }
    return st;
  }

  [[noreturn]] void fail(sqlite3_stmt* st, int rc) {
    std::string msg = sqlite3_errmsg(db_);
    sqlite3_reset(st);
    if ((rc & 0xFF) == SQLITE_CONSTRAINT) throw ConstraintError("sqlite: " + msg);
    throw StoreError("sqlite: " + msg);
  }

  sqlite3* db_ = nullptr;
  bool in_read_ = false;  // inside a read transaction (begin(false) until commit or rollback)
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> cache_;
};

}  // namespace

std::unique_ptr<Connection> open_sqlite(const std::string& path) {
  return std::make_unique<SqliteConnection>(path);
}

}  // namespace xinyi::store
