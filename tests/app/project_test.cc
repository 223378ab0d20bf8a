// Renewal projects, crowdfunding and the charity fund through the use cases on a real store:
// budget against actual read back from the ledger, restricted money refused, refunds by
// reversal, the acceptance rules, and donors and aid recipients masked where the public looks.
#include <gtest/gtest.h>

#include <functional>

#include "app/books.h"
#include "app/charity_service.h"
#include "app/ledger_service.h"
#include "app/needs_service.h"
#include "app/project_service.h"
#include "app/registry_service.h"
#include "app/settlement_service.h"
#include "app/survey_service.h"
#include "domain/ledger/books.h"
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

constexpr I kDay = 24LL * 3600 * 1000;

// The machine code of the Error `f` throws ("" when it does not).
std::string code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return "";
}

// One compound, two courtyards: 甲 owns 101 (东院), 丙 owns 201 (西院). Two committee members,
// the trustee, staff. The books hold ¥10,000 of common money and ¥2,000 in the charity fund.
class ProjectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env.app().clock_ms = [this] { return now; };
    cid = env.add_compound("锦苑");
    east = env.last_courtyard_id;
    env.grant(env.add_user("com"), cid, Role::committee);
    env.grant(env.add_user("com2"), cid, Role::committee);
    env.grant(env.add_user("trustee"), cid, Role::trustee);
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
    u201 = unit(wb, "201");
    person("jia", u101);
    person("bing", u201);
    env.db().write([&](store::Connection& c) {
      app::ensure_books(c, cid, now);
      app::Appender ap(c, cid, now);
      ledger::Transaction t;
      t.date = "2026-11-01";
      t.kind = "opening";
      t.description = "期初";
      t.postings = {{"1001", 1'000'000, 0}, {"3001", -1'000'000, 0}};
      ap.append(t);
      t.description = "期初：慈善基金";  // restricted money stands in its own entry
      t.postings = {{"1002", 200'000, 0}, {"3002", -200'000, 0}};
      ap.append(t);
      ap.finish();
    });
  }

  I unit(I building, const char* number) {
    return env
        .post(com, compound_path(cid, "/units"),
              R"({"building_id":)" + std::to_string(building) + R"(,"number":")" + number +
                  R"(","area_centi_m2":9000})")
        .as_object()
        .at("id")
        .as_int64();
  }
  void person(const std::string& login, I u) {
    I user = env.add_user(login);
    env.db().write([&](store::Connection& c) {
      I p = store::insert_person(c, cid, login + "全名", "", "", now);
      store::insert_member(c, cid, u, p, "owner", now);
      store::insert_claim(c, cid, u, user, p, "owner", now);
    });
  }

  json::object project(const std::string& extra = "") {
    return env
        .post(com, compound_path(cid, "/projects"),
              R"({"title":"花坛与座椅","description":"微更新")" + extra + "}")
        .as_object();
  }
  I pid_of(const json::object& o) { return o.at("id").as_int64(); }
  json::object get(I pid) {
    return env.get(app::Caller{}, public_path(cid, "/projects/" + std::to_string(pid))).as_object();
  }
  // Budget → quote → contract: one line of `amount` paid by `funding`.
  json::object contracted(I pid, I amount, const std::string& funding,
                          const std::string& account = "5008") {
    env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/budget"),
             R"({"lines":[{"name":"施工","account":")" + account + R"(","budget_fen":)" +
                 std::to_string(amount) + R"(}],"funding":)" + funding + "}")
        .as_object();
    auto q = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/quotes"),
                      R"({"contractor":"新都工程部","amount_fen":)" + std::to_string(amount) + "}")
                 .as_object();
    I quote = q.at("quotes").as_array()[0].at("id").as_int64();
    return env
        .post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/contract"),
              R"({"quote_id":)" + std::to_string(quote) + R"(,"signed_on":"2026-11-02"})")
        .as_object();
  }
  I line_of(const json::object& p) { return p.at("lines").as_array()[0].at("id").as_int64(); }
  // The trustee asks, one committee member approves: executed (under the ¥5,000 threshold).
  json::object pay(I pid, I line, const std::string& source, I amount) {
    auto r = env.post(env.caller("trustee"),
                      compound_path(cid, "/projects/" + std::to_string(pid) + "/payments"),
                      R"({"line_id":)" + std::to_string(line) + R"(,"source":")" + source +
                          R"(","amount_fen":)" + std::to_string(amount) + "}")
                 .as_object();
    I d = r.at("disbursement").at("id").as_int64();
    return env
        .post(com, compound_path(cid, "/disbursements/" + std::to_string(d) + "/approve"), "{}")
        .as_object();
  }
  I balance(const std::string& account) {
    return env.db().read([&](store::Connection& c) {
      return c.scalar(
          "SELECT COALESCE(SUM(amount_fen), 0) FROM postings WHERE compound_id = ? AND account = ?",
          {cid, account});
    });
  }
  std::string canonical(I index) {
    return env.db().read(
        [&](store::Connection& c) { return store::get_entry(c, cid, index)->canonical; });
  }
  I entries() { return env.count("ledger_entries"); }

  // A reversal that moves money is a request: one committee member asks, another and the
  // trustee approve, and then it is posted.
  void reverse(I idx, const std::string& body) {
    auto r = env.reverse(com, cid, idx, body);
    ASSERT_TRUE(r.pending);
    I req = r.body.at("id").as_int64();
    env.post(env.caller("com2"),
             compound_path(cid, "/disbursements/" + std::to_string(req) + "/approve"), "{}")
        .as_object();
    EXPECT_EQ(
        env.post(env.caller("trustee"),
                 compound_path(cid, "/disbursements/" + std::to_string(req) + "/approve"), "{}")
            .as_object()
            .at("status")
            .as_string(),
        "executed");
  }
  // Approves every reversal request waiting in the queue (another member and the trustee).
  void approve_pending_reversals() {
    auto ids = env.db().read([&](store::Connection& c) {
      std::vector<I> v;
      for (
          auto& r : c.query(
              "SELECT id FROM disbursements WHERE compound_id = ? AND status = 'pending' AND reverses_idx IS NOT NULL ORDER BY id",
              {cid}))
        v.push_back(r.i64(0));
      return v;
    });
    for (I id : ids) {
      env.post(env.caller("com2"),
               compound_path(cid, "/disbursements/" + std::to_string(id) + "/approve"), "{}")
          .as_object();
      EXPECT_EQ(
          env.post(env.caller("trustee"),
                   compound_path(cid, "/disbursements/" + std::to_string(id) + "/approve"), "{}")
              .as_object()
              .at("status")
              .as_string(),
          "executed");
    }
  }
  TestEnv env;
  I now = 1'793'000'000'000;  // 2026-10-26
  I cid = 0, east = 0, west = 0, u101 = 0, u201 = 0;
  app::Caller com;
};

