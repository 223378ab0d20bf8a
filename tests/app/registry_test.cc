#include "app/registry_service.h"

#include <gtest/gtest.h>

#include "support/test_env.h"

namespace xinyi {
using I = std::int64_t;

using testing::compound_path;
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
  auto d = env.post(op, "/api/v1/districts", R"({"name":"新都区"})").as_object();
  auto s = env.post(op, "/api/v1/districts/" + std::to_string(d.at("id").as_int64()) + "/streets",
                    R"({"name":"桂湖街道"})")
               .as_object();
  auto c = env.post(op, "/api/v1/streets/" + std::to_string(s.at("id").as_int64()) + "/communities",
                    R"({"name":"升庵社区"})")
               .as_object();
  auto k =
      env.post(op, "/api/v1/communities/" + std::to_string(c.at("id").as_int64()) + "/compounds",
               R"({"name":"教师院","model":"hourly"})")
          .as_object();
  EXPECT_EQ(k.at("district").as_string(), "新都区");
  EXPECT_EQ(k.at("units").as_int64(), 0);
  EXPECT_EQ(
      status_of([&] { env.post(op, "/api/v1/districts", R"({"name":"新都区"})").as_object(); }),
      409);
  EXPECT_EQ(status_of([&] {
              env.post(op, "/api/v1/districts/" + std::to_string(999) + "/streets",
                       R"({"name":"x"})")
                  .as_object();
            }),
            404);
  EXPECT_EQ(
      fields_of([&] {
        env.post(op, "/api/v1/communities/" + std::to_string(c.at("id").as_int64()) + "/compounds",
                 R"({"name":"乙","model":"feudal"})")
            .as_object();
      }),
      std::vector<std::string>{"model"});
  // Every write left an audit entry.
  EXPECT_EQ(env.count("audit_log"), 4);
}

TEST(Registry, BadUnitInputIsRefusedWithEveryFieldNamed) {
  TestEnv env;
  auto cid = env.add_compound("甲");
  auto com_id = env.add_user("com");
  env.grant(com_id, cid, Role::committee);
  auto com = env.caller("com");
  auto f = fields_of([&] {
    env.post(com, compound_path(cid, "/units"),
             R"({"building_id":"x","number":"","area_centi_m2":-5,"colour":"red"})")
        .as_object();
  });
  std::sort(f.begin(), f.end());
  EXPECT_EQ(f, (std::vector<std::string>{"area_centi_m2", "building_id", "colour", "number"}));
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/units"),
                       R"({"building_id":1,"number":"1","area_centi_m2":1e30})")
                  .as_object();
            }),
            422);
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/units"), R"({"building_id":1,"number":"1",)")
                  .as_object();
            }),
            400);
  EXPECT_EQ(status_of([&] { env.post(com, compound_path(cid, "/units"), R"([1,2])").as_object(); }),
            400);
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/units"),
                       "{\"building_id\":1,\"number\":\"\xff\",\"area_centi_m2\":5}")
                  .as_object();
            }),
            400);
  EXPECT_EQ(env.count("units"), 0);
}

TEST(Registry, AnotherCompoundsIdsAreNotFound) {
  TestEnv env;
  auto a = env.add_compound("甲");
  auto building_a = env.last_building_id;
  auto b = env.add_compound("乙");
  auto com_id = env.add_user("com");
  env.grant(com_id, a, Role::committee);
  env.grant(com_id, b, Role::committee);
  auto com = env.caller("com");
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(b, "/units"),
                       R"({"building_id":)" + std::to_string(building_a) +
                           R"(,"number":"101","area_centi_m2":5000})")
                  .as_object();
            }),
            404);
  auto u = env.post(com, compound_path(a, "/units"),
                    R"({"building_id":)" + std::to_string(building_a) +
                        R"(,"number":"101","area_centi_m2":5000})")
               .as_object();
  EXPECT_EQ(status_of([&] {
              env.get(testing::reader(),
                      compound_path(b, "/units/" + std::to_string(u.at("id").as_int64())))
                  .as_object();
            }),
            404);
  EXPECT_EQ(status_of([&] {
              env.api(com, "PATCH",
                      compound_path(b, "/units/" + std::to_string(u.at("id").as_int64())),
                      R"({"area_centi_m2":1})")
                  .as_object();
            }),
            404);
}

