#include "domain/registry.h"

#include <gtest/gtest.h>

namespace xinyi::registry {

TEST(UnitLabel, ReadsTheCommonWritings) {
  struct Case {
    const char* in;
    const char* label;
  };
  for (auto c : {Case{"3栋2单元501", "3栋2单元501"}, Case{"3-2-501", "3栋2单元501"},
                 Case{"3幢2单元501室", "3栋2单元501"}, Case{"12号楼1单元302", "12栋1单元302"},
                 Case{"3栋501", "3栋501"}, Case{" 3 栋 2 单元 501 ", "3栋2单元501"},
                 Case{"3-501", "3栋501"}}) {
    auto a = parse_unit_label(c.in);
    ASSERT_TRUE(a.has_value()) << c.in;
    EXPECT_EQ(unit_label(*a), c.label) << c.in;
  }
}

TEST(UnitLabel, RefusesNonsense) {
  for (const char* bad : {"", "abc", "501", "栋", "3栋2单元"})
    EXPECT_FALSE(parse_unit_label(bad).has_value()) << bad;
}

TEST(Phone, NormalisesChineseNumbers) {
  EXPECT_EQ(normalize_phone("138 1234 5678"), "13812345678");
  EXPECT_EQ(normalize_phone("+86 138-1234-5678"), "13812345678");
  EXPECT_EQ(normalize_phone("8613812345678"), "13812345678");
  EXPECT_EQ(normalize_phone("028-8333-1234"), "02883331234");
  EXPECT_FALSE(normalize_phone("12345").has_value());
  EXPECT_FALSE(normalize_phone("1381234567").has_value());   // 10 digits
  EXPECT_FALSE(normalize_phone("12012345678").has_value());  // no such mobile prefix
  EXPECT_FALSE(normalize_phone("138abc45678").has_value());
}

TEST(IdCard, KeepsOnlyTheLastFour) {
  EXPECT_EQ(id_card_last4("51012519700101123X"), "123X");
  EXPECT_EQ(id_card_last4("51012519700101123x"), "123X");
  EXPECT_EQ(id_card_last4("510125700101123"), "1123");
  EXPECT_FALSE(id_card_last4("5101251970010112").has_value());
  EXPECT_FALSE(id_card_last4("5101251970010X1234").has_value());
}

TEST(Names, Rules) {
  EXPECT_FALSE(check_name("name", "张三").has_value());
  EXPECT_TRUE(check_name("name", "").has_value());
  EXPECT_TRUE(check_name("name", "   ").has_value());
  EXPECT_TRUE(check_name("name",
                         "a\x01"
                         "b")
                  .has_value());
  EXPECT_TRUE(check_name("name", std::string("\xC3\x28")).has_value());
  EXPECT_TRUE(check_name("name", std::string(65, 'x')).has_value());
  EXPECT_FALSE(check_name("name", std::string(64 * 3, 'x').substr(0, 64)).has_value());
}

TEST(Area, Bounds) {
  EXPECT_TRUE(check_area("a", 0).has_value());
  EXPECT_TRUE(check_area("a", -1).has_value());
  EXPECT_FALSE(check_area("a", 1).has_value());
  EXPECT_FALSE(check_area("a", 10'000'000).has_value());
  EXPECT_TRUE(check_area("a", 10'000'001).has_value());
}

TEST(InviteCode, Normalises) {
  EXPECT_EQ(normalize_invite_code("abcd-2345"), "ABCD2345");
  EXPECT_EQ(normalize_invite_code(" ABCD 2345 "), "ABCD2345");
  EXPECT_FALSE(normalize_invite_code("ABCD234").has_value());
  EXPECT_FALSE(normalize_invite_code("ABCD2340").has_value());  // 0 is not in the alphabet
  EXPECT_FALSE(normalize_invite_code("ABCDO345").has_value());  // nor O
}

TEST(Relation, ChineseAndEnglish) {
  EXPECT_EQ(parse_relation("业主"), Relation::owner);
  EXPECT_EQ(parse_relation("租户"), Relation::tenant);
  EXPECT_EQ(parse_relation("tenant"), Relation::tenant);
  EXPECT_FALSE(parse_relation("朋友").has_value());
}

}  // namespace xinyi::registry
