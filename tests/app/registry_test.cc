#include "app/registry_service.h"

#include <gtest/gtest.h>

#include "support/test_env.h"

namespace xinyi {
using I = std::int64_t;

using testing::status_of;
using testing::TestEnv;

namespace {
std::vector<std::string> fields_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    std::vector<std::string> out;
    for (const auto& fe : e.fields()) out.push_back(fe.field);
    return out;
  }
  return {};
}
}  // namespace

TEST(Registry, TheOperatorBuildsTheHierarchy) {
  TestEnv env;
  env.add_user("admin", "", true);
  auto op = env.caller("admin");
  auto d = app::create_district(env.app(), op, R"({"name":"新都区"})");
  auto s = app::create_street(env.app(), op, d.at("id").as_int64(), R"({"name":"桂湖街道"})");
  auto c = app::create_community(env.app(), op, s.at("id").as_int64(), R"({"name":"升庵社区"})");
  auto k = app::create_compound(env.app(), op, c.at("id").as_int64(),
                                R"({"name":"教师院","model":"hourly"})");
  EXPECT_EQ(k.at("district").as_string(), "新都区");
  EXPECT_EQ(k.at("units").as_int64(), 0);
  EXPECT_EQ(status_of([&] { app::create_district(env.app(), op, R"({"name":"新都区"})"); }), 409);
  EXPECT_EQ(status_of([&] { app::create_street(env.app(), op, 999, R"({"name":"x"})"); }), 404);
  EXPECT_EQ(fields_of([&] {
              app::create_compound(env.app(), op, c.at("id").as_int64(),
                                   R"({"name":"乙","model":"feudal"})");
            }),
            std::vector<std::string>{"model"});
  // Every write left an audit entry.
  EXPECT_EQ(env.count("audit_log"), 4);
}

TEST(Registry, BadUnitInputIsRefusedWithEveryFieldNamed) {
  TestEnv env;
  auto cid = env.add_compound("甲");
  env.add_user("com");
  auto com = env.caller("com");
  auto f = fields_of([&] {
    app::create_unit(env.app(), com, cid,
                     R"({"building_id":"x","number":"","area_centi_m2":-5,"colour":"red"})");
  });
  std::sort(f.begin(), f.end());
  EXPECT_EQ(f, (std::vector<std::string>{"area_centi_m2", "building_id", "colour", "number"}));
  EXPECT_EQ(status_of([&] {
              app::create_unit(env.app(), com, cid,
                               R"({"building_id":1,"number":"1","area_centi_m2":1e30})");
            }),
            422);
  EXPECT_EQ(status_of([&] {
              app::create_unit(env.app(), com, cid, R"({"building_id":1,"number":"1",)");
            }),
            400);
  EXPECT_EQ(status_of([&] { app::create_unit(env.app(), com, cid, R"([1,2])"); }), 400);
  EXPECT_EQ(status_of([&] {
              app::create_unit(env.app(), com, cid,
                               "{\"building_id\":1,\"number\":\"\xff\",\"area_centi_m2\":5}");
            }),
            400);
  EXPECT_EQ(env.count("units"), 0);
}

TEST(Registry, AnotherCompoundsIdsAreNotFound) {
  TestEnv env;
  auto a = env.add_compound("甲");
  auto building_a = env.last_building_id;
  auto b = env.add_compound("乙");
  env.add_user("com");
  auto com = env.caller("com");
  EXPECT_EQ(status_of([&] {
              app::create_unit(env.app(), com, b,
                               R"({"building_id":)" + std::to_string(building_a) +
                                   R"(,"number":"101","area_centi_m2":5000})");
            }),
            404);
  auto u = app::create_unit(env.app(), com, a,
                            R"({"building_id":)" + std::to_string(building_a) +
                                R"(,"number":"101","area_centi_m2":5000})");
  EXPECT_EQ(status_of([&] { app::get_unit(env.app(), b, u.at("id").as_int64()); }), 404);
  EXPECT_EQ(status_of([&] {
              app::update_unit(env.app(), com, b, u.at("id").as_int64(), R"({"area_centi_m2":1})");
            }),
            404);
}