TEST_F(ProjectTest, BudgetAgainstActualIsWhatTheLedgerHolds) {
  I pid = pid_of(project());
  auto p = contracted(pid, 300'000, R"([{"source":"common","amount_fen":300000}])");
  EXPECT_EQ(p.at("status").as_string(), "contracted");
  I line = line_of(p);
  auto d = pay(pid, line, "common", 120'000);
  ASSERT_EQ(d.at("status").as_string(), "executed");
  I idx = d.at("entry_index").as_int64();
  // The entry links the project, and carries the expense to the line's account.
  auto t = ledger::from_published(canonical(idx), nullptr);
  ASSERT_TRUE(t);
  bool links_project = false;
  for (const auto& l : t->links) links_project |= l.kind == "project" && l.id == pid;
  EXPECT_TRUE(links_project);
  I expense = 0;
  for (const auto& ps : t->postings)
    if (ps.account == "5008") expense += ps.amount_fen;
  p = get(pid);
  EXPECT_EQ(p.at("paid_fen").as_int64(), expense);
  EXPECT_EQ(p.at("lines").as_array()[0].at("paid_fen").as_int64(), 120'000);
  EXPECT_EQ(p.at("funding").as_array()[0].at("paid_fen").as_int64(), 120'000);
  EXPECT_EQ(p.at("payments").as_array()[0].at("entry_index").as_int64(), idx);
  // Sum over every ledger entry linked to the project = the project's actual.
  I linked = env.db().read([&](store::Connection& c) {
    I sum = 0;
    for (auto& r : c.query("SELECT canonical FROM ledger_entries WHERE compound_id = ?", {cid})) {
      auto e = ledger::from_published(r.str(0), nullptr);
      bool mine = false;
      for (const auto& l : e->links) mine |= l.kind == "project" && l.id == pid;
      if (mine)
        for (const auto& ps : e->postings)
          if (ps.account == "5008") sum += ps.amount_fen;
    }
    return sum;
  });
  EXPECT_EQ(linked, 120'000);
}

TEST_F(ProjectTest, PaymentsBeyondTheBudgetOrContractAreRefusedAndChangeNothing) {
  I pid = pid_of(project());
  auto p = contracted(pid, 300'000, R"([{"source":"common","amount_fen":300000}])");
  I line = line_of(p);
  auto trustee = env.caller("trustee");
  auto req = [&](I amount, const std::string& source = "common") {
    return status_of([&] {
      env.post(trustee, compound_path(cid, "/projects/" + std::to_string(pid) + "/payments"),
               R"({"line_id":)" + std::to_string(line) + R"(,"source":")" + source +
                   R"(","amount_fen":)" + std::to_string(amount) + "}")
          .as_object();
    });
  };
  EXPECT_EQ(req(200'000), 200);  // pending, counted from now on
  I before = env.count("disbursements");
  EXPECT_EQ(req(100'001), 422);         // 200,000 pending + 100,001 > 300,000
  EXPECT_EQ(req(100, "charity"), 422);  // not a source of this budget
  EXPECT_EQ(env.count("disbursements"), before);
  EXPECT_EQ(req(100'000), 200);
  EXPECT_EQ(req(1), 422);
}

TEST_F(ProjectTest, TheCommonFundAboveTheThresholdNeedsAPassedVote) {
  I pid = pid_of(project());
  env.post(
         com, compound_path(cid, "/projects/" + std::to_string(pid) + "/budget"),
         R"({"lines":[{"name":"大门","account":"5008","budget_fen":600000}],"funding":[{"source":"common","amount_fen":600000}]})")
      .as_object();
  auto q = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/quotes"),
                    R"({"contractor":"门业公司","amount_fen":580000})")
               .as_object();
  I quote = q.at("quotes").as_array()[0].at("id").as_int64();
  EXPECT_TRUE(q.at("vote_required").as_bool());
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/contract"),
                       R"({"quote_id":)" + std::to_string(quote) + R"(,"signed_on":"2026-11-02"})")
                  .as_object();
            }),
            422);
  EXPECT_EQ(get(pid).at("status").as_string(), "budgeted");
}

TEST_F(ProjectTest, AQuoteOverTheBudgetCannotBeSigned) {
  I pid = pid_of(project());
  env.post(
         com, compound_path(cid, "/projects/" + std::to_string(pid) + "/budget"),
         R"({"lines":[{"name":"花坛","account":"5008","budget_fen":400000}],"funding":[{"source":"common","amount_fen":400000}]})")
      .as_object();
  auto q = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/quotes"),
                    R"({"contractor":"另一家","amount_fen":400001})")
               .as_object();
  EXPECT_FALSE(
      q.at("vote_required").as_bool());  // under the threshold: only the budget can refuse it
  I over = q.at("quotes").as_array()[0].at("id").as_int64();
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/contract"),
                       R"({"quote_id":)" + std::to_string(over) + R"(,"signed_on":"2026-11-02"})")
                  .as_object();
            }),
            422);
  EXPECT_EQ(get(pid).at("status").as_string(), "budgeted");
}

TEST_F(ProjectTest, OneVoteAuthorisesOneProjectAndOnlyTheAmountItSaw) {
  // A passed matter-7 vote, as the vote use cases would leave it.
  I vote = env.db().write([&](store::Connection& c) {
    return c
        .query_one(
            "INSERT INTO votes (compound_id, title, description, matter, kind, seats, secret, status, passed, opens_at, "
            "closes_at, created_by, created_at) VALUES (?, '大门更新', '', 7, 'motion', 1, 1, 'closed', 1, 0, 1, NULL, 0) RETURNING id",
            {cid})
        ->i64(0);
  });
  I a = pid_of(project()), b = pid_of(project());
  env.post(
         com, compound_path(cid, "/projects/" + std::to_string(a) + "/budget"),
         R"({"lines":[{"name":"大门","account":"5008","budget_fen":600000}],"funding":[{"source":"common","amount_fen":600000}]})")
      .as_object();
  env.post(com, compound_path(cid, "/projects/" + std::to_string(a) + "/vote"),
           R"({"vote_id":)" + std::to_string(vote) + "}")
      .as_object();
  EXPECT_EQ(code_of([&] {
              env.post(com, compound_path(cid, "/projects/" + std::to_string(b) + "/vote"),
                       R"({"vote_id":)" + std::to_string(vote) + "}")
                  .as_object();
            }),
            "vote-in-use");
  // Raising the common fund's share after the vote drops the vote.
  auto p =
      env.post(
             com, compound_path(cid, "/projects/" + std::to_string(a) + "/budget"),
             R"({"lines":[{"name":"大门","account":"5008","budget_fen":900000}],"funding":[{"source":"common","amount_fen":900000}]})")
          .as_object();
  EXPECT_TRUE(p.at("vote_id").is_null());
}

