#include "app/notify.h"
#include "app/vote_service.h"

#include <gtest/gtest.h>

#include "app/billing_service.h"
#include "app/books.h"
#include "app/ledger_service.h"
#include "app/public_log.h"
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

// A compound of six units: 甲 owns three (101, 102, 103: one buyer, one owner), 乙 owns 201,
// 丙 owns 202 (and votes on paper), 301 is the developer's, and a tenant rents 201.
// Owners in a vote: 甲, 乙, 丙 and the developer: four. Areas in hundredths of m².
class VoteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env.app().clock_ms = [this] { return now; };
    cid = env.add_compound("城北");
    env.db().write([&](store::Connection& c) { app::ensure_books(c, cid, 1); });
    env.grant(env.add_user("com"), cid, Role::committee);
    env.grant(env.add_user("staff"), cid, Role::staff);
    env.grant(env.add_user("trustee"), cid, Role::trustee);
    env.grant(env.add_user("auditor"), cid, Role::auditor);
    com = env.caller("com");
    const std::pair<const char*, I> units[] = {{"101", 10000}, {"102", 8000}, {"103", 6000},
                                               {"201", 9000},  {"202", 7000}, {"301", 5000}};
    for (const auto& [number, area] : units) {
      std::string body = R"({"building_id":)" + std::to_string(env.last_building_id) +
                         R"(,"number":")" + number + R"(","area_centi_m2":)" +
                         std::to_string(area) +
                         (std::string(number) == "301" ? R"(,"developer_held":true})" : "}");
      unit[number] =
          env.post(com, compound_path(cid, "/units"), body).as_object().at("id").as_int64();
    }
    owner("jia", "13900000001", {"101", "102", "103"}, "owner");
    owner("yi", "13900000002", {"201"}, "owner");
    owner("bing", "13900000003", {"202"}, "owner");
    owner("zu", "13900000004", {"201"}, "tenant");
    scan =
        env.upload(com, compound_path(cid, "/vouchers"), "application/pdf", "%PDF-1.4 paper ballot")
            .as_object()
            .at("sha256")
            .as_string();
  }

  void owner(const std::string& login, const std::string& phone, std::vector<std::string> numbers,
             const std::string& relation) {
    I user = env.add_user(login, phone);
    env.db().write([&](store::Connection& c) {
      I person = store::insert_person(c, cid, login, phone, "", now);
      for (const auto& n : numbers) {
        store::insert_member(c, cid, unit[n], person, relation, now);
        store::insert_claim(c, cid, unit[n], user, person, relation, now);
      }
    });
  }

  // The use cases are driven through their routes (env.api), as the web reaches them.
  std::string cpath(const std::string& rest) const {
    return "/api/v1/compounds/" + std::to_string(cid) + rest;
  }
  std::string ppath(const std::string& rest) const {
    return "/api/v1/public/compounds/" + std::to_string(cid) + rest;
  }

  json::object motion(int matter, bool secret = true) {
    return env
        .post(com, cpath("/votes"),
              R"({"title":"增设充电棚","matter":)" + std::to_string(matter) + R"(,"closes_at":)" +
                  std::to_string(now + kHour) + R"(,"secret":)" + (secret ? "true" : "false") +
                  R"(,"open":true})")
        .as_object();
  }
  json::object vote(const std::string& login, I vid, const std::string& choices) {
    return env
        .post(env.caller(login), cpath("/votes/" + std::to_string(vid) + "/ballot"),
              R"({"choices":)" + choices + "}")
        .as_object();
  }
  // A paper ballot with its own scan, entered by the committee and (unless told otherwise)
  // countersigned by the staff member, so that it counts.
  json::object paper(I vid, const std::string& number, const std::string& choices,
                     bool replace = false, bool countersign = true) {
    scan = env.upload(com, compound_path(cid, "/vouchers"), "application/pdf",
                      "%PDF-1.4 paper ballot " + std::to_string(++scans))
               .as_object()
               .at("sha256")
               .as_string();
    auto r = env.post(com, cpath("/votes/" + std::to_string(vid) + "/paper-ballots"),
                      R"({"unit_id":)" + std::to_string(unit[number]) + R"(,"choices":)" + choices +
                          R"(,"voucher_sha256":")" + scan + R"(","replace":)" +
                          (replace ? "true" : "false") + "}")
                 .as_object();
    if (countersign) sign(vid, r, "staff");
    return r;
  }
  int scans = 0;
  // A second person countersigns the ballot `entered` (the answer of enter_paper_ballot) as seen.
  json::object sign(I vid, const json::object& entered, const std::string& login) {
    return env
        .post(env.caller(login),
              cpath("/votes/" + std::to_string(vid) + "/paper-ballots/" +
                    std::to_string(entered.at("ballot").as_int64()) + "/countersign"),
              R"({"entered_at":)" + std::to_string(entered.at("entered_at").as_int64()) + "}")
        .as_object();
  }
  // A vote on `matter` that every owner but the developer passes.
  I passed_vote(int matter) {
    I vid = motion(matter).at("id").as_int64();
    vote("jia", vid, "[0]");
    vote("yi", vid, "[0]");
    paper(vid, "202", "[0]");
    now += kHour;
    EXPECT_TRUE(env.post(com, cpath("/votes/" + std::to_string(vid) + "/close"))
                    .as_object()
                    .at("passed")
                    .as_bool());
    return vid;
  }

  static constexpr I kHour = 3600'000;
  I now = 1'780'000'000'000;  // 2026-05-28
  TestEnv env;
  app::Caller com;
  I cid = 0;
  std::map<std::string, I> unit;
  std::string scan;
};

