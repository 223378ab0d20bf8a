// Announcements (audience, read and confirm counts), notifications and the outbound queue
// (retry with backoff, opt-out), through the use cases on a real store.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/announce_service.h"
#include "app/auth_service.h"
#include "app/billing_service.h"
#include "app/books.h"
#include "app/needs_service.h"
#include "app/notify.h"
#include "app/registry_service.h"
#include "store/auth_repo.h"
#include "store/registry_repo.h"
#include "support/test_env.h"

namespace xinyi {

using testing::compound_path;
using testing::public_path;
using testing::status_of;
using testing::TestEnv;
namespace json = boost::json;
using I = std::int64_t;

constexpr I kMin = 60'000;

// 东院: 甲 (owner of 101, phone) and 乙 (owner of 102, no phone); 西院: 丙 (owner of 201, phone).
class NotifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env.app().clock_ms = [this] { return now; };
    cid = env.add_compound("教师院");
    env.db().write([&](store::Connection& c) { app::ensure_books(c, cid, now); });
    east = env.last_courtyard_id;
    env.grant(env.add_user("com"), cid, Role::committee);
    env.grant(env.add_user("staff"), cid, Role::staff);
    com = env.caller("com");
    west = env.post(com, compound_path(cid, "/courtyards"), R"({"name":"西院"})")
               .as_object()
               .at("id")
               .as_int64();
    I wb = env.post(com, compound_path(cid, "/buildings"),
                    R"({"courtyard_id":)" + std::to_string(west) + R"(,"name":"2"})")
               .as_object()
               .at("id")
               .as_int64();
    u101 = unit(env.last_building_id, "101");
    u102 = unit(env.last_building_id, "102");
    u201 = unit(wb, "201");
    person("jia", "13900000001", u101);
    person("yi", "", u102);
    person("bing", "13900000003", u201);
  }
  I unit(I building, const char* number) {
    return env
        .post(com, compound_path(cid, "/units"),
              R"({"building_id":)" + std::to_string(building) + R"(,"number":")" + number +
                  R"(","area_centi_m2":8000})")
        .as_object()
        .at("id")
        .as_int64();
  }
  void person(const std::string& login, const std::string& phone, I u) {
    I user = env.add_user(login, phone);
    env.db().write([&](store::Connection& c) {
      I p = store::insert_person(c, cid, login, phone, "", now);
      store::insert_member(c, cid, u, p, "owner", now);
      store::insert_claim(c, cid, u, user, p, "owner", now);
    });
  }
  I post(const std::string& extra) {
    return env
        .post(com, compound_path(cid, "/announcements"),
              R"({"title":"停水通知","body":"明天 9 点到 17 点停水")" + extra + "}")
        .as_object()
        .at("id")
        .as_int64();
  }
  I unread(const std::string& login) {
    return env.get(env.caller(login), "/api/v1/me/notifications?limit=50")
        .as_object()
        .at("unread")
        .as_int64();
  }
  I outbox(const std::string& status) {
    return env.db().read([&](store::Connection& c) {
      return c.scalar("SELECT COUNT(*) FROM outbox WHERE status = ?", {status});
    });
  }

  TestEnv env;
  I now = 1'790'000'000'000;
  I cid = 0, east = 0, west = 0, u101 = 0, u102 = 0, u201 = 0;
  app::Caller com;
};

TEST_F(NotifyTest, ACourtyardsNoticeReachesOnlyThatCourtyard) {
  I id = post(R"(,"courtyard_id":)" + std::to_string(east) + R"(,"confirm_required":true)");
  EXPECT_EQ(env.get(env.caller("jia"), compound_path(cid, "/announcements")).as_array().size(), 1u);
  EXPECT_EQ(env.get(env.caller("bing"), compound_path(cid, "/announcements")).as_array().size(),
            0u);
  EXPECT_EQ(status_of([&] {
              env.get(env.caller("bing"),
                      compound_path(cid, "/announcements/" + std::to_string(id)))
                  .as_object();
            }),
            404);
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("bing"),
                       compound_path(cid, "/announcements/" + std::to_string(id) + "/confirm"));
            }),
            404);
  EXPECT_EQ(unread("jia"), 1);
  EXPECT_EQ(unread("yi"), 1);
  EXPECT_EQ(unread("bing"), 0);
  // The poster sees every announcement, with counts.
  EXPECT_EQ(env.get(com, compound_path(cid, "/announcements")).as_array().size(), 1u);
}

