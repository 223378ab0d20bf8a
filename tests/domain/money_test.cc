#include "domain/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <sstream>
#include <type_traits>

#include "domain/ids.h"

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

// Issue 18: amounts and ids as types. A number is not an amount nor an id until someone says so,
// and one kind of id is never another.
static_assert(!std::is_convertible_v<std::int64_t, Fen>);
static_assert(!std::is_convertible_v<Fen, std::int64_t>);
static_assert(!std::is_convertible_v<std::int64_t, CompoundId>);
static_assert(!std::is_convertible_v<CompoundId, std::int64_t>);
static_assert(!std::is_convertible_v<UnitId, CompoundId>);
static_assert(!std::is_constructible_v<CompoundId, UnitId>);
static_assert(!std::is_constructible_v<ProjectId, CompoundId>);
static_assert(sizeof(Fen) == sizeof(std::int64_t) && sizeof(UnitId) == sizeof(std::int64_t));

TEST(Fen, AddsSubtractsAndComparesAsFen) {
  Fen total;
  for (std::int64_t fen : {2670, 3000, 1964}) total += Fen{fen};
  EXPECT_EQ(total, Fen{7634});
  EXPECT_EQ(total - Fen{7634}, Fen{});
  EXPECT_EQ(-Fen{5}, Fen{-5});
  EXPECT_LT(Fen{1}, Fen{2});
  EXPECT_EQ(format_yuan(Fen{123456}), "¥1,234.56");
  std::ostringstream out;
  out << Fen{-5};
  EXPECT_EQ(out.str(), "-¥0.05");  // what a failing test prints
}

TEST(FenDeathTest, AnOverflowIsABugNotAWrappedAmount) {
  const Fen most{std::numeric_limits<std::int64_t>::max()};
  EXPECT_DEATH({ [[maybe_unused]] Fen f = most + Fen{1}; }, "invariant violated");
  EXPECT_DEATH({ [[maybe_unused]] Fen f = -most - Fen{2}; }, "invariant violated");
}

TEST(Id, ComparesWithinItsKindAndSaysWhetherItIsSet) {
  EXPECT_EQ(CompoundId{3}, CompoundId{3});
  EXPECT_LT(UnitId{2}, UnitId{10});
  EXPECT_FALSE(CourtyardId{});
  EXPECT_TRUE(CourtyardId{4});
}

}  // namespace xinyi