TEST_F(VoteTest, TheElectorateIsFixedAtOpeningByTheHeadcountRules) {
  auto v = motion(9);
  const auto& t = v.at("turnout").as_object();
  EXPECT_EQ(t.at("total_owners").as_int64(), 4);  // 甲 (three units), 乙, 丙, the developer
  EXPECT_EQ(t.at("total_area_centi_m2").as_int64(), 45000);
  EXPECT_EQ(t.at("quorum_owners").as_int64(), 3);  // ⌈2·4/3⌉
  EXPECT_EQ(t.at("quorum_area_centi_m2").as_int64(), 30000);
  EXPECT_EQ(t.at("voted_owners").as_int64(), 0);
  // A unit added after opening does not join this vote.
  env.post(com, compound_path(cid, "/units"),
           R"({"building_id":)" + std::to_string(env.last_building_id) +
               R"(,"number":"401","area_centi_m2":9000})")
      .as_object();
  auto again = env.get(com, ppath("/votes/" + std::to_string(v.at("id").as_int64()))).as_object();
  EXPECT_EQ(again.at("turnout").at("total_owners").as_int64(), 4);
}

TEST_F(VoteTest, OneBallotPerOwnerChangeableUntilTheCloseThenCounted) {
  I vid = motion(9).at("id").as_int64();
  auto a = vote("jia", vid, "[0]");
  auto b = vote("yi", vid, "[1]");
  auto b2 = vote("yi", vid, "[0]");  // 乙 changes their mind
  EXPECT_TRUE(b2.at("changed").as_bool());
  EXPECT_EQ(b2.at("receipt"), b.at("receipt"));  // one receipt per owner
  EXPECT_EQ(env.count("ballots"), 2);
  auto p = paper(vid, "202", "[]");  // 丙 abstains on paper
  // Live turnout, no choices.
  auto live = env.get(com, ppath("/votes/" + std::to_string(vid))).as_object();
  EXPECT_EQ(live.at("turnout").at("voted_owners").as_int64(), 3);
  EXPECT_EQ(live.at("turnout").at("voted_area_centi_m2").as_int64(), 24000 + 9000 + 7000);
  EXPECT_TRUE(live.at("turnout").at("quorum_met").as_bool());
  EXPECT_FALSE(live.contains("result"));
  EXPECT_EQ(
      status_of([&] {
        env.get(app::Caller{}, ppath("/votes/" + std::to_string(vid) + "/receipts")).as_object();
      }),
      409);
  // Not before its time.
  EXPECT_EQ(status_of([&] {
              env.post(com, cpath("/votes/" + std::to_string(vid) + "/close")).as_object();
            }),
            409);
  now += kHour;
  // After the closing time no ballot is taken, even before anyone closes the vote.
  EXPECT_EQ(status_of([&] { vote("jia", vid, "[1]"); }), 409);
  // A read does not close it — a GET never writes (it is refused inside a read-only request) —
  // the clock does, in the background sender.
  const auto before = env.db().generation();
  EXPECT_EQ(
      env.get(com, ppath("/votes/" + std::to_string(vid))).as_object().at("status").as_string(),
      "open");
  EXPECT_EQ(env.db().generation(), before);
  {
    app::ReadOnlyRequest read_only;
    EXPECT_EQ(app::close_due_votes(env.app()), 0);  // refused (and logged), nothing written
    EXPECT_THROW(env.db().write([](store::Connection&) {}), store::ReadOnlyViolation);
  }
  EXPECT_EQ(app::close_due_votes(env.app()), 1);
  EXPECT_EQ(app::close_due_votes(env.app()), 0);  // once
  auto closed = env.get(com, ppath("/votes/" + std::to_string(vid))).as_object();
  EXPECT_EQ(closed.at("status").as_string(), "closed");
  const auto& r = closed.at("result").as_object();
  EXPECT_EQ(r.at("voted_owners").as_int64(), 3);
  EXPECT_EQ(r.at("voted_area_centi_m2").as_int64(), 40000);
  EXPECT_EQ(r.at("abstain_owners").as_int64(), 1);
  EXPECT_EQ(r.at("options").as_array()[0].at("owners").as_int64(), 2);
  EXPECT_EQ(r.at("options").as_array()[0].at("area_centi_m2").as_int64(), 33000);
  // 2 of 3 owners and 330 of 400 m² taking part: more than half of both.
  EXPECT_TRUE(closed.at("passed").as_bool());
  EXPECT_EQ(status_of([&] {
              env.post(com, cpath("/votes/" + std::to_string(vid) + "/close")).as_object();
            }),
            409);
  // The public receipts: one per counted ballot, sorted, with the choice and nothing else.
  auto list = env.get(app::Caller{}, ppath("/votes/" + std::to_string(vid) + "/receipts"))
                  .as_object()
                  .at("ballots")
                  .as_array();
  ASSERT_EQ(list.size(), 3u);
  std::map<std::string, std::string> by_receipt;
  for (const auto& x : list) {
    EXPECT_EQ(x.as_object().size(), 2u);
    auto ch = x.at("choices").as_array();
    by_receipt[std::string(x.at("receipt").as_string())] =
        ch.empty() ? "弃权" : std::string(ch[0].as_string());
  }
  EXPECT_LT(list[0].at("receipt").as_string(), list[1].at("receipt").as_string());
  EXPECT_EQ(by_receipt[std::string(a.at("receipt").as_string())], "同意");
  EXPECT_EQ(by_receipt[std::string(b.at("receipt").as_string())], "同意");
  EXPECT_EQ(by_receipt[std::string(p.at("receipt").as_string())], "弃权");
}

