#include "domain/roster.h"

#include <gtest/gtest.h>

namespace xinyi::roster {

namespace {
Roster read(const std::string& text) { return parse_roster(csv::parse(text)); }
}  // namespace

TEST(Roster, FindsTheHeaderBelowMergedTitleRows) {
  auto r = read(
      "桂湖教师院业主名册（2025年3月）,,,,\n"
      ",,,,\n"
      "序号,房号,建筑面积(㎡),业主姓名,联系电话,身份证号\n"
      "1,3栋2单元501,89.50,张三,138-1234-5678,510125197001011234\n"
      "2,3栋2单元502,102.3,李四,13900001111,\n"
      ",,,,\n"
      ",,,,\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].en;
  EXPECT_EQ(r.header_line, 3);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].label, "3栋2单元501");
  EXPECT_EQ(r.rows[0].area_centi_m2, 8950);
  EXPECT_EQ(r.rows[0].phone, "13812345678");
  EXPECT_EQ(r.rows[0].id_last4, "1234");  // never the full ID number
  EXPECT_EQ(r.rows[0].line, 4);
  EXPECT_EQ(r.rows[1].area_centi_m2, 10230);
  EXPECT_EQ(r.rows[1].area_kind, registry::AreaKind::gross);
}

TEST(Roster, SeparateColumnsWithMergedBuildingCells) {
  auto r = read(
      "院落,楼栋,单元,房号,套内面积,业主\n"
      "文庙院,1,1,101,60.00,赵一\n"
      ",,1,102,61.00,钱二\n"
      "马家院,2,,201室,70.25,孙三\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].en;
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[1].courtyard, "文庙院");
  EXPECT_EQ(r.rows[1].label, "1栋1单元102");
  EXPECT_EQ(r.rows[2].label, "2栋201");
  EXPECT_EQ(r.rows[2].area_kind, registry::AreaKind::interior);
}

TEST(Roster, ReportsEveryBadRowWithItsLine) {
  auto r = read(
      "房号,面积,业主,电话\n"
      "3栋2单元501,89.50,张三,13812345678\n"
      "3栋2单元502,-5,李四,13900001111\n"
      "不是房号,80,王五,13900002222\n"
      "3栋2单元503,80.123,赵六,13900003333\n"
      "3栋2单元504,80,钱七,12345\n"
      "3栋2单元501,90.00,孙八,13900004444\n");
  std::vector<int> lines;
  for (const auto& e : r.errors) lines.push_back(e.line);
  EXPECT_EQ(lines, (std::vector<int>{3, 4, 5, 6, 7}));
  for (const auto& e : r.errors) {
    EXPECT_FALSE(e.zh.empty());
    EXPECT_FALSE(e.en.empty());
  }
}

TEST(Roster, CoOwnersTenantsAndDeveloperUnits) {
  auto r = read(
      "房号,面积,业主,电话,身份,备注\n"
      "1栋1单元101,88.00,张三,13800000011,业主,\n"
      "1栋1单元101,88.00,李梅,13800000012,业主,\n"
      "1栋1单元101,88.00,周租,13800000013,租户,\n"
      "1栋1单元102,88.00,某某房地产开发有限公司,,,未售\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].en;
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.rows[2].relation, registry::Relation::tenant);
  EXPECT_TRUE(r.rows[3].developer_held);
  EXPECT_TRUE(r.rows[3].name.empty());
}

TEST(Roster, TheSamePersonTwiceOnOneUnitIsAnError) {
  auto r = read("房号,面积,业主,电话\n1栋101,50,张三,13800000011\n1栋101,50,张三,13800000011\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 3);
}

TEST(Roster, TotalRowsAreSkipped) {
  auto r = read("房号,面积,业主\n1栋101,50,张三\n合计,50,\n");
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.rows.size(), 1u);
}

TEST(Roster, NoHeaderIsOneClearError) {
  auto r = read("a,b,c\n1,2,3\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].zh.find("表头"), std::string::npos);
}

TEST(Roster, MaskedIdNumbersKeepTheirLastFour) {
  auto r = read("房号,面积,业主,身份证\n1栋101,50,张三,5101**********123x\n");
  ASSERT_TRUE(r.errors.empty());
  EXPECT_EQ(r.rows[0].id_last4, "123X");
}

}  // namespace xinyi::roster
