// The needs list, the service plan and work logs, questionnaires and meetings, through the use
// cases on a real store: hours and cost, the dispute window, posting once per month, the
// one-answer rule, and who may do what.
#include <gtest/gtest.h>

#include <ctime>

#include "app/billing_service.h"
#include "app/books.h"
#include "app/needs_service.h"
#include "app/notify.h"
#include "app/registry_service.h"
#include "app/survey_service.h"
#include "app/work_service.h"
#include "store/auth_repo.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"
#include "support/test_env.h"

namespace xinyi {

using testing::compound_path;
using testing::public_path;
using testing::status_of;
using testing::TestEnv;
namespace json = boost::json;
using I = std::int64_t;

constexpr I kMin = 60'000, kHour = 60 * kMin, kDay = 24 * kHour;

// Milliseconds at hh:00 China time on a date.
I china(const char* date, int hh) {
  std::tm tm{};
  std::sscanf(date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
  tm.tm_year -= 1900, tm.tm_mon -= 1;
  return (static_cast<I>(timegm(&tm)) + (hh - 8) * 3600) * 1000;
}

// Two courtyards: 甲 and 乙 live in 东院 (甲 owns 101, 乙 rents it), 丙 owns 201 in 西院. 工 is the
// cleaner; 委 the committee; 托 the trustee.
class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env.app().clock_ms = [this] { return now; };
    cid = env.add_compound("教师院");
    env.db().write([&](store::Connection& c) { app::ensure_books(c, cid, now); });
    east = env.last_courtyard_id;
    env.grant(env.add_user("com"), cid, Role::committee);
    env.grant(env.add_user("trustee"), cid, Role::trustee);
    env.grant(env.add_user("staff"), cid, Role::staff);
    worker_id = env.add_user("worker");
    env.grant(worker_id, cid, Role::worker);
    com = env.caller("com");
    west = env.post(com, compound_path(cid, "/courtyards"), R"({"name":"西院"})")
               .as_object()
               .at("id")
               .as_int64();
    I west_building = env.post(com, compound_path(cid, "/buildings"),
                               R"({"courtyard_id":)" + std::to_string(west) + R"(,"name":"2"})")
                          .as_object()
                          .at("id")
                          .as_int64();
    u101 = unit(env.last_building_id, "101", 8000);
    u201 = unit(west_building, "201", 9000);
    person("jia", {u101}, "owner");
    person("yi", {u101}, "tenant");
    person("bing", {u201}, "owner");
  }

  I unit(I building, const char* number, I area) {
    return env
        .post(com, compound_path(cid, "/units"),
              R"({"building_id":)" + std::to_string(building) + R"(,"number":")" + number +
                  R"(","area_centi_m2":)" + std::to_string(area) + "}")
        .as_object()
        .at("id")
        .as_int64();
  }
  void person(const std::string& login, std::vector<I> units, const std::string& relation) {
    I user = env.add_user(login);
    env.db().write([&](store::Connection& c) {
      I p = store::insert_person(c, cid, login, "", "", now);
      for (I u : units) {
        store::insert_member(c, cid, u, p, relation, now);
        store::insert_claim(c, cid, u, user, p, relation, now);
      }
    });
  }

  void publish(const std::string& from) {
    env.post(com, compound_path(cid, "/service-plans"),
             R"({"effective_from":")" + from + R"(","items":[
        {"code":"clean","role":"保洁员","tasks":"清扫楼道","standard":"地面无垃圾","frequency":"week","visits":3,"minutes_per_visit":120,"rate_fen_per_hour":2500,"expense_account":"5001"},
        {"code":"electric","role":"电工","frequency":"month","visits":2,"minutes_per_visit":90,"rate_fen_per_hour":4000,"expense_account":"5003"}]})")
        .as_object();
    for (const char* code : {"clean", "electric"})
      env.post(env.caller("trustee"), compound_path(cid, "/service-plan/assignments"),
               std::string(R"({"item_code":")") + code + R"(","login":"worker"})")
          .as_object();
  }

  // A visit by the cleaner: in at `in`, out `minutes` later.
  I visit(I in, I minutes, I courtyard = 0, const char* code = "clean") {
    auto w = env.caller("worker");
    I keep = now;
    now = in + minutes * kMin + kMin;
    auto l = env.post(w, compound_path(cid, "/work-logs"),
                      R"({"courtyard_id":)" + std::to_string(courtyard ? courtyard : east) +
                          R"(,"item_code":")" + code + R"(","checked_in_at":)" +
                          std::to_string(in) + R"(,"checked_out_at":)" +
                          std::to_string(in + minutes * kMin) + R"(,"done":"清扫楼道"})")
                 .as_object();
    now = std::max(now, keep);
    return l.at("id").as_int64();
  }

  int review(const std::string& login, I log, const std::string& verdict,
             const std::string& reason = "") {
    return status_of([&] {
      env.post(env.caller(login),
               compound_path(cid, "/work-logs/" + std::to_string(log) + "/review"),
               R"({"verdict":")" + verdict + "\"" +
                   (reason.empty() ? "" : R"(,"reason":")" + reason + "\"") + "}")
          .as_object();
    });
  }

  TestEnv env;
  I now = china("2026-10-01", 9);
  I cid = 0, east = 0, west = 0, u101 = 0, u201 = 0, worker_id = 0;
  app::Caller com;
};