TEST_F(VoteTest, WhoMayVoteAndHow) {
  I vid = motion(9).at("id").as_int64();
  EXPECT_EQ(status_of([&] { vote("zu", vid, "[0]"); }), 403);     // a tenant is not an owner
  EXPECT_EQ(status_of([&] { vote("jia", vid, "[2]"); }), 422);    // no such option
  EXPECT_EQ(status_of([&] { vote("jia", vid, "[0,1]"); }), 422);  // one choice in a motion
  EXPECT_EQ(status_of([&] { vote("jia", vid, R"("yes")"); }), 422);
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("jia"), cpath("/votes/" + std::to_string(vid) + "/ballot"),
                       R"({"choices":[0],"as":"yi"})")
                  .as_object();
            }),
            422);
  vote("jia", vid, "[0]");
  // A paper ballot never overwrites an owner's online ballot …
  EXPECT_EQ(status_of([&] { paper(vid, "102", "[1]"); }), 409);
  // … and correcting a paper ballot must be said.
  paper(vid, "202", "[1]");
  EXPECT_EQ(status_of([&] { paper(vid, "202", "[0]"); }), 409);
  paper(vid, "202", "[0]", true);
  // The developer's units are one owner, voting on paper.
  paper(vid, "301", "[1]");
  EXPECT_EQ(env.count("ballots"), 3);
  // A buyer whose unit is still the developer's (sold, not delivered) does not speak for the
  // developer's block.
  owner("buyer", "13900000005", {"301"}, "owner");
  EXPECT_EQ(status_of([&] { vote("buyer", vid, "[0]"); }), 403);
  // The paper ballot needs its scan.
  EXPECT_EQ(status_of([&] {
              env.post(com, cpath("/votes/" + std::to_string(vid) + "/paper-ballots"),
                       R"({"unit_id":)" + std::to_string(unit["201"]) +
                           R"(,"choices":[0],"voucher_sha256":")" + std::string(64, 'a') + R"("})")
                  .as_object();
            }),
            404);
  EXPECT_EQ(env.count("ballots"), 3);
}

