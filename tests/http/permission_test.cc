// The permission matrix (issue 10): every route of the router's own table × every kind of
// caller, against an expectation written here by hand. A route without an expectation fails;
// so does an expectation for a route that no longer exists. Each denied pair is then sent for
// real and must answer 401 (anonymous) or 403 and change nothing.
//
// Callers: a = anonymous, r = resident of compound 1 (王建国), o = a resident of another compound
// (李晓梅, compound 2), w = worker (compound 1), c = committee, t = trustee, s = community staff,
// u = auditor (the trust supervisor). The operator (admin) may do everything.
#include <gtest/gtest.h>
#include "app/books.h"
#include "domain/billing.h"

#include <map>

#include "app/auth_service.h"
#include "http/server_fixture.h"
#include "store/auth_repo.h"

namespace xinyi::testing {

namespace {

const std::map<std::string, std::string>& expected() {
  static const std::map<std::string, std::string> m{
      {"GET /api/v1/health", "arowctsu"},
      {"GET /api/v1/public/site", "arowctsu"},
      {"GET /api/v1/public/regions", "arowctsu"},
      {"GET /api/v1/public/compounds", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/ledger", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/feed", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/events", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/monthly", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/sth", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/pubkey", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/proof/inclusion", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/proof/consistency", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/balances", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/disbursements", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/bank", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/fee-rates", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/arrears", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/settlement", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/entries/{index}/qr.svg", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/notice.pdf", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/surplus-plans", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/votes", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/votes/{vid}", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/votes/{vid}/receipts", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/proposals", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/committees", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/tenders", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/needs/summary", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/service-plans", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/services/monthly", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/services/months", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/questionnaires", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/questionnaires/{qid}", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/questionnaires/{qid}/results", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/meetings", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/vouchers/{sha}", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/charity", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/projects", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/projects/{pid}", "arowctsu"},
      {"GET /api/v1/public/compounds/{id}/volunteers", "arowctsu"},
      {"POST /api/v1/auth/login", "arowctsu"},
      {"POST /api/v1/auth/register", "arowctsu"},
      {"POST /api/v1/auth/logout", "arowctsu"},
      {"POST /api/v1/auth/password", "rowctsu"},
      {"GET /api/v1/auth/session", "arowctsu"},
      {"GET /api/v1/me", "rowctsu"},
      {"GET /api/v1/me/receipts/{cid}/{no}", "rowctsu"},
      {"GET /api/v1/me/bills", "rowctsu"},
      {"GET /api/v1/me/donations", "rowctsu"},
      {"GET /api/v1/me/export", "rowctsu"},
      {"POST /api/v1/me/delete", "rowctsu"},
      {"GET /api/v1/me/notifications", "rowctsu"},
      {"GET /api/v1/me/events", "rowctsu"},
      {"POST /api/v1/me/notifications/read", "rowctsu"},
      {"PATCH /api/v1/me/preferences", "rowctsu"},
      {"POST /api/v1/me/claims", "rowctsu"},
      {"POST /api/v1/districts", ""},
      {"POST /api/v1/districts/{id}/streets", ""},
      {"POST /api/v1/streets/{id}/communities", ""},
      {"POST /api/v1/communities/{id}/compounds", ""},
      {"POST /api/v1/compounds/{cid}/areas", "cs"},
      {"POST /api/v1/compounds/{cid}/courtyards", "cs"},
      {"PATCH /api/v1/compounds/{cid}/courtyards/{id}", "cs"},
      {"POST /api/v1/compounds/{cid}/buildings", "cs"},
      {"POST /api/v1/compounds/{cid}/units", "cs"},
      {"GET /api/v1/compounds/{cid}/units", "ctsu"},
      {"GET /api/v1/compounds/{cid}/units/{id}", "ctsu"},
      {"PATCH /api/v1/compounds/{cid}/units/{id}", "cs"},
      {"POST /api/v1/compounds/{cid}/units/{id}/members", "cs"},
      {"POST /api/v1/compounds/{cid}/units/{id}/invite-code", "cs"},
      {"GET /api/v1/compounds/{cid}/invite-codes", "cs"},
      {"POST /api/v1/compounds/{cid}/import/units", "cs"},
      {"POST /api/v1/compounds/{cid}/ledger/transactions", "ct"},
      {"POST /api/v1/compounds/{cid}/ledger/transactions/{index}/reverse", "ct"},
      {"POST /api/v1/compounds/{cid}/vouchers", "ct"},
      {"GET /api/v1/compounds/{cid}/disbursements", "ctsu"},
      {"POST /api/v1/compounds/{cid}/disbursements", "t"},
      {"POST /api/v1/compounds/{cid}/disbursements/{id}/approve", "ct"},
      {"POST /api/v1/compounds/{cid}/disbursements/{id}/reject", "ct"},
      {"POST /api/v1/compounds/{cid}/proposals", "rcs"},
      {"GET /api/v1/compounds/{cid}/proposals/{id}/comments", "rctsu"},
      {"POST /api/v1/compounds/{cid}/proposals/{id}/comments", "rcts"},
      {"POST /api/v1/compounds/{cid}/votes", "cs"},
      {"POST /api/v1/compounds/{cid}/votes/{id}/open", "cs"},
      {"POST /api/v1/compounds/{cid}/votes/{id}/close", "cs"},
      {"POST /api/v1/compounds/{cid}/votes/{id}/ballot", "r"},
      {"GET /api/v1/compounds/{cid}/votes/{id}/my", "r"},
      {"POST /api/v1/compounds/{cid}/votes/{id}/paper-ballots", "c"},
      {"GET /api/v1/compounds/{cid}/votes/{id}/paper-ballots", "cs"},
      {"GET /api/v1/compounds/{cid}/votes/{id}/paper-ballots/{ballot}/scan", "cs"},
      {"POST /api/v1/compounds/{cid}/votes/{id}/paper-ballots/{ballot}/countersign", "cs"},
      {"GET /api/v1/compounds/{cid}/votes/{id}/roll", "rctsu"},
      {"POST /api/v1/compounds/{cid}/committees", "cs"},
      {"POST /api/v1/compounds/{cid}/committees/{id}/members", "cs"},
      {"POST /api/v1/compounds/{cid}/committees/{id}/establish", "s"},
      {"POST /api/v1/compounds/{cid}/petitions/pmc", "r"},
      {"POST /api/v1/compounds/{cid}/tenders", "cs"},
      {"POST /api/v1/compounds/{cid}/tenders/{id}/bids", "cs"},
      {"POST /api/v1/compounds/{cid}/tenders/{id}/vote", "cs"},
      {"POST /api/v1/compounds/{cid}/photos", "rctws"},
      {"POST /api/v1/compounds/{cid}/needs", "rcs"},
      {"GET /api/v1/compounds/{cid}/needs", "rctwsu"},
      {"GET /api/v1/compounds/{cid}/needs/{id}", "rctwsu"},
      {"POST /api/v1/compounds/{cid}/needs/{id}/support", "r"},
      {"POST /api/v1/compounds/{cid}/needs/{id}/triage", "cs"},
      {"POST /api/v1/compounds/{cid}/service-plans", "cs"},
      {"GET /api/v1/compounds/{cid}/service-plan/assignments", "cts"},
      {"POST /api/v1/compounds/{cid}/service-plan/assignments", "t"},
      {"POST /api/v1/compounds/{cid}/work-logs", "w"},
      {"POST /api/v1/compounds/{cid}/work-logs/{id}/check-out", "w"},
      {"POST /api/v1/compounds/{cid}/work-logs/{id}/void", "cws"},
      {"GET /api/v1/compounds/{cid}/work-logs", "rctwsu"},
      {"POST /api/v1/compounds/{cid}/work-logs/{id}/review", "r"},
      {"GET /api/v1/compounds/{cid}/visit-disputes", "csu"},
      {"POST /api/v1/compounds/{cid}/visit-disputes/{id}/resolve", "cs"},
      {"POST /api/v1/compounds/{cid}/review-window", "cs"},
      {"POST /api/v1/compounds/{cid}/service-postings", "ct"},
      {"POST /api/v1/compounds/{cid}/questionnaires", "cs"},
      {"POST /api/v1/compounds/{cid}/questionnaires/{id}/answers", "r"},
      {"GET /api/v1/compounds/{cid}/questionnaires/{id}/results", "ctsu"},
      {"GET /api/v1/compounds/{cid}/questionnaires/{id}/export/{file}", "ctsu"},
      {"GET /api/v1/compounds/{cid}/meetings", "rctwsu"},
      {"POST /api/v1/compounds/{cid}/meetings", "cs"},
      {"POST /api/v1/compounds/{cid}/campaigns", "cs"},
      {"POST /api/v1/compounds/{cid}/donations", "rct"},
      {"GET /api/v1/compounds/{cid}/donations", "ctsu"},
      {"POST /api/v1/compounds/{cid}/donations/{id}/receive", "ct"},
      {"POST /api/v1/compounds/{cid}/donations/{id}/decline", "ct"},
      {"POST /api/v1/compounds/{cid}/projects", "cs"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/budget", "cs"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/vote", "cs"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/quotes", "cts"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/contract", "cs"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/milestones", "cts"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/milestones/{mid}/done", "cts"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/payments", "t"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/acceptance", "cs"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/acceptance/close", "cs"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/signoff", "c"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/acceptance/reject", "c"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/crowdfunding-refund", "t"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/settle", "ct"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/cancel", "cs"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/follow", "rctwsu"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/pledges", "r"},
      {"GET /api/v1/compounds/{cid}/projects/{pid}/pledges", "ctsu"},
      {"POST /api/v1/compounds/{cid}/projects/{pid}/pledges/{id}/payments", "ct"},
      {"GET /api/v1/compounds/{cid}/volunteers", "rctwsu"},
      {"POST /api/v1/compounds/{cid}/volunteer-teams", "cs"},
      {"POST /api/v1/compounds/{cid}/volunteer-teams/{id}/join", "r"},
      {"POST /api/v1/compounds/{cid}/volunteer-teams/{id}/members", "cs"},
      {"POST /api/v1/compounds/{cid}/volunteer-activities", "cs"},
      {"POST /api/v1/compounds/{cid}/announcements", "cts"},
      {"GET /api/v1/compounds/{cid}/announcements", "rctwsu"},
      {"GET /api/v1/compounds/{cid}/announcements/{id}", "rctwsu"},
      {"POST /api/v1/compounds/{cid}/announcements/{id}/read", "r"},
      {"POST /api/v1/compounds/{cid}/announcements/{id}/confirm", "r"},
      {"GET /api/v1/compounds/{cid}/announcements/{id}/stats", "ctsu"},
      {"POST /api/v1/compounds/{cid}/announcements/{id}/withdraw", "cts"},
      {"POST /api/v1/compounds/{cid}/fee-rates", "cs"},
      {"POST /api/v1/compounds/{cid}/bill-runs", "ct"},
      {"POST /api/v1/compounds/{cid}/payments", "ct"},
      {"POST /api/v1/compounds/{cid}/contract", "cs"},
      {"POST /api/v1/compounds/{cid}/remuneration", "ct"},
      {"POST /api/v1/compounds/{cid}/surplus-plans", "cs"},
      {"POST /api/v1/compounds/{cid}/shared-costs", "ct"},
      {"GET /api/v1/compounds/{cid}/receipts/{no}", "ctsu"},
      {"GET /api/v1/compounds/{cid}/exports/{file}", "ctsu"},
      {"GET /api/v1/compounds/{cid}/abilities", "rowctsu"},  // anyone signed in: their own list
      {"GET /api/v1/compounds/{cid}/arrears", "ctsu"},
      {"GET /api/v1/compounds/{cid}/units/{id}/account", "ctsu"},
      {"GET /api/v1/compounds/{cid}/bank", "ctsu"},
      {"POST /api/v1/compounds/{cid}/bank/accounts", "ct"},
      {"POST /api/v1/compounds/{cid}/bank/accounts/{id}/statements", "ct"},
      {"POST /api/v1/compounds/{cid}/bank/lines/{id}/match", "ct"},
      {"POST /api/v1/compounds/{cid}/bank/lines/{id}/payment", "ct"},
      {"POST /api/v1/compounds/{cid}/bank/lines/{id}/unmatch", "ct"},
      {"POST /api/v1/compounds/{cid}/witness/keys", "s"},
      {"POST /api/v1/compounds/{cid}/witness/cosign", "s"},
      {"GET /api/v1/compounds/{cid}/roles", "csu"},
      {"POST /api/v1/compounds/{cid}/roles", "s"},
      {"POST /api/v1/compounds/{cid}/roles/{id}/confirm", "s"},
      {"POST /api/v1/compounds/{cid}/roles/{id}/reject", "s"},
      {"POST /api/v1/compounds/{cid}/roles/{id}/revoke", "s"},
      {"GET /api/v1/compounds/{cid}/audit", "su"},
  };
  return m;
}

// A concrete path for a pattern: compound 1, id 1, and harmless values for the rest.
std::string fill(const std::string& pattern) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      std::size_t j = pattern.find('}', i);
      std::string name = pattern.substr(i + 1, j - i - 1);
      out += name == "sha"     ? std::string(64, '0')
             : name == "file"  ? "responses.csv"
             : name == "index" ? "0"
                               : "1";
      i = j + 1;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

}  // namespace

using PermissionTest = ServerTest;

TEST_F(PermissionTest, EveryRouteTimesEveryCallerMatchesTheMatrix) {
  const std::pair<char, const char*> people[] = {
      {'r', "13800000001"}, {'o', "13800000002"}, {'w', "worker"},  {'c', "committee"},
      {'t', "trustee"},     {'s', "staff"},       {'u', "auditor"}, {'A', "admin"}};
  std::map<char, std::string> token{{'a', ""}};
  std::map<char, app::Caller> caller{{'a', app::Caller{}}};
  for (const auto& [k, login] : people) {
    app::Caller anon;
    auto s = app::login(env.app(), anon, {login, "xinyi-demo"});
    token[k] = s.token;
    caller[k] = app::authenticate(env.app(), s.token, "test");
    ASSERT_TRUE(caller[k].user) << login;
  }
  std::set<std::string> seen;
  struct Denied {
    std::string method, path;
    char who;
  };
  std::vector<Denied> denied;
  for (const auto& route : router->routes()) {
    std::string key = route.method + " " + route.pattern;
    seen.insert(key);
    auto it = expected().find(key);
    if (it == expected().end()) {
      ADD_FAILURE() << "no expectation for " << key << " (" << route.rule.describe()
                    << "): add it to the matrix";
      continue;
    }
    std::optional<std::int64_t> cid;
    if (route.rule.scope() == Rule::Scope::compound) cid = 1;
    for (char who : std::string("arowctsuA")) {
      bool want = who == 'A' || it->second.find(who) != std::string::npos;
      bool got = route.rule.allows(caller[who].p(), cid);
      EXPECT_EQ(got, want) << key << " for " << who;
      if (!got) denied.push_back({route.method, fill(route.pattern), who});
    }
  }
  for (const auto& [key, roles] : expected())
    EXPECT_TRUE(seen.count(key)) << "the matrix names a route that does not exist: " << key;

  // Denied for real: 401 or 403 before any handler runs, and nothing written.
  auto writes = [&] {
    return env.db().read([](store::Connection& c) {
      return c.scalar("SELECT COUNT(*) FROM audit_log") +
             c.scalar("SELECT COUNT(*) FROM ledger_entries") +
             c.scalar("SELECT COUNT(*) FROM notifications");
    });
  };
  const auto before = writes();
  ASSERT_GT(denied.size(), 300u);
  for (const auto& d : denied) {
    http::Request req;
    req.method = d.method;
    req.path = d.path;
    req.host = "127.0.0.1";
    req.ip = "127.0.0.1";
    req.body = "{}";
    req.content_type = "application/json";
    if (!token[d.who].empty()) req.cookie = std::string(http::kSessionCookie) + "=" + token[d.who];
    auto res = router->handle(req);
    EXPECT_EQ(res.status, d.who == 'a' ? 401 : 403)
        << d.method << " " << d.path << " for " << d.who << ": " << res.body;
  }
  EXPECT_EQ(writes(), before);
}

}  // namespace xinyi::testing

namespace xinyi::testing {

TEST_F(PermissionTest, WritesAreRateLimitedPerPersonAndPerAddress) {
  std::int64_t now = 1'790'000'000'000;
  env.app().clock_ms = [&] { return now; };
  app::Caller anon;
  auto s = app::login(env.app(), anon, {"13800000001", "xinyi-demo"});
  auto write = [&] {
    http::Request req;
    req.method = "POST";
    req.path = "/api/v1/me/notifications/read";
    req.host = "127.0.0.1";
    req.ip = "127.0.0.1";
    req.body = R"({"all":true})";
    req.cookie = std::string(http::kSessionCookie) + "=" + s.token;
    req.csrf_token = s.me.csrf_token.value_or("");
    return router->handle(req);
  };
  for (int k = 0; k < 600; ++k) ASSERT_EQ(write().status, 200) << k;
  auto refused = write();
  EXPECT_EQ(refused.status, 429);
  bool retry_after = false;
  for (const auto& [h, v] : refused.headers)
    retry_after = retry_after || (h == "Retry-After" && std::stoi(v) >= 1);
  EXPECT_TRUE(retry_after);
  now += 60'000;
  EXPECT_EQ(write().status, 200);

  // Anonymous writes, per client address; behind a proxy on loopback, X-Real-IP names the client.
  auto c = client();
  auto logout_from = [&](const std::string& who) {
    std::string r =
        c.raw("POST /api/v1/auth/logout HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Real-IP: " + who +
                  "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
              2000);
    return std::stoi(r.substr(9, 3));
  };
  for (int k = 0; k < 60; ++k) ASSERT_EQ(logout_from("203.0.113.7"), 204) << k;
  EXPECT_EQ(logout_from("203.0.113.7"), 429);
  EXPECT_EQ(logout_from("203.0.113.8"), 204);  // another resident behind the same proxy
}

}  // namespace xinyi::testing

namespace xinyi::testing {

TEST_F(PermissionTest, ARetriedPaymentWithItsIdempotencyKeyIsAppliedOnce) {
  auto trustee = client();
  trustee.login("trustee");
  std::string cpd = "/api/v1/compounds/" + std::to_string(compound_id("桂湖教师院"));
  auto count = [&] {
    return env.db().read([](store::Connection& c) {
      return c.scalar("SELECT COUNT(*) FROM payments WHERE reference = 'retry-test'");
    });
  };
  const std::string body =
      R"({"unit_id":2,"amount_fen":5000,"method":"cash","reference":"retry-test"})";
  auto first = trustee.send("POST", cpd + "/payments", body, "application/json",
                            {{"Idempotency-Key", "pay-7f3a"}});
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = trustee.send("POST", cpd + "/payments", body, "application/json",
                            {{"Idempotency-Key", "pay-7f3a"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.headers["idempotent-replayed"], "true");
  EXPECT_EQ(again.json().at("receipt_no"), first.json().at("receipt_no"));
  EXPECT_EQ(count(), 1);
  // Without a key, a second payment is a second payment.
  EXPECT_EQ(trustee.post(cpd + "/payments", body).status, 201);
  EXPECT_EQ(count(), 2);
  // The same key for another request, or a malformed key, is refused and changes nothing.
  EXPECT_EQ(trustee
                .send("POST", cpd + "/bill-runs?period=2026-12", "", "application/json",
                      {{"Idempotency-Key", "pay-7f3a"}})
                .status,
            422);
  EXPECT_EQ(trustee
                .send("POST", cpd + "/payments", body, "application/json",
                      {{"Idempotency-Key", "bad key!"}})
                .status,
            400);
  EXPECT_EQ(count(), 2);
  // The same key with another body is another request, not a retry: 422, and the second write
  // is not silently dropped behind the first one's answer.
  const std::string other =
      R"({"unit_id":2,"amount_fen":9000,"method":"cash","reference":"retry-test"})";
  auto changed = trustee.send("POST", cpd + "/payments", other, "application/json",
                              {{"Idempotency-Key", "pay-7f3a"}});
  EXPECT_EQ(changed.status, 422) << changed.body;
  EXPECT_EQ(changed.json().at("type").as_string(), "/problems/idempotency-key-reused");
  EXPECT_EQ(count(), 2);
}

TEST_F(PermissionTest, ABodyWithADuplicateKeyIsRefused) {
  auto trustee = client();
  trustee.login("trustee");
  std::string cpd = "/api/v1/compounds/" + std::to_string(compound_id("桂湖教师院"));
  auto count = [&] {
    return env.db().read(
        [](store::Connection& c) { return c.scalar("SELECT COUNT(*) FROM payments"); });
  };
  const auto before = count();
  // 1 fen first, 999,999 fen second: Boost.JSON would keep the last one.
  auto r = trustee.post(cpd + "/payments",
                        R"({"unit_id":2,"amount_fen":1,"method":"cash","amount_fen":999999})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json().at("type").as_string(), "/problems/duplicate-key");
  // Also inside a nested object, and with the key spelled with an escape.
  EXPECT_EQ(
      trustee
          .post(
              cpd + "/ledger/transactions",
              R"({"date":"2026-11-01","description":"x","postings":[{"account":"1001","amount_fen":5,"\u0061mount_fen":7},{"account":"4006","amount_fen":-5}]})")
          .status,
      400);
  EXPECT_EQ(count(), before);
  // The same key in sibling objects is fine.
  EXPECT_EQ(
      trustee
          .post(
              cpd + "/ledger/transactions",
              R"({"date":"2026-11-01","description":"利息","postings":[{"account":"1001","amount_fen":5},{"account":"4006","amount_fen":-5}]})")
          .status,
      201);
}

TEST_F(PermissionTest, BillsRunForThisPeriodOrTheNextOnly) {
  auto trustee = client();
  trustee.login("trustee");
  std::string cpd = "/api/v1/compounds/" + std::to_string(compound_id("桂湖教师院"));
  auto bills = [&] {
    return env.db().read(
        [](store::Connection& c) { return c.scalar("SELECT COUNT(*) FROM bills"); });
  };
  const auto before = bills();
  for (const char* far : {"2035", "2035-01", "2099-Q4", "2020-01", "2024"}) {
    auto r = trustee.post(cpd + "/bill-runs?period=" + std::string(far), "");
    EXPECT_EQ(r.status, 422) << far << " " << r.body;
  }
  EXPECT_EQ(bills(), before);
  // The next month is fine (China time), whatever the month is today.
  auto now = app::china_date(env.app().clock_ms());
  auto next = *billing::Month::parse(now.substr(0, 7));
  auto r = trustee.post(cpd + "/bill-runs?period=" + next.plus(1).str() + "&preview=true", "");
  EXPECT_EQ(r.status, 200) << r.body;
  auto year_after = trustee.post(
      cpd + "/bill-runs?period=" + std::to_string(next.year + 2) + "&preview=true", "");
  EXPECT_EQ(year_after.status, 422);
}

}  // namespace xinyi::testing

namespace xinyi::testing {

TEST_F(PermissionTest, ACookieAuthenticatedWriteNeedsTheSessionsCsrfToken) {
  auto c = client();
  c.login("13800000001");
  const std::string path =
      "/api/v1/compounds/" + std::to_string(compound_id("桂湖教师院")) + "/needs";
  const std::string body = R"({"category":"noise","body":"夜里有人装修"})";
  auto before =
      env.db().read([](store::Connection& x) { return x.scalar("SELECT COUNT(*) FROM needs"); });
  EXPECT_EQ(c.send("POST", path, body, "application/json", {{"X-CSRF-Token", ""}}).status, 403);
  EXPECT_EQ(c.send("POST", path, body, "application/json",
                   {{"X-CSRF-Token", "0123456789abcdef0123456789abcdef"}})
                .status,
            403);
  EXPECT_EQ(
      env.db().read([](store::Connection& x) { return x.scalar("SELECT COUNT(*) FROM needs"); }),
      before);
  auto me = c.get("/api/v1/me").json();
  EXPECT_EQ(c.send("POST", path, body, "application/json",
                   {{"X-CSRF-Token", std::string(me.at("csrf_token").as_string())}})
                .status,
            201);
}

}  // namespace xinyi::testing
