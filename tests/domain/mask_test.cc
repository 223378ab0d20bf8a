#include "domain/mask.h"

#include <gtest/gtest.h>

namespace xinyi {

TEST(Mask, NamesKeepOnlyTheFirstCharacter) {
  EXPECT_EQ(mask_name("张三"), "张*");
  EXPECT_EQ(mask_name("王建国"), "王**");
  EXPECT_EQ(mask_name("欧阳娜娜"), "欧***");
  EXPECT_EQ(mask_name(" 李四 "), "李*");
  EXPECT_EQ(mask_name("Tom"), "T**");
}

TEST(Mask, DegenerateNamesRevealNothing) {
  EXPECT_EQ(mask_name(""), "*");
  EXPECT_EQ(mask_name("张"), "*");
  EXPECT_EQ(mask_name("\xff\xfe"), "*");
}

TEST(Mask, PhonesKeepPrefixAndLastFour) {
  EXPECT_EQ(mask_phone("13812341234"), "138****1234");
  EXPECT_EQ(mask_phone("138-1234-1234"), "138****1234");
  EXPECT_EQ(mask_phone("02883331234"), "028****1234");
  EXPECT_EQ(mask_phone("83331234"), "****1234");
  EXPECT_EQ(mask_phone("1234"), "****");
  EXPECT_EQ(mask_phone(""), "****");
}

TEST(Mask, TheHiddenMiddleNeverAppears) {
  const std::string phone = "13987654321";
  EXPECT_EQ(mask_phone(phone).find("8765"), std::string::npos);
}

}  // namespace xinyi