// One committee member cannot cast owners' ballots: a paper ballot counts only once a second
// person countersigns it, its scan is its own, the owner is told, and the owner's own online
// ballot prevails until the close.
TEST_F(VoteTest, APaperBallotCountsOnlyCountersignedAndTheOwnersOwnBallotPrevails) {
  I vid = motion(9, true).at("id").as_int64();
  auto turnout = [&] {
    return env.get(com, ppath("/votes/" + std::to_string(vid)))
        .as_object()
        .at("turnout")
        .at("voted_owners")
        .as_int64();
  };
  auto bing_told = [&] {
    return env.get(env.caller("bing"), "/api/v1/me/notifications?limit=50")
        .as_object()
        .at("unread")
        .as_int64();
  };
  const auto told_before = bing_told();
  auto p = paper(vid, "202", "[1]", false, false);
  EXPECT_EQ(turnout(), 0);  // not counted yet
  EXPECT_EQ(env.get(com, ppath("/votes/" + std::to_string(vid)))
                .as_object()
                .at("turnout")
                .at("paper_ballots_awaiting_countersignature")
                .as_int64(),
            1);
  EXPECT_EQ(bing_told(), told_before + 1);                  // 丙 learns at once
  EXPECT_EQ(status_of([&] { sign(vid, p, "com"); }), 409);  // who entered it
  {
    json::object stale = p;
    stale["entered_at"] = p.at("entered_at").as_int64() - 1;
    EXPECT_EQ(status_of([&] { sign(vid, stale, "staff"); }), 409);  // not the ballot as it is now
  }
  // The same scan cannot stand for another owner's ballot.
  EXPECT_EQ(status_of([&] {
              env.post(com, cpath("/votes/" + std::to_string(vid) + "/paper-ballots"),
                       R"({"unit_id":)" + std::to_string(unit["201"]) +
                           R"(,"choices":[1],"voucher_sha256":")" + scan + R"("})")
                  .as_object();
            }),
            409);
  sign(vid, p, "staff");
  EXPECT_EQ(turnout(), 1);
  EXPECT_EQ(env.get(com, ppath("/votes/" + std::to_string(vid)))
                .as_object()
                .at("turnout")
                .at("paper_ballots")
                .as_int64(),
            1);
  EXPECT_EQ(status_of([&] { sign(vid, p, "staff"); }), 409);
  // An owner record and claim added while the vote runs speak for nobody in it.
  now += 60'000;
  owner("puppet", "13900000009", {"202"}, "owner");
  EXPECT_EQ(status_of([&] { vote("puppet", vid, "[0]"); }), 403);
  // 丙 votes online: that ballot replaces the paper one.
  const std::string paper_scan = scan;
  vote("bing", vid, "[0]");
  auto mine = env.get(env.caller("bing"), cpath("/votes/" + std::to_string(vid) + "/my"))
                  .as_object()
                  .at("electors")
                  .as_array()[0]
                  .at("ballot");
  EXPECT_EQ(mine.at("channel").as_string(), "online");
  EXPECT_EQ(turnout(), 1);
  EXPECT_EQ(env.get(com, ppath("/votes/" + std::to_string(vid)))
                .as_object()
                .at("turnout")
                .at("paper_ballots")
                .as_int64(),
            0);
  EXPECT_EQ(status_of([&] { paper(vid, "202", "[1]", true); }),
            409);  // and paper cannot overwrite it
  // The replaced scan of a secret ballot is still not public.
  EXPECT_EQ(status_of([&] { app::voucher_file(env.app(), CompoundId{cid}, paper_scan); }), 404);
  // Uncountersigned paper ballots are not counted at the close.
  paper(vid, "301", "[1]", false, false);
  now += kHour;
  app::close_due_votes(env.app());  // what the background sender does every few seconds
  auto closed = env.get(com, ppath("/votes/" + std::to_string(vid))).as_object();
  EXPECT_EQ(closed.at("turnout").at("voted_owners").as_int64(), 1);
}

TEST_F(VoteTest, NoResponseOrAuditEntryLinksASecretBallotToItsVoter) {
  I vid = motion(9, true).at("id").as_int64();
  std::string ra = std::string(vote("jia", vid, "[1]").at("receipt").as_string());
  std::string rb = std::string(vote("yi", vid, "[0]").at("receipt").as_string());
  std::string rc = std::string(paper(vid, "202", "[0]").at("receipt").as_string());
  auto everything_others_see = [&] {
    std::string all;
    all += json::serialize(env.get(com, ppath("/votes")).as_array());
    all += json::serialize(env.get(com, ppath("/votes/" + std::to_string(vid))).as_object());
    all += json::serialize(
        env.get(testing::reader(), compound_path(cid, "/audit?before=" + std::to_string(0) +
                                                          "&limit=" + std::to_string(500)))
            .as_object());
    all += json::serialize(
        env.get(env.caller("yi"), cpath("/votes/" + std::to_string(vid) + "/my")).as_object());
    all += json::serialize(
        env.get(env.caller("zu"), cpath("/votes/" + std::to_string(vid) + "/my")).as_object());
    return all;
  };
  // A committee member has no ballot page of their own (the route is for residents).
  EXPECT_EQ(status_of([&] { env.get(com, cpath("/votes/" + std::to_string(vid) + "/my")); }), 403);
  std::string seen = everything_others_see();
  EXPECT_EQ(seen.find(ra), std::string::npos) << "甲's receipt leaked";
  EXPECT_EQ(seen.find(rc), std::string::npos) << "丙's receipt leaked (paper ballots too)";
  EXPECT_NE(seen.find(rb), std::string::npos) << "乙 sees their own receipt";
  // The scan of a secret paper ballot is not served to the public.
  EXPECT_EQ(status_of([&] { app::voucher_file(env.app(), CompoundId{cid}, scan); }), 404);
  // The audit log says who voted, never what they chose.
  auto audit = json::serialize(
      env.get(testing::reader(), compound_path(cid, "/audit?before=" + std::to_string(0) +
                                                        "&limit=" + std::to_string(500)))
          .as_object());
  EXPECT_NE(audit.find("vote.ballot"), std::string::npos);
  EXPECT_EQ(audit.find("反对"), std::string::npos);
  EXPECT_EQ(audit.find("choices"), std::string::npos);
  // The roll of who chose what exists only for open votes.
  now += kHour;
  app::close_due_votes(env.app());
  EXPECT_EQ(
      status_of([&] { env.get(com, cpath("/votes/" + std::to_string(vid) + "/roll")).as_array(); }),
      403);
  // After the close the receipts are public, without identities or times.
  auto receipts = json::serialize(
      env.get(app::Caller{}, ppath("/votes/" + std::to_string(vid) + "/receipts")).as_object());
  EXPECT_NE(receipts.find(ra), std::string::npos);
  for (const char* leak : {"unit", "user", "cast_at", "101", "jia", "channel"})
    EXPECT_EQ(receipts.find(leak), std::string::npos) << leak;
  seen = everything_others_see();
  EXPECT_EQ(seen.find(ra), std::string::npos);
}

