#include "app/seed_demo.h"

#include <gtest/gtest.h>

#include <set>

#include "app/auth_service.h"
#include "app/registry_service.h"
#include "support/test_env.h"

namespace xinyi {

using testing::TestEnv;

TEST(Seed, FiveCompoundsOnePerModelAndASecondRunAddsNothing) {
  TestEnv env;
  auto rep = app::seed_demo(env.app());
  EXPECT_TRUE(rep.created);
  EXPECT_EQ(rep.compounds, 5);
  auto counts = [&] {
    std::int64_t n = 0;
    for (auto t : {"compounds", "units", "persons", "unit_members", "users", "role_grants", "claims", "petition_signatures"})
      n += env.count(t);
    return n;
  };
  auto before = counts();
  EXPECT_FALSE(app::seed_demo(env.app()).created);
  EXPECT_EQ(counts(), before);

  std::set<std::string> models;
  for (const auto& c : app::public_compounds(env.app())) models.insert(std::string(c.at("model").as_string()));
  EXPECT_EQ(models, (std::set<std::string>{"hourly", "committee", "community_run", "merged", "charity"}));
}

TEST(Seed, TheDistrictIsBelievable) {
  TestEnv env;
  app::seed_demo(env.app());
  env.db().read([&](store::Connection& c) {
    // 38 households applied for a property management committee in the committee compound.
    EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM petition_signatures s JOIN compounds k ON k.id = s.compound_id "
                       "WHERE k.model = 'committee'"), 38);
    // Some units are still the developer's.
    EXPECT_GT(c.scalar("SELECT COUNT(*) FROM units WHERE developer_held = 1"), 0);
    // Someone owns several units.
    EXPECT_GT(c.scalar("SELECT COUNT(*) FROM (SELECT person_id FROM unit_members WHERE relation = 'owner' "
                       "GROUP BY person_id HAVING COUNT(*) > 1) t"), 0);
    // Tenants exist, and realistic areas (35–200 m²).
    EXPECT_GT(c.scalar("SELECT COUNT(*) FROM unit_members WHERE relation = 'tenant'"), 0);
    EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM units WHERE area_centi_m2 < 3500 OR area_centi_m2 > 20000"), 0);
    // Nine courtyards of the merged compound form one managed area.
    EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM courtyards y JOIN compounds k ON k.id = y.compound_id "
                       "WHERE k.model = 'merged' AND y.area_id IS NOT NULL"), 9);
    // Every role of SPEC §2 has a demo account.
    for (auto role : {"committee", "trustee", "worker", "staff", "auditor"})
      EXPECT_GT(c.scalar("SELECT COUNT(*) FROM role_grants WHERE role = ?", {std::string(role)}), 0) << role;
    EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM users WHERE is_admin = 1"), 1);
  });
}

TEST(Seed, DemoAccountsSignIn) {
  TestEnv env;
  app::seed_demo(env.app());
  for (const auto& a : app::demo_accounts()) {
    app::Caller who;
    auto s = app::login(env.app(), who, R"({"login":")" + a.login + R"(","password":")" + a.password + R"("})");
    EXPECT_FALSE(s.token.empty()) << a.login;
  }
  app::Caller wang;
  auto s = app::login(env.app(), wang, R"({"login":"13800000001","password":"xinyi-demo"})");
  EXPECT_EQ(s.me.at("units").as_array().size(), 2u);
}

}  // namespace xinyi
