#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "http/server_fixture.h"
#include "store/registry_repo.h"

namespace xinyi::testing {

namespace {
void expect_problem(const HttpResult& r, int status) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "application/problem+json") << r.body;
  auto j = r.json().as_object();
  EXPECT_EQ(j.at("status").as_int64(), status);
  EXPECT_FALSE(j.at("title_zh").as_string().empty());
  EXPECT_FALSE(j.at("title_en").as_string().empty());
  EXPECT_TRUE(j.at("type").as_string().starts_with("/problems/"));
}
}  // namespace

using ApiTest = ServerTest;

TEST_F(ApiTest, HealthAndThePublicList) {
  auto c = client();
  auto h = c.get("/api/v1/health");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.json().at("status").as_string(), "ok");
  auto list = c.get("/api/v1/public/compounds");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json().as_array().size(), 5u);
  EXPECT_EQ(list.headers["cache-control"], "no-store");
}

// The forms offer what the server says (GET /public/site's vocabulary), and the server accepts
// every code it offers: each need category can be filed, each announcement kind posted, each of
// the nine matters of Civil Code Art. 278 is named in both languages; a code it does not list
// is refused.
TEST_F(ApiTest, TheSiteVocabularyIsWhatTheServerAccepts) {
  auto site = client().get("/api/v1/public/site");
  ASSERT_EQ(site.status, 200);
  auto v = site.json().at("vocabulary").as_object();
  std::string cpd = "/api/v1/compounds/" + std::to_string(compound_id("桂湖教师院"));
  auto owner = client();
  owner.login("13800000001");
  ASSERT_EQ(v.at("need_categories").as_array().size(), 8u);
  for (const auto& k : v.at("need_categories").as_array()) {
    std::string cat(k.as_string());
    auto r = owner.post(cpd + "/needs", R"({"category":")" + cat + R"(","body":"楼道灯不亮"})");
    EXPECT_EQ(r.status, 201) << cat << " " << r.body;
  }
  EXPECT_EQ(owner.post(cpd + "/needs", R"({"category":"weather","body":"x"})").status, 422);
  auto com = client();
  com.login("committee");
  ASSERT_EQ(v.at("announcement_kinds").as_array().size(), 5u);
  for (const auto& k : v.at("announcement_kinds").as_array()) {
    std::string kind(k.as_string());
    auto r = com.post(cpd + "/announcements",
                      R"({"kind":")" + kind + R"(","title":"通知","body":"周六停水半天"})");
    EXPECT_EQ(r.status, 201) << kind << " " << r.body;
  }
  EXPECT_EQ(com.post(cpd + "/announcements", R"({"kind":"ad","title":"x","body":"y"})").status,
            422);
  const auto& matters = v.at("vote_matters").as_array();
  ASSERT_EQ(matters.size(), 9u);
  for (std::size_t i = 0; i < matters.size(); ++i) {
    EXPECT_EQ(matters[i].at("matter").as_int64(), static_cast<std::int64_t>(i + 1));
    EXPECT_FALSE(matters[i].at("zh").as_string().empty());
    EXPECT_FALSE(matters[i].at("en").as_string().empty());
  }
  // Raising, using the maintenance fund and rebuilding (6, 7, 8) need three quarters.
  EXPECT_TRUE(matters[5].at("special").as_bool());
  EXPECT_FALSE(matters[4].at("special").as_bool());
  EXPECT_EQ(v.at("roles").as_array().size(), 6u);
}

