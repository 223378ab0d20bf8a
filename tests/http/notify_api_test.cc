// Announcements and notifications over HTTP on the demo district: a notice reaches the phone
// live (server-sent events), the resident confirms, the poster's count rises.
#include <gtest/gtest.h>

#include <thread>

#include "http/outbound.h"
#include "http/server_fixture.h"

namespace xinyi::testing {

namespace json = boost::json;
using NotifyApiTest = ServerTest;

// Signing out ends the live stream: nothing posted afterwards reaches the browser.
TEST_F(NotifyApiTest, TheLiveStreamEndsWithTheSession) {
  std::string cpd = "/api/v1/compounds/" + std::to_string(compound_id("桂湖教师院"));
  auto owner = client();
  owner.login("13800000001");
  const std::string cookie = owner.cookie;
  auto com = client();
  com.login("committee");
  std::thread actions([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    EXPECT_EQ(owner.post("/api/v1/auth/logout", "").status, 204);
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    EXPECT_EQ(
        com.post(cpd + "/announcements", R"({"title":"退出后的通知","body":"不应送达"})").status,
        201);
  });
  std::string stream = client().raw(
      "GET /api/v1/me/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\nCookie: " +
          cookie + "\r\n\r\n",
      6000);
  actions.join();
  EXPECT_NE(stream.find("text/event-stream"), std::string::npos);
  EXPECT_EQ(stream.find("退出后的通知"), std::string::npos) << stream;
}

TEST_F(NotifyApiTest, ANoticeArrivesLiveAndTheConfirmationIsCounted) {
  std::string cpd = "/api/v1/compounds/" + std::to_string(compound_id("桂湖教师院"));
  auto owner = client();
  owner.login("13800000001");
  auto com = client();
  com.login("committee");
  std::thread poster([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    auto r = com.post(cpd + "/announcements",
                      R"({"title":"电梯检修通知","body":"周六停用半天","confirm_required":true})");
    EXPECT_EQ(r.status, 201) << r.body;
  });
  std::string stream = owner.raw(
      "GET /api/v1/me/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\nCookie: " +
          owner.cookie + "\r\n\r\n",
      4000);
  poster.join();
  EXPECT_NE(stream.find("text/event-stream"), std::string::npos);
  EXPECT_NE(stream.find("event: notification"), std::string::npos) << stream;
  EXPECT_NE(stream.find("请确认：电梯检修通知"), std::string::npos);
  // Anonymous: no stream.
  EXPECT_NE(
      client()
          .raw("GET /api/v1/me/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n",
               1000)
          .find(" 401 "),
      std::string::npos);

  auto list = owner.get(cpd + "/announcements").json().as_array();
  std::int64_t id = 0;
  for (const auto& a : list)
    if (a.at("title").as_string() == "电梯检修通知") id = a.at("id").as_int64();
  ASSERT_NE(id, 0);
  auto before = com.get(cpd + "/announcements/" + std::to_string(id) + "/stats").json();
  EXPECT_EQ(owner.post(cpd + "/announcements/" + std::to_string(id) + "/confirm", "").status, 200);
  auto after = com.get(cpd + "/announcements/" + std::to_string(id) + "/stats").json();
  // 王建国 holds two units: both households count as confirmed.
  EXPECT_EQ(after.at("confirmed").as_int64(), before.at("confirmed").as_int64() + 2);
  EXPECT_EQ(owner.get(cpd + "/announcements/" + std::to_string(id) + "/stats").status,
            403);  // residents see no door list
  // The notification list and the read mark.
  auto n = owner.get("/api/v1/me/notifications").json();
  EXPECT_GE(n.at("unread").as_int64(), 1);
  EXPECT_EQ(
      owner.post("/api/v1/me/notifications/read", R"({"all":true})").json().at("unread").as_int64(),
      0);
  EXPECT_EQ(owner.send("PATCH", "/api/v1/me/preferences", R"({"large_text":true})")
                .json()
                .at("large_text")
                .as_bool(),
            true);
  EXPECT_TRUE(owner.get("/api/v1/me").json().at("large_text").as_bool());
}

}  // namespace xinyi::testing

namespace xinyi::testing {

TEST_F(NotifyApiTest, SinksWriteFilesAndTreatAGatewaysRefusalAsAFailure) {
  auto path = (env.dir() / "outbox.jsonl").string();
  auto file = http::make_sink("file:" + path);
  file->send({7, "sms", "13900000001", "【信义】停水通知"});
  file->send({8, "sms", "13900000002", "【信义】电梯检修"});
  std::ifstream in(path);
  std::string first, second;
  std::getline(in, first);
  std::getline(in, second);
  EXPECT_EQ(json::parse(first).at("id").as_int64(), 7);
  EXPECT_EQ(json::parse(second).at("body").as_string(), "【信义】电梯检修");
  // A gateway that answers 404 (this test server has no such route): a failure, to retry.
  auto hook =
      http::make_sink("webhook:http://127.0.0.1:" + std::to_string(port) + "/no-gateway-here");
  EXPECT_THROW(hook->send({9, "sms", "13900000001", "x"}), std::exception);
  EXPECT_THROW(http::make_sink("carrier-pigeon"), std::invalid_argument);
}

}  // namespace xinyi::testing
