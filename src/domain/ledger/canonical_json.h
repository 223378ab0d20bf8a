// RFC 8785 JSON Canonicalization Scheme (JCS).
//
// The ledger hashes each transaction as published; for anyone to recompute that hash, the
// bytes must be one well-defined serialisation: object members sorted by their names'
// UTF-16 code units, no white space, strings with only the mandatory escapes (\" \\ \b \f \n
// \r \t, other controls as \u00xx), numbers as ECMAScript's Number.prototype.toString prints
// the IEEE-754 double. Xinyi's own documents hold only integers below 2^53 (fen, ids, ms), which
// print as plain digits; the general number rule exists for conformance.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace xinyi::ledger {

// Throws std::invalid_argument for a value JCS cannot represent (a non-finite number, or text
// that is not UTF-8).
std::string canonicalize(const boost::json::value& v);

// Appends a JSON string in JCS form (quotes included). Throws std::invalid_argument if `s` is
// not UTF-8. For writers that build canonical text directly (books.cc's fast path).
void append_jcs_string(std::string& out, std::string_view s);
// Appends an integer as JCS prints it (plain digits within ±2^53).
void append_jcs_int(std::string& out, std::int64_t v);

// ECMAScript Number.prototype.toString of a finite double (RFC 8785 §3.2.2.3).
std::string es_number(double d);

}  // namespace xinyi::ledger