TEST_F(ApiTest, PublicEndpointsShowNoNamesOrPhones) {
  auto c = client();
  std::string all = c.get("/api/v1/public/compounds").body + c.get("/api/v1/public/regions").body;
  for (int id = 1; id <= 5; ++id) {
    std::string base = "/api/v1/public/compounds/" + std::to_string(id);
    for (const char* path : {"",
                             "/feed?limit=200",
                             "/ledger?limit=1000",
                             "/disbursements",
                             "/bank",
                             "/balances",
                             "/sth",
                             "/arrears",
                             "/fee-rates",
                             "/settlement?period=2026-11",
                             "/surplus-plans?year=2026",
                             "/votes",
                             "/proposals",
                             "/committees",
                             "/tenders",
                             "/monthly?months=24",
                             "/events",
                             "/needs/summary",
                             "/service-plans",
                             "/services/monthly?month=2026-10",
                             "/services/months?months=14",
                             "/questionnaires",
                             "/meetings",
                             "/charity",
                             "/projects",
                             "/volunteers"}) {
      auto r = c.get(base + path);
      EXPECT_EQ(r.status, 200) << base + path;
      all += r.body;
    }
  }
  // Every vote, and the receipts of every closed one.
  auto votes = env.db().read([](store::Connection& conn) {
    return conn.query("SELECT compound_id, id, status FROM votes");
  });
  ASSERT_GE(votes.size(), 17u);
  for (const auto& v : votes) {
    std::string base = "/api/v1/public/compounds/" + std::to_string(v.i64(0)) + "/votes/" +
                       std::to_string(v.i64(1));
    auto r = c.get(base);
    EXPECT_EQ(r.status, 200) << base;
    all += r.body;
    if (v.str(2) == "closed") {
      r = c.get(base + "/receipts");
      EXPECT_EQ(r.status, 200) << base;
      all += r.body;
    }
  }
  // Every questionnaire and its results.
  auto surveys = env.db().read([](store::Connection& conn) {
    return conn.query("SELECT compound_id, id FROM questionnaires");
  });
  ASSERT_GE(surveys.size(), 2u);
  for (const auto& q : surveys) {
    std::string base = "/api/v1/public/compounds/" + std::to_string(q.i64(0)) + "/questionnaires/" +
                       std::to_string(q.i64(1));
    for (const char* path : {"", "/results"}) {
      auto r = c.get(base + path);
      EXPECT_EQ(r.status, 200) << base + path;
      all += r.body;
    }
  }
  // Every renewal project's page.
  auto projects = env.db().read(
      [](store::Connection& conn) { return conn.query("SELECT compound_id, id FROM projects"); });
  ASSERT_GE(projects.size(), 7u);
  for (const auto& p : projects) {
    std::string path = "/api/v1/public/compounds/" + std::to_string(p.i64(0)) + "/projects/" +
                       std::to_string(p.i64(1));
    auto r = c.get(path);
    EXPECT_EQ(r.status, 200) << path;
    all += r.body;
  }
  EXPECT_FALSE(std::regex_search(all, std::regex("(^|[^0-9A-Za-z])1[3-9][0-9]{9}([^0-9A-Za-z]|$)")))
      << "a phone number is public";
  // Residents, accounts, donors (named or anonymous) and volunteers: never a full name.
  auto names = env.db().read([](store::Connection& conn) {
    return conn.query(
        "SELECT name FROM persons UNION SELECT name FROM users UNION SELECT donor_name FROM donations "
        "UNION SELECT name FROM volunteer_members");
  });
  ASSERT_GT(names.size(), 100u);
  for (const auto& n : names) EXPECT_EQ(all.find(n.str(0)), std::string::npos) << n.str(0);
}

TEST_F(ApiTest, SignInSetsAProtectedCookieAndSignOutEndsIt) {
  auto c = client();
  auto r = c.post("/api/v1/auth/login", R"({"login":"13800000001","password":"xinyi-demo"})");
  ASSERT_EQ(r.status, 200);
  const auto& cookie = r.headers["set-cookie"];
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  auto me = c.get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("name").as_string(), "王建国");
  EXPECT_EQ(me.json().at("units").as_array().size(), 2u);
  EXPECT_TRUE(c.get("/api/v1/auth/session").json().at("signed_in").as_bool());
  std::string old = c.cookie;
  EXPECT_EQ(c.post("/api/v1/auth/logout", "").status, 204);
  c.cookie = old;  // a replayed cookie after sign-out is worthless
  expect_problem(c.get("/api/v1/me"), 401);
}

