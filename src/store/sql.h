// The storage seam: a connection that runs parameterised SQL and returns rows of values.
//
// Everything above store/ talks to the database only through the repositories (registry_repo.h,
// auth_repo.h, audit_repo.h), and they only through this interface, in SQL that both SQLite
// and PostgreSQL accept: `?` placeholders (a PostgreSQL driver numbers them), BIGINT and TEXT
// columns, INSERT … RETURNING, no engine-specific functions. Values are integers, text or
// NULL — there is no floating-point value type, so no amount can become a double.
//
// A Connection is used by one thread at a time (the Database pool hands it out).
// Errors: a unique or foreign-key violation throws ConstraintError; anything else StoreError.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace xinyi::store {

// Binary data (voucher files). Kept apart from text so each engine stores it as bytes.
struct Blob {
  std::string bytes;
};

using Value = std::variant<std::nullptr_t, std::int64_t, std::string, Blob>;

// An id column that may be empty: 0 (or nullopt) is stored as NULL.
// A list of texts (the hashes of a need's photos, of an entry's vouchers) as the JSON array its
// column keeps, and back. decode_text_list("") is empty.
std::string encode_text_list(const std::vector<std::string>& items);
std::vector<std::string> decode_text_list(const std::string& column);

inline Value id_or_null(std::int64_t id) { return id ? Value(id) : Value(nullptr); }
inline Value id_or_null(const std::optional<std::int64_t>& id) {
  return id ? Value(*id) : Value(nullptr);
}

class Row {
 public:
  explicit Row(std::vector<Value> v) : v_(std::move(v)) {}
  std::size_t size() const { return v_.size(); }
  bool is_null(std::size_t i) const;
  std::int64_t i64(std::size_t i) const;        // REQUIRES: column i holds an integer
  const std::string& str(std::size_t i) const;  // REQUIRES: column i holds text or bytes
  std::optional<std::int64_t> opt_i64(std::size_t i) const;
  std::optional<std::string> opt_str(std::size_t i) const;

 private:
  std::vector<Value> v_;
};

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A UNIQUE, FOREIGN KEY or CHECK constraint refused the write.
class ConstraintError : public StoreError {
 public:
  using StoreError::StoreError;
};

enum class Dialect { sqlite, postgresql };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;

  // Runs one or more statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;
  // Runs one statement and returns every row it produces.
  virtual std::vector<Row> query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs one statement that returns no rows; returns the number of rows changed.
  virtual std::int64_t execute(std::string_view sql, const std::vector<Value>& params = {}) = 0;

  // Transactions. `write` takes the write lock up front (SQLite: BEGIN IMMEDIATE) so two
  // writers never deadlock upgrading a read lock.
  // False when the connection can no longer be used (lost, or stuck in a transaction); the
  // pool then drops it instead of handing it out again.
  virtual bool usable() const { return true; }
  virtual void begin(bool write) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;

  // Convenience: the single row of a query, or nullopt when it returns none.
  std::optional<Row> query_one(std::string_view sql, const std::vector<Value>& params = {});
  // Convenience: the first column of the single row of an aggregate query.
  std::int64_t scalar(std::string_view sql, const std::vector<Value>& params = {});
};

}  // namespace xinyi::store
