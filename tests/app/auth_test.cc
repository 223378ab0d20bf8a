#include "app/auth_service.h"

#include <gtest/gtest.h>

#include "app/registry_service.h"
#include "store/registry_repo.h"
#include "support/test_env.h"

namespace xinyi {

using testing::compound_path;
using testing::status_of;
using testing::TestEnv;

TEST(Auth, SignInByLoginOrPhoneAndResolveTheSession) {
  TestEnv env;
  env.add_user("alice", "13800001111");
  app::Caller who;
  auto s = app::login(env.app(), who, {"13800001111", "password123"});
  EXPECT_EQ(s.token.size(), 43u);
  EXPECT_EQ(s.me.user.login, "alice");
  auto again = app::authenticate(env.app(), s.token, "1.2.3.4");
  ASSERT_TRUE(again.user.has_value());
  EXPECT_EQ(again.user->login, "alice");
  // The store holds only the token's hash.
  EXPECT_EQ(env.db().read([&](store::Connection& c) {
    return c.scalar("SELECT COUNT(*) FROM sessions WHERE token_hash = ?", {s.token});
  }),
            0);
}

TEST(Auth, WrongPasswordIs401AndUnknownTokensAreAnonymous) {
  TestEnv env;
  env.add_user("alice");
  app::Caller who;
  EXPECT_EQ(status_of([&] { app::login(env.app(), who, {"alice", "nope-nope"}); }), 401);
  EXPECT_EQ(status_of([&] { app::login(env.app(), who, {"nobody", "password123"}); }), 401);
  EXPECT_FALSE(app::authenticate(env.app(), "forged-token", "ip").user.has_value());
}

TEST(Auth, SignInIsThrottledAfterFiveFailures) {
  TestEnv env;
  env.add_user("alice");
  app::Caller who;
  who.ip = "10.0.0.1";
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(status_of([&] { app::login(env.app(), who, {"alice", "wrong-pass"}); }), 401);
  // Even the right password waits now.
  EXPECT_EQ(status_of([&] { app::login(env.app(), who, {"alice", "password123"}); }), 429);
  // Fifteen minutes later it works again.
  auto t0 = env.app().clock_ms();
  env.app().clock_ms = [t0] { return t0 + 15 * 60 * 1000 + 1; };
  EXPECT_EQ(status_of([&] { app::login(env.app(), who, {"alice", "password123"}); }), 200);
}

TEST(Auth, SessionsExpire) {
  TestEnv env;
  env.add_user("alice");
  app::Caller who;
  auto s = app::login(env.app(), who, {"alice", "password123"});
  auto t0 = env.app().clock_ms();
  env.app().clock_ms = [&] { return t0 + env.app().cfg.session_ttl_ms + 1; };
  EXPECT_FALSE(app::authenticate(env.app(), s.token, "ip").user.has_value());
}

TEST(Auth, LogoutEndsTheSession) {
  TestEnv env;
  env.add_user("alice");
  app::Caller who;
  auto s = app::login(env.app(), who, {"alice", "password123"});
  auto c = app::authenticate(env.app(), s.token, "ip");
  app::logout(env.app(), c);
  EXPECT_FALSE(app::authenticate(env.app(), s.token, "ip").user.has_value());
}

TEST(Auth, PasswordChangeSignsOutOtherSessions) {
  TestEnv env;
  env.add_user("alice");
  app::Caller a, b;
  auto s1 = app::login(env.app(), a, {"alice", "password123"});
  auto s2 = app::login(env.app(), b, {"alice", "password123"});
  auto c1 = app::authenticate(env.app(), s1.token, "ip");
  EXPECT_EQ(status_of([&] { app::change_password(env.app(), c1, "bad-old-pw", "newpassword1"); }),
            422);
  EXPECT_EQ(status_of([&] { app::change_password(env.app(), c1, "password123", "short"); }), 422);
  app::change_password(env.app(), c1, "password123", "newpassword1");
  EXPECT_TRUE(app::authenticate(env.app(), s1.token, "ip").user.has_value());
  EXPECT_FALSE(app::authenticate(env.app(), s2.token, "ip").user.has_value());
  app::Caller d;
  EXPECT_EQ(status_of([&] { app::login(env.app(), d, {"alice", "newpassword1"}); }), 200);
}

TEST(Auth, RegisterValidatesAndRefusesDuplicates) {
  TestEnv env;
  app::Caller who;
  EXPECT_EQ(status_of([&] {
              app::register_account(env.app(), who, {"123", "张三", "password123", std::nullopt});
            }),
            422);
  EXPECT_EQ(
      status_of([&] {
        app::register_account(env.app(), who, {"13900001111", "", "password123", std::nullopt});
      }),
      422);
  auto s =
      app::register_account(env.app(), who, {"139-0000-1111", "张三", "password123", std::nullopt});
  EXPECT_EQ(s.me.user.phone.value_or(""), "13900001111");
  app::Caller other;
  EXPECT_EQ(status_of([&] {
              app::register_account(env.app(), other,
                                    {"13900001111", "李四", "password123", std::nullopt});
            }),
            409);
  EXPECT_EQ(env.count("users"), 1);
}

class ClaimTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cid = env.add_compound("甲");
    committee_id = env.add_user("committee");
    env.grant(committee_id, cid, Role::committee);
    auto com = env.caller("committee");
    auto unit = env.post(com, compound_path(cid, "/units"),
                         R"({"building_id":)" + std::to_string(env.last_building_id) +
                             R"(,"entrance":"2","number":"501","area_centi_m2":8950})")
                    .as_object();
    uid = unit.at("id").as_int64();
    env.post(com, compound_path(cid, "/units/" + std::to_string(uid) + "/members"),
             R"({"name":"张三","phone":"13800001111","relation":"owner"})")
        .as_object();
    code = env.db().read(
        [&](store::Connection& c) { return store::get_unit(c, cid, uid)->invite_code; });
  }
  TestEnv env;
  std::int64_t cid = 0, uid = 0, committee_id = 0;
  std::string code;
};