TEST_F(ServiceTest, PlanIsPublicWithItsMonthlyCost) {
  publish("2026-10");
  auto plans = env.get(app::Caller{}, public_path(cid, "/service-plans")).as_array();
  ASSERT_EQ(plans.size(), 1u);
  const auto& p = plans[0].as_object();
  // 3 × 120 min a week → 1,560 min a month × ¥25/h = ¥650; 2 × 90 min a month × ¥40/h = ¥120.
  EXPECT_EQ(p.at("monthly_cost_fen").as_int64(), 77000);
  EXPECT_EQ(p.at("items").as_array()[0].at("planned_minutes").as_int64(), 1560);
  EXPECT_EQ(p.at("version").as_int64(), 1);
  EXPECT_TRUE(p.at("in_effect").as_bool());
  // A bad plan is refused whole, naming each field.
  EXPECT_EQ(
      status_of([&] {
        env.post(
               com, compound_path(cid, "/service-plans"),
               R"({"effective_from":"2026-12","items":[{"role":"保洁员","frequency":"day","visits":3,"minutes_per_visit":120,"rate_fen_per_hour":2500}]})")
            .as_object();
      }),
      422);
  EXPECT_EQ(
      status_of([&] {
        env.post(
               com, compound_path(cid, "/service-plans"),
               R"({"effective_from":"2026-12","items":[{"role":"保洁员","frequency":"week","visits":3,"minutes_per_visit":120,"rate_fen_per_hour":2500,"expense_account":"1001"}]})")
            .as_object();
      }),
      422);
  EXPECT_EQ(env.get(app::Caller{}, public_path(cid, "/service-plans")).as_array().size(), 1u);
}

TEST_F(ServiceTest, APlanCannotChangeAMonthThatHasVisits) {
  publish("2026-10");
  visit(china("2026-10-05", 8), 120);
  EXPECT_EQ(status_of([&] { publish("2026-10"); }), 409);
  now = china("2026-10-20", 9);
  EXPECT_EQ(status_of([&] { publish("2026-11"); }), 200);
  EXPECT_EQ(env.get(app::Caller{}, public_path(cid, "/service-plans")).as_array().size(), 2u);
  // A need can name an item that two versions carry.
  I need = env.post(env.caller("jia"), compound_path(cid, "/needs"),
                    R"({"category":"cleaning","body":"楼道脏"})")
               .as_object()
               .at("id")
               .as_int64();
  EXPECT_EQ(env.post(com, compound_path(cid, "/needs/" + std::to_string(need) + "/triage"),
                     R"({"status":"service","service_code":"clean"})")
                .as_object()
                .at("status")
                .as_string(),
            "service");
}