TEST_F(NotifyTest, ReadAndConfirmCountsPerCourtyard) {
  I id = post(R"(,"confirm_required":true)");
  auto stats = [&] {
    return env
        .get(env.caller("com"),
             compound_path(cid, "/announcements/" + std::to_string(id) + "/stats"))
        .as_object();
  };
  EXPECT_EQ(stats().at("households").as_int64(), 3);
  env.post(env.caller("jia"), compound_path(cid, "/announcements/" + std::to_string(id) + "/read"));
  env.post(env.caller("jia"),
           compound_path(cid, "/announcements/" + std::to_string(id) + "/read"));  // twice is once
  env.post(env.caller("bing"),
           compound_path(cid, "/announcements/" + std::to_string(id) + "/confirm"));
  auto s = stats();
  EXPECT_EQ(s.at("read").as_int64(), 2);
  EXPECT_EQ(s.at("confirmed").as_int64(), 1);
  const auto& yards = s.at("courtyards").as_array();
  ASSERT_EQ(yards.size(), 2u);
  for (const auto& y : yards) {
    if (y.at("courtyard_id").as_int64() == east) {
      EXPECT_EQ(y.at("households").as_int64(), 2);
      EXPECT_EQ(y.at("read").as_int64(), 1);
      EXPECT_EQ(y.at("confirmed").as_int64(), 0);
      EXPECT_EQ(y.at("not_reached"), (json::array{"1栋101", "1栋102"}));  // whose door to knock on
    } else {
      EXPECT_EQ(y.at("confirmed").as_int64(), 1);
      EXPECT_EQ(y.at("not_reached").as_array().size(), 0u);
    }
  }
  env.post(env.caller("jia"),
           compound_path(cid, "/announcements/" + std::to_string(id) + "/confirm"));
  EXPECT_EQ(stats().at("confirmed").as_int64(), 2);
  // A notice that asks for no confirmation cannot be confirmed.
  I plain = post("");
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("jia"),
                       compound_path(cid, "/announcements/" + std::to_string(plain) + "/confirm"));
            }),
            409);
}

// A notice offers each person what the server will let them do: the household it is addressed
// to reads and confirms it (each once), the poster withdraws it and sees its reach, staff too;
// a withdrawn notice offers nothing more to withdraw.
TEST_F(NotifyTest, ANoticeOffersEachPersonWhatTheServerWillDo) {
  I id = post(R"(,"courtyard_id":)" + std::to_string(east) + R"(,"confirm_required":true)");
  auto can = [&](const app::Caller& who) {
    std::string out;
    const auto view =
        env.get(who, compound_path(cid, "/announcements/" + std::to_string(id))).as_object();
    for (const auto& s : view.at("can").as_array()) out += std::string(s.as_string()) + " ";
    return out;
  };
  auto jia = env.caller("jia"), staff = env.caller("staff");
  EXPECT_EQ(can(jia), "read confirm ");
  env.post(jia, compound_path(cid, "/announcements/" + std::to_string(id) + "/read")).as_object();
  EXPECT_EQ(can(jia), "confirm ");
  auto confirmed =
      env.post(jia, compound_path(cid, "/announcements/" + std::to_string(id) + "/confirm"))
          .as_object();
  EXPECT_EQ(confirmed.at("can").as_array().size(), 0u);
  EXPECT_EQ(can(com), "withdraw stats ");
  EXPECT_EQ(can(staff), "withdraw stats ");
  auto gone =
      env.post(com, compound_path(cid, "/announcements/" + std::to_string(id) + "/withdraw"))
          .as_object();
  EXPECT_EQ(json::serialize(gone.at("can")), R"(["stats"])");
  EXPECT_EQ(status_of([&] {
              env.post(com,
                       compound_path(cid, "/announcements/" + std::to_string(id) + "/withdraw"))
                  .as_object();
            }),
            409);
}

TEST_F(NotifyTest, ScheduledAndExpiredNoticesAreHiddenAndAnnouncedOnTime) {
  I later = post(R"(,"publish_at":)" + std::to_string(now + 60 * kMin) + R"(,"expires_at":)" +
                 std::to_string(now + 120 * kMin));
  EXPECT_EQ(env.get(env.caller("jia"), compound_path(cid, "/announcements")).as_array().size(), 0u);
  EXPECT_EQ(unread("jia"), 0);
  EXPECT_EQ(app::publish_due(env.app()), 0);
  now += 60 * kMin;
  EXPECT_EQ(app::publish_due(env.app()), 1);
  EXPECT_EQ(app::publish_due(env.app()), 0);  // once
  EXPECT_EQ(unread("jia"), 1);
  EXPECT_EQ(env.get(env.caller("jia"), compound_path(cid, "/announcements")).as_array().size(), 1u);
  now += 60 * kMin;
  EXPECT_EQ(env.get(env.caller("jia"), compound_path(cid, "/announcements")).as_array().size(), 0u);
  EXPECT_EQ(
      env.post(com, compound_path(cid, "/announcements/" + std::to_string(later) + "/withdraw"))
          .as_object()
          .at("status")
          .as_string(),
      "withdrawn");
}

// A sink that fails `failures` times, then records what it sends.
struct FlakySink : app::OutboundSink {
  int failures = 0;
  std::vector<app::OutboundMessage> sent;
  void send(const app::OutboundMessage& m) override {
    if (failures > 0) {
      --failures;
      throw std::runtime_error("gateway down");
    }
    sent.push_back(m);
  }
};