TEST_F(ApiTest, BadCredentialsAre401WithBothLanguages) {
  auto c = client();
  auto r = c.post("/api/v1/auth/login", R"({"login":"13800000001","password":"wrong-wrong"})");
  expect_problem(r, 401);
  EXPECT_EQ(r.json().at("title_zh").as_string(), "账号或密码不正确");
}

TEST_F(ApiTest, AnonymousCallersAreAskedToSignIn) {
  auto c = client();
  expect_problem(c.get("/api/v1/me"), 401);
  expect_problem(c.get("/api/v1/compounds/1/units"), 401);
  expect_problem(c.post("/api/v1/districts", R"({"name":"x"})"), 401);
}

TEST_F(ApiTest, AResidentGets403OnCommitteeEndpoints) {
  auto c = client();
  c.login("13800000001");
  auto teachers = compound_id("桂湖教师院");
  std::string base = "/api/v1/compounds/" + std::to_string(teachers);
  expect_problem(c.get(base + "/units"), 403);
  expect_problem(c.get(base + "/invite-codes"), 403);
  expect_problem(c.get(base + "/audit"), 403);
  expect_problem(c.post(base + "/courtyards", R"({"name":"新院"})"), 403);
  expect_problem(c.post(base + "/import/units", "房号,面积\n1栋101,50\n", "text/csv"), 403);
  expect_problem(c.post("/api/v1/districts", R"({"name":"x"})"), 403);
  EXPECT_EQ(env.count("courtyards"), 1 + 1 + 3 + 9 + 1);
}

TEST_F(ApiTest, AResidentOfOneCompoundCannotReadAnothersPrivateData) {
  auto c = client();
  c.login("13800000002");  // tenant in 城北花园
  auto teachers = compound_id("桂湖教师院");
  expect_problem(c.get("/api/v1/compounds/" + std::to_string(teachers) + "/units"), 403);
  expect_problem(c.get("/api/v1/compounds/" + std::to_string(teachers) + "/units/1"), 403);
}

TEST_F(ApiTest, CommitteeRolesDoNotReachAcrossCompounds) {
  auto admin = client();
  admin.login("admin");
  auto community = env.db().read(
      [](store::Connection& conn) { return conn.scalar("SELECT MIN(id) FROM communities"); });
  auto k = admin.post("/api/v1/communities/" + std::to_string(community) + "/compounds",
                      R"({"name":"新小区","model":"charity"})");
  ASSERT_EQ(k.status, 201) << k.body;
  auto cid = k.json().at("id").as_int64();
  auto com = client();
  com.login("committee");  // committee of the five demo compounds, not of this one
  expect_problem(com.get("/api/v1/compounds/" + std::to_string(cid) + "/units"), 403);
  auto teachers = compound_id("桂湖教师院");
  EXPECT_EQ(com.get("/api/v1/compounds/" + std::to_string(teachers) + "/units").status, 200);
}

TEST_F(ApiTest, CommitteeSeesFullDetailsAndAuditorsReadTheLog) {
  auto com = client();
  com.login("committee");
  auto teachers = std::to_string(compound_id("桂湖教师院"));
  auto units = com.get("/api/v1/compounds/" + teachers + "/units?limit=5");
  ASSERT_EQ(units.status, 200);
  auto items = units.json().at("items").as_array();
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[0].at("members").as_array()[0].at("phone").as_string().size(),
            11u);  // in full, for the committee
  auto y = com.post("/api/v1/compounds/" + teachers + "/courtyards", R"({"name":"新院"})");
  EXPECT_EQ(y.status, 201);
  expect_problem(com.get("/api/v1/compounds/" + teachers + "/audit"),
                 403);  // committee is audited, not auditor
  auto aud = client();
  aud.login("auditor");
  auto log = aud.get("/api/v1/compounds/" + teachers + "/audit");
  ASSERT_EQ(log.status, 200);
  auto first = log.json().at("items").as_array()[0];
  EXPECT_EQ(first.at("action").as_string(), "courtyard.create");
  EXPECT_EQ(first.at("ip").as_string(), "127.0.0.1");
  EXPECT_EQ(first.at("user_name").as_string(), "刘委员");
  // Auditors write nothing.
  expect_problem(aud.post("/api/v1/compounds/" + teachers + "/courtyards", R"({"name":"审计院"})"),
                 403);
}