TEST(Registry, UnitsAreUniquePerCourtyardAndListedWithTheirPeople) {
  TestEnv env;
  auto cid = env.add_compound("甲");
  auto com_id = env.add_user("com");
  env.grant(com_id, cid, Role::committee);
  auto com = env.caller("com");
  std::string body = R"({"building_id":)" + std::to_string(env.last_building_id) +
                     R"(,"entrance":"1","number":"101","area_centi_m2":8950})";
  auto u = env.post(com, compound_path(cid, "/units"), body).as_object();
  EXPECT_EQ(u.at("label").as_string(), "1栋1单元101");
  EXPECT_EQ(status_of([&] { env.post(com, compound_path(cid, "/units"), body).as_object(); }), 409);
  auto uid = u.at("id").as_int64();
  env.post(com, compound_path(cid, "/units/" + std::to_string(uid) + "/members"),
           R"({"name":"张三","phone":"13800001111","id_card":"51012519700101123X"})")
      .as_object();
  env.post(com, compound_path(cid, "/units/" + std::to_string(uid) + "/members"),
           R"({"name":"周租","phone":"13800002222","relation":"tenant"})")
      .as_object();
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/units/" + std::to_string(uid) + "/members"),
                       R"({"name":"张三","phone":"13800001111"})")
                  .as_object();
            }),
            409);
  auto page = env.get(testing::reader(), compound_path(cid, "/units?after=" + std::to_string(0) +
                                                                "&limit=" + std::to_string(100)))
                  .as_object();
  const auto& items = page.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  const auto& members = items[0].at("members").as_array();
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].at("id_last4").as_string(), "123X");
  EXPECT_EQ(members[1].at("relation").as_string(), "tenant");
  auto upd = env.api(com, "PATCH", compound_path(cid, "/units/" + std::to_string(uid)),
                     R"({"area_centi_m2":9000,"developer_held":false})")
                 .as_object();
  EXPECT_EQ(upd.at("area_centi_m2").as_int64(), 9000);
}

TEST(Registry, ListingPagesThroughUnits) {
  TestEnv env;
  auto cid = env.add_compound("甲");
  auto com_id = env.add_user("com");
  env.grant(com_id, cid, Role::committee);
  auto com = env.caller("com");
  for (int i = 1; i <= 5; ++i)
    env.post(com, compound_path(cid, "/units"),
             R"({"building_id":)" + std::to_string(env.last_building_id) + R"(,"number":")" +
                 std::to_string(100 + i) + R"(","area_centi_m2":5000})")
        .as_object();
  auto p1 = env.get(testing::reader(), compound_path(cid, "/units?after=" + std::to_string(0) +
                                                              "&limit=" + std::to_string(2)))
                .as_object();
  EXPECT_EQ(p1.at("items").as_array().size(), 2u);
  auto after = p1.at("next_after").as_int64();
  auto p2 = env.get(testing::reader(), compound_path(cid, "/units?after=" + std::to_string(after) +
                                                              "&limit=" + std::to_string(2)))
                .as_object();
  auto p3 =
      env.get(testing::reader(),
              compound_path(cid, "/units?after=" + std::to_string(p2.at("next_after").as_int64()) +
                                     "&limit=" + std::to_string(2)))
          .as_object();
  EXPECT_EQ(p3.at("items").as_array().size(), 1u);
  EXPECT_TRUE(p3.at("next_after").is_null());
}