TEST_F(ProjectTest, CharityMoneyPaysOnlyItsUsesAndNeverTheTrustee) {
  auto trustee = env.caller("trustee");
  auto ask = [&](const char* expense) {
    return status_of([&] {
      env.post(
             trustee, compound_path(cid, "/disbursements"),
             env.with_voucher(
                 cid,
                 std::string(
                     R"({"payee":"某某","amount_fen":1000,"purpose":"支出","cash_account":"1002","expense_account":")") +
                     expense + "\"}"))
          .as_object();
    });
  };
  I before = env.count("disbursements");
  EXPECT_EQ(ask("5004"), 422);  // wages
  EXPECT_EQ(ask("5007"), 422);  // the trustee's remuneration
  EXPECT_EQ(ask("2001"), 422);  // the payable to the trustee
  EXPECT_EQ(ask("5001"), 422);  // cleaning: not an approved use
  EXPECT_EQ(env.count("disbursements"), before);
  EXPECT_EQ(ask("5010"), 200);
  // A project line of another kind cannot be budgeted on charity money…
  I pid = pid_of(project());
  EXPECT_EQ(
      status_of([&] {
        env.post(
               com, compound_path(cid, "/projects/" + std::to_string(pid) + "/budget"),
               R"({"lines":[{"name":"保险","account":"5005","budget_fen":1000}],"funding":[{"source":"charity","amount_fen":1000}]})")
            .as_object();
      }),
      422);
  // …and the fund's balance bounds what a charity-funded project may draw (¥2,000 minus the
  // ¥10 pending above).
  auto p = contracted(pid, 300'000, R"([{"source":"charity","amount_fen":300000}])");
  EXPECT_EQ(status_of([&] {
              env.post(trustee,
                       compound_path(cid, "/projects/" + std::to_string(pid) + "/payments"),
                       R"({"line_id":)" + std::to_string(line_of(p)) +
                           R"(,"source":"charity","amount_fen":199001})")
                  .as_object();
            }),
            422);
  EXPECT_EQ(pay(pid, line_of(p), "charity", 199'000).at("status").as_string(), "executed");
}

TEST_F(ProjectTest, AidIsPublishedWithoutTheHousehold) {
  auto trustee = env.caller("trustee");
  auto d =
      env.post(
             trustee, compound_path(cid, "/disbursements"),
             env.with_voucher(
                 cid,
                 R"({"payee":"丙全名","payee_is_person":true,"amount_fen":50000,"purpose":"春节慰问","cash_account":"1002","expense_account":"5009"})"))
          .as_object();
  auto done = env.post(com,
                       compound_path(cid, "/disbursements/" +
                                              std::to_string(d.at("id").as_int64()) + "/approve"),
                       "{}")
                  .as_object();
  ASSERT_EQ(done.at("status").as_string(), "executed");
  std::string published = canonical(done.at("entry_index").as_int64());
  EXPECT_EQ(published.find("丙"), std::string::npos) << published;
  EXPECT_NE(published.find(std::string(ledger::kAidPayee)), std::string::npos);
  std::string pub =
      json::serialize(env.get(app::Caller{}, public_path(cid, "/disbursements")).as_array()) +
      json::serialize(env.get(app::Caller{}, public_path(cid, "/charity")).as_object());
  EXPECT_EQ(pub.find("丙"), std::string::npos);
  // Those who approve it still see who it went to.
  EXPECT_NE(
      json::serialize(env.get(com, compound_path(cid, "/disbursements")).as_array()).find("丙全名"),
      std::string::npos);
}

TEST_F(ProjectTest, DonationsAreReceivedWithAReceiptAndListedMasked) {
  auto jia = env.caller("jia");
  auto offer =
      env.post(jia, compound_path(cid, "/donations"), R"({"amount_fen":20000})").as_object();
  EXPECT_EQ(offer.at("status").as_string(), "offered");
  I before = entries();
  auto s = env.get(app::Caller{}, public_path(cid, "/charity")).as_object();
  EXPECT_EQ(s.at("donations_list").as_array().size(), 0u);  // not money yet
  auto got =
      env.post(com, compound_path(cid, "/donations/" + std::to_string(offer.at("id").as_int64()) +
                                           "/receive"))
          .as_object();
  EXPECT_EQ(got.at("status").as_string(), "received");
  EXPECT_EQ(got.at("receipt_no").as_string(), "CD-" + std::to_string(cid) + "-00001");
  EXPECT_EQ(entries(), before + 1);
  EXPECT_EQ(
      status_of([&] {
        env.post(com, compound_path(cid, "/donations/" + std::to_string(offer.at("id").as_int64()) +
                                             "/receive"))
            .as_object();
      }),
      409);
  // Recorded in person, anonymous.
  env.post(com, compound_path(cid, "/donations"),
           R"({"amount_fen":30000,"donor_name":"丙全名","anonymous":true})")
      .as_object();
  EXPECT_EQ(balance("1002"), 200'000 + 50'000);
  EXPECT_EQ(balance("4005"), -50'000);
  s = env.get(app::Caller{}, public_path(cid, "/charity")).as_object();
  EXPECT_EQ(s.at("raised_fen").as_int64(), 50'000);
  std::string pub = json::serialize(s);
  EXPECT_EQ(pub.find("jia"), std::string::npos);  // the user's name, unmasked
  EXPECT_EQ(pub.find("丙全名"), std::string::npos);
  EXPECT_NE(pub.find("\"donor\":\"匿名\""), std::string::npos);
  EXPECT_NE(pub.find("\"donor\":\"j"), std::string::npos);  // masked: first character only
  // The donor sees the receipt; the committee sees names.
  auto mine = env.get(jia, "/api/v1/me/donations").as_array();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].at("receipt_no").as_string(), "CD-" + std::to_string(cid) + "-00001");
  EXPECT_NE(
      json::serialize(env.get(com, compound_path(cid, "/donations")).as_array()).find("丙全名"),
      std::string::npos);
  // A committee member must name the donor of money received.
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/donations"), R"({"amount_fen":100})").as_object();
            }),
            422);
}

