// The needs list, work logs, questionnaires and photos over HTTP on the demo district: the
// routes' roles, the status codes a phone sees, and what is stored afterwards.
#include <gtest/gtest.h>

#include "http/server_fixture.h"

namespace xinyi::testing {

namespace json = boost::json;
using ServiceApiTest = ServerTest;

TEST_F(ServiceApiTest, AWorkerLogsAVisitAndAResidentOfTheCourtyardConfirmsIt) {
  std::string cpd = "/api/v1/compounds/" + std::to_string(compound_id("桂湖教师院"));
  std::int64_t yard = env.db().read([&](store::Connection& c) {
    return c.scalar("SELECT id FROM courtyards WHERE compound_id = ?", {compound_id("桂湖教师院")});
  });
  auto worker = client();
  worker.login("worker");
  auto in = worker.post(cpd + "/work-logs", R"({"courtyard_id":)" + std::to_string(yard) +
                                                R"(,"item_code":"electric"})");
  ASSERT_EQ(in.status, 201) << in.body;
  std::string id = std::to_string(in.json().at("id").as_int64());
  EXPECT_EQ(in.json().at("status").as_string(), "in_progress");
  auto out = worker.post(cpd + "/work-logs/" + id + "/check-out", R"({"done":"更换 2 栋楼道灯"})");
  ASSERT_EQ(out.status, 422) << out.body;     // less than a minute after check-in
  env.db().write([&](store::Connection& c) {  // the visit began an hour ago
    c.execute("UPDATE work_logs SET checked_in_at = checked_in_at - 3600000 WHERE id = ?",
              {in.json().at("id").as_int64()});
  });
  out = worker.post(cpd + "/work-logs/" + id + "/check-out", R"({"done":"更换 2 栋楼道灯"})");
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(out.json().at("minutes").as_int64(), 60);
  // The worker cannot review (not a resident), a resident of another compound cannot either.
  EXPECT_EQ(worker.post(cpd + "/work-logs/" + id + "/review", R"({"verdict":"confirm"})").status,
            403);
  auto tenant = client();
  tenant.login("13800000002");
  EXPECT_EQ(tenant.post(cpd + "/work-logs/" + id + "/review", R"({"verdict":"confirm"})").status,
            403);
  auto owner = client();
  owner.login("13800000001");
  auto todo = owner.get(cpd + "/work-logs?to_review=1");
  ASSERT_EQ(todo.status, 200);
  bool listed = false;
  const auto todo_list = todo.json();
  for (const auto& v : todo_list.as_array())
    listed = listed || v.at("id").as_int64() == in.json().at("id").as_int64();
  EXPECT_TRUE(listed);
  auto r = owner.post(cpd + "/work-logs/" + id + "/review", R"({"verdict":"confirm"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("confirmations").as_int64(), 1);
  EXPECT_EQ(r.json().at("my_review").at("verdict").as_string(), "confirm");
  // The public month shows the delivered hours but no names.
  auto month = client().get("/api/v1/public/compounds/" +
                            std::to_string(compound_id("桂湖教师院")) + "/services/monthly");
  ASSERT_EQ(month.status, 200);
  EXPECT_GE(month.json().at("delivered_minutes").as_int64(), 60);
  EXPECT_EQ(month.body.find("孙师傅"), std::string::npos);
}

TEST_F(ServiceApiTest, AResidentFilesANeedAndTheCommitteeTriagesIt) {
  auto cid = std::to_string(compound_id("桂湖教师院"));
  std::string cpd = "/api/v1/compounds/" + cid;
  auto before = client().get("/api/v1/public/compounds/" + cid + "/needs/summary").json();
  auto owner = client();
  owner.login("13800000001");
  auto n = owner.post(cpd + "/needs",
                      R"({"category":"repairs","body":"2 栋单元门关不上","place":"2 栋"})");
  ASSERT_EQ(n.status, 201) << n.body;
  std::string id = std::to_string(n.json().at("id").as_int64());
  auto bad = owner.post(cpd + "/needs", R"({"category":"repairs","body":""})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(owner.post(cpd + "/needs/" + id + "/triage", R"({"status":"service"})").status,
            403);  // residents do not triage
  auto com = client();
  com.login("committee");
  auto t = com.post(cpd + "/needs/" + id + "/triage",
                    R"({"status":"service","service_code":"electric","note":"电工本周上门"})");
  ASSERT_EQ(t.status, 200) << t.body;
  auto mine = owner.get(cpd + "/needs/" + id).json();
  EXPECT_EQ(mine.at("status").as_string(), "service");
  EXPECT_EQ(mine.at("timeline").as_array().size(), 2u);
  auto after = client().get("/api/v1/public/compounds/" + cid + "/needs/summary").json();
  EXPECT_EQ(after.at("total").as_int64(), before.at("total").as_int64() + 1);
  EXPECT_EQ(after.at("by_status").at("service").as_int64(),
            before.at("by_status").at("service").as_int64() + 1);
  // Anonymous people see counts, not the list.
  EXPECT_EQ(client().get(cpd + "/needs").status, 401);
}

TEST_F(ServiceApiTest, TheDemoOwnerAnswersOnceAndTheCommitteeExports) {
  auto cid = std::to_string(compound_id("桂湖教师院"));
  std::string cpd = "/api/v1/compounds/" + cid;
  auto list = client().get("/api/v1/public/compounds/" + cid + "/questionnaires").json().as_array();
  ASSERT_EQ(list.size(), 1u);
  std::string qid = std::to_string(list[0].at("id").as_int64());
  auto owner = client();
  owner.login("13800000001");
  auto q = owner.get("/api/v1/public/compounds/" + cid + "/questionnaires/" + qid).json();
  EXPECT_TRUE(q.at("eligible").as_bool());
  EXPECT_FALSE(q.at("answered").as_bool());
  const std::string body = R"({"answers":[{"scale":5},{"scale":4},{"choices":[1]},null]})";
  auto a = owner.post(cpd + "/questionnaires/" + qid + "/answers", body);
  ASSERT_EQ(a.status, 201) << a.body;
  // 王建国 owns two units: one answer per household, so he may answer for the second one too …
  EXPECT_EQ(owner.post(cpd + "/questionnaires/" + qid + "/answers", body).status, 201);
  // … and no more.
  EXPECT_EQ(owner.post(cpd + "/questionnaires/" + qid + "/answers", body).status, 409);
  EXPECT_TRUE(owner.get("/api/v1/public/compounds/" + cid + "/questionnaires/" + qid)
                  .json()
                  .at("answered")
                  .as_bool());
  EXPECT_EQ(owner.get(cpd + "/questionnaires/" + qid + "/export/responses.csv").status, 403);
  auto com = client();
  com.login("committee");
  auto csv = com.get(cpd + "/questionnaires/" + qid + "/export/responses.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("保洁服务满意度"), std::string::npos);
  EXPECT_EQ(csv.body.find("王建国"), std::string::npos);
  auto xlsx = com.get(cpd + "/questionnaires/" + qid + "/export/responses.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(com.get(cpd + "/questionnaires/" + qid + "/export/responses.pdf").status, 404);
}

TEST_F(ServiceApiTest, PhotosAreImagesOnly) {
  std::string cpd = "/api/v1/compounds/" + std::to_string(compound_id("桂湖教师院"));
  auto owner = client();
  owner.login("13800000001");
  std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + "demo";
  auto r = owner.post(cpd + "/photos", png, "image/png");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(owner.post(cpd + "/photos", "%PDF-1.4 x", "application/pdf").status, 422);
  auto n = owner.post(cpd + "/needs", R"({"category":"repairs","body":"路灯不亮","photos":[")" +
                                          std::string(r.json().at("sha256").as_string()) + "\"]}");
  ASSERT_EQ(n.status, 201) << n.body;
  EXPECT_EQ(n.json().at("photos").as_array().size(), 1u);
  EXPECT_EQ(
      owner.post(cpd + "/needs", R"({"category":"repairs","body":"路灯不亮","photos":["00"]})")
          .status,
      422);
  EXPECT_EQ(client().post(cpd + "/photos", png, "image/png").status, 401);
}

}  // namespace xinyi::testing