TEST_F(ServiceTest, HoursFollowFromCheckInAndOut) {
  publish("2026-10");
  auto w = env.caller("worker");
  now = china("2026-10-05", 8);
  I id = env.post(w, compound_path(cid, "/work-logs"),
                  R"({"courtyard_id":)" + std::to_string(east) + R"(,"item_code":"clean"})")
             .as_object()
             .at("id")
             .as_int64();
  // A second check-in before checking out is refused.
  EXPECT_EQ(status_of([&] {
              env.post(w, compound_path(cid, "/work-logs"),
                       R"({"courtyard_id":)" + std::to_string(east) + R"(,"item_code":"clean"})")
                  .as_object();
            }),
            409);
  // Another worker cannot check this visit out.
  env.grant(env.add_user("worker2"), cid, Role::worker);
  now += 100 * kMin + 20'000;  // 100 min 20 s → 100 minutes
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("worker2"),
                       compound_path(cid, "/work-logs/" + std::to_string(id) + "/check-out"),
                       R"({"done":"x"})")
                  .as_object();
            }),
            403);
  auto out = env.post(w, compound_path(cid, "/work-logs/" + std::to_string(id) + "/check-out"),
                      R"({"done":"清扫 1–3 栋楼道"})")
                 .as_object();
  EXPECT_EQ(out.at("minutes").as_int64(), 100);
  EXPECT_EQ(out.at("status").as_string(), "in_review");
  // An item not in the plan, or a visit in the future, is refused.
  EXPECT_EQ(status_of([&] {
              env.post(w, compound_path(cid, "/work-logs"),
                       R"({"courtyard_id":)" + std::to_string(east) + R"(,"item_code":"guard"})")
                  .as_object();
            }),
            422);
  EXPECT_EQ(status_of([&] {
              env.post(w, compound_path(cid, "/work-logs"),
                       R"({"courtyard_id":)" + std::to_string(east) +
                           R"(,"item_code":"clean","checked_in_at":)" +
                           std::to_string(now + kHour) + "}")
                  .as_object();
            }),
            422);
  // Planned against delivered for the month.
  auto m = env.get(app::Caller{}, public_path(cid, "/services/monthly?month=2026-10")).as_object();
  const auto& clean = m.at("items").as_array()[0].as_object();
  EXPECT_EQ(clean.at("planned_minutes").as_int64(), 1560);
  EXPECT_EQ(clean.at("delivered_minutes").as_int64(), 100);
  EXPECT_EQ(clean.at("cost_fen").as_int64(), 4167);  // 100 min × ¥25/h = ¥41.666… → ¥41.67
  EXPECT_EQ(m.at("planned_cost_fen").as_int64(), 77000);
}

// A worker is in one place at a time, and works only the items the trustee gave them: no
// overlapping or backdated double visits, no checking in as 项目经理 at a higher rate.
TEST_F(ServiceTest, VisitsNeverOverlapAndFollowTheTrusteesAssignments) {
  publish("2026-10");
  now = china("2026-10-06", 20);
  visit(china("2026-10-06", 8), 120);  // 08:00–10:00
  auto w = env.caller("worker");
  auto backdated = [&](I in, I minutes, const char* code = "clean") {
    return status_of([&] {
      env.post(w, compound_path(cid, "/work-logs"),
               R"({"courtyard_id":)" + std::to_string(east) + R"(,"item_code":")" + code +
                   R"(","checked_in_at":)" + std::to_string(in) + R"(,"checked_out_at":)" +
                   std::to_string(in + minutes * kMin) + R"(,"done":"清扫楼道"})")
          .as_object();
    });
  };
  const auto logs = env.count("work_logs");
  EXPECT_EQ(backdated(china("2026-10-06", 9), 60), 409);       // inside the first
  EXPECT_EQ(backdated(china("2026-10-06", 7), 12 * 60), 409);  // a 12-hour visit around it
  EXPECT_EQ(backdated(china("2026-10-06", 7), 90), 409);       // its start
  EXPECT_EQ(env.count("work_logs"), logs);
  EXPECT_EQ(backdated(china("2026-10-06", 10), 60), 200);  // right after it is fine
  // Nor can an open check-in start before a visit already logged (it would run into it).
  EXPECT_EQ(status_of([&] {
              env.post(w, compound_path(cid, "/work-logs"),
                       R"({"courtyard_id":)" + std::to_string(east) +
                           R"(,"item_code":"clean","checked_in_at":)" +
                           std::to_string(china("2026-10-06", 6)) + "}")
                  .as_object();
            }),
            409);
  // Not assigned to the item: refused, whatever the plan says.
  env.post(env.caller("trustee"), compound_path(cid, "/service-plan/assignments"),
           R"({"item_code":"electric","login":"worker","assigned":false})")
      .as_object();
  EXPECT_EQ(backdated(china("2026-10-06", 14), 60, "electric"), 422);
  env.grant(env.add_user("worker2"), cid, Role::worker);
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("worker2"), compound_path(cid, "/work-logs"),
                       R"({"courtyard_id":)" + std::to_string(east) + R"(,"item_code":"clean"})")
                  .as_object();
            }),
            422);
  // Only a worker of the compound can be assigned.
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("trustee"), compound_path(cid, "/service-plan/assignments"),
                       R"({"item_code":"clean","login":"com"})")
                  .as_object();
            }),
            422);
  env.post(env.caller("trustee"), compound_path(cid, "/service-plan/assignments"),
           R"({"item_code":"clean","login":"worker2"})")
      .as_object();
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("worker2"), compound_path(cid, "/work-logs"),
                       R"({"courtyard_id":)" + std::to_string(east) + R"(,"item_code":"clean"})")
                  .as_object();
            }),
            200);
}