TEST_F(ProjectTest, CancellingRefundsEveryCrowdfundingPaymentByReversal) {
  I pid = pid_of(project(R"(,"crowdfund_goal_fen":100000)"));
  auto jia = env.caller("jia"), bing = env.caller("bing");
  I p1 = env.post(jia, compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges"),
                  R"({"amount_fen":50000})")
             .as_object()
             .at("pledge_id")
             .as_int64();
  EXPECT_EQ(status_of([&] {
              env.post(jia, compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges"),
                       R"({"amount_fen":50000})")
                  .as_object();
            }),
            409);  // one per household
  I p2 = env.post(bing, compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges"),
                  R"({"amount_fen":30000})")
             .as_object()
             .at("pledge_id")
             .as_int64();
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges"),
                       R"({"amount_fen":30000})")
                  .as_object();
            }),
            403);  // no household
  auto trustee = env.caller("trustee");
  env.post(trustee,
           compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges/" +
                                  std::to_string(p1) + "/payments"),
           R"({"amount_fen":30000})")
      .as_object();
  env.post(trustee,
           compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges/" +
                                  std::to_string(p1) + "/payments"),
           R"({"amount_fen":20000})")
      .as_object();
  EXPECT_EQ(status_of([&] {
              env.post(trustee,
                       compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges/" +
                                              std::to_string(p1) + "/payments"),
                       R"({"amount_fen":1})")
                  .as_object();
            }),
            422);
  env.post(trustee,
           compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges/" +
                                  std::to_string(p2) + "/payments"),
           R"({"amount_fen":30000})")
      .as_object();
  EXPECT_EQ(balance("4007"), -80'000);
  auto p = get(pid);
  EXPECT_EQ(p.at("crowdfunding").at("collected_fen").as_int64(), 80'000);
  EXPECT_EQ(p.at("crowdfunding").at("households").as_int64(), 2);
  I before = entries();
  I bank = balance("1001");
  p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/cancel"),
               R"({"reason":"方案未获居民支持"})")
          .as_object();
  EXPECT_EQ(p.at("status").as_string(), "cancelled");
  // The refunds take money out: each is a reversal request the trustee and another member approve.
  EXPECT_EQ(entries(), before);
  EXPECT_EQ(balance("1001"), bank);
  approve_pending_reversals();
  p = get(pid);
  EXPECT_EQ(entries(), before + 3);  // one reversal per payment
  EXPECT_EQ(balance("4007"), 0);
  EXPECT_EQ(balance("1001"), bank - 80'000);
  EXPECT_EQ(p.at("crowdfunding").at("refunded_fen").as_int64(), 80'000);
  EXPECT_EQ(p.at("crowdfunding").at("collected_fen").as_int64(), 0);
  // Each refund is a reversal pointing at its payment.
  auto last = ledger::from_published(canonical(before + 2), nullptr);
  ASSERT_TRUE(last && last->reverses);
  EXPECT_EQ(last->kind, "reversal");
  EXPECT_EQ(code_of([&] {
              env.post(jia, compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges"),
                       R"({"amount_fen":100})")
                  .as_object();
            }),
            "wrong-state");
}

TEST_F(ProjectTest, AProjectThatPaidItsContractorCannotBeCancelled) {
  I pid = pid_of(project());
  auto p = contracted(pid, 100'000, R"([{"source":"common","amount_fen":100000}])");
  pay(pid, line_of(p), "common", 10'000);
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/cancel"),
                       R"({"reason":"x"})")
                  .as_object();
            }),
            409);
  EXPECT_EQ(get(pid).at("status").as_string(), "contracted");
}

TEST_F(ProjectTest, ResidentsAcceptByQuestionnaireOnlyWithAMajority) {
  I pid = pid_of(project());
  auto p = contracted(pid, 100'000, R"([{"source":"common","amount_fen":100000}])");
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/acceptance"),
                       "{}")
                  .as_object();
            }),
            409);  // work not started
  p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/milestones"),
               R"({"title":"完工"})")
          .as_object();
  I m = p.at("milestones").as_array()[0].at("id").as_int64();
  p = env.post(com,
               compound_path(cid, "/projects/" + std::to_string(pid) + "/milestones/" +
                                      std::to_string(m) + "/done"),
               R"({"note":"已完工"})")
          .as_object();
  EXPECT_EQ(p.at("status").as_string(), "in_progress");
  p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/acceptance"), "{}")
          .as_object();
  EXPECT_EQ(p.at("status").as_string(), "accepting");
  I q = p.at("acceptance").at("questionnaire_id").as_int64();
  auto answer = [&](const char* who, int choice) {
    env.post(env.caller(who),
             compound_path(cid, "/questionnaires/" + std::to_string(q) + "/answers"),
             R"({"answers":[{"choices":[)" + std::to_string(choice) + "]}]}")
        .as_object();
  };
  answer("jia", 0);
  // One of two households answered and the questionnaire runs a week: too early to close.
  EXPECT_EQ(status_of([&] {
              env.post(com,
                       compound_path(cid, "/projects/" + std::to_string(pid) + "/acceptance/close"),
                       "{}")
                  .as_object();
            }),
            409);
  answer("bing", 1);
  // Everyone answered: 1 agree of 2 is not more than half — rejected, back to work.
  p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/acceptance/close"),
               "{}")
          .as_object();
  EXPECT_EQ(p.at("status").as_string(), "in_progress");
  EXPECT_EQ(p.at("acceptance").at("outcome").as_string(), "rejected");
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/settle"),
                       "{}")
                  .as_object();
            }),
            409);
  // Mended, asked again: both agree.
  p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/acceptance"), "{}")
          .as_object();
  q = p.at("acceptance").at("questionnaire_id").as_int64();
  answer("jia", 0);
  now += 8 * kDay;  // the week has passed; one answer of two households is 50% turnout
  p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/acceptance/close"),
               "{}")
          .as_object();
  EXPECT_EQ(p.at("status").as_string(), "accepted");
  // A payment still pending blocks the settlement; once executed, it settles.
  auto r = env.post(env.caller("trustee"),
                    compound_path(cid, "/projects/" + std::to_string(pid) + "/payments"),
                    R"({"line_id":)" + std::to_string(line_of(p)) +
                        R"(,"source":"common","amount_fen":100000})")
               .as_object();
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/settle"),
                       "{}")
                  .as_object();
            }),
            409);
  env.post(com,
           compound_path(cid, "/disbursements/" +
                                  std::to_string(r.at("disbursement").at("id").as_int64()) +
                                  "/approve"),
           "{}")
      .as_object();
  p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/settle"), "{}")
          .as_object();
  EXPECT_EQ(p.at("status").as_string(), "settled");
  EXPECT_EQ(p.at("settlement").at("paid_fen").as_int64(), 100'000);
  EXPECT_EQ(p.at("settlement").at("budget_fen").as_int64(), 100'000);
}

TEST_F(ProjectTest, CommitteeSignOffNeedsTwoDistinctMembers) {
  I pid = pid_of(project(R"(,"acceptance_mode":"committee")"));
  contracted(pid, 100'000, R"([{"source":"common","amount_fen":100000}])");
  auto p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/milestones"),
                    R"({"title":"完工"})")
               .as_object();
  env.post(com,
           compound_path(cid,
                         "/projects/" + std::to_string(pid) + "/milestones/" +
                             std::to_string(p.at("milestones").as_array()[0].at("id").as_int64()) +
                             "/done"),
           "{}")
      .as_object();
  env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/acceptance"), "{}")
      .as_object();
  EXPECT_EQ(status_of([&] {
              env.post(com,
                       compound_path(cid, "/projects/" + std::to_string(pid) + "/acceptance/close"),
                       "{}")
                  .as_object();
            }),
            409);  // not a questionnaire
  p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/signoff"), "{}")
          .as_object();
  EXPECT_EQ(p.at("status").as_string(), "accepting");
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/signoff"),
                       "{}")
                  .as_object();
            }),
            409);
  p = env.post(env.caller("com2"),
               compound_path(cid, "/projects/" + std::to_string(pid) + "/signoff"), "{}")
          .as_object();
  EXPECT_EQ(p.at("status").as_string(), "accepted");
  ASSERT_EQ(p.at("acceptance").at("signoffs").as_array().size(), 2u);
  EXPECT_EQ(p.at("acceptance").at("signoffs").as_array()[0].at("name").as_string().find("com"),
            std::string::npos);  // masked
}

