#include "http/json_in.h"

#include "domain/assert.h"
#include "domain/registry.h"
#include "domain/text.h"

#include <boost/json/basic_parser_impl.hpp>
#include <optional>
#include <set>
#include <vector>

namespace xinyi::http {

namespace json = boost::json;

namespace {

// A SAX handler that only looks for an object with the same key twice. Boost.JSON keeps the
// last of duplicate keys, so {"amount_fen":1,"amount_fen":999999} would silently mean the
// second; RFC 8259 leaves it open, we refuse it.
struct DuplicateKeyFinder {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);
  using ec_t = boost::system::error_code;

  std::vector<std::set<std::string>> open;  // the keys seen in each object being read
  std::string key;
  std::optional<std::string> duplicate;

  bool on_document_begin(ec_t&) { return true; }
  bool on_document_end(ec_t&) { return true; }
  bool on_array_begin(ec_t&) { return true; }
  bool on_array_end(std::size_t, ec_t&) { return true; }
  bool on_object_begin(ec_t&) {
    open.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, ec_t&) {
    open.pop_back();
    return true;
  }
  bool on_string_part(json::string_view, std::size_t, ec_t&) { return true; }
  bool on_string(json::string_view, std::size_t, ec_t&) { return true; }
  bool on_key_part(json::string_view s, std::size_t, ec_t&) {
    key.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, ec_t& ec) {
    key.append(s.data(), s.size());
    XINYI_ASSERT(!open.empty());
    if (!open.back().insert(key).second && !duplicate) {
      duplicate = key;
      ec = json::error::syntax;  // stop reading: one is enough
      return false;
    }
    key.clear();
    return true;
  }
  bool on_number_part(json::string_view, ec_t&) { return true; }
  bool on_int64(std::int64_t, json::string_view, ec_t&) { return true; }
  bool on_uint64(std::uint64_t, json::string_view, ec_t&) { return true; }
  bool on_double(double, json::string_view, ec_t&) { return true; }
  bool on_bool(bool, ec_t&) { return true; }
  bool on_null(ec_t&) { return true; }
  bool on_comment_part(json::string_view, ec_t&) { return true; }
  bool on_comment(json::string_view, ec_t&) { return true; }
};

std::optional<std::string> duplicate_key(std::string_view body, const json::parse_options& opt) {
  json::basic_parser<DuplicateKeyFinder> p(opt);
  boost::system::error_code ec;
  p.write_some(false, body.data(), body.size(), ec);
  return p.handler().duplicate;
}

}  // namespace

json::value parse_json(std::string_view body) {
  json::parse_options opt;
  opt.max_depth = kMaxJsonDepth;
  boost::system::error_code ec;
  json::value v = json::parse(body, ec, {}, opt);
  if (ec)
    throw Error(ErrorKind::bad_request, "malformed-json",
                "请求内容不是有效的 JSON：" + ec.message(),
                "The request body is not valid JSON: " + ec.message());
  if (auto k = duplicate_key(body, opt)) {
    std::string shown = text::truncate(*k, 40);
    throw Error(ErrorKind::bad_request, "duplicate-key", "请求内容中字段“" + shown + "”出现了两次",
                "The field \"" + shown + "\" appears twice in the request body",
                {{shown, "重复的字段", "duplicate field"}});
  }
  return v;
}

JsonIn::JsonIn(std::string_view body) : owned_(parse_json(body)) {
  if (!owned_.is_object())
    throw Error(ErrorKind::bad_request, "expected-object", "请求内容必须是 JSON 对象",
                "The request body must be a JSON object");
  obj_ = &owned_.as_object();
}

JsonIn::JsonIn(const json::value& v) {
  if (!v.is_object())
    throw Error(ErrorKind::bad_request, "expected-object", "请求内容必须是 JSON 对象",
                "The request body must be a JSON object");
  obj_ = &v.as_object();
}

const json::value* JsonIn::get(const char* key) {
  seen_.insert(key);
  auto* v = obj_->if_contains(key);
  if (v && v->is_null()) return nullptr;  // null means absent
  return v;
}

void JsonIn::add_error(std::string field, std::string zh, std::string en) {
  errors_.push_back({std::move(field), std::move(zh), std::move(en)});
}