TEST_F(ServiceTest, OnlyResidentsOfTheCourtyardReviewAndNeverTheWorker) {
  publish("2026-10");
  I log = visit(china("2026-10-05", 8), 120);
  EXPECT_EQ(review("bing", log, "confirm"), 403);  // lives in 西院
  EXPECT_EQ(review("com", log, "confirm"), 403);   // no unit here
  // The worker is also a tenant of 101: still cannot confirm their own visit.
  env.db().write([&](store::Connection& c) {
    I p = store::insert_person(c, cid, "worker", "", "", now);
    store::insert_member(c, cid, u101, p, "tenant", now);
    store::insert_claim(c, cid, u101, worker_id, p, "tenant", now);
  });
  EXPECT_EQ(review("worker", log, "confirm"), 403);
  EXPECT_EQ(review("jia", log, "confirm"), 200);
  EXPECT_EQ(review("yi", log, "dispute"), 422);  // a dispute needs a reason
  EXPECT_EQ(review("yi", log, "dispute", "楼道没扫"), 200);
  auto visits =
      env.get(env.caller("jia"), compound_path(cid, "/work-logs?month=2026-10")).as_array();
  ASSERT_EQ(visits.size(), 1u);
  EXPECT_EQ(visits[0].at("confirmations").as_int64(), 1);
  EXPECT_EQ(visits[0].at("status").as_string(), "disputed");
  EXPECT_EQ(visits[0].at("worker").as_string(), "w*****");  // masked
}

TEST_F(ServiceTest, TheReviewWindowClosesAfterTheSetDays) {
  publish("2026-10");
  I in = china("2026-10-05", 8);
  I log = visit(in, 120);
  I out = in + 120 * kMin + kMin;  // the check-out was recorded a minute after the visit ended
  now = out + 3 * kDay - 1;
  EXPECT_EQ(review("jia", log, "confirm"), 200);
  now = out + 3 * kDay;
  EXPECT_EQ(review("yi", log, "confirm"), 409);
  EXPECT_EQ(
      env.get(env.caller("yi"), compound_path(cid, "/work-logs?to_review=1")).as_array().size(),
      0u);
  // A longer window reopens it.
  env.post(com, compound_path(cid, "/review-window"), R"({"days":7})").as_object();
  EXPECT_EQ(review("yi", log, "confirm"), 200);
}

TEST_F(ServiceTest, AVisitLoggedAfterTheFactStillGetsItsWholeReviewWindow) {
  publish("2026-10");
  auto w = env.caller("worker");
  now = china("2026-10-20", 18);
  // Logged six days late: the window runs from when it was recorded, not from the visit.
  I in = china("2026-10-14", 8);
  I log =
      env.post(w, compound_path(cid, "/work-logs"),
               R"({"courtyard_id":)" + std::to_string(east) +
                   R"(,"item_code":"clean","checked_in_at":)" + std::to_string(in) +
                   R"(,"checked_out_at":)" + std::to_string(in + 120 * kMin) + R"(,"done":"补记"})")
          .as_object()
          .at("id")
          .as_int64();
  now += 2 * kDay;
  EXPECT_EQ(review("jia", log, "dispute", "那天没来"), 200);
  now += kDay;
  EXPECT_EQ(review("yi", log, "confirm"), 409);
}