// The project page asks the server what each person may do next ("can") instead of copying the
// state machine: walked from proposal to acceptance, each person is offered exactly the steps
// the use cases then accept, and what is offered is accepted.
TEST_F(ProjectTest, EachPersonIsOfferedTheStepsTheServerWillTake) {
  auto can = [&](const app::Caller& who, I pid) {
    std::string out;
    const auto view =
        env.get(who, public_path(cid, "/projects/" + std::to_string(pid))).as_object();
    for (const auto& s : view.at("can").as_array()) out += std::string(s.as_string()) + " ";
    return out;
  };
  const auto trustee = env.caller("trustee"), staff = env.caller("staff"), jia = env.caller("jia"),
             com2 = env.caller("com2");
  I pid = pid_of(project(R"(,"acceptance_mode":"committee","crowdfund_goal_fen":50000)"));
  EXPECT_EQ(can(com, pid), "budget link_vote quote cancel ");
  EXPECT_EQ(can(staff, pid), "budget link_vote quote cancel ");
  EXPECT_EQ(can(trustee, pid), "quote ");
  EXPECT_EQ(can(jia, pid), "pledge ");  // his household has not pledged yet
  EXPECT_EQ(can(app::Caller{}, pid), "");
  env.post(
         com, compound_path(cid, "/projects/" + std::to_string(pid) + "/budget"),
         R"({"lines":[{"name":"施工","account":"5008","budget_fen":100000}],"funding":[{"source":"common","amount_fen":100000}]})")
      .as_object();
  // Two contractors quote for two parts of the work; the first is signed, the second still can be.
  I q1 = 0, q2 = 0;
  for (const char* who : {"新都工程部", "安居修缮队"}) {
    auto q = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/quotes"),
                      std::string(R"({"contractor":")") + who + R"(","amount_fen":40000})")
                 .as_object();
    (q1 ? q2 : q1) = q.at("quotes").as_array().back().at("id").as_int64();
  }
  EXPECT_EQ(can(com, pid), "budget link_vote quote contract cancel ");
  env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/contract"),
           R"({"quote_id":)" + std::to_string(q1) + R"(,"signed_on":"2026-11-02"})")
      .as_object();
  EXPECT_EQ(can(com, pid), "contract add_milestone cancel ");
  EXPECT_EQ(can(trustee, pid), "add_milestone pay ");
  auto p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/contract"),
                    R"({"quote_id":)" + std::to_string(q2) + R"(,"signed_on":"2026-11-03"})")
               .as_object();
  EXPECT_EQ(p.at("contracts").as_array().size(), 2u);
  EXPECT_EQ(can(com, pid), "add_milestone cancel ");
  // Once the contractor has been paid the project is finished and settled, never cancelled.
  auto r = env.post(trustee, compound_path(cid, "/projects/" + std::to_string(pid) + "/payments"),
                    R"({"line_id":)" + std::to_string(line_of(p)) +
                        R"(,"source":"common","amount_fen":10000,"quote_id":)" +
                        std::to_string(q1) + "}")
               .as_object();
  env.post(com,
           compound_path(cid, "/disbursements/" +
                                  std::to_string(r.at("disbursement").at("id").as_int64()) +
                                  "/approve"),
           "{}")
      .as_object();
  EXPECT_EQ(can(com, pid), "add_milestone ");
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/cancel"),
                       R"({"reason":"x"})")
                  .as_object();
            }),
            409);
  p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/milestones"),
               R"({"title":"完工"})")
          .as_object();
  EXPECT_EQ(can(trustee, pid), "add_milestone complete_milestone pay ");
  env.post(com,
           compound_path(cid,
                         "/projects/" + std::to_string(pid) + "/milestones/" +
                             std::to_string(p.at("milestones").as_array()[0].at("id").as_int64()) +
                             "/done"),
           "{}")
      .as_object();
  EXPECT_EQ(can(com, pid), "add_milestone start_acceptance ");
  env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/acceptance"), "{}")
      .as_object();
  EXPECT_EQ(can(com, pid), "signoff send_back ");
  EXPECT_EQ(can(staff, pid), "");  // acceptance by signature is the committee's
  // The operator passes every route's rule, but a member's signature is a member's own: not
  // offered, and refused (as an approval of a payment is).
  env.add_user("operator", "", true);
  const auto op = env.caller("operator");
  EXPECT_EQ(can(op, pid).find("signoff"), std::string::npos);
  EXPECT_EQ(status_of([&] {
              env.post(op, compound_path(cid, "/projects/" + std::to_string(pid) + "/signoff"),
                       "{}")
                  .as_object();
            }),
            403);
  EXPECT_EQ(
      status_of([&] {
        env.post(op, compound_path(cid, "/projects/" + std::to_string(pid) + "/acceptance/reject"),
                 R"({"reason":"x"})")
            .as_object();
      }),
      403);
  env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/signoff"), "{}")
      .as_object();
  EXPECT_EQ(can(com, pid), "send_back ");  // he signed; the second signature is another's
  EXPECT_EQ(can(com2, pid), "signoff send_back ");
  p = env.post(com2, compound_path(cid, "/projects/" + std::to_string(pid) + "/signoff"), "{}")
          .as_object();
  EXPECT_EQ(p.at("status").as_string(), "accepted");
  EXPECT_EQ(can(com, pid), "settle ");
  EXPECT_EQ(can(trustee, pid), "pay settle ");
  // The reply to a write carries the list too, so the page never shows a stale button.
  ASSERT_EQ(p.at("can").as_array().size(), 1u);
  EXPECT_EQ(p.at("can").as_array()[0].as_string(), "settle");
}

