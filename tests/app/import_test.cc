#include "app/roster_import.h"

#include <gtest/gtest.h>

#include "app/registry_service.h"
#include "store/registry_repo.h"
#include "support/test_env.h"

namespace xinyi {

using testing::TestEnv;

namespace {
const char* kRoster =
    "南街老城院落 业主花名册\n"
    "院落,房号,建筑面积,业主姓名,联系电话,身份证号,备注\n"
    "文庙院,1栋1单元101,89.50,张三,13800000001,510125197001011234,\n"
    "文庙院,1栋1单元102,76.20,李四,13800000002,,\n"
    "文庙院,1栋1单元102,76.20,王芳,13800000003,,\n"
    "马家院,2栋201,120.00,张三,13800000001,,\n"
    "马家院,2栋202,95.00,开发商,,,未售\n"
    ",,,,,,\n";
}

TEST(Import, ImportsARosterAndSeesTheSameOwnerTwice) {
  TestEnv env;
  auto cid = env.add_compound("南街");
  app::Caller who;
  auto rep = app::import_roster_csv(env.app(), who, CompoundId{cid}, kRoster, false);
  EXPECT_EQ(rep.rows, 5);
  EXPECT_EQ(rep.units_created, 4);
  EXPECT_EQ(rep.courtyards_created, 2);
  EXPECT_EQ(rep.persons_created, 3);  // 张三 owns two units but is one person
  EXPECT_EQ(rep.members_added, 4);
  env.db().read([&](store::Connection& c) {
    EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM units WHERE developer_held = 1"), 1);
    EXPECT_EQ(c.scalar("SELECT SUM(area_centi_m2) FROM units WHERE compound_id = ?", {cid}),
              8950 + 7620 + 12000 + 9500);
    EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM persons WHERE id_last4 = '1234'"), 1);
    EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM persons WHERE id_last4 LIKE '5101%'"), 0);
  });
}

TEST(Import, ReimportingTheSameSheetAddsNothing) {
  TestEnv env;
  auto cid = env.add_compound("南街");
  app::Caller who;
  app::import_roster_csv(env.app(), who, CompoundId{cid}, kRoster, false);
  auto before = env.count("units") + env.count("persons") + env.count("unit_members");
  auto rep = app::import_roster_csv(env.app(), who, CompoundId{cid}, kRoster, false);
  EXPECT_EQ(rep.units_created, 0);
  EXPECT_EQ(rep.units_existing, 5);
  EXPECT_EQ(rep.members_added, 0);
  EXPECT_EQ(env.count("units") + env.count("persons") + env.count("unit_members"), before);
}

TEST(Import, OneBadRowImportsNothingAndEveryBadRowIsNamed) {
  TestEnv env;
  auto cid = env.add_compound("南街");
  app::Caller who;
  std::string bad =
      std::string(kRoster) + "文庙院,1栋1单元103,-3,赵六,13800000009,,\n文庙院,坏房号,50,钱七,,,\n";
  try {
    app::import_roster_csv(env.app(), who, CompoundId{cid}, bad, false);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.http_status(), 422);
    ASSERT_EQ(e.fields().size(), 2u);
    EXPECT_EQ(e.fields()[0].field, "line 9");
    EXPECT_EQ(e.fields()[1].field, "line 10");
  }
  EXPECT_EQ(env.count("units"), 0);
  EXPECT_EQ(env.count("persons"), 0);
  EXPECT_EQ(env.count("courtyards"), 1);  // only the one the test made
}

TEST(Import, AClashWithStoredDataAlsoImportsNothing) {
  TestEnv env;
  auto cid = env.add_compound("南街");
  app::Caller who;
  app::import_roster_csv(env.app(), who, CompoundId{cid}, kRoster, false);
  auto units = env.count("units");
  std::string clash =
      "院落,房号,面积,业主\n文庙院,1栋1单元109,50,新人\n文庙院,1栋1单元101,90.00,张三\n";
  try {
    app::import_roster_csv(env.app(), who, CompoundId{cid}, clash, false);
    FAIL();
  } catch (const Error& e) {
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_EQ(e.fields()[0].field, "line 3");
  }
  EXPECT_EQ(env.count("units"), units);  // 1栋1单元109 was not kept either
}

TEST(Import, DryRunChecksButStoresNothing) {
  TestEnv env;
  auto cid = env.add_compound("南街");
  app::Caller who;
  auto rep = app::import_roster_csv(env.app(), who, CompoundId{cid}, kRoster, true);
  EXPECT_TRUE(rep.dry_run);
  EXPECT_EQ(rep.units_created, 4 + 0);
  EXPECT_EQ(env.count("units"), 0);
  EXPECT_EQ(env.count("audit_log"), 0);
}

TEST(Import, GbkSpreadsheetsImport) {
  TestEnv env;
  auto cid = env.add_compound("南街");
  app::Caller who;
  // "房号,面积,业主\n1栋101,50.5,张三\n" in GBK.
  std::string gbk =
      "\xB7\xBF\xBA\xC5,\xC3\xE6\xBB\xFD,\xD2\xB5\xD6\xF7\n1\xB6\xB0"
      "101,50.5,\xD5\xC5\xC8\xFD\n";
  auto rep = app::import_roster_csv(env.app(), who, CompoundId{cid}, gbk, false);
  EXPECT_EQ(rep.units_created, 1);
  env.db().read([&](store::Connection& c) {
    EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM persons WHERE name = '张三'"), 1);
    EXPECT_EQ(
        c.scalar("SELECT COUNT(*) FROM units WHERE label = '1栋101' AND area_centi_m2 = 5050"), 1);
  });
}

TEST(Import, ShowsProgress) {
  TestEnv env;
  auto cid = env.add_compound("南街");
  app::Caller who;
  std::string big = "房号,面积,业主\n";
  for (int i = 1; i <= 450; ++i)
    big += "1栋" + std::to_string(1000 + i) + ",60,业主" + std::to_string(i) + "\n";
  std::vector<std::size_t> seen;
  app::import_roster_csv(env.app(), who, CompoundId{cid}, big, false,
                         [&](std::size_t done, std::size_t total) {
                           EXPECT_EQ(total, 450u);
                           seen.push_back(done);
                         });
  EXPECT_EQ(seen, (std::vector<std::size_t>{200, 400, 450}));
}

}  // namespace xinyi