TEST_F(ClaimTest, AnOwnerOnTheRosterClaimsWithTheCode) {
  env.add_user("zhang", "13800001111");
  auto who = env.caller("zhang");
  auto r = app::claim_unit(env.app(), who, code.substr(0, 4) + "-" + code.substr(4));
  EXPECT_EQ(r.relation, "owner");
  EXPECT_EQ(r.label, "1栋2单元501");
  EXPECT_TRUE(who.principal->has(cid, Role::resident));
  auto me = app::me(env.app(), who);
  ASSERT_EQ(me.units.size(), 1u);
  EXPECT_EQ(me.units[0].area_centi_m2, 8950);
  EXPECT_EQ(status_of([&] { app::claim_unit(env.app(), who, code); }), 409);
}

TEST_F(ClaimTest, SomeoneNotOnTheRosterCannotClaim) {
  env.add_user("stranger", "13999999999");
  auto who = env.caller("stranger");
  EXPECT_EQ(status_of([&] { app::claim_unit(env.app(), who, code); }), 403);
  EXPECT_EQ(env.count("claims"), 0);
}

TEST_F(ClaimTest, WrongCodesAreRefusedAndThrottled) {
  env.add_user("zhang", "13800001111");
  auto who = env.caller("zhang");
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(status_of([&] { app::claim_unit(env.app(), who, "AAAA2222"); }), 422);
  EXPECT_EQ(status_of([&] { app::claim_unit(env.app(), who, code); }), 429);
  EXPECT_EQ(env.count("claims"), 0);
}

TEST_F(ClaimTest, ARenewedCodeInvalidatesTheOldOne) {
  auto com = env.caller("committee");
  auto renewed =
      env.post(com, compound_path(cid, "/units/" + std::to_string(uid) + "/invite-code"), "{}")
          .as_object();
  env.add_user("zhang", "13800001111");
  auto who = env.caller("zhang");
  EXPECT_EQ(status_of([&] { app::claim_unit(env.app(), who, code); }), 422);
  EXPECT_EQ(status_of([&] {
              app::claim_unit(env.app(), who, std::string(renewed.at("invite_code").as_string()));
            }),
            200);
}

}  // namespace xinyi