TEST(Registry, UnitsAreUniquePerCourtyardAndListedWithTheirPeople) {
  TestEnv env;
  auto cid = env.add_compound("甲");
  env.add_user("com");
  auto com = env.caller("com");
  std::string body = R"({"building_id":)" + std::to_string(env.last_building_id) +
                     R"(,"entrance":"1","number":"101","area_centi_m2":8950})";
  auto u = app::create_unit(env.app(), com, cid, body);
  EXPECT_EQ(u.at("label").as_string(), "1栋1单元101");
  EXPECT_EQ(status_of([&] { app::create_unit(env.app(), com, cid, body); }), 409);
  auto uid = u.at("id").as_int64();
  app::add_member(env.app(), com, cid, uid,
                  R"({"name":"张三","phone":"13800001111","id_card":"51012519700101123X"})");
  app::add_member(env.app(), com, cid, uid,
                  R"({"name":"周租","phone":"13800002222","relation":"tenant"})");
  EXPECT_EQ(status_of([&] {
              app::add_member(env.app(), com, cid, uid, R"({"name":"张三","phone":"13800001111"})");
            }),
            409);
  auto page = app::list_units(env.app(), cid, 0, 100);
  const auto& items = page.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  const auto& members = items[0].at("members").as_array();
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].at("id_last4").as_string(), "123X");
  EXPECT_EQ(members[1].at("relation").as_string(), "tenant");
  auto upd = app::update_unit(env.app(), com, cid, uid,
                              R"({"area_centi_m2":9000,"developer_held":false})");
  EXPECT_EQ(upd.at("area_centi_m2").as_int64(), 9000);
}

TEST(Registry, ListingPagesThroughUnits) {
  TestEnv env;
  auto cid = env.add_compound("甲");
  env.add_user("com");
  auto com = env.caller("com");
  for (int i = 1; i <= 5; ++i)
    app::create_unit(env.app(), com, cid,
                     R"({"building_id":)" + std::to_string(env.last_building_id) +
                         R"(,"number":")" + std::to_string(100 + i) + R"(","area_centi_m2":5000})");
  auto p1 = app::list_units(env.app(), cid, 0, 2);
  EXPECT_EQ(p1.at("items").as_array().size(), 2u);
  auto after = p1.at("next_after").as_int64();
  auto p2 = app::list_units(env.app(), cid, after, 2);
  auto p3 = app::list_units(env.app(), cid, p2.at("next_after").as_int64(), 2);
  EXPECT_EQ(p3.at("items").as_array().size(), 1u);
  EXPECT_TRUE(p3.at("next_after").is_null());
}

TEST(Registry, ManagedAreasGroupCourtyards) {
  TestEnv env;
  auto cid = env.add_compound("九院");
  env.add_user("com");
  auto com = env.caller("com");
  auto y2 = app::create_courtyard(env.app(), com, cid, R"({"name":"兰苑"})");
  auto area = app::create_area(env.app(), com, cid,
                               R"({"name":"北门片区","courtyard_ids":[)" +
                                   std::to_string(env.last_courtyard_id) + "," +
                                   std::to_string(y2.at("id").as_int64()) + "]}");
  auto pub = app::public_compound(env.app(), cid);
  for (const auto& y : pub.at("courtyard_list").as_array())
    EXPECT_EQ(y.at("area_name").as_string(), "北门片区");
  // Taking one courtyard out keeps its identity.
  app::update_courtyard(env.app(), com, cid, y2.at("id").as_int64(), R"({"area_id":0})");
  pub = app::public_compound(env.app(), cid);
  EXPECT_EQ(pub.at("courtyard_list").as_array()[1].at("area_name").as_string(), "");
  EXPECT_EQ(status_of([&] {
              app::create_area(env.app(), com, cid, R"({"name":"x","courtyard_ids":[99999]})");
            }),
            404);
}

TEST(Registry, PublicViewsCarryNoPersonalData) {
  TestEnv env;
  auto cid = env.add_compound("甲");
  env.add_user("com");
  auto com = env.caller("com");
  auto u = app::create_unit(env.app(), com, cid,
                            R"({"building_id":)" + std::to_string(env.last_building_id) +
                                R"(,"number":"101","area_centi_m2":5000})");
  app::add_member(env.app(), com, cid, u.at("id").as_int64(),
                  R"({"name":"张三丰","phone":"13800001111"})");
  std::string pub = boost::json::serialize(app::public_compound(env.app(), cid)) +
                    boost::json::serialize(app::public_compounds(env.app()));
  EXPECT_EQ(pub.find("张三丰"), std::string::npos);
  EXPECT_EQ(pub.find("13800001111"), std::string::npos);
  EXPECT_EQ(pub.find("1栋101"), std::string::npos);  // nor unit numbers
}

