#include "store/sql.h"

#include <boost/json.hpp>

#include "domain/assert.h"

namespace xinyi::store {

bool Row::is_null(std::size_t i) const {
  XINYI_ASSERT(i < v_.size());
  return std::holds_alternative<std::nullptr_t>(v_[i]);
}

std::int64_t Row::i64(std::size_t i) const {
  XINYI_ASSERT(i < v_.size());
  if (const auto* p = std::get_if<std::int64_t>(&v_[i])) return *p;
  throw StoreError("column " + std::to_string(i) + " is not an integer");
}

const std::string& Row::str(std::size_t i) const {
  XINYI_ASSERT(i < v_.size());
  if (const auto* p = std::get_if<std::string>(&v_[i])) return *p;
  if (const auto* b = std::get_if<Blob>(&v_[i])) return b->bytes;
  throw StoreError("column " + std::to_string(i) + " is not text");
}

std::optional<std::int64_t> Row::opt_i64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

std::optional<std::string> Row::opt_str(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return str(i);
}

std::optional<Row> Connection::query_one(std::string_view sql, const std::vector<Value>& params) {
  auto rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  XINYI_ASSERT(rows.size() == 1);
  return std::move(rows.front());
}

std::int64_t Connection::scalar(std::string_view sql, const std::vector<Value>& params) {
  auto rows = query(sql, params);
  XINYI_ASSERT(rows.size() == 1 && rows[0].size() >= 1);
  return rows[0].is_null(0) ? 0 : rows[0].i64(0);
}

std::string encode_text_list(const std::vector<std::string>& items) {
  boost::json::array a;
  for (const auto& t : items) a.push_back(boost::json::value(t));
  return boost::json::serialize(a);
}

std::vector<std::string> decode_text_list(const std::string& column) {
  std::vector<std::string> out;
  if (column.empty()) return out;
  const boost::json::value v = boost::json::parse(column);
  for (const auto& t : v.as_array()) out.emplace_back(t.as_string());
  return out;
}

}  // namespace xinyi::store