TEST_F(ApiTest, BadInputIsA4xxAndChangesNothing) {
  auto com = client();
  com.login("committee");
  auto teachers = std::to_string(compound_id("桂湖教师院"));
  std::string units = "/api/v1/compounds/" + teachers + "/units";
  auto before = env.count("units") + env.count("audit_log");
  expect_problem(com.post(units, "{not json"), 400);
  expect_problem(com.post(units, "[]"), 400);
  expect_problem(com.post(units, "{\"number\":\"\xc3\x28\"}"), 400);  // invalid UTF-8
  expect_problem(
      com.post(units,
               R"({"building_id":1,"number":"9","area_centi_m2":1000000000000000000000000000000})"),
      422);
  expect_problem(com.post(units, R"({"building_id":1,"number":"9","area_centi_m2":-100})"), 422);
  expect_problem(com.post(units, R"({"building_id":"1","number":9,"area_centi_m2":5000})"), 422);
  auto unknown =
      com.post(units, R"({"building_id":1,"number":"9","area_centi_m2":5000,"colour":"red"})");
  expect_problem(unknown, 422);
  EXPECT_EQ(unknown.json().at("errors").as_array()[0].at("field").as_string(), "colour");
  expect_problem(com.post(units, R"({"building_id":999999,"number":"9","area_centi_m2":5000})"),
                 404);
  // A building of another compound is "not found" here.
  auto garden_building = env.db().read([&](store::Connection& c) {
    return c.scalar(
        "SELECT MIN(b.id) FROM buildings b JOIN compounds k ON k.id = b.compound_id WHERE k.name = '城北花园'");
  });
  expect_problem(com.post(units, R"({"building_id":)" + std::to_string(garden_building) +
                                     R"(,"number":"9","area_centi_m2":5000})"),
                 404);
  expect_problem(com.get(units + "/abc"), 404);
  expect_problem(com.get(units + "?limit=100000"), 400);
  expect_problem(com.get("/api/v1/compounds/99999/units"),
                 403);  // no role there: deny before anything else
  EXPECT_EQ(env.count("units") + env.count("audit_log"), before);
}

TEST_F(ApiTest, WrongMethodIs405WithAllow) {
  auto c = client();
  auto r = c.send("DELETE", "/api/v1/public/compounds", "");
  expect_problem(r, 405);
  EXPECT_EQ(r.headers["allow"], "GET");
  expect_problem(c.get("/api/v1/nope"), 404);
}

TEST_F(ApiTest, CrossSiteWritesAreRefused) {
  auto c = client();
  auto r = c.send("POST", "/api/v1/auth/login", R"({"login":"admin","password":"xinyi-demo"})",
                  "application/json", {{"Origin", "http://evil.example"}});
  expect_problem(r, 403);
  auto ok = c.send("POST", "/api/v1/auth/login", R"({"login":"admin","password":"xinyi-demo"})",
                   "application/json", {{"Origin", "http://127.0.0.1:" + std::to_string(port)}});
  EXPECT_EQ(ok.status, 200);
}