TEST_F(VoteTest, AnOpenVoteShowsItsRollAfterTheClose) {
  I vid = motion(9, false).at("id").as_int64();
  vote("jia", vid, "[1]");
  EXPECT_EQ(
      status_of([&] { env.get(com, cpath("/votes/" + std::to_string(vid) + "/roll")).as_array(); }),
      409);
  now += kHour;
  app::close_due_votes(env.app());  // what the background sender does every few seconds
  auto roll = env.get(com, cpath("/votes/" + std::to_string(vid) + "/roll")).as_array();
  ASSERT_EQ(roll.size(), 1u);
  EXPECT_EQ(roll[0].at("units").as_array().size(), 3u);  // 甲's three units, one owner
  EXPECT_EQ(roll[0].at("choices").as_array()[0].as_string(), "反对");
}

TEST_F(VoteTest, CreatingAVoteChecksItsTerms) {
  auto bad = [&](const std::string& body) {
    return status_of([&] { env.post(com, cpath("/votes"), body).as_object(); });
  };
  std::string closes = std::to_string(now + kHour);
  EXPECT_EQ(bad(R"({"title":"x","matter":10,"closes_at":)" + closes + "}"), 422);
  EXPECT_EQ(bad(R"({"title":"x","matter":0,"closes_at":)" + closes + "}"), 422);
  EXPECT_EQ(bad(R"({"title":"x","matter":9,"closes_at":)" + std::to_string(now - 1) + "}"), 422);
  EXPECT_EQ(
      bad(R"({"title":"x","matter":9,"closes_at":)" + std::to_string(now + 91 * 24 * kHour) + "}"),
      422);
  EXPECT_EQ(
      bad(R"({"title":"x","matter":4,"kind":"choice","options":["A"],"closes_at":)" + closes + "}"),
      422);
  EXPECT_EQ(bad(R"({"title":"x","matter":4,"kind":"choice","options":["A","A"],"closes_at":)" +
                closes + "}"),
            422);
  EXPECT_EQ(
      bad(R"({"title":"x","matter":3,"kind":"choice","seats":3,"options":["A","B"],"closes_at":)" +
          closes + "}"),
      422);
  EXPECT_EQ(bad(R"({"title":"x","matter":9,"options":["A","B"],"closes_at":)" + closes + "}"), 422);
  EXPECT_EQ(env.count("votes"), 0);
  // A draft is not public until it opens.
  I draft = env.post(com, cpath("/votes"), R"({"title":"x","matter":9,"closes_at":)" + closes + "}")
                .as_object()
                .at("id")
                .as_int64();
  EXPECT_EQ(status_of([&] { env.get(com, ppath("/votes/" + std::to_string(draft))).as_object(); }),
            404);
  EXPECT_EQ(status_of([&] { vote("jia", draft, "[0]"); }), 409);
  env.post(com, cpath("/votes/" + std::to_string(draft) + "/open")).as_object();
  EXPECT_EQ(status_of([&] {
              env.post(com, cpath("/votes/" + std::to_string(draft) + "/open")).as_object();
            }),
            409);
  vote("jia", draft, "[0]");
}