TEST(Registry, ManagedAreasGroupCourtyards) {
  TestEnv env;
  auto cid = env.add_compound("九院");
  auto com_id = env.add_user("com");
  env.grant(com_id, cid, Role::committee);
  auto com = env.caller("com");
  auto y2 = env.post(com, compound_path(cid, "/courtyards"), R"({"name":"兰苑"})").as_object();
  auto area =
      env.post(com, compound_path(cid, "/areas"),
               R"({"name":"北门片区","courtyard_ids":[)" + std::to_string(env.last_courtyard_id) +
                   "," + std::to_string(y2.at("id").as_int64()) + "]}")
          .as_object();
  auto pub = env.get(app::Caller{}, "/api/v1/public/compounds/" + std::to_string(cid)).as_object();
  for (const auto& y : pub.at("courtyard_list").as_array())
    EXPECT_EQ(y.at("area_name").as_string(), "北门片区");
  // Taking one courtyard out keeps its identity.
  env.api(com, "PATCH", compound_path(cid, "/courtyards/" + std::to_string(y2.at("id").as_int64())),
          R"({"area_id":0})")
      .as_object();
  pub = env.get(app::Caller{}, "/api/v1/public/compounds/" + std::to_string(cid)).as_object();
  EXPECT_EQ(pub.at("courtyard_list").as_array()[1].at("area_name").as_string(), "");
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/areas"), R"({"name":"x","courtyard_ids":[99999]})")
                  .as_object();
            }),
            404);
}

TEST(Registry, PublicViewsCarryNoPersonalData) {
  TestEnv env;
  auto cid = env.add_compound("甲");
  auto com_id = env.add_user("com");
  env.grant(com_id, cid, Role::committee);
  auto com = env.caller("com");
  auto u = env.post(com, compound_path(cid, "/units"),
                    R"({"building_id":)" + std::to_string(env.last_building_id) +
                        R"(,"number":"101","area_centi_m2":5000})")
               .as_object();
  env.post(com, compound_path(cid, "/units/" + std::to_string(u.at("id").as_int64()) + "/members"),
           R"({"name":"张三丰","phone":"13800001111"})")
      .as_object();
  std::string pub =
      boost::json::serialize(
          env.get(app::Caller{}, "/api/v1/public/compounds/" + std::to_string(cid)).as_object()) +
      boost::json::serialize(env.get(app::Caller{}, "/api/v1/public/compounds").as_array());
  EXPECT_EQ(pub.find("张三丰"), std::string::npos);
  EXPECT_EQ(pub.find("13800001111"), std::string::npos);
  EXPECT_EQ(pub.find("1栋101"), std::string::npos);  // nor unit numbers
}