TEST_F(ServiceTest, AMonthIsPostedOnceWithUndisputedHoursTimesRate) {
  publish("2026-10");
  I a = visit(china("2026-10-05", 8), 120);
  EXPECT_EQ(review("jia", a, "confirm"), 200);
  I b = visit(china("2026-10-07", 8), 110);
  EXPECT_EQ(review("jia", b, "dispute", "只扫了院坝"), 200);
  I c = visit(china("2026-10-09", 8), 90);
  EXPECT_EQ(review("yi", c, "dispute", "没来"), 200);
  visit(china("2026-10-30", 14), 75, west, "electric");
  auto post = [&] {
    return status_of([&] {
      env.post(env.caller("trustee"), compound_path(cid, "/service-postings"),
               R"({"period":"2026-10"})")
          .as_object();
    });
  };
  EXPECT_EQ(post(), 409);  // the month is not over
  now = china("2026-11-01", 10);
  EXPECT_EQ(post(), 409);  // residents may still review the electrician's visit of the 30th
  now = china("2026-11-03", 16);
  EXPECT_EQ(post(), 409);  // two disputes are open
  auto disputes = env.get(com, compound_path(cid, "/visit-disputes?open=1")).as_array();
  ASSERT_EQ(disputes.size(), 2u);
  for (const auto& d : disputes) {
    bool upheld = d.at("log_id").as_int64() == b;
    env.post(com,
             compound_path(cid,
                           "/visit-disputes/" + std::to_string(d.at("id").as_int64()) + "/resolve"),
             std::string(R"({"resolution":")") + (upheld ? "upheld" : "dismissed") +
                 R"(","note":"已核实"})")
        .as_object();
  }
  // 甲 hears that the dispute was upheld.
  auto news = env.get(env.caller("jia"), "/api/v1/me/notifications?limit=5")
                  .as_object()
                  .at("items")
                  .as_array();
  ASSERT_FALSE(news.empty());
  EXPECT_NE(std::string(news[0].at("title").as_string()).find("异议成立"), std::string::npos);
  I size_before = env.db().read([&](store::Connection& x) { return store::ledger_size(x, cid); });
  auto r = env.post(env.caller("trustee"), compound_path(cid, "/service-postings"),
                    R"({"period":"2026-10"})")
               .as_object();
  // Counted: 120 + 90 cleaning minutes (the 110 upheld against) = 210 × ¥25/h = ¥87.50; the
  // electrician 75 min × ¥40/h = ¥50.00.
  EXPECT_EQ(r.at("amount_fen").as_int64(), 8750 + 5000);
  EXPECT_EQ(r.at("minutes").as_int64(), 285);
  I idx = r.at("entry_index").as_int64();
  EXPECT_EQ(idx, size_before);
  auto entry = env.db().read([&](store::Connection& x) { return *store::get_entry(x, cid, idx); });
  auto postings = env.db().read(
      [&](store::Connection& x) { return store::list_postings(x, cid, idx, idx + 1); });
  I debit_5001 = 0, debit_5003 = 0, credit_2001 = 0, sum = 0;
  for (const auto& p : postings) {
    sum += p.amount_fen;
    if (p.account == "5001") {
      debit_5001 += p.amount_fen;
      EXPECT_EQ(p.courtyard_id, east);
    }
    if (p.account == "5003") {
      debit_5003 += p.amount_fen;
      EXPECT_EQ(p.courtyard_id, west);
    }
    if (p.account == "2001") credit_2001 += p.amount_fen;
  }
  EXPECT_EQ(sum, 0);
  EXPECT_EQ(debit_5001, 8750);
  EXPECT_EQ(debit_5003, 5000);
  EXPECT_EQ(credit_2001, -13750);
  EXPECT_EQ(entry.date, "2026-10-31");
  // Once per period; and the posted month is closed to new visits, voids and resolutions.
  EXPECT_EQ(post(), 409);
  EXPECT_EQ(env.db().read([&](store::Connection& x) { return store::ledger_size(x, cid); }),
            size_before + 1);
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/work-logs/" + std::to_string(a) + "/void"),
                       R"({"reason":"重复"})")
                  .as_object();
            }),
            409);
  auto month =
      env.get(app::Caller{}, public_path(cid, "/services/monthly?month=2026-10")).as_object();
  EXPECT_TRUE(month.at("posted").as_bool());
  EXPECT_EQ(month.at("cost_fen").as_int64(), 13750);
  EXPECT_EQ(month.at("posted_amount_fen").as_int64(), 13750);
}

TEST_F(ServiceTest, AVisitLeftCheckedInBlocksThePostingUntilVoided) {
  publish("2026-10");
  visit(china("2026-10-05", 8), 120);
  auto w = env.caller("worker");
  now = china("2026-10-28", 8);
  I open = env.post(w, compound_path(cid, "/work-logs"),
                    R"({"courtyard_id":)" + std::to_string(east) + R"(,"item_code":"clean"})")
               .as_object()
               .at("id")
               .as_int64();
  now = china("2026-11-10", 8);
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/service-postings"), R"({"period":"2026-10"})")
                  .as_object();
            }),
            409);
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("jia"),
                       compound_path(cid, "/work-logs/" + std::to_string(open) + "/void"),
                       R"({"reason":"忘了签退"})")
                  .as_object();
            }),
            403);
  env.post(w, compound_path(cid, "/work-logs/" + std::to_string(open) + "/void"),
           R"({"reason":"忘了签退"})")
      .as_object();
  EXPECT_EQ(env.post(com, compound_path(cid, "/service-postings"), R"({"period":"2026-10"})")
                .as_object()
                .at("amount_fen")
                .as_int64(),
            5000);
}