TEST_F(VoteTest, AnElectionFillsItsSeats) {
  I vid =
      env.post(
             com, cpath("/votes"),
             R"({"title":"业委会选举","matter":3,"kind":"choice","seats":2,"options":["赵","钱","孙"],"open":true,"closes_at":)" +
                 std::to_string(now + kHour) + "}")
          .as_object()
          .at("id")
          .as_int64();
  vote("jia", vid, "[0,1]");
  vote("yi", vid, "[0,2]");
  paper(vid, "202", "[0,1]");
  EXPECT_EQ(status_of([&] { vote("jia", vid, "[0,1,2]"); }), 422);  // two seats, two names at most
  now += kHour;
  app::close_due_votes(env.app());  // what the background sender does every few seconds
  auto v = env.get(com, ppath("/votes/" + std::to_string(vid))).as_object();
  auto winners = v.at("result").at("winners").as_array();
  ASSERT_EQ(winners.size(), 2u);
  EXPECT_EQ(winners[0].as_int64(), 0);  // 赵: all three
  EXPECT_EQ(winners[1].as_int64(), 1);  // 钱: 甲 and 丙, 310 of 400 m²; 孙: 乙 alone
  // An owners' committee is established from the winners only.
  auto k = env.post(com, cpath("/committees"),
                    R"({"kind":"owners","name":"业委会","min_size":1,"max_size":5,"vote_id":)" +
                        std::to_string(vid) + "}")
               .as_object();
  I kid = k.at("id").as_int64();
  env.post(com, cpath("/committees/" + std::to_string(kid) + "/members"),
           R"({"name":"赵","channel":"owners_joint"})")
      .as_object();
  env.post(com, cpath("/committees/" + std::to_string(kid) + "/members"),
           R"({"name":"孙","channel":"self"})")
      .as_object();
  env.post(com, cpath("/committees/" + std::to_string(kid) + "/members"),
           R"({"name":"钱","channel":"owners_joint"})")
      .as_object();
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("staff"),
                       cpath("/committees/" + std::to_string(kid) + "/establish"))
                  .as_object();
            }),
            422);
}

TEST_F(VoteTest, ThePropertyManagementCommitteeNeedsItsPetitionAndComposition) {
  I kid = env.post(env.caller("staff"), cpath("/committees"),
                   R"({"kind":"pmc","name":"物管委","min_size":5,"max_size":9})")
              .as_object()
              .at("id")
              .as_int64();
  auto nominate = [&](const char* name, const char* channel, bool rep, const char* login = "") {
    env.post(env.caller("staff"), cpath("/committees/" + std::to_string(kid) + "/members"),
             std::string(R"({"name":")") + name + R"(","channel":")" + channel +
                 R"(","resident_rep":)" + (rep ? "true" : "false") +
                 (*login ? std::string(R"(,"login":")") + login + "\"" : "") + "}")
        .as_object();
  };
  auto establish = [&] {
    return status_of([&] {
      env.post(env.caller("staff"), cpath("/committees/" + std::to_string(kid) + "/establish"))
          .as_object();
    });
  };
  nominate("甲", "owners_joint", true, "jia");
  nominate("乙", "self", true);
  nominate("社区干部", "street_community", false);
  nominate("民警", "street_community", false);
  EXPECT_EQ(establish(), 422);  // four members: even
  nominate("网格员", "street_community", false);
  EXPECT_EQ(establish(), 422);  // five, but two residents' representatives: fewer than half
  EXPECT_EQ(status_of([&] {
              env.post(com, cpath("/committees/" + std::to_string(kid) + "/members"),
                       R"({"name":"丙","channel":"neighbour"})")
                  .as_object();
            }),
            422);
  nominate("丙", "self", true);
  nominate("丁", "owners_joint", true);
  EXPECT_EQ(establish(), 422);  // seven with four representatives — but nobody petitioned
  env.post(env.caller("jia"), cpath("/petitions/pmc")).as_object();
  EXPECT_EQ(status_of([&] { env.post(env.caller("jia"), cpath("/petitions/pmc")).as_object(); }),
            409);  // signed already
  EXPECT_EQ(status_of([&] { env.post(env.caller("zu"), cpath("/petitions/pmc")).as_object(); }),
            409);  // tenants do not sign
  EXPECT_EQ(establish(), 200);
  // 甲's committee role waits for a second person, then holds; names are masked in public.
  EXPECT_FALSE(env.caller("jia").principal->has(cid, Role::committee));
  auto pending =
      env.get(testing::reader(), compound_path(cid, "/roles")).as_object().at("pending").as_array();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(
      status_of([&] {
        env.post(env.caller("staff"),
                 compound_path(
                     cid, "/roles/" + std::to_string(pending[0].at("id").as_int64()) + "/confirm"),
                 "{}")
            .as_object();
      }),
      409);  // who asked
  env.add_user("root", "", true);
  env.post(env.caller("root"),
           compound_path(cid,
                         "/roles/" + std::to_string(pending[0].at("id").as_int64()) + "/confirm"),
           "{}")
      .as_object();
  EXPECT_TRUE(env.caller("jia").principal->has(cid, Role::committee));
  EXPECT_EQ(env.get(app::Caller{}, "/api/v1/public/compounds/" + std::to_string(cid))
                    .as_object()
                    .at("roles")
                    .at("current")
                    .as_array()
                    .size() > 0,
            true);
  auto pub = env.get(app::Caller{}, ppath("/committees")).as_array();
  EXPECT_EQ(pub[0].at("status").as_string(), "serving");
  EXPECT_EQ(pub[0].at("petition_households").as_int64(), 3);
  EXPECT_EQ(pub[0].at("resident_reps").as_int64(), 4);
  EXPECT_EQ(json::serialize(pub).find("社区干部"), std::string::npos);
}

