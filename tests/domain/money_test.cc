#include "domain/money.h"

#include <gtest/gtest.h>

namespace xinyi {

TEST(ParseCenti, ReadsAreasAsPeopleWriteThem) {
  EXPECT_EQ(parse_centi("89.50"), 8950);
  EXPECT_EQ(parse_centi("89.5"), 8950);
  EXPECT_EQ(parse_centi("89"), 8900);
  EXPECT_EQ(parse_centi(" 89.05 "), 8905);
  EXPECT_EQ(parse_centi("1,289.50"), 128950);
  EXPECT_EQ(parse_centi("102.36㎡"), 10236);
  EXPECT_EQ(parse_centi("102.36 平方米"), 10236);
  EXPECT_EQ(parse_centi("0.01"), 1);
}

TEST(ParseCenti, RefusesWhatItCannotReadExactly) {
  for (const char* bad : {"", "-1", "+5", "1.234", "1e3", "abc", "1..2", ".5", "5.", ",100",
                          "1,,000", "1 2x", "99999999999999999999", "NaN"})
    EXPECT_EQ(parse_centi(bad), std::nullopt) << bad;
}

TEST(ParseCenti, NeverOverflows) {
  EXPECT_EQ(parse_centi("92233720368547758"), std::nullopt);  // ×100 would overflow int64
  EXPECT_TRUE(parse_centi("9223372036854775").has_value());
}

TEST(Format, CentiAndYuan) {
  EXPECT_EQ(format_centi(8950), "89.50");
  EXPECT_EQ(format_centi(5), "0.05");
  EXPECT_EQ(format_centi(-105), "-1.05");
  EXPECT_EQ(format_yuan(123456), "¥1,234.56");
  EXPECT_EQ(format_yuan(100000000), "¥1,000,000.00");
  EXPECT_EQ(format_yuan(-50), "-¥0.50");
  EXPECT_EQ(format_yuan(0), "¥0.00");
}

TEST(Format, RoundTripsEveryValueInARange) {
  for (std::int64_t v = 0; v < 100'000; v += 7) EXPECT_EQ(parse_centi(format_centi(v)), v);
}

}  // namespace xinyi
