// The audit log: who did what, when, from where. Append-only; every write path of the API
// appends one entry inside the same transaction as the write, so the log cannot miss a change
// that was committed nor record one that was rolled back.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/ids.h"
#include "domain/money.h"
#include "store/sql.h"

namespace xinyi::store {

// One fact in an audit entry's detail: a name with a number, a text, yes or no, nothing, or a
// list of ids or texts. Written `{"name", value}`, so a detail reads as
// `{{"name", name}, {"units", n}}` where it is made.
struct AuditField {
  using Value = std::variant<std::nullptr_t, bool, std::int64_t, std::string,
                             std::vector<std::int64_t>, std::vector<std::string>>;
  std::string key;
  Value value;

  template <std::integral T>
  AuditField(std::string k, T v) : key(std::move(k)) {
    if constexpr (std::same_as<T, bool>)
      value = v;
    else
      value = static_cast<std::int64_t>(v);
  }
  // An amount or an id is written as its number.
  AuditField(std::string k, Fen v) : key(std::move(k)), value(v.value) {}
  template <class Tag>
  AuditField(std::string k, Id<Tag> v) : key(std::move(k)), value(v.value) {}
  AuditField(std::string k, const char* v) : key(std::move(k)), value(std::string(v)) {}
  AuditField(std::string k, std::string v) : key(std::move(k)), value(std::move(v)) {}
  AuditField(std::string k, std::string_view v) : key(std::move(k)), value(std::string(v)) {}
  AuditField(std::string k, std::vector<std::int64_t> v) : key(std::move(k)), value(std::move(v)) {}
  AuditField(std::string k, std::vector<std::string> v) : key(std::move(k)), value(std::move(v)) {}
  AuditField(std::string k, std::nullptr_t) : key(std::move(k)), value(nullptr) {}
  // Nothing when not given.
  AuditField(std::string k, std::optional<bool> v) : key(std::move(k)) {
    if (v) value = *v;
  }
};
using AuditDetail = std::vector<AuditField>;

// The detail as it is stored: a JSON object, its names in the order given.
std::string encode_audit_detail(const AuditDetail& detail);

struct AuditRec {
  std::int64_t id = 0;
  std::optional<std::int64_t> compound_id;
  std::optional<std::int64_t> user_id;
  std::int64_t at = 0;
  std::string ip, action, target, detail;  // detail: a JSON object as text
  std::string user_name;                   // filled by list_audit
};

void append_audit(Connection& c, const AuditRec& e);
// Newest first; entries with id < before_id (0: from the newest); at most `limit`.
std::vector<AuditRec> list_audit(Connection& c, std::int64_t compound_id, std::int64_t before_id,
                                 std::int64_t limit);

}  // namespace xinyi::store