TEST_F(VoteTest, AFeeChangeTakesEffectOnlyAfterAPassedVote) {
  auto rate = [&](const std::string& from, I fen, I vote_id) {
    return status_of([&] {
      env.post(com, compound_path(cid, "/fee-rates"),
               R"({"effective_from":")" + from + R"(","rate_fen":)" + std::to_string(fen) +
                   R"(,"decision":"业主表决")" +
                   (vote_id ? R"(,"vote_id":)" + std::to_string(vote_id) : std::string()) + "}")
          .as_object();
    });
  };
  EXPECT_EQ(rate("2025-01", 30, 0), 200);  // the contract's first rate
  EXPECT_EQ(rate("2026-07", 50, 0), 422);  // a change without a vote
  I maintenance = passed_vote(5);
  EXPECT_EQ(rate("2026-07", 50, maintenance), 422);  // a vote on another matter
  I open = motion(9).at("id").as_int64();
  EXPECT_EQ(rate("2026-07", 50, open), 422);  // not closed yet
  I fee = passed_vote(9);                     // closed in 2026-05
  EXPECT_EQ(rate("2026-04", 50, fee), 422);   // before the vote passed
  EXPECT_EQ(rate("2026-06", 50, fee), 200);
  EXPECT_EQ(
      env.get(app::Caller{}, public_path(cid, "/fee-rates")).as_array()[1].at("vote_id").as_int64(),
      fee);
  (void)open;
}

TEST_F(VoteTest, SpendingTheMaintenanceFundCitesAMatterFiveVote) {
  auto spend = [&](I vote_id) {
    return status_of([&] {
      env.post(
             env.caller("trustee"), compound_path(cid, "/disbursements"),
             env.with_voucher(
                 cid,
                 R"({"payee":"防水公司","amount_fen":500000,"purpose":"屋面防水","expense_account":"5003","cash_account":"1003")" +
                     (vote_id ? R"(,"vote_id":)" + std::to_string(vote_id) : std::string()) + "}"))
          .as_object();
    });
  };
  // The fund's account holds ¥5,000 (a transfer from the housing authority), so only the vote is
  // missing.
  env.post(
         env.caller("trustee"), compound_path(cid, "/ledger/transactions"),
         R"({"date":"2026-01-05","description":"维修资金划入","postings":[{"account":"1003","amount_fen":500000},{"account":"3003","amount_fen":-500000}]})")
      .as_object();
  EXPECT_EQ(spend(0), 422);
  EXPECT_EQ(spend(passed_vote(9)), 422);
  EXPECT_EQ(env.count("disbursements"), 0);
  EXPECT_EQ(spend(passed_vote(5)), 200);
}

