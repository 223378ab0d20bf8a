// Renewal projects, crowdfunding and the charity fund over HTTP on the demo district: the
// demo's projects read back against the ledger, a crowdfunded project from the phone, and what
// the public sees of donors.
#include <gtest/gtest.h>

#include "app/bank_service.h"
#include "domain/bank.h"
#include "domain/ledger/books.h"
#include "http/server_fixture.h"
#include "store/ledger_repo.h"

namespace xinyi::testing {

namespace json = boost::json;
using ProjectApiTest = ServerTest;
using I = std::int64_t;

// Every demo project: lines sum to the funding, payments equal the linked ledger entries, and
// the public page shows no one's name.
TEST_F(ProjectApiTest, EveryDemoProjectsActualIsItsLedgerEntries) {
  auto projects = env.db().read([](store::Connection& c) {
    return c.query("SELECT compound_id, id FROM projects ORDER BY id");
  });
  ASSERT_GE(projects.size(), 7u);
  auto c = client();
  for (const auto& row : projects) {
    I cid = row.i64(0), pid = row.i64(1);
    auto r = c.get("/api/v1/public/compounds/" + std::to_string(cid) + "/projects/" +
                   std::to_string(pid));
    ASSERT_EQ(r.status, 200) << r.body;
    auto p = r.json().as_object();
    I lines = 0, funding = 0, paid_lines = 0;
    for (const auto& l : p.at("lines").as_array()) {
      lines += l.at("budget_fen").as_int64();
      paid_lines += l.at("paid_fen").as_int64();
      EXPECT_LE(l.at("paid_fen").as_int64(), l.at("budget_fen").as_int64()) << pid;
    }
    for (const auto& f : p.at("funding").as_array()) funding += f.at("amount_fen").as_int64();
    EXPECT_EQ(lines, funding) << pid;
    EXPECT_EQ(paid_lines, p.at("paid_fen").as_int64()) << pid;
    EXPECT_LE(p.at("paid_fen").as_int64(), p.at("contract_fen").as_int64()) << pid;
    I from_ledger = 0;
    for (const auto& pay : p.at("payments").as_array()) {
      if (pay.at("status").as_string() != "executed") continue;
      bool refund = pay.at("source").as_string() ==
                    "crowdfunding_refund";  // money back to households, not spent
      auto e = env.db().read([&](store::Connection& conn) {
        return store::get_entry(conn, cid, pay.at("entry_index").as_int64());
      });
      ASSERT_TRUE(e);
      auto t = ledger::from_published(e->canonical, nullptr);
      bool linked = false;
      for (const auto& l : t->links) linked |= l.kind == "project" && l.id == pid;
      EXPECT_TRUE(linked) << "entry " << t->index;
      for (const auto& ps : t->postings)
        if (ps.amount_fen > 0 && !refund) from_ledger += ps.amount_fen;
    }
    EXPECT_EQ(from_ledger, p.at("paid_fen").as_int64()) << pid;
    if (p.at("status").as_string() == "settled") {
      EXPECT_FALSE(p.at("settlement").is_null()) << pid;
      EXPECT_EQ(p.at("crowdfunding").at("unspent_fen").as_int64(), 0)
          << pid;  // nothing left behind
    }
  }
  // The charity compound's ¥72,600 renewal cites its passed vote; the nine courtyards' pipes
  // were crowdfunded household by household.
  auto jinyuan =
      c.get("/api/v1/public/compounds/" + std::to_string(compound_id("锦苑小区")) + "/projects")
          .json();
  bool renewal = false;
  for (const auto& p : jinyuan.as_array())
    if (p.at("budget_fen").as_int64() == 7'260'000) {
      renewal = true;
      auto full = c.get("/api/v1/public/compounds/" + std::to_string(compound_id("锦苑小区")) +
                        "/projects/" + std::to_string(p.at("id").as_int64()))
                      .json();
      EXPECT_TRUE(full.at("vote_required").as_bool());
      EXPECT_TRUE(full.at("vote_passed").as_bool());
      EXPECT_EQ(full.at("acceptance").at("outcome").as_string(), "accepted");
      EXPECT_GE(full.at("acceptance").at("responses").as_int64() * 100,
                20 * full.at("acceptance").at("households").as_int64());
    }
  EXPECT_TRUE(renewal);
  auto merged =
      c.get("/api/v1/public/compounds/" + std::to_string(compound_id("九院合一")) + "/projects")
          .json();
  ASSERT_EQ(merged.as_array().size(), 1u);
  EXPECT_GE(merged.as_array()[0].at("collected_fen").as_int64(), 4'300'000);
}

TEST_F(ProjectApiTest, AHouseholdPledgesFromThePhoneAndTheTrusteeRecordsThePayment) {
  std::string cid = std::to_string(compound_id("桂湖教师院"));
  std::string cpd = "/api/v1/compounds/" + cid;
  auto com = client();
  com.login("committee");
  auto created =
      com.post(cpd + "/projects",
               R"({"title":"车棚雨棚","description":"众筹加装雨棚","crowdfund_goal_fen":200000})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string pid = std::to_string(created.json().at("id").as_int64());
  auto owner = client();
  owner.login("13800000001");
  EXPECT_EQ(owner.post(cpd + "/projects/" + pid + "/budget", R"({"lines":[],"funding":[]})").status,
            403);
  auto view = owner.get("/api/v1/public/compounds/" + cid + "/projects/" + pid).json();
  ASSERT_EQ(view.at("my_units").as_array().size(), 2u);  // his two households
  std::string unit = std::to_string(view.at("my_units").as_array()[0].at("unit_id").as_int64());
  auto pl = owner.post(cpd + "/projects/" + pid + "/pledges",
                       R"({"unit_id":)" + unit + R"(,"amount_fen":50000})");
  ASSERT_EQ(pl.status, 201) << pl.body;
  EXPECT_EQ(owner
                .post(cpd + "/projects/" + pid + "/pledges",
                      R"({"unit_id":)" + unit + R"(,"amount_fen":50000})")
                .status,
            409);
  EXPECT_EQ(owner.post(cpd + "/projects/" + pid + "/pledges", R"({"amount_fen":-5})").status, 422);
  std::string pledge = std::to_string(pl.json().at("pledge_id").as_int64());
  auto tenant = client();
  tenant.login("13800000002");  // lives in another compound
  EXPECT_EQ(tenant.post(cpd + "/projects/" + pid + "/pledges", R"({"amount_fen":50000})").status,
            403);
  auto trustee = client();
  trustee.login("trustee");
  auto list = trustee.get(cpd + "/projects/" + pid + "/pledges");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json().as_array().size(), 1u);
  EXPECT_EQ(trustee
                .post(cpd + "/projects/" + pid + "/pledges/" + pledge + "/payments",
                      R"({"amount_fen":50001})")
                .status,
            422);
  auto paid = trustee.post(cpd + "/projects/" + pid + "/pledges/" + pledge + "/payments",
                           R"({"amount_fen":50000})");
  ASSERT_EQ(paid.status, 201) << paid.body;
  auto pub = client().get("/api/v1/public/compounds/" + cid + "/projects/" + pid);
  EXPECT_EQ(pub.json().at("crowdfunding").at("collected_fen").as_int64(), 50000);
  std::string label(view.at("my_units").as_array()[0].at("unit").as_string());
  ASSERT_FALSE(label.empty());
  EXPECT_EQ(pub.body.find(label), std::string::npos);  // no household is named
  // The entry is public, links the project, and names no household.
  auto entry = client().get("/api/v1/public/compounds/" + cid + "/ledger?from=" +
                            std::to_string(paid.json().at("entry_index").as_int64()) + "&limit=1");
  ASSERT_EQ(entry.status, 200);
  EXPECT_NE(entry.body.find("众筹缴款"), std::string::npos);
  EXPECT_EQ(entry.body.find(label), std::string::npos);
}

TEST_F(ProjectApiTest, TheDonationListIsPublicAndMasked) {
  std::string cid = std::to_string(compound_id("锦苑小区"));
  auto pub = client().get("/api/v1/public/compounds/" + cid + "/charity");
  ASSERT_EQ(pub.status, 200);
  auto s = pub.json().as_object();
  EXPECT_EQ(s.at("raised_fen").as_int64(), 3'000'000);
  EXPECT_EQ(s.at("donations_list").as_array().size(), 24u);
  EXPECT_EQ(s.at("campaigns").as_array()[0].at("raised_fen").as_int64(), 3'000'000);
  I anonymous = 0;
  for (const auto& d : s.at("donations_list").as_array()) {
    std::string donor(d.at("donor").as_string());
    anonymous += donor == "匿名";
    EXPECT_TRUE(donor == "匿名" || donor.find('*') != std::string::npos) << donor;
  }
  EXPECT_GT(anonymous, 0);
  int aid = 0;
  for (const auto& d : s.at("disbursements").as_array())
    if (d.at("use").as_string() == "aid") {
      ++aid;
      EXPECT_EQ(d.at("payee").as_string(), std::string(ledger::kAidPayee));
    }
  EXPECT_GE(aid, 2);  // the demo helps households twice
  // A transfer on the charity account nobody has explained yet: the public reconciliation shows
  // the amount and date but no counterparty, not even masked.
  env.db().write([&](store::Connection& c) {
    I acc =
        c.scalar("SELECT id FROM bank_accounts WHERE compound_id = ? AND ledger_account = '1002'",
                 {compound_id("锦苑小区")});
    bank::StatementLine l;
    l.serial = "CH-1";
    l.date = "2026-11-20";
    l.amount_fen = 12'300;
    l.counterparty = "欧阳娜娜";
    l.memo = "捐款";
    app::store_statement(c, compound_id("锦苑小区"), acc, {l}, 1);
  });
  auto bank = client().get("/api/v1/public/compounds/" + cid + "/bank");
  ASSERT_EQ(bank.status, 200);
  EXPECT_NE(bank.body.find("12300"), std::string::npos);
  EXPECT_EQ(bank.body.find("欧"), std::string::npos);
  // A resident of another compound cannot donate here; the committee sees names.
  auto tenant = client();
  tenant.login("13800000002");
  EXPECT_EQ(
      tenant.post("/api/v1/compounds/" + cid + "/donations", R"({"amount_fen":10000})").status,
      403);
  auto com = client();
  com.login("committee");
  auto full = com.get("/api/v1/compounds/" + cid + "/donations");
  ASSERT_EQ(full.status, 200);
  EXPECT_NE(full.body.find("donor_name"), std::string::npos);
}

}  // namespace xinyi::testing