TEST_F(ServiceTest, NeedsMoveAlongTheirTimelineAndThePublicSeesOnlyCounts) {
  publish("2026-10");
  auto jia = env.caller("jia");
  auto n = env.post(jia, compound_path(cid, "/needs"),
                    R"({"category":"cleaning","body":"3 栋楼道扶手积灰","place":"3 栋"})")
               .as_object();
  I id = n.at("id").as_int64();
  EXPECT_EQ(n.at("courtyard_id").as_int64(), east);  // the filer's courtyard
  EXPECT_EQ(n.at("status").as_string(), "open");
  EXPECT_EQ(status_of([&] {
              env.post(jia, compound_path(cid, "/needs"), R"({"category":"噪音","body":"x"})")
                  .as_object();
            }),
            422);
  EXPECT_EQ(status_of([&] {
              env.post(jia, compound_path(cid, "/needs"),
                       R"({"category":"noise","body":"x","source":"visit"})")
                  .as_object();
            }),
            403);
  EXPECT_EQ(
      status_of([&] {
        env.post(jia, compound_path(cid, "/needs/" + std::to_string(id) + "/support")).as_object();
      }),
      409);  // the filer
  env.post(env.caller("yi"), compound_path(cid, "/needs/" + std::to_string(id) + "/support"))
      .as_object();
  EXPECT_EQ(
      env.post(env.caller("yi"), compound_path(cid, "/needs/" + std::to_string(id) + "/support"))
          .as_object()
          .at("supporters")
          .as_int64(),
      1);  // once
  EXPECT_EQ(
      env.post(env.caller("bing"), compound_path(cid, "/needs/" + std::to_string(id) + "/support"))
          .as_object()
          .at("supporters")
          .as_int64(),
      2);
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/needs/" + std::to_string(id) + "/triage"),
                       R"({"status":"done"})")
                  .as_object();
            }),
            409);
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/needs/" + std::to_string(id) + "/triage"),
                       R"({"status":"declined"})")
                  .as_object();
            }),
            422);
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/needs/" + std::to_string(id) + "/triage"),
                       R"({"status":"service","service_code":"guard"})")
                  .as_object();
            }),
            422);
  now += 5 * kHour;
  env.post(com, compound_path(cid, "/needs/" + std::to_string(id) + "/triage"),
           R"({"status":"service","service_code":"clean","note":"纳入保洁"})")
      .as_object();
  now += 3 * kDay;
  auto done = env.post(com, compound_path(cid, "/needs/" + std::to_string(id) + "/triage"),
                       R"({"status":"done","note":"已每周擦拭扶手"})")
                  .as_object();
  const auto& tl = done.at("timeline").as_array();
  ASSERT_EQ(tl.size(), 3u);
  EXPECT_EQ(tl[1].at("status").as_string(), "service");
  EXPECT_EQ(tl[1].at("by_role").as_string(), "committee");
  EXPECT_EQ(tl[2].at("note").as_string(), "已每周擦拭扶手");
  EXPECT_EQ(done.at("service_code").as_string(), "clean");
  auto s = env.get(app::Caller{}, public_path(cid, "/needs/summary")).as_object();
  EXPECT_EQ(s.at("total").as_int64(), 1);
  EXPECT_EQ(s.at("by_status").at("done").as_int64(), 1);
  EXPECT_EQ(s.at("median_hours_to_answer").as_int64(), 5);
  EXPECT_EQ(s.at("median_days_to_done").as_int64(), 3);
  EXPECT_EQ(json::serialize(s).find("扶手"), std::string::npos);  // no texts in public
  auto mine = env.get(jia, compound_path(cid, "/needs?mine=1")).as_array();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_TRUE(mine[0].at("mine").as_bool());
  EXPECT_EQ(env.get(env.caller("yi"), compound_path(cid, "/needs?mine=1")).as_array().size(), 0u);
}