TEST(Registry, GrantingRoles) {
  TestEnv env;
  auto cid = env.add_compound("甲");
  env.grant(env.add_user("staff"), cid, Role::staff);
  env.add_user("bob");
  auto staff = env.caller("staff");
  env.post_maybe_pending(staff, compound_path(cid, "/roles"),
                         R"({"login":"bob","role":"auditor"})");  // not an approving role: at once
  EXPECT_EQ(status_of([&] {
              env.post_maybe_pending(staff, compound_path(cid, "/roles"),
                                     R"({"login":"bob","role":"auditor"})");
            }),
            409);
  EXPECT_EQ(status_of([&] {
              env.post_maybe_pending(staff, compound_path(cid, "/roles"),
                                     R"({"login":"bob","role":"resident"})");
            }),
            422);
  EXPECT_EQ(status_of([&] {
              env.post_maybe_pending(staff, compound_path(cid, "/roles"),
                                     R"({"login":"ghost","role":"auditor"})");
            }),
            404);
  EXPECT_TRUE(env.caller("bob").principal->has(cid, Role::auditor));
  auto log = env.get(testing::reader(), compound_path(cid, "/audit?before=" + std::to_string(0) +
                                                               "&limit=" + std::to_string(10)))
                 .as_object();
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
    auto r = env.post_maybe_pending(staff, compound_path(cid, "/roles"),
                                    std::string(R"({"login":"bob","role":")") + role + "\"}");
    ASSERT_TRUE(r.pending) << role;
    I req = r.body.at("id").as_int64();
    EXPECT_EQ(status_of([&] {
                env.post_maybe_pending(staff, compound_path(cid, "/roles"),
                                       std::string(R"({"login":"bob","role":")") + role + "\"}");
              }),
              409);
    EXPECT_EQ(status_of([&] {
                env.post(staff, compound_path(cid, "/roles/" + std::to_string(req) + "/confirm"),
                         "{}")
                    .as_object();
              }),
              409);  // the asker
    // The grantee (not staff here, so the route's rule refuses first).
    EXPECT_EQ(status_of([&] {
                env.post(env.caller("bob"),
                         compound_path(cid, "/roles/" + std::to_string(req) + "/confirm"), "{}")
                    .as_object();
              }),
              403);
    EXPECT_FALSE(env.caller("bob").principal->has(cid, *parse_role(role))) << role;
    if (std::string(role) == "staff") {
      env.post(env.caller("root"), compound_path(cid, "/roles/" + std::to_string(req) + "/reject"),
               "{}")
          .as_object();
      EXPECT_EQ(status_of([&] {
                  env.post(env.caller("root"),
                           compound_path(cid, "/roles/" + std::to_string(req) + "/confirm"), "{}")
                      .as_object();
                }),
                409);
      continue;
    }
    env.post(env.caller("root"), compound_path(cid, "/roles/" + std::to_string(req) + "/confirm"),
             "{}")
        .as_object();
    EXPECT_TRUE(env.caller("bob").principal->has(cid, *parse_role(role))) << role;
  }
  // Nobody asks for an approving role for themselves.
  EXPECT_EQ(status_of([&] {
              env.post_maybe_pending(staff, compound_path(cid, "/roles"),
                                     R"({"login":"staff","role":"committee"})");
            }),
            409);
  // Grants are public, masked, with their dates; revoking ends one and keeps it in the history.
  auto roles = env.get(testing::reader(), compound_path(cid, "/roles")).as_object();
  I trustee_grant = 0;
  for (const auto& g : roles.at("grants").as_array())
    if (g.at("role").as_string() == "trustee") trustee_grant = g.at("id").as_int64();
  ASSERT_GT(trustee_grant, 0);
  env.post(staff, compound_path(cid, "/roles/" + std::to_string(trustee_grant) + "/revoke"), "{}")
      .as_object();
  EXPECT_FALSE(env.caller("bob").principal->has(cid, Role::trustee));
  auto pub = env.get(app::Caller{}, "/api/v1/public/compounds/" + std::to_string(cid))
                 .as_object()
                 .at("roles");
  EXPECT_EQ(pub.at("ended").as_array().size(), 1u);
  EXPECT_EQ(pub.at("ended").as_array()[0].at("role").as_string(), "trustee");
  bool committee_public = false;
  for (const auto& g : pub.at("current").as_array())
    committee_public |= g.at("role").as_string() == "committee";
  EXPECT_TRUE(committee_public);
  EXPECT_EQ(boost::json::serialize(pub).find("bob"), std::string::npos);
}

// The second person is neither the one who asked nor the one who would hold the role, even when
// the grantee is staff and so passes the route's rule.
TEST(Registry, TheGranteeCannotConfirmTheirOwnRole) {
  TestEnv env;
  auto cid = env.add_compound("甲");
  env.grant(env.add_user("staff"), cid, Role::staff);
  env.grant(env.add_user("staff2"), cid, Role::staff);
  auto asked = env.post_maybe_pending(env.caller("staff"), compound_path(cid, "/roles"),
                                      R"({"login":"staff2","role":"trustee"})");
  ASSERT_TRUE(asked.pending);
  const std::string confirm =
      compound_path(cid, "/roles/" + std::to_string(asked.body.at("id").as_int64()) + "/confirm");
  EXPECT_EQ(status_of([&] { env.post(env.caller("staff2"), confirm); }), 409);
  EXPECT_FALSE(env.caller("staff2").principal->has(cid, Role::trustee));
}

}  // namespace xinyi