TEST_F(ProjectTest, ANeedTakenUpByAProjectIsDoneWhenTheProjectSettles) {
  auto jia = env.caller("jia");
  I need = env.post(jia, compound_path(cid, "/needs"),
                    R"({"category":"greening","body":"花坛破损，希望修整"})")
               .as_object()
               .at("id")
               .as_int64();
  I pid = pid_of(project(R"(,"acceptance_mode":"committee","need_id":)" + std::to_string(need)));
  auto n = env.get(jia, compound_path(cid, "/needs/" + std::to_string(need))).as_object();
  EXPECT_EQ(n.at("status").as_string(), "project");
  EXPECT_EQ(n.at("project_id").as_int64(), pid);
  auto p = contracted(pid, 10'000, R"([{"source":"common","amount_fen":10000}])");
  p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/milestones"),
               R"({"title":"完工"})")
          .as_object();
  env.post(com,
           compound_path(cid,
                         "/projects/" + std::to_string(pid) + "/milestones/" +
                             std::to_string(p.at("milestones").as_array()[0].at("id").as_int64()) +
                             "/done"),
           "{}")
      .as_object();
  env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/acceptance"), "{}")
      .as_object();
  env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/signoff"), "{}")
      .as_object();
  env.post(env.caller("com2"), compound_path(cid, "/projects/" + std::to_string(pid) + "/signoff"),
           "{}")
      .as_object();
  pay(pid, line_of(p), "common", 10'000);
  env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/settle"), "{}")
      .as_object();
  EXPECT_EQ(env.get(jia, compound_path(cid, "/needs/" + std::to_string(need)))
                .as_object()
                .at("status")
                .as_string(),
            "done");
}

TEST_F(ProjectTest, FollowersHearOfMilestones) {
  I pid = pid_of(project());
  auto jia = env.caller("jia");
  EXPECT_TRUE(env.post(jia, compound_path(cid, "/projects/" + std::to_string(pid) + "/follow"),
                       R"({"follow":true})")
                  .as_object()
                  .at("following")
                  .as_bool());
  auto p = contracted(pid, 100'000, R"([{"source":"common","amount_fen":100000}])");
  p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/milestones"),
               R"({"title":"拆除旧花坛"})")
          .as_object();
  I before = env.count("notifications");
  env.post(com,
           compound_path(cid,
                         "/projects/" + std::to_string(pid) + "/milestones/" +
                             std::to_string(p.at("milestones").as_array()[0].at("id").as_int64()) +
                             "/done"),
           "{}")
      .as_object();
  EXPECT_EQ(env.count("notifications"), before + 1);
  EXPECT_TRUE(env.get(jia, public_path(cid, "/projects/" + std::to_string(pid)))
                  .as_object()
                  .at("following")
                  .as_bool());
}

TEST_F(ProjectTest, VolunteerHoursAreCountedAndNamesStayPrivate) {
  I team = env.post(com, compound_path(cid, "/volunteer-teams"), R"({"name":"志愿服务队"})")
               .as_object()
               .at("id")
               .as_int64();
  I m1 = env.post(env.caller("jia"),
                  compound_path(cid, "/volunteer-teams/" + std::to_string(team) + "/join"))
             .as_object()
             .at("member_id")
             .as_int64();
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("jia"),
                       compound_path(cid, "/volunteer-teams/" + std::to_string(team) + "/join"))
                  .as_object();
            }),
            409);
  I m2 = env.post(com, compound_path(cid, "/volunteer-teams/" + std::to_string(team) + "/members"),
                  R"({"name":"赵阿姨"})")
             .as_object()
             .at("member_id")
             .as_int64();
  env.post(com, compound_path(cid, "/volunteer-activities"),
           R"({"team_id":)" + std::to_string(team) +
               R"(,"title":"重阳节","date":"2026-10-29","hours":[{"member_id":)" +
               std::to_string(m1) + R"(,"minutes":120},{"member_id":)" + std::to_string(m2) +
               R"(,"minutes":90}]})")
      .as_object();
  EXPECT_EQ(status_of([&] {
              env.post(com, compound_path(cid, "/volunteer-activities"),
                       R"({"team_id":)" + std::to_string(team) +
                           R"(,"title":"x","date":"2026-10-29","hours":[{"member_id":)" +
                           std::to_string(m1) + R"(,"minutes":1441}]})")
                  .as_object();
            }),
            422);
  auto pub = env.get(app::Caller{}, public_path(cid, "/volunteers")).as_object();
  EXPECT_EQ(pub.at("minutes").as_int64(), 210);
  EXPECT_EQ(pub.at("teams").as_array()[0].at("members").as_int64(), 2);
  EXPECT_EQ(json::serialize(pub).find("赵阿姨"), std::string::npos);
  EXPECT_NE(
      json::serialize(env.get(com, compound_path(cid, "/volunteers")).as_object()).find("赵*"),
      std::string::npos);
}

TEST_F(ProjectTest, AReversedCrowdfundingPaymentIsNotRefundedTwice) {
  I pid = pid_of(project(R"(,"crowdfund_goal_fen":100000)"));
  auto jia = env.caller("jia");
  I pl = env.post(jia, compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges"),
                  R"({"amount_fen":50000})")
             .as_object()
             .at("pledge_id")
             .as_int64();
  I idx = env.post(env.caller("trustee"),
                   compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges/" +
                                          std::to_string(pl) + "/payments"),
                   R"({"amount_fen":50000})")
              .as_object()
              .at("entry_index")
              .as_int64();
  reverse(idx, R"({"reason":"录错了户"})");
  auto p = get(pid);
  EXPECT_EQ(p.at("crowdfunding").at("collected_fen").as_int64(), 0);
  I before = entries();
  env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/cancel"),
           R"({"reason":"不做了"})")
      .as_object();
  EXPECT_EQ(entries(), before);  // nothing left to refund
  EXPECT_EQ(balance("4007"), 0);
}