// The needs list offers each person the steps the server will take: a neighbour may +1 once,
// never the filer; the committee and staff see the moves the list allows from where the need
// stands, and nobody else does. Each step offered succeeds.
TEST_F(ServiceTest, EachPersonIsOfferedTheNeedStepsTheServerWillTake) {
  auto jia = env.caller("jia"), yi = env.caller("yi"), staff = env.caller("staff"),
       trustee = env.caller("trustee");
  I id = env.post(jia, compound_path(cid, "/needs"), R"({"category":"repairs","body":"路灯不亮"})")
             .as_object()
             .at("id")
             .as_int64();
  auto can = [&](const app::Caller& who) {
    std::string out;
    const auto view = env.get(who, compound_path(cid, "/needs/" + std::to_string(id))).as_object();
    for (const auto& s : view.at("can").as_array()) out += std::string(s.as_string()) + " ";
    return out;
  };
  EXPECT_EQ(can(jia), "");  // the filer already counts
  EXPECT_EQ(can(yi), "support ");
  EXPECT_EQ(can(com), "move_to_service move_to_project move_to_declined ");
  EXPECT_EQ(can(staff), "move_to_service move_to_project move_to_declined ");
  EXPECT_EQ(can(trustee), "");
  env.post(yi, compound_path(cid, "/needs/" + std::to_string(id) + "/support")).as_object();
  EXPECT_EQ(can(yi), "");  // once
  env.post(staff, compound_path(cid, "/needs/" + std::to_string(id) + "/triage"),
           R"({"status":"project","note":"列入改造"})")
      .as_object();
  EXPECT_EQ(can(com), "move_to_done ");  // back to the list only if the project is cancelled
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/needs/" + std::to_string(id) + "/triage"),
                       R"({"status":"open"})")
                  .as_object();
            }),
            409);
  env.post(com, compound_path(cid, "/needs/" + std::to_string(id) + "/triage"),
           R"({"status":"done"})")
      .as_object();
  EXPECT_EQ(can(com), "");
  EXPECT_EQ(can(env.caller("bing")), "");  // closed: no more +1
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("bing"),
                       compound_path(cid, "/needs/" + std::to_string(id) + "/support"))
                  .as_object();
            }),
            409);
}

TEST_F(ServiceTest, OneAnswerPerHouseholdOrPerPerson) {
  auto make = [&](const std::string& extra) {
    return env
        .post(com, compound_path(cid, "/questionnaires"),
              R"({"title":"满意度调查","closes_at":)" + std::to_string(now + 10 * kDay) + extra +
                  R"(,"questions":[
        {"kind":"single","text":"是否同意？","options":["同意","不同意"]},
        {"kind":"scale","text":"满意度","scale_max":5},
        {"kind":"text","text":"建议","required":false}]})")
        .as_object()
        .at("id")
        .as_int64();
  };
  const std::string answer = R"({"answers":[{"choices":[0]},{"scale":4},{"text":"加装路灯"}]})";
  auto answer_as = [&](const std::string& login, I q, const std::string& body) {
    return status_of([&] {
      env.post(env.caller(login),
               compound_path(cid, "/questionnaires/" + std::to_string(q) + "/answers"), body)
          .as_object();
    });
  };
  I household = make("");
  EXPECT_EQ(answer_as("jia", household, answer), 200);
  EXPECT_EQ(answer_as("yi", household, answer), 409);  // same household (101)
  EXPECT_EQ(answer_as("jia", household, answer), 409);
  EXPECT_EQ(answer_as("bing", household, R"({"answers":[{"choices":[0,1]},{"scale":4},null]})"),
            422);
  EXPECT_EQ(answer_as("bing", household, R"({"answers":[{"choices":[1]},{"scale":6},null]})"), 422);
  EXPECT_EQ(answer_as("bing", household, R"({"answers":[{"choices":[1]}]})"), 422);
  EXPECT_EQ(answer_as("bing", household, R"({"answers":[{"choices":[1]},{"scale":2},null]})"), 200);
  EXPECT_EQ(answer_as("com", household, answer), 403);  // no household here
  auto res = env.get(app::Caller{},
                     public_path(cid, "/questionnaires/" + std::to_string(household) + "/results"))
                 .as_object();
  EXPECT_EQ(res.at("responses").as_int64(), 2);
  const auto& qs = res.at("questions").as_array();
  EXPECT_EQ(qs[0].at("counts"), (json::array{1, 1}));
  EXPECT_EQ(qs[1].at("mean_centi").as_int64(), 300);
  EXPECT_EQ(qs[2].at("text_answers").as_int64(), 1);
  EXPECT_FALSE(qs[2].as_object().contains("texts"));  // public: no free text
  EXPECT_EQ(
      env.get(com, compound_path(cid, "/questionnaires/" + std::to_string(household) + "/results"))
          .as_object()
          .at("questions")
          .at(2)
          .at("texts"),
      (json::array{"加装路灯"}));
  auto table = app::questionnaire_table(env.app(), CompoundId{cid}, household);
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(std::get<std::string>(table.rows[0][3]), "同意");
  for (const auto& row : table.rows)  // no names
    for (const auto& cell : row) {
      if (const auto* text = std::get_if<std::string>(&cell)) {
        EXPECT_EQ(text->find("jia"), std::string::npos);
      }
    }

  I person = make(R"(,"per":"person")");
  EXPECT_EQ(answer_as("jia", person, answer), 200);
  EXPECT_EQ(answer_as("yi", person, answer), 200);  // another person of the same household
  EXPECT_EQ(answer_as("yi", person, answer), 409);

  I owners = make(R"(,"audience":"owners")");
  EXPECT_EQ(answer_as("yi", owners, answer), 403);  // a tenant
  EXPECT_EQ(answer_as("jia", owners, answer), 200);
  I west_only = make(R"(,"audience":"courtyard","courtyard_id":)" + std::to_string(west));
  EXPECT_EQ(answer_as("jia", west_only, answer), 403);
  EXPECT_EQ(answer_as("bing", west_only, answer), 200);
  now += 10 * kDay;
  EXPECT_EQ(answer_as("yi", household, answer), 409);  // closed
}