std::optional<std::string> JsonIn::opt_str(const char* key, std::size_t max_chars) {
  const json::value* v = get(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    add_error(key, "必须是文本", "must be a string");
    return std::nullopt;
  }
  std::string s = text::trim(std::string_view(v->as_string()));
  if (text::length(s) > max_chars) {
    add_error(key, "不能超过 " + std::to_string(max_chars) + " 个字",
              "must be at most " + std::to_string(max_chars) + " characters");
    return std::nullopt;
  }
  if (text::has_control(s)) {
    add_error(key, "含有控制字符", "contains control characters");
    return std::nullopt;
  }
  return s;
}

std::string JsonIn::str(const char* key, std::size_t max_chars) {
  bool present = obj_->if_contains(key) && !obj_->at(key).is_null();
  std::size_t before = errors_.size();
  auto s = opt_str(key, max_chars);
  if (!present)
    add_error(key, "缺少此字段", "is required");
  else if (s && s->empty())
    add_error(key, "不能为空", "must not be empty");
  (void)before;
  return s.value_or("");
}

std::optional<std::int64_t> JsonIn::opt_i64(const char* key, std::int64_t min, std::int64_t max) {
  const json::value* v = get(key);
  if (!v) return std::nullopt;
  std::int64_t n;
  if (v->is_int64())
    n = v->as_int64();
  else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    n = static_cast<std::int64_t>(v->as_uint64());
  else {
    add_error(key, v->is_number() ? "必须是范围内的整数" : "必须是整数",
              v->is_number() ? "must be an integer within range" : "must be an integer");
    return std::nullopt;
  }
  if (n < min || n > max) {
    add_error(key, "必须在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间",
              "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::int64_t JsonIn::i64(const char* key, std::int64_t min, std::int64_t max) {
  bool present = obj_->if_contains(key) && !obj_->at(key).is_null();
  auto n = opt_i64(key, min, max);
  if (!present) add_error(key, "缺少此字段", "is required");
  return n.value_or(0);
}

bool JsonIn::boolean(const char* key, bool fallback) {
  const json::value* v = get(key);
  if (!v) return fallback;
  if (!v->is_bool()) {
    add_error(key, "必须是 true 或 false", "must be true or false");
    return fallback;
  }
  return v->as_bool();
}

std::optional<bool> JsonIn::opt_bool(const char* key) {
  const json::value* v = get(key);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    add_error(key, "必须是 true 或 false", "must be true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

std::vector<std::int64_t> JsonIn::id_list(const char* key, std::size_t max_items) {
  std::vector<std::int64_t> out;
  const json::value* v = get(key);
  if (!v) return out;
  if (!v->is_array() || v->as_array().size() > max_items) {
    add_error(key, "必须是不超过 " + std::to_string(max_items) + " 个编号的数组",
              "must be an array of at most " + std::to_string(max_items) + " ids");
    return out;
  }
  for (const auto& e : v->as_array()) {
    if (!e.is_int64() || e.as_int64() <= 0) {
      add_error(key, "每一项必须是正整数编号", "every item must be a positive integer id");
      return {};
    }
    out.push_back(e.as_int64());
  }
  return out;
}

void JsonIn::finish_except(std::initializer_list<const char*> others) {
  for (const char* k : others) seen_.insert(k);
  finish();
}

void JsonIn::finish() {
  for (const auto& [k, v] : *obj_)
    if (!seen_.count(std::string(k))) add_error(std::string(k), "未知字段", "unknown field");
  if (!errors_.empty()) throw_invalid(std::move(errors_));
}

std::vector<std::string> JsonIn::hashes(const char* key, std::size_t max_items, const char* zh,
                                        const char* en) {
  std::vector<std::string> out;
  const boost::json::value* v = get(key);
  if (!v || v->is_null()) return out;
  if (v->is_array() && v->as_array().size() <= max_items) {
    bool all_text = true;
    for (const auto& h : v->as_array()) all_text &= h.is_string();
    if (all_text) {
      for (const auto& h : v->as_array()) out.emplace_back(h.as_string());
      return out;
    }
  }
  add_error(key, zh, en);
  return {};
}

}  // namespace xinyi::http
