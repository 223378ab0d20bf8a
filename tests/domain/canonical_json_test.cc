#include "domain/ledger/canonical_json.h"

#include <gtest/gtest.h>

#include <bit>
#include <boost/json.hpp>
#include <cstring>

namespace xinyi::ledger {

namespace {
std::string jcs(std::string_view text) { return canonicalize(boost::json::parse(text)); }
double from_bits(std::uint64_t bits) { return std::bit_cast<double>(bits); }
}  // namespace

// RFC 8785 §3.2.2 example. The numbers are built from C++ literals: Boost.JSON 1.81's parser
// is not correctly rounded for every decimal (Xinyi's documents hold integers only).
TEST(Jcs, TheRfcExample) {
  boost::json::value v = boost::json::parse(R"({
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    })");
  v.as_object()["numbers"] =
      boost::json::array{333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001};
  EXPECT_EQ(
      canonicalize(v),
      R"({"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"})");
}

// RFC 8785 §3.2.3: members sorted by UTF-16 code units (the emoji's surrogate sorts before U+FB33).
TEST(Jcs, SortsByUtf16CodeUnits) {
  EXPECT_EQ(
      jcs(R"({"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",)"
          R"("\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"})"),
      "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\","
      "\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\xEF\xAC\xB3\":\"Hebrew Letter Dalet With Dagesh\"}");
}

// RFC 8785 Appendix B: IEEE-754 doubles and their ECMAScript serialisation.
TEST(Jcs, NumberVectors) {
  struct V {
    std::uint64_t bits;
    const char* text;
  };
  const V vectors[] = {
      {0x0000000000000000, "0"},
      {0x8000000000000000, "0"},
      {0x0000000000000001, "5e-324"},
      {0x8000000000000001, "-5e-324"},
      {0x7fefffffffffffff, "1.7976931348623157e+308"},
      {0xffefffffffffffff, "-1.7976931348623157e+308"},
      {0x4340000000000000, "9007199254740992"},
      {0xc340000000000000, "-9007199254740992"},
      {0x4430000000000000, "295147905179352830000"},
      {0x44b52d02c7e14af5, "9.999999999999997e+22"},
      {0x44b52d02c7e14af6, "1e+23"},
      {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
      {0x444b1ae4d6e2ef4e, "999999999999999700000"},
      {0x444b1ae4d6e2ef4f, "999999999999999900000"},
      {0x444b1ae4d6e2ef50, "1e+21"},
      {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
      {0x3eb0c6f7a0b5ed8d, "0.000001"},
      {0x41b3de4355555553, "333333333.3333332"},
      {0x41b3de4355555554, "333333333.33333325"},
      {0x41b3de4355555555, "333333333.3333333"},
      {0x41b3de4355555556, "333333333.3333334"},
      {0x41b3de4355555557, "333333333.33333343"},
      {0xbecbf647612f3696, "-0.0000033333333333333333"},
      {0x43143ff3c1cb0959, "1424953923781206.2"},
  };
  for (const auto& v : vectors)
    EXPECT_EQ(es_number(from_bits(v.bits)), v.text) << std::hex << v.bits;
}

TEST(Jcs, RefusesWhatItCannotRepresent) {
  EXPECT_THROW(es_number(std::numeric_limits<double>::infinity()), std::invalid_argument);
  EXPECT_THROW(es_number(std::nan("")), std::invalid_argument);
}

TEST(Jcs, IntegersAndNesting) {
  EXPECT_EQ(jcs(R"({"b":[1,{"z":-5,"a":0}],"a":{}})"), R"({"a":{},"b":[1,{"a":0,"z":-5}]})");
  EXPECT_EQ(jcs("123456789012"), "123456789012");
  EXPECT_EQ(jcs(R"("中文\u0000")"), "\"中文\\u0000\"");
}

TEST(Jcs, CanonicalIsAFixedPoint) {
  std::string once = jcs(R"({"x":[3.0,  -0.0, 1e2], "é":"\u00e9", "a b":true})");
  EXPECT_EQ(jcs(once), once);
  EXPECT_EQ(once, R"({"a b":true,"x":[3,0,100],"é":"é"})");
}

}  // namespace xinyi::ledger
