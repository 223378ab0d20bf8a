// JsonIn: strict reading of a JSON request body.
//
// Policy (documented in README "API conventions"): a body must be a JSON object; every field
// is checked for type and range; fields the endpoint does not know are REJECTED (422 naming
// them), so a typo like "area_centi_m" never silently does nothing. Problems are collected,
// not thrown one by one: finish() throws one Error listing every bad field.
//
//   JsonIn in(body);                       // 400 if not a JSON object
//   auto name = in.str("name", 64);        // required
//   auto note = in.opt_str("note", 2000);  // optional
//   in.finish();                           // 422 with every problem, or nothing
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/error.h"

namespace xinyi::http {

inline constexpr std::size_t kMaxJsonDepth = 16;

// Parses text as JSON; throws Error(bad_request) with the position when it is not.
boost::json::value parse_json(std::string_view body);

class JsonIn {
 public:
  explicit JsonIn(std::string_view body);
  explicit JsonIn(const boost::json::value& v);

  // Text fields are trimmed; max_chars counts code points; required ones must be non-empty.
  std::string str(const char* key, std::size_t max_chars);
  std::optional<std::string> opt_str(const char* key, std::size_t max_chars);
  std::int64_t i64(const char* key, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> opt_i64(const char* key, std::int64_t min, std::int64_t max);
  bool boolean(const char* key, bool fallback);
  std::optional<bool> opt_bool(const char* key);
  std::vector<std::int64_t> id_list(const char* key, std::size_t max_items);

  void add_error(std::string field, std::string zh, std::string en);
  bool ok() const { return errors_.empty(); }
  void finish();  // throws Error(unprocessable) on any problem or unknown field
  // As finish(), but `others` are known fields the caller reads itself (arrays of objects).
  void finish_except(std::initializer_list<const char*> others);

  // The raw value of a field the caller checks itself (marks it known); nullptr when absent.
  const boost::json::value* get(const char* key);
  // A field listing at most `max_items` uploads' hashes (absent or null: none); a field error
  // (`zh`, `en`) when it is not such a list. Whether each was uploaded here is the use case's
  // to check.
  std::vector<std::string> hashes(const char* key, std::size_t max_items, const char* zh,
                                  const char* en);

 private:
  boost::json::value owned_;
  const boost::json::object* obj_ = nullptr;
  std::set<std::string> seen_;
  std::vector<FieldError> errors_;
};

}  // namespace xinyi::http
