// Any bytes as JSON: canonicalization never crashes, its output always parses, and for values
// without floating-point numbers — the only ones Xinyi signs (from_published refuses a double)
// — the canonical form is a fixed point: canonicalize(parse(c)) == c.
//
// Found by this target: through Boost.JSON 1.81 it is NOT a fixed point for doubles, because
// Boost 1.81 rounds long decimal mantissas imprecisely (e.g. 184567890123452345678901233445678
// → 1.8456789012345234e+30 → 1.845678901234523e+30). Harmless for the books (integers only);
// fuzz/corpus/json/boost-imprecise-double.json keeps the case.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "domain/ledger/canonical_json.h"

namespace {
bool has_double(const boost::json::value& v) {
  if (v.is_double()) return true;
  if (v.is_array())
    for (const auto& x : v.as_array())
      if (has_double(x)) return true;
  if (v.is_object())
    for (const auto& kv : v.as_object())
      if (has_double(kv.value())) return true;
  return false;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  boost::json::error_code ec;
  boost::json::parse_options opt;
  opt.max_depth = 16;
  auto v =
      boost::json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec, {}, opt);
  if (ec) return 0;
  std::string once;
  try {
    once = xinyi::ledger::canonicalize(v);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  auto again = boost::json::parse(once, ec, {}, opt);
  if (ec) std::abort();
  if (!has_double(v) && xinyi::ledger::canonicalize(again) != once) std::abort();
  return 0;
}