TEST(Registry, GrantingRoles) {
  TestEnv env;
  auto cid = env.add_compound("甲");
  env.add_user("staff");
  env.add_user("bob");
  auto staff = env.caller("staff");
  app::grant_role(env.app(), staff, cid,
                  R"({"login":"bob","role":"auditor"})");  // not an approving role: at once
  EXPECT_EQ(status_of([&] {
              app::grant_role(env.app(), staff, cid, R"({"login":"bob","role":"auditor"})");
            }),
            409);
  EXPECT_EQ(status_of([&] {
              app::grant_role(env.app(), staff, cid, R"({"login":"bob","role":"resident"})");
            }),
            422);
  EXPECT_EQ(status_of([&] {
              app::grant_role(env.app(), staff, cid, R"({"login":"ghost","role":"auditor"})");
            }),
            404);
  EXPECT_TRUE(env.caller("bob").principal->has(cid, Role::auditor));
  auto log = app::list_audit(env.app(), cid, 0, 10);
  EXPECT_EQ(log.at("items").as_array()[0].at("action").as_string(), "role.grant");
}

// One staff account cannot mint the approvers it needs: a committee, trustee or staff role
// given directly waits for a second person, who is neither the asker nor the grantee.
TEST(Registry, AnApprovingRoleNeedsASecondPerson) {
  TestEnv env;
  auto cid = env.add_compound("甲");
  env.grant(env.add_user("staff"), cid, Role::staff);
  env.add_user("bob");
  env.add_user("root", "", true);
  auto staff = env.caller("staff");
  for (const char* role : {"committee", "trustee", "staff"}) {
    auto r = app::grant_role(env.app(), staff, cid,
                             std::string(R"({"login":"bob","role":")") + role + "\"}");
    ASSERT_TRUE(r.pending) << role;
    I req = r.body.at("id").as_int64();
    EXPECT_EQ(status_of([&] {
                app::grant_role(env.app(), staff, cid,
                                std::string(R"({"login":"bob","role":")") + role + "\"}");
              }),
              409);
    EXPECT_EQ(status_of([&] { app::confirm_role(env.app(), staff, cid, req); }), 409);  // the asker
    EXPECT_EQ(status_of([&] { app::confirm_role(env.app(), env.caller("bob"), cid, req); }),
              409);  // the grantee
    EXPECT_FALSE(env.caller("bob").principal->has(cid, *parse_role(role))) << role;
    if (std::string(role) == "staff") {
      app::reject_role(env.app(), env.caller("root"), cid, req);
      EXPECT_EQ(status_of([&] { app::confirm_role(env.app(), env.caller("root"), cid, req); }),
                409);
      continue;
    }
    app::confirm_role(env.app(), env.caller("root"), cid, req);
    EXPECT_TRUE(env.caller("bob").principal->has(cid, *parse_role(role))) << role;
  }
  // Nobody asks for an approving role for themselves.
  EXPECT_EQ(status_of([&] {
              app::grant_role(env.app(), staff, cid, R"({"login":"staff","role":"committee"})");
            }),
            409);
  // Grants are public, masked, with their dates; revoking ends one and keeps it in the history.
  auto roles = app::list_roles(env.app(), cid);
  I trustee_grant = 0;
  for (const auto& g : roles.at("grants").as_array())
    if (g.at("role").as_string() == "trustee") trustee_grant = g.at("id").as_int64();
  ASSERT_GT(trustee_grant, 0);
  app::revoke_role(env.app(), staff, cid, trustee_grant);
  EXPECT_FALSE(env.caller("bob").principal->has(cid, Role::trustee));
  auto pub = app::public_compound(env.app(), cid).at("roles");
  EXPECT_EQ(pub.at("ended").as_array().size(), 1u);
  EXPECT_EQ(pub.at("ended").as_array()[0].at("role").as_string(), "trustee");
  bool committee_public = false;
  for (const auto& g : pub.at("current").as_array())
    committee_public |= g.at("role").as_string() == "committee";
  EXPECT_TRUE(committee_public);
  EXPECT_EQ(boost::json::serialize(pub).find("bob"), std::string::npos);
}

}  // namespace xinyi