TEST_F(ApiTest, RosterImportOverHttpIsAllOrNothing) {
  auto staff = client();
  staff.login("staff");
  auto cid = std::to_string(compound_id("南街老城院落"));
  auto before = env.count("units");
  auto bad = staff.post("/api/v1/compounds/" + cid + "/import/units",
                        "院落,房号,面积,业主\n文庙院,9栋101,60,新业主\n文庙院,9栋102,abc,另一位\n",
                        "text/csv");
  expect_problem(bad, 422);
  EXPECT_EQ(bad.json().at("errors").as_array()[0].at("field").as_string(), "line 3");
  EXPECT_EQ(env.count("units"), before);
  auto dry = staff.post("/api/v1/compounds/" + cid + "/import/units?dry_run=1",
                        "院落,房号,面积,业主\n文庙院,9栋101,60,新业主\n", "text/csv");
  EXPECT_EQ(dry.status, 200);
  EXPECT_EQ(env.count("units"), before);
  auto good = staff.post("/api/v1/compounds/" + cid + "/import/units",
                         "院落,房号,面积,业主\n文庙院,9栋101,60,新业主\n", "text/csv");
  EXPECT_EQ(good.status, 201) << good.body;
  EXPECT_EQ(good.json().at("units_created").as_int64(), 1);
  EXPECT_EQ(env.count("units"), before + 1);
}

TEST_F(ApiTest, AResidentClaimsTheirUnitWithThePaperCode) {
  auto c = client();
  c.login("13800000003");
  EXPECT_EQ(c.get("/api/v1/me").json().at("units").as_array().size(), 0u);
  auto code = env.db().read([](store::Connection& conn) {
    return conn
        .query_one(
            "SELECT u.invite_code FROM units u JOIN unit_members m ON m.unit_id = u.id "
            "JOIN persons p ON p.id = m.person_id WHERE p.phone = '13800000003'")
        ->str(0);
  });
  expect_problem(c.post("/api/v1/me/claims", R"({"code":"ZZZZ2222"})"), 422);
  auto r = c.post("/api/v1/me/claims", R"({"code":")" + code + R"("})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto me = c.get("/api/v1/me").json();
  ASSERT_EQ(me.at("units").as_array().size(), 1u);
  EXPECT_EQ(me.at("units").as_array()[0].at("compound_name").as_string(), "锦苑小区");
  EXPECT_EQ(me.at("roles").as_array()[0].at("role").as_string(), "resident");
}

TEST_F(ApiTest, ResidentsReprintOnlyTheirOwnReceipts) {
  auto teachers = compound_id("桂湖教师院");
  auto receipt_of = [&](std::int64_t unit) {
    return env.db().read([&](store::Connection& c) {
      return c.scalar("SELECT MIN(receipt_no) FROM payments WHERE compound_id = ? AND unit_id = ?",
                      {teachers, unit});
    });
  };
  auto own = receipt_of(14), other = receipt_of(2);  // 王建国 owns units 1 and 14
  auto wang = client();
  wang.login("13800000001");
  auto r = wang.get("/api/v1/me/receipts/" + std::to_string(teachers) + "/" + std::to_string(own));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("label").as_string(), "1栋2单元102");
  expect_problem(
      wang.get("/api/v1/me/receipts/" + std::to_string(teachers) + "/" + std::to_string(other)),
      403);
  expect_problem(
      client().get("/api/v1/me/receipts/" + std::to_string(teachers) + "/" + std::to_string(own)),
      401);
}