TEST_F(ServiceTest, MeetingDecisionsLinkToWhatTheyDecided) {
  I need = env.post(env.caller("jia"), compound_path(cid, "/needs"),
                    R"({"category":"safety","body":"院门口路面破损"})")
               .as_object()
               .at("id")
               .as_int64();
  EXPECT_EQ(
      status_of([&] {
        env.post(
               com, compound_path(cid, "/meetings"),
               R"({"kind":"yard","title":"坝坝会","held_on":"2026-10-01","decisions":[{"body":"x","link_kind":"need","link_id":999}]})")
            .as_object();
      }),
      422);
  // Each kind of link is looked for in this compound (a questionnaire here is found).
  auto link = [&](const std::string& kind, I id) {
    return status_of([&] {
      env.post(
             com, compound_path(cid, "/meetings"),
             R"({"kind":"committee","title":"例会","held_on":"2026-10-01","decisions":[{"body":"x","link_kind":")" +
                 kind + R"(","link_id":)" + std::to_string(id) + "}]}")
          .as_object();
    });
  };
  for (const char* kind : {"proposal", "vote", "questionnaire", "tender"})
    EXPECT_EQ(link(kind, 999), 422) << kind;
  I q = env.post(com, compound_path(cid, "/questionnaires"),
                 R"({"title":"路面","closes_at":)" + std::to_string(now + kDay) +
                     R"(,"questions":[{"kind":"text","text":"建议"}]})")
            .as_object()
            .at("id")
            .as_int64();
  EXPECT_EQ(link("questionnaire", q), 200);
  env.post(
         com, compound_path(cid, "/meetings"),
         R"({"kind":"yard","title":"坝坝会","held_on":"2026-10-01","place":"院坝","attendance":23,"attendees":"张三、李四等","minutes":"讨论路面",
                          "decisions":[{"body":"路面纳入微更新","link_kind":"need","link_id":)" +
             std::to_string(need) + "}]}")
      .as_object();
  auto ms = env.get(com, compound_path(cid, "/meetings")).as_array();
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_TRUE(ms[0].as_object().contains("attendees"));
  EXPECT_FALSE(env.get(app::Caller{}, public_path(cid, "/meetings"))
                   .as_array()[0]
                   .as_object()
                   .contains("attendees"));  // public: the count only
  EXPECT_EQ(ms[0].at("attendance").as_int64(), 23);
  EXPECT_EQ(ms[0].at("decisions").at(0).at("link").at("id").as_int64(), need);
  auto n =
      env.get(env.caller("jia"), compound_path(cid, "/needs/" + std::to_string(need))).as_object();
  EXPECT_EQ(n.at("timeline").as_array().size(), 2u);
  EXPECT_NE(std::string(n.at("timeline").at(1).at("note").as_string()).find("路面纳入微更新"),
            std::string::npos);
}

}  // namespace xinyi