TEST_F(NotifyTest, TextMessagesAreQueuedRetriedWithBackoffAndNeverSentAfterOptOut) {
  post(R"(,"confirm_required":true)");  // asks for confirmation: text messages too
  // 甲 and 丙 have phones; 乙 has none.
  EXPECT_EQ(outbox("queued"), 2);
  FlakySink sink;
  sink.failures = 1;
  auto r = app::deliver_due(env.app(), sink);
  EXPECT_EQ(r.retried, 1);
  EXPECT_EQ(r.sent, 1);
  EXPECT_EQ(app::deliver_due(env.app(), sink).sent, 0);  // not due again for 30 s
  now += 30'000;
  EXPECT_EQ(app::deliver_due(env.app(), sink).sent, 1);
  ASSERT_EQ(sink.sent.size(), 2u);
  EXPECT_NE(sink.sent[0].body.find("停水通知"), std::string::npos);
  EXPECT_EQ(outbox("sent"), 2);

  // 丙 opts out after the next message is queued: it is skipped, never sent.
  post(R"(,"confirm_required":true)");
  env.api(env.caller("bing"), "PATCH", "/api/v1/me/preferences", R"({"sms":false})");
  r = app::deliver_due(env.app(), sink);
  EXPECT_EQ(r.sent, 1);
  EXPECT_EQ(r.skipped, 1);
  // And nothing is queued for 丙 any more.
  post(R"(,"confirm_required":true)");
  EXPECT_EQ(outbox("queued"), 1);

  // A gateway that never answers: six tries, then failed.
  sink.failures = 100;
  for (int k = 0; k < 10; ++k) {
    app::deliver_due(env.app(), sink);
    now += 10 * 60'000;
  }
  EXPECT_EQ(outbox("failed"), 1);
  EXPECT_EQ(env.db().read([&](store::Connection& c) {
    return c.scalar("SELECT MAX(attempts) FROM outbox WHERE status = 'failed'");
  }),
            app::kMaxAttempts);
}

// A second sender (another server process) running while the first is sending never sends
// the same message again.
struct NestedSink : app::OutboundSink {
  app::App* app = nullptr;
  std::vector<I> ids;
  bool nested = false;
  void send(const app::OutboundMessage& m) override {
    ids.push_back(m.id);
    if (!nested) {
      nested = true;
      app::deliver_due(*app, *this);
    }
  }
};

TEST_F(NotifyTest, TwoSendersNeverSendOneMessageTwice) {
  post(R"(,"confirm_required":true)");
  post(R"(,"confirm_required":true)");
  ASSERT_EQ(outbox("queued"), 4);
  NestedSink sink;
  sink.app = &env.app();
  app::deliver_due(env.app(), sink);
  std::sort(sink.ids.begin(), sink.ids.end());
  EXPECT_EQ(sink.ids.size(), 4u);
  EXPECT_EQ(std::adjacent_find(sink.ids.begin(), sink.ids.end()), sink.ids.end());
  EXPECT_EQ(outbox("sent"), 4);
}

TEST_F(NotifyTest, BillsPaymentsAndAnswersToNeedsNotifyTheirPeople) {
  env.post(com, compound_path(cid, "/fee-rates"),
           R"({"rate_fen":50,"effective_from":"2026-01","decision":"业主大会决定"})")
      .as_object();
  app::bill_run(env.app(), com, CompoundId{cid}, "2026-09", false);
  EXPECT_EQ(unread("jia"), 1);
  EXPECT_EQ(unread("bing"), 1);
  app::record_payment(env.app(), com, CompoundId{cid},
                      {UnitId{u101}, Fen{4000}, app::PayMethod::cash, "", std::nullopt});
  auto n = env.get(env.caller("jia"), "/api/v1/me/notifications?limit=10").as_object();
  EXPECT_EQ(n.at("unread").as_int64(), 2);
  EXPECT_EQ(n.at("items").at(0).at("kind").as_string(), "payment");
  EXPECT_EQ(unread("bing"), 1);  // not 丙's unit
  I need = env.post(env.caller("yi"), compound_path(cid, "/needs"),
                    R"({"category":"repairs","body":"路灯不亮"})")
               .as_object()
               .at("id")
               .as_int64();
  env.post(com, compound_path(cid, "/needs/" + std::to_string(need) + "/triage"),
           R"({"status":"service","note":"电工本周上门"})")
      .as_object();
  auto yi = env.get(env.caller("yi"), "/api/v1/me/notifications?limit=10").as_object();
  EXPECT_EQ(yi.at("items").at(0).at("kind").as_string(), "need");
  env.post(env.caller("jia"), "/api/v1/me/notifications/read", R"({"all":true})");
  EXPECT_EQ(unread("jia"), 0);
  // Large text is remembered per person.
  env.api(env.caller("jia"), "PATCH", "/api/v1/me/preferences", R"({"large_text":true})");
  EXPECT_TRUE(app::me(env.app(), env.caller("jia")).large_text);
  EXPECT_FALSE(app::me(env.app(), env.caller("yi")).large_text);
}

}  // namespace xinyi