// A secret ballot's receipt code is the only thing that ties a choice to a ballot. After the
// demo owner votes, every GET route of the table, called as every role of the compound, must
// not show it — except the owner's own view.
TEST_F(ApiTest, NoResponseAnywhereLinksASecretBallotToItsVoter) {
  std::int64_t teachers = compound_id("桂湖教师院");
  std::int64_t vote = env.db().read([&](store::Connection& conn) {
    return conn.scalar("SELECT id FROM votes WHERE compound_id = ? AND status = 'open'",
                       {teachers});
  });
  auto wang = client();
  wang.login("13800000001");
  std::string cast = "/api/v1/compounds/" + std::to_string(teachers) + "/votes/" +
                     std::to_string(vote) + "/ballot";
  auto r = wang.post(cast, R"({"choices":[1]})");
  ASSERT_EQ(r.status, 200) << r.body;
  std::string receipt(r.json().at("receipt").as_string());
  EXPECT_EQ(wang.post(cast, R"({"choices":[0]})").json().at("receipt").as_string(),
            receipt);  // changed, same receipt
  std::vector<HttpClient> callers;
  for (const char* login : {"committee", "staff", "auditor", "trustee", "worker", "13800000002"}) {
    callers.push_back(client());
    callers.back().login(login);
  }
  callers.push_back(client());  // anonymous
  int crawled = 0;
  for (const auto& route : router->routes()) {
    if (route.method != "GET") continue;
    std::string path = route.pattern;
    auto put = [&](const std::string& key, const std::string& value) {
      for (std::size_t p; (p = path.find(key)) != std::string::npos;)
        path.replace(p, key.size(), value);
    };
    put("{cid}", std::to_string(teachers));
    put("{vid}", std::to_string(vote));
    put("{id}", route.pattern.find("/votes/{id}") != std::string::npos ? std::to_string(vote)
                                                                       : std::to_string(teachers));
    if (path.find('{') != std::string::npos)
      continue;  // receipts, vouchers, files: nothing of a vote
    for (auto& c : callers) {
      auto res = c.get(path);
      ++crawled;
      EXPECT_EQ(res.body.find(receipt), std::string::npos) << path << " shows the receipt";
    }
  }
  EXPECT_GT(crawled, 150);
  // The owner sees it; the audit log says only that they voted.
  auto mine = wang.get("/api/v1/compounds/" + std::to_string(teachers) + "/votes/" +
                       std::to_string(vote) + "/my");
  EXPECT_NE(mine.body.find(receipt), std::string::npos);
}

TEST_F(ApiTest, EveryRouteHasARuleAndCompoundRoutesNameTheCompound) {
  for (const auto& r : router->routes()) {
    if (r.rule.scope() == Rule::Scope::compound) {
      EXPECT_NE(r.pattern.find("{cid}"), std::string::npos) << r.pattern;
    }
    if (r.method != "GET" && r.rule.scope() == Rule::Scope::anyone) {
      EXPECT_TRUE(r.pattern.starts_with("/api/v1/auth/"))
          << r.method << " " << r.pattern << " is an anonymous write";
    }
  }
}

// A page asks the server what the caller may do in a compound, read off the route table: the
// owner may file a need and confirm a notice but not post one; the committee may post one; a
// step missing from the list is one the server refuses; nobody signed in is told nothing.
TEST_F(ApiTest, AbilitiesAreTheRoutesTheCallerMayUseInTheCompound) {
  const std::string cid = std::to_string(compound_id("桂湖教师院"));
  auto abilities = [&](HttpClient& c, const std::string& compound) {
    std::set<std::string> out;
    auto r = c.get("/api/v1/compounds/" + compound + "/abilities");
    EXPECT_EQ(r.status, 200) << r.body;
    const auto body = r.json();
    for (const auto& a : body.at("can").as_array()) out.insert(std::string(a.as_string()));
    return out;
  };
  auto owner = client();
  owner.login("13800000001");
  auto mine = abilities(owner, cid);
  EXPECT_TRUE(mine.count("POST needs"));
  EXPECT_TRUE(mine.count("POST announcements/{id}/confirm"));
  EXPECT_FALSE(mine.count("POST announcements"));
  EXPECT_FALSE(mine.count("POST payments"));
  EXPECT_FALSE(mine.count("GET abilities"));
  EXPECT_EQ(owner
                .post("/api/v1/compounds/" + cid + "/announcements",
                      R"({"kind":"notice","title":"x","body":"y"})")
                .status,
            403);
  // In a compound where he holds nothing, nothing.
  EXPECT_TRUE(abilities(owner, std::to_string(compound_id("城北花园"))).empty());
  auto com = client();
  com.login("committee");
  auto theirs = abilities(com, cid);
  EXPECT_TRUE(theirs.count("POST announcements"));
  EXPECT_TRUE(theirs.count("POST disbursements/{id}/approve"));
  EXPECT_FALSE(theirs.count("POST needs/{id}/support"));  // a resident's +1
  EXPECT_EQ(client().get("/api/v1/compounds/" + cid + "/abilities").status, 401);
}

}  // namespace xinyi::testing