TEST_F(VoteTest, ATenderIsDecidedByVoteAndTheWinnerBecomesTheContract) {
  I t =
      env.post(
             com, cpath("/tenders"),
             R"({"title":"物业比选","scope":"保洁绿化","criteria":"价格和方案","closes_on":"2026-06-30"})")
          .as_object()
          .at("id")
          .as_int64();
  env.post(
         com, cpath("/tenders/" + std::to_string(t) + "/bids"),
         R"({"provider":"甲物业","price_fen_per_m2_month":50,"remuneration_bp":800,"plan":"驻场2人"})")
      .as_object();
  auto closes = R"({"closes_at":)" + std::to_string(now + kHour) + "}";
  EXPECT_EQ(status_of([&] {
              env.post(com, cpath("/tenders/" + std::to_string(t) + "/vote"), closes).as_object();
            }),
            422);  // one bid is no comparison
  env.post(
         com, cpath("/tenders/" + std::to_string(t) + "/bids"),
         R"({"provider":"乙物业","price_fen_per_m2_month":45,"remuneration_bp":1000,"plan":"驻场1人"})")
      .as_object();
  EXPECT_EQ(
      status_of([&] {
        env.post(
               com, cpath("/tenders/" + std::to_string(t) + "/bids"),
               R"({"provider":"乙物业","price_fen_per_m2_month":40,"remuneration_bp":1000,"plan":"再报"})")
            .as_object();
      }),
      409);
  auto tenders = env.get(app::Caller{}, ppath("/tenders")).as_array();
  auto bids = tenders[0].at("bids").as_array();
  EXPECT_EQ(bids[0].at("provider").as_string(), "乙物业");  // cheapest first
  EXPECT_EQ(bids[0].at("monthly_fen").as_int64(), 20250);   // 0.45 × 450.00 m²
  I vid = env.post(com, cpath("/tenders/" + std::to_string(t) + "/vote"), closes)
              .as_object()
              .at("id")
              .as_int64();
  EXPECT_EQ(
      status_of([&] {
        env.post(
               com, cpath("/tenders/" + std::to_string(t) + "/bids"),
               R"({"provider":"丙物业","price_fen_per_m2_month":1,"remuneration_bp":0,"plan":"x"})")
            .as_object();
      }),
      409);
  vote("jia", vid, "[0]");
  vote("yi", vid, "[0]");
  paper(vid, "202", "[1]");
  now += kHour;
  env.post(com, cpath("/votes/" + std::to_string(vid) + "/close")).as_object();
  tenders = env.get(app::Caller{}, ppath("/tenders")).as_array();
  EXPECT_EQ(tenders[0].at("status").as_string(), "awarded");
  env.db().read([&](store::Connection& c) {
    auto r = c.query_one("SELECT trustee_name, remuneration_bp FROM compounds WHERE id = ?", {cid});
    EXPECT_EQ(r->str(0), "甲物业");
    EXPECT_EQ(r->i64(1), 800);
  });
}

TEST_F(VoteTest, ProposalsCarryTheDiscussionAndTheOutcome) {
  I pid = env.post(env.caller("jia"), cpath("/proposals"),
                   R"({"title":"增设充电棚","body":"电动车充电难"})")
              .as_object()
              .at("id")
              .as_int64();
  env.post(env.caller("yi"), cpath("/proposals/" + std::to_string(pid) + "/comments"),
           R"({"body":"同意，建议放在 3 栋旁"})")
      .as_object();
  auto comments = env.get(com, cpath("/proposals/" + std::to_string(pid) + "/comments")).as_array();
  ASSERT_EQ(comments.size(), 1u);
  EXPECT_NE(comments[0].at("author").as_string(), "yi");  // masked
  I vid = env.post(com, cpath("/votes"),
                   R"({"title":"增设充电棚","matter":8,"open":true,"proposal_id":)" +
                       std::to_string(pid) + R"(,"closes_at":)" + std::to_string(now + kHour) + "}")
              .as_object()
              .at("id")
              .as_int64();
  vote("jia", vid, "[0]");
  vote("yi", vid, "[0]");
  paper(vid, "202", "[1]");  // 2 of 3 owners for: short of the 3/4 matter 8 needs
  now += kHour;
  app::close_due_votes(env.app());  // what the background sender does every few seconds
  auto v = env.get(com, ppath("/votes/" + std::to_string(vid))).as_object();
  EXPECT_FALSE(v.at("passed").as_bool());
  EXPECT_EQ(v.at("threshold").as_string(), "3/4");
  auto p = env.get(app::Caller{}, ppath("/proposals")).as_array();
  EXPECT_EQ(p[0].at("status").as_string(), "rejected");
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("yi"), cpath("/proposals/" + std::to_string(pid) + "/comments"),
                       R"({"body":"再议"})")
                  .as_object();
            }),
            409);
}

}  // namespace xinyi

namespace xinyi {

TEST_F(VoteTest, OwnersWhoHaveNotVotedAreRemindedOnceBeforeTheClose) {
  I vid = motion(9).at("id").as_int64();  // closes in an hour
  vote("jia", vid, "[0]");
  auto titles = [&](const std::string& login) {
    std::vector<std::string> out;
    const auto list = env.get(env.caller(login), "/api/v1/me/notifications?limit=20").as_object();
    for (const auto& n : list.at("items").as_array()) out.emplace_back(n.at("title").as_string());
    return out;
  };
  auto reminded = [&](const std::string& login) {
    int k = 0;
    for (const auto& t : titles(login)) k += t.find("即将截止") != std::string::npos;
    return k;
  };
  EXPECT_EQ(app::remind_closing_votes(env.app()), 1);
  EXPECT_EQ(app::remind_closing_votes(env.app()), 0);  // once
  EXPECT_EQ(reminded("jia"), 0);                       // has voted
  EXPECT_EQ(reminded("yi"), 1);
  EXPECT_EQ(reminded("bing"), 1);
  EXPECT_EQ(reminded("zu"), 0);        // a tenant does not vote
  EXPECT_EQ(titles("zu").size(), 1u);  // but heard the vote open
}

}  // namespace xinyi
