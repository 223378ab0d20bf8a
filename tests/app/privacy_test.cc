// PIPL: a person's export holds what is stored about them; deleting the account removes the
// person (name, phone, login, sessions, claims, messages) while the books still verify and the
// counts their actions fed are unchanged.
#include <gtest/gtest.h>

#include "app/auth_service.h"
#include "app/charity_service.h"
#include "app/needs_service.h"
#include "app/privacy_service.h"
#include "app/verify.h"
#include "store/auth_repo.h"
#include "support/test_env.h"

namespace xinyi {

using testing::compound_path;
using testing::public_path;
using testing::status_of;
using testing::TestEnv;
namespace json = boost::json;
using I = std::int64_t;

TEST(Privacy, TheExportHoldsWhatIsStoredAboutMe) {
  TestEnv env;
  env.seed_demo();
  auto wang = env.caller("13800000001");
  env.post(wang, compound_path(1, "/donations"), R"({"amount_fen":10000})").as_object();
  auto x = env.get(wang, "/api/v1/me/export").as_object();
  ASSERT_EQ(x.at("donations").as_array().size(), 1u);
  EXPECT_EQ(x.at("donations").as_array()[0].at("donor_name").as_string(), "王建国");
  EXPECT_EQ(x.at("account").at("name").as_string(), "王建国");
  EXPECT_EQ(x.at("account").at("phone").as_string(), "13800000001");
  EXPECT_EQ(x.at("claims").as_array().size(), 2u);
  EXPECT_EQ(x.at("bills_and_payments").as_array().size(), 2u);
  EXPECT_GE(x.at("needs_filed").as_array().size(), 1u);
  EXPECT_GE(x.at("notifications").as_array().size(), 1u);
  // Nobody else's: 李晓梅's name is not in 王建国's export.
  EXPECT_EQ(json::serialize(x).find("李晓梅"), std::string::npos);
}

TEST(Privacy, DeletingAnAccountRemovesThePersonButNotTheBooks) {
  TestEnv env;
  env.seed_demo();
  auto wang = env.caller("13800000001");
  const I uid = wang.user_id();
  auto roots = [&] {
    std::vector<std::string> out;
    for (I cid = 1; cid <= 5; ++cid) {
      auto r = app::verify_store(env.db(), cid);
      EXPECT_TRUE(r.ok) << r.message;
      out.push_back(r.root);
    }
    return out;
  };
  const auto before = roots();
  auto count = [&](const std::string& sql) {
    return env.db().read([&](store::Connection& c) { return c.scalar(sql, {uid}); });
  };
  const I needs = count("SELECT COUNT(*) FROM needs WHERE filed_by = ?");
  ASSERT_GT(needs, 0);
  env.post(wang, compound_path(1, "/donations"), R"({"amount_fen":10000})").as_object();
  EXPECT_EQ(
      status_of([&] { env.post(wang, "/api/v1/me/delete", R"({"password":"wrong-password"})"); }),
      422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM claims WHERE user_id = ?"), 2);  // nothing changed
  env.post(wang, "/api/v1/me/delete", R"({"password":"xinyi-demo"})");

  // The person is gone: no name, phone, login, session, claim, message.
  auto u = env.db().read([&](store::Connection& c) { return store::get_user(c, uid); });
  ASSERT_TRUE(u);
  EXPECT_EQ(u->name, "已注销用户");
  EXPECT_EQ(env.db().read([&](store::Connection& c) {
    return c.query_one("SELECT donor_name FROM donations WHERE user_id = ?", {uid})->str(0);
  }),
            "已注销用户");
  EXPECT_FALSE(u->phone);
  EXPECT_NE(u->login, "13800000001");
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE user_id = ?"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM claims WHERE user_id = ?"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE user_id = ?"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE user_id = ?"), 0);
  EXPECT_EQ(app::authenticate(env.app(), "", "x").user, std::nullopt);
  app::Caller anon;
  EXPECT_EQ(status_of([&] { app::login(env.app(), anon, {"13800000001", "xinyi-demo"}); }), 401);
  // What others rely on stays: the needs filed (their filer now nobody), the books to the byte.
  EXPECT_EQ(count("SELECT COUNT(*) FROM needs WHERE filed_by = ?"), needs);
  auto list = env.get(env.caller("committee"), compound_path(1, "/needs")).as_array();
  EXPECT_EQ(json::serialize(list).find("王*"), std::string::npos);
  EXPECT_EQ(roots(), before);
  // The phone number can be registered again by its next owner.
  app::Caller fresh;
  EXPECT_EQ(status_of([&] {
              app::register_account(env.app(), fresh,
                                    {"13800000001", "新住户", "a-new-password", std::nullopt});
            }),
            200);
}

}  // namespace xinyi