TEST_F(ProjectTest, AReversedContractorPaymentNoLongerCounts) {
  I pid = pid_of(project());
  auto p = contracted(pid, 100'000, R"([{"source":"common","amount_fen":100000}])");
  I idx = pay(pid, line_of(p), "common", 10'000).at("entry_index").as_int64();
  reverse(idx, R"({"reason":"付错了"})");
  p = get(pid);
  EXPECT_EQ(p.at("paid_fen").as_int64(), 0);
  EXPECT_EQ(p.at("payments").as_array()[0].at("status").as_string(), "reversed");
  EXPECT_EQ(env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/cancel"),
                     R"({"reason":"另行招标"})")
                .as_object()
                .at("status")
                .as_string(),
            "cancelled");
}

TEST_F(ProjectTest, SubsidiesAndCourtyardSurplusMustBeThereToBeSpent) {
  I pid = pid_of(project());
  auto p = contracted(pid, 100'000, R"([{"source":"subsidy","amount_fen":100000}])");
  auto trustee = env.caller("trustee");
  auto ask = [&](const std::string& body) {
    return status_of([&] {
      env.post(trustee, compound_path(cid, "/projects/" + std::to_string(pid) + "/payments"), body)
          .as_object();
    });
  };
  std::string line = std::to_string(line_of(p));
  EXPECT_EQ(ask(R"({"line_id":)" + line + R"(,"source":"subsidy","amount_fen":1000})"),
            422);  // no subsidy has arrived
  env.db().write([&](store::Connection& c) {
    app::Appender ap(c, cid, now);
    ledger::Transaction t;
    t.date = "2026-11-03";
    t.kind = "journal";
    t.description = "街道微更新补贴";
    t.postings = {{"1001", 1'000, 0}, {"4008", -1'000, 0}};
    ap.append(t);
    ap.finish();
  });
  EXPECT_EQ(ask(R"({"line_id":)" + line + R"(,"source":"subsidy","amount_fen":1001})"), 422);
  EXPECT_EQ(ask(R"({"line_id":)" + line + R"(,"source":"subsidy","amount_fen":1000})"), 200);
  // A courtyard with no surplus (nothing booked to it) cannot pay from it.
  I q = pid_of(project());
  auto pq = contracted(q, 10'000,
                       R"([{"source":"courtyard_surplus","courtyard_id":)" + std::to_string(west) +
                           R"(,"amount_fen":10000}])");
  EXPECT_EQ(status_of([&] {
              env.post(trustee, compound_path(cid, "/projects/" + std::to_string(q) + "/payments"),
                       R"({"line_id":)" + std::to_string(line_of(pq)) +
                           R"(,"source":"courtyard_surplus","courtyard_id":)" +
                           std::to_string(west) + R"(,"amount_fen":100})")
                  .as_object();
            }),
            422);
}

TEST_F(ProjectTest, UnspentCrowdfundingGoesBackBeforeTheSettlement) {
  I pid = pid_of(project(R"(,"acceptance_mode":"committee","crowdfund_goal_fen":80000)"));
  auto trustee = env.caller("trustee");
  I p1 = env.post(env.caller("jia"),
                  compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges"),
                  R"({"amount_fen":60000})")
             .as_object()
             .at("pledge_id")
             .as_int64();
  I p2 = env.post(env.caller("bing"),
                  compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges"),
                  R"({"amount_fen":30000})")
             .as_object()
             .at("pledge_id")
             .as_int64();
  env.post(trustee,
           compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges/" +
                                  std::to_string(p1) + "/payments"),
           R"({"amount_fen":60000})")
      .as_object();
  env.post(trustee,
           compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges/" +
                                  std::to_string(p2) + "/payments"),
           R"({"amount_fen":30000})")
      .as_object();
  auto p = contracted(pid, 80'000, R"([{"source":"crowdfunding","amount_fen":80000}])");
  pay(pid, line_of(p), "crowdfunding", 80'000);
  p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/milestones"),
               R"({"title":"完工"})")
          .as_object();
  env.post(com,
           compound_path(cid,
                         "/projects/" + std::to_string(pid) + "/milestones/" +
                             std::to_string(p.at("milestones").as_array()[0].at("id").as_int64()) +
                             "/done"),
           "{}")
      .as_object();
  env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/acceptance"), "{}")
      .as_object();
  // The committee sends it back once, then accepts it.
  p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/acceptance/reject"),
               R"({"reason":"墙面有空鼓"})")
          .as_object();
  EXPECT_EQ(p.at("status").as_string(), "in_progress");
  env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/acceptance"), "{}")
      .as_object();
  env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/signoff"), "{}")
      .as_object();
  p = env.post(env.caller("com2"),
               compound_path(cid, "/projects/" + std::to_string(pid) + "/signoff"), "{}")
          .as_object();
  ASSERT_EQ(p.at("status").as_string(), "accepted");
  EXPECT_EQ(p.at("crowdfunding").at("unspent_fen").as_int64(), 10'000);
  EXPECT_EQ(code_of([&] {
              env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/settle"),
                       "{}")
                  .as_object();
            }),
            "crowdfunding-unspent");
  // ¥100 back in proportion to what each paid: ¥66.67 and ¥33.33.
  auto r = env.post(trustee,
                    compound_path(cid, "/projects/" + std::to_string(pid) + "/crowdfunding-refund"),
                    "{}")
               .as_object();
  I d = r.at("disbursement").at("id").as_int64();
  auto shares = env.db().read([&](store::Connection& c) {
    std::vector<I> out;
    for (
        auto& row : c.query(
            "SELECT per_unit_fen FROM disbursement_units WHERE disbursement_id = ? ORDER BY unit_id",
            {d}))
      out.push_back(row.i64(0));
    return out;
  });
  EXPECT_EQ(shares, (std::vector<I>{6'667, 3'333}));
  EXPECT_EQ(code_of([&] {
              env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/settle"),
                       "{}")
                  .as_object();
            }),
            "payments-pending");
  env.post(com, compound_path(cid, "/disbursements/" + std::to_string(d) + "/approve"), "{}")
      .as_object();
  EXPECT_EQ(balance("4007"), -80'000);
  p = env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/settle"), "{}")
          .as_object();
  EXPECT_EQ(p.at("status").as_string(), "settled");
  EXPECT_EQ(p.at("settlement").at("crowdfunding_refunded_fen").as_int64(), 10'000);
  EXPECT_EQ(p.at("settlement").at("paid_fen").as_int64(), 80'000);
}

TEST_F(ProjectTest, ACancelledProjectReturnsItsNeedToTheList) {
  I need = env.post(env.caller("jia"), compound_path(cid, "/needs"),
                    R"({"category":"greening","body":"花坛破损"})")
               .as_object()
               .at("id")
               .as_int64();
  I pid = pid_of(project(R"(,"need_id":)" + std::to_string(need)));
  env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/cancel"),
           R"({"reason":"并入明年计划"})")
      .as_object();
  EXPECT_EQ(env.get(env.caller("jia"), compound_path(cid, "/needs/" + std::to_string(need)))
                .as_object()
                .at("status")
                .as_string(),
            "open");
}

TEST_F(ProjectTest, TheCharityAccountIsNeverOverdrawnAtApproval) {
  auto trustee = env.caller("trustee");
  // Two requests of ¥1,500 each against ¥2,000: the second would overdraw, counting the first.
  auto d1 =
      env.post(
             trustee, compound_path(cid, "/disbursements"),
             env.with_voucher(
                 cid,
                 R"({"payee":"社工站","amount_fen":150000,"purpose":"重阳节活动","cash_account":"1002","expense_account":"5010"})"))
          .as_object();
  EXPECT_EQ(
      code_of([&] {
        env.post(
               trustee, compound_path(cid, "/disbursements"),
               env.with_voucher(
                   cid,
                   R"({"payee":"社工站","amount_fen":150000,"purpose":"春节活动","cash_account":"1002","expense_account":"5010"})"))
            .as_object();
      }),
      "overdraft");
  EXPECT_EQ(env.post(com,
                     compound_path(cid, "/disbursements/" + std::to_string(d1.at("id").as_int64()) +
                                            "/approve"),
                     "{}")
                .as_object()
                .at("status")
                .as_string(),
            "executed");
  EXPECT_EQ(balance("1002"), 50'000);
  // And a liability is no way round the restriction.
  EXPECT_EQ(
      status_of([&] {
        env.post(
               trustee, compound_path(cid, "/disbursements"),
               env.with_voucher(
                   cid,
                   R"({"payee":"某某","amount_fen":100,"purpose":"退押金","cash_account":"1002","expense_account":"2003"})"))
            .as_object();
      }),
      422);
}

TEST_F(ProjectTest, CrowdfundingInTheBasicAccountPaysOnlyItsProject) {
  I pid = pid_of(project(R"(,"crowdfund_goal_fen":100000)"));
  I pl = env.post(env.caller("jia"),
                  compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges"),
                  R"({"amount_fen":80000})")
             .as_object()
             .at("pledge_id")
             .as_int64();
  auto trustee = env.caller("trustee");
  env.post(trustee,
           compound_path(cid, "/projects/" + std::to_string(pid) + "/pledges/" +
                                  std::to_string(pl) + "/payments"),
           R"({"amount_fen":80000})")
      .as_object();
  // The basic account holds ¥10,800, of which ¥800 is the households'.
  auto ask = [&](I amount) {
    return status_of([&] {
      env.post(
             trustee, compound_path(cid, "/disbursements"),
             env.with_voucher(cid, R"({"payee":"物业公司","amount_fen":)" + std::to_string(amount) +
                                       R"(,"purpose":"保洁","expense_account":"5001"})"))
          .as_object();
    });
  };
  EXPECT_EQ(ask(1'000'001), 422);
  EXPECT_EQ(ask(1'000'000), 200);
  EXPECT_EQ(ask(1), 422);  // the pending ¥10,000 counts
  // Once the project is cancelled and the money refunded, nothing is held back.
  env.post(com, compound_path(cid, "/projects/" + std::to_string(pid) + "/cancel"),
           R"({"reason":"不做了"})")
      .as_object();
  approve_pending_reversals();
  EXPECT_EQ(env.db().read([&](store::Connection& c) { return app::crowdfunding_reserved(c, cid); }),
            0);
}

}  // namespace xinyi

namespace xinyi {

// A courtyard's surplus paying a project's purchase for each of its households: the payment
// names the surplus-plan item it carries out and the households it covers, as a plain request
// would (the demo's insurance for every household is one); the amount must be the share × the
// households, each of them in that courtyard, and the item that courtyard's.
TEST_F(ProjectTest, ASurplusPaymentNamesItsPlanItemAndTheHouseholdsItCovers) {
  env.db().write([&](store::Connection& c) {
    app::Appender ap(c, cid, now);
    ledger::Transaction t;
    t.date = "2026-11-03";
    t.kind = "journal";
    t.description = "西院物业费";
    t.postings = {{"1001", 50'000, west}, {"4001", -50'000, west}};
    ap.append(t);
    ap.finish();
  });
  I item = app::add_plan_item(env.app(), com, CompoundId{cid},
                              {west, 2026, "每户财产保险", Fen{10'000}, "坝坝会"})
               .id;
  I other = app::add_plan_item(env.app(), com, CompoundId{cid},
                               {east, 2026, "东院灯", Fen{10'000}, "坝坝会"})
                .id;
  I pid = pid_of(project());
  auto p = contracted(pid, 10'000,
                      R"([{"source":"courtyard_surplus","courtyard_id":)" + std::to_string(west) +
                          R"(,"amount_fen":10000}])");
  auto ask = [&](I plan, I per_unit, I unit) {
    return env
        .post(env.caller("trustee"),
              compound_path(cid, "/projects/" + std::to_string(pid) + "/payments"),
              R"({"line_id":)" + std::to_string(line_of(p)) +
                  R"(,"source":"courtyard_surplus","courtyard_id":)" + std::to_string(west) +
                  R"(,"amount_fen":10000,"plan_item_id":)" + std::to_string(plan) +
                  R"(,"per_unit_fen":)" + std::to_string(per_unit) + R"(,"covered_units":[)" +
                  std::to_string(unit) + "]}")
        .as_object();
  };
  auto count = [&] { return env.count("disbursements"); };
  const auto before = count();
  EXPECT_EQ(status_of([&] { ask(item, 5'000, u201); }), 422);    // 5,000 × 1 household ≠ 10,000
  EXPECT_EQ(status_of([&] { ask(item, 10'000, u101); }), 422);   // 101 is in 东院
  EXPECT_EQ(status_of([&] { ask(other, 10'000, u201); }), 422);  // 东院's item
  EXPECT_EQ(count(), before);
  auto d = ask(item, 10'000, u201).at("disbursement").as_object();
  EXPECT_EQ(d.at("plan_item_id").as_int64(), item);
  EXPECT_EQ(d.at("households_covered").as_int64(), 1);
  EXPECT_EQ(d.at("project_id").as_int64(), pid);
  EXPECT_EQ(d.at("amount_fen").as_int64(), 10'000);
}

}  // namespace xinyi
