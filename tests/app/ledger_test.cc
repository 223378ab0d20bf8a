#include "app/books.h"
#include "app/ledger_service.h"
#include "app/public_log.h"

#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "app/billing_service.h"
#include "app/registry_service.h"
#include "app/verify.h"
#include "auth/crypto.h"
#include "domain/ledger/books.h"
#include "store/ledger_repo.h"
#include "support/test_env.h"

namespace xinyi {

using testing::compound_path;
using testing::public_path;
using testing::status_of;
using testing::TestEnv;
namespace json = boost::json;

namespace {

class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cid = env.add_compound("甲");
    yard = env.last_courtyard_id;
    env.db().write([&](store::Connection& c) { app::ensure_books(c, cid, 1); });
    for (auto [login, role] : {std::pair{"trustee", Role::trustee},
                               {"com1", Role::committee},
                               {"com2", Role::committee}}) {
      auto id = env.add_user(login);
      env.grant(id, cid, role);
    }
    env.add_user("staff");
    env.grant(env.caller("staff").user_id(), cid, Role::staff);
  }
  json::object post(const std::string& body) {
    return env.post(env.caller("com1"), compound_path(cid, "/ledger/transactions"), body)
        .as_object();
  }
  std::string income(std::int64_t fen, const std::string& date = "2025-03-01") {
    return R"({"date":")" + date +
           R"(","description":"三月物业费","postings":[{"account":"1001","amount_fen":)" +
           std::to_string(fen) + R"(,"courtyard_id":)" + std::to_string(yard) +
           R"(},{"account":"4001","amount_fen":)" + std::to_string(-fen) + R"(,"courtyard_id":)" +
           std::to_string(yard) + "}]}";
  }
  std::int64_t balance(const std::string& account, const std::string& at = "") {
    auto b = env.get(app::Caller{}, public_path(cid, "/balances?at=" + at)).as_object();
    for (const auto& a : b.at("accounts").as_array())
      if (a.at("code").as_string() == account) return a.at("balance_fen").as_int64();
    return -1;
  }
  void sql(const std::string& s) {
    env.db().write([&](store::Connection& c) { c.exec_script(s); });
  }
  app::VerifyReport verify() { return app::verify_store(env.db(), cid); }

  TestEnv env;
  std::int64_t cid = 0, yard = 0;
};
}  // namespace

TEST_F(LedgerTest, PostingAppendsToTheLogAndSignsAHead) {
  auto e = post(income(123456));
  EXPECT_EQ(e.at("index").as_int64(), 0);
  EXPECT_EQ(balance("1001"), 123456);
  EXPECT_EQ(balance("4001"), -123456);
  auto sth = env.get(app::Caller{}, public_path(cid, "/sth")).as_object();
  EXPECT_EQ(sth.at("tree_size").as_int64(), 1);
  // One leaf: the root is the leaf hash.
  EXPECT_EQ(sth.at("root").as_string(), e.at("leaf_hash").as_string());
  auto key = env.get(app::Caller{}, public_path(cid, "/pubkey")).as_object();
  EXPECT_TRUE(auth::ed25519_verify(std::string(key.at("public_key").as_string()),
                                   std::string(sth.at("signed_message").as_string()),
                                   std::string(sth.at("signature").as_string())));
  EXPECT_TRUE(verify().ok) << verify().message;
}

TEST_F(LedgerTest, UnbalancedOrIllegalEntriesChangeNothing) {
  post(income(100));
  auto before = env.count("ledger_entries") + env.count("postings") + env.count("merkle_nodes") +
                env.count("tree_heads");
  EXPECT_EQ(
      status_of([&] {
        post(
            R"({"date":"2025-03-01","description":"x","postings":[{"account":"1001","amount_fen":100},{"account":"4001","amount_fen":-99}]})");
      }),
      422);
  // Money leaving the bank without co-managed approval.
  EXPECT_EQ(
      status_of([&] {
        post(
            R"({"date":"2025-03-01","description":"x","postings":[{"account":"5001","amount_fen":100},{"account":"1001","amount_fen":-100}]})");
      }),
      422);
  EXPECT_EQ(
      status_of([&] {
        post(
            R"({"date":"2025-03-01","description":"x","postings":[{"account":"1001","amount_fen":1.5},{"account":"4001","amount_fen":-1.5}]})");
      }),
      422);
  EXPECT_EQ(
      status_of([&] { post(R"({"date":"2025-03-01","description":"x","postings":"many"})"); }),
      422);
  EXPECT_EQ(status_of([&] {
              post(R"({"date":"2025-03-01","description":"x","postings":[],"extra":1})");
            }),
            422);
  EXPECT_EQ(env.count("ledger_entries") + env.count("postings") + env.count("merkle_nodes") +
                env.count("tree_heads"),
            before);
}

TEST_F(LedgerTest, CorrectionsAreReversalsNeverEdits) {
  post(income(5000));
  // Undoing money is co-managed: the request waits and nothing moves.
  auto r = env.reverse(env.caller("com1"), cid, 0, R"({"reason":"重复录入"})");
  ASSERT_TRUE(r.pending);
  const std::int64_t req = r.body.at("id").as_int64();
  EXPECT_EQ(r.body.at("reverses_index").as_int64(), 0);
  EXPECT_EQ(balance("1001"), 5000);
  EXPECT_EQ(env.count("ledger_entries"), 1);
  EXPECT_EQ(status_of([&] { env.reverse(env.caller("trustee"), cid, 0, R"({"reason":"again"})"); }),
            409);
  // The requester cannot approve it; the operator cannot stand in for either side.
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("com1"),
                       compound_path(cid, "/disbursements/" + std::to_string(req) + "/approve"),
                       "{}")
                  .as_object();
            }),
            409);
  env.add_user("root", "", true);
  auto admin = env.caller("root");
  EXPECT_EQ(status_of([&] {
              env.post(admin,
                       compound_path(cid, "/disbursements/" + std::to_string(req) + "/approve"),
                       "{}")
                  .as_object();
            }),
            403);
  env.post(env.caller("com2"),
           compound_path(cid, "/disbursements/" + std::to_string(req) + "/approve"), "{}")
      .as_object();
  EXPECT_EQ(balance("1001"), 5000);  // still needs the trustee
  auto done =
      env.post(env.caller("trustee"),
               compound_path(cid, "/disbursements/" + std::to_string(req) + "/approve"), "{}")
          .as_object();
  EXPECT_EQ(done.at("status").as_string(), "executed");
  EXPECT_EQ(done.at("entry_index").as_int64(), 1);
  EXPECT_EQ(balance("1001"), 0);
  auto rev = *ledger::from_published(
      env.db().read([&](store::Connection& c) { return store::get_entry(c, cid, 1)->canonical; }),
      nullptr);
  EXPECT_EQ(rev.reverses, 0);
  EXPECT_EQ(rev.approvals.size(), 2u);  // committee and trustee, masked, in the published entry
  EXPECT_EQ(status_of([&] { env.reverse(env.caller("com1"), cid, 0, R"({"reason":"again"})"); }),
            409);
  EXPECT_EQ(status_of([&] { env.reverse(env.caller("com1"), cid, 1, R"({"reason":"undo"})"); }),
            409);
  EXPECT_EQ(status_of([&] { env.reverse(env.caller("com1"), cid, 9, R"({"reason":"x"})"); }), 404);
  auto feed = env.get(app::Caller{}, public_path(cid, "/feed?before=" + std::to_string(0) +
                                                          "&limit=" + std::to_string(10)))
                  .as_object();
  EXPECT_EQ(feed.at("items").as_array()[1].at("reversed_by").as_int64(), 1);
  EXPECT_TRUE(verify().ok);
}

// One person's journal entry records money coming in or moves income and expense between
// accounts; it never touches an owner's balance, anything owed, restricted income or a fund's
// money going out.
TEST_F(LedgerTest, AJournalEntryCannotReachAroundTheWorkflows) {
  post(income(10'000));
  auto refused = [&](const char* debit, const char* credit) {
    return status_of([&] {
      post(std::string(R"({"date":"2025-03-02","description":"x","postings":[{"account":")") +
           debit + R"(","amount_fen":100},{"account":")" + credit + R"(","amount_fen":-100}]})");
    });
  };
  EXPECT_EQ(refused("2002", "4001"), 422);  // spends a household's prepayment
  EXPECT_EQ(refused("1101", "4001"), 422);  // bills a household outside a bill run
  EXPECT_EQ(refused("4001", "1101"), 422);  // settles a bill outside a payment
  EXPECT_EQ(refused("5004", "2001"), 422);  // owes the trustee more
  EXPECT_EQ(refused("3003", "4008"), 422);  // takes money out of the maintenance fund
  EXPECT_EQ(refused("4005", "4002"), 422);  // turns donations into ordinary income
  EXPECT_EQ(refused("1001", "4007"), 422);  // crowdfunding without a pledge
  EXPECT_EQ(refused("1001", "3002"), 422);  // charity money without a donation
  EXPECT_EQ(env.count("ledger_entries"), 1);
  EXPECT_EQ(refused("1003", "3003"), 200);  // the maintenance fund received
  EXPECT_EQ(refused("5002", "5001"), 200);  // an expense reclassified
  EXPECT_EQ(refused("1001", "4006"), 200);  // interest received
}

TEST_F(LedgerTest, OnlyAReclassificationIsReversedAtOnce) {
  post(
      R"({"date":"2025-03-01","description":"保洁记错科目","postings":[{"account":"5002","amount_fen":100},{"account":"5001","amount_fen":-100}]})");
  auto r = env.reverse(env.caller("com1"), cid, 0, R"({"reason":"科目错"})");
  EXPECT_FALSE(r.pending);
  EXPECT_EQ(r.body.at("index").as_int64(), 1);
}

TEST_F(LedgerTest, TheTrusteeAloneCannotReverseAPayment) {
  post(income(5000));
  auto r = env.reverse(env.caller("trustee"), cid, 0, R"({"reason":"退款"})");
  ASSERT_TRUE(r.pending);
  const std::int64_t req = r.body.at("id").as_int64();
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("trustee"),
                       compound_path(cid, "/disbursements/" + std::to_string(req) + "/approve"),
                       "{}")
                  .as_object();
            }),
            409);  // already the trustee's side
  EXPECT_EQ(balance("1001"), 5000);
  env.post(env.caller("com1"),
           compound_path(cid, "/disbursements/" + std::to_string(req) + "/reject"),
           R"({"reason":"没有退款依据"})")
      .as_object();
  EXPECT_EQ(balance("1001"), 5000);
  EXPECT_EQ(env.count("ledger_entries"), 1);
  // Rejected, it may be asked for again.
  EXPECT_TRUE(env.reverse(env.caller("trustee"), cid, 0, R"({"reason":"退款"})").pending);
}

// A trustee whose role has ended no longer carries a request over the line with the approval
// it gave while in office.
TEST_F(LedgerTest, AnApprovalCountsOnlyWhileTheRoleIsHeld) {
  post(income(10'000));
  auto d =
      env.post(
             env.caller("trustee"), compound_path(cid, "/disbursements"),
             env.with_voucher(
                 cid,
                 R"({"payee":"某保洁公司","amount_fen":1000,"purpose":"保洁","expense_account":"5001"})"))
          .as_object();
  sql("DELETE FROM role_grants WHERE role = 'trustee'");
  auto r = env.post(env.caller("com1"),
                    compound_path(cid, "/disbursements/" + std::to_string(d.at("id").as_int64()) +
                                           "/approve"),
                    "{}")
               .as_object();
  EXPECT_EQ(r.at("status").as_string(), "pending");
  EXPECT_EQ(balance("1001"), 10'000);
}

TEST_F(LedgerTest, NoEntryOverdrawsABankOrCashAccount) {
  post(income(10'000));
  auto pay = [&](std::int64_t fen) {
    return env
        .post(env.caller("trustee"), compound_path(cid, "/disbursements"),
              env.with_voucher(cid, R"({"payee":"某保洁公司","amount_fen":)" + std::to_string(fen) +
                                        R"(,"purpose":"保洁","expense_account":"5001"})"))
        .as_object();
  };
  // No entry takes the bank below zero, whoever appends it (here straight through the Appender,
  // as an approval's execution does); nothing is written.
  const auto entries_before = env.count("ledger_entries");
  auto append = [&](std::int64_t fen) {
    return status_of([&] {
      env.db().write([&](store::Connection& c) {
        app::Appender ap(c, cid, 2);
        ledger::Transaction t;
        t.date = "2025-03-02";
        t.kind = "disbursement";
        t.description = "保洁";
        t.postings = {{"5001", fen, 0}, {"1001", -fen, 0}};
        ap.append(std::move(t));
        ap.finish();
      });
    });
  };
  EXPECT_EQ(append(10'001), 422);
  EXPECT_EQ(env.count("ledger_entries"), entries_before);
  // A request counts what is already pending: 6,000 then 5,000 of 10,000.
  auto first = pay(6'000);
  try {
    pay(5'000);
    ADD_FAILURE() << "a second request overdrew the account";
  } catch (const Error& e) {
    EXPECT_EQ(e.http_status(), 422);
    EXPECT_NE(std::string(e.zh()).find("可用 ¥40.00"), std::string::npos) << e.zh();
  }
  EXPECT_EQ(env.count("disbursements"), 1);
  // A request without a voucher is refused: the approvers must have a document to look at.
  EXPECT_EQ(
      status_of([&] {
        env.post(
               env.caller("trustee"), compound_path(cid, "/disbursements"),
               R"({"payee":"某保洁公司","amount_fen":100,"purpose":"保洁","expense_account":"5001"})")
            .as_object();
      }),
      422);
  EXPECT_EQ(env.count("disbursements"), 1);
  pay(4'000);
  EXPECT_EQ(balance("1001"), 10'000);
}

TEST_F(LedgerTest, BalancesAsOfADate) {
  post(income(100, "2025-01-15"));
  post(income(200, "2025-02-15"));
  EXPECT_EQ(balance("1001", "2025-01-31"), 100);
  EXPECT_EQ(balance("1001", "2025-02-15"), 300);
  EXPECT_EQ(balance("1001"), 300);
  EXPECT_EQ(status_of([&] {
              env.get(app::Caller{}, public_path(cid, "/balances?at=2025-02-30")).as_object();
            }),
            400);
}

TEST_F(LedgerTest, ADisbursementNeedsTheTrusteeAndACommitteeMember) {
  post(income(1'000'000));
  auto d =
      env.post(
             env.caller("trustee"), compound_path(cid, "/disbursements"),
             env.with_voucher(
                 cid,
                 R"({"payee":"张师傅","payee_is_person":true,"amount_fen":120000,"purpose":"三月保洁","expense_account":"5001"})"))
          .as_object();
  EXPECT_EQ(d.at("status").as_string(), "pending");
  EXPECT_EQ(d.at("missing_zh").as_string(), "还需 1 位委员批准");
  EXPECT_EQ(balance("1001"), 1'000'000);  // nothing has moved yet
  auto id = d.at("id").as_int64();
  auto done =
      env.post(env.caller("com1"),
               compound_path(cid, "/disbursements/" + std::to_string(id) + "/approve"), "{}")
          .as_object();
  EXPECT_EQ(done.at("status").as_string(), "executed");
  EXPECT_EQ(balance("1001"), 1'000'000 - 120000);
  EXPECT_EQ(balance("5001"), 120000);
  // The entry carries its approvals, masked, and the payee masked.
  auto feed = env.get(app::Caller{}, public_path(cid, "/feed?before=" + std::to_string(0) +
                                                          "&limit=" + std::to_string(1)))
                  .as_object();
  auto entry = feed.at("items").as_array()[0].as_object();
  EXPECT_EQ(entry.at("kind").as_string(), "disbursement");
  EXPECT_EQ(entry.at("approvals").as_array().size(), 2u);
  EXPECT_NE(std::string(entry.at("description").as_string()).find("张*"), std::string::npos);
  EXPECT_EQ(std::string(json::serialize(feed)).find("张师傅"), std::string::npos);
  auto pub = json::serialize(env.get(app::Caller{}, public_path(cid, "/disbursements")).as_array());
  EXPECT_EQ(pub.find("张师傅"), std::string::npos);
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("com2"),
                       compound_path(cid, "/disbursements/" + std::to_string(id) + "/approve"),
                       "{}")
                  .as_object();
            }),
            409);
  EXPECT_TRUE(verify().ok);
}

TEST_F(LedgerTest, AboveTheThresholdTwoCommitteeMembersMustApprove) {
  post(income(10'000'000));
  auto d =
      env.post(
             env.caller("trustee"), compound_path(cid, "/disbursements"),
             env.with_voucher(
                 cid,
                 R"({"payee":"消防公司","amount_fen":3800000,"purpose":"消防设施更新","expense_account":"5008"})"))
          .as_object();
  auto id = d.at("id").as_int64();
  auto one = env.post(env.caller("com1"),
                      compound_path(cid, "/disbursements/" + std::to_string(id) + "/approve"), "{}")
                 .as_object();
  EXPECT_EQ(one.at("status").as_string(), "pending");
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("com1"),
                       compound_path(cid, "/disbursements/" + std::to_string(id) + "/approve"),
                       "{}")
                  .as_object();
            }),
            409);  // not twice
  auto two = env.post(env.caller("com2"),
                      compound_path(cid, "/disbursements/" + std::to_string(id) + "/approve"), "{}")
                 .as_object();
  EXPECT_EQ(two.at("status").as_string(), "executed");
  EXPECT_EQ(balance("5008"), 3800000);
}

// The approvals screen offers each person what the server will let them do, and only that: the
// trustee who asked may withdraw but not approve; each committee member may approve once; staff
// read along. Every step offered succeeds and every step withheld is refused.
TEST_F(LedgerTest, EachApproverIsOfferedTheDecisionsTheServerWillTake) {
  post(income(10'000'000));
  auto d =
      env.post(
             env.caller("trustee"), compound_path(cid, "/disbursements"),
             env.with_voucher(
                 cid,
                 R"({"payee":"消防公司","amount_fen":3800000,"purpose":"消防设施更新","expense_account":"5008"})"))
          .as_object();
  const auto id = d.at("id").as_int64();
  auto can = [&](const char* login) {
    std::string out;
    const auto list = env.get(env.caller(login), compound_path(cid, "/disbursements")).as_array();
    for (const auto& r : list)
      if (r.at("id").as_int64() == id)
        for (const auto& s : r.at("can").as_array()) out += std::string(s.as_string()) + " ";
    return out;
  };
  EXPECT_EQ(d.at("can").as_array().size(), 1u);  // the answer to the trustee: reject only
  EXPECT_EQ(can("trustee"), "reject ");
  EXPECT_EQ(can("com1"), "approve reject ");
  EXPECT_EQ(can("com2"), "approve reject ");
  EXPECT_EQ(can("staff"), "");
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("trustee"),
                       compound_path(cid, "/disbursements/" + std::to_string(id) + "/approve"),
                       "{}")
                  .as_object();
            }),
            409);
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("staff"),
                       compound_path(cid, "/disbursements/" + std::to_string(id) + "/approve"),
                       "{}")
                  .as_object();
            }),
            403);
  auto one = env.post(env.caller("com1"),
                      compound_path(cid, "/disbursements/" + std::to_string(id) + "/approve"), "{}")
                 .as_object();
  EXPECT_EQ(one.at("status").as_string(), "pending");  // above the threshold: two members
  EXPECT_EQ(json::serialize(one.at("can")), R"(["reject"])");
  EXPECT_EQ(can("com1"), "reject ");
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("com1"),
                       compound_path(cid, "/disbursements/" + std::to_string(id) + "/approve"),
                       "{}")
                  .as_object();
            }),
            409);
  auto two = env.post(env.caller("com2"),
                      compound_path(cid, "/disbursements/" + std::to_string(id) + "/approve"), "{}")
                 .as_object();
  EXPECT_EQ(two.at("status").as_string(), "executed");
  EXPECT_EQ(can("com2"), "");  // decided: nothing left to do
  EXPECT_EQ(env.get(app::Caller{}, public_path(cid, "/disbursements"))
                .as_array()[0]
                .as_object()
                .contains("can"),
            false);
}

TEST_F(LedgerTest, ARejectedRequestMovesNoMoney) {
  post(income(100000));
  auto d =
      env.post(
             env.caller("trustee"), compound_path(cid, "/disbursements"),
             env.with_voucher(
                 cid,
                 R"({"payee":"某公司","amount_fen":5000,"purpose":"不明支出","expense_account":"5003"})"))
          .as_object();
  auto r = env.post(env.caller("com1"),
                    compound_path(
                        cid, "/disbursements/" + std::to_string(d.at("id").as_int64()) + "/reject"),
                    R"({"reason":"没有发票"})")
               .as_object();
  EXPECT_EQ(r.at("status").as_string(), "rejected");
  EXPECT_EQ(status_of([&] {
              env.post(env.caller("com2"),
                       compound_path(cid, "/disbursements/" +
                                              std::to_string(d.at("id").as_int64()) + "/approve"),
                       "{}")
                  .as_object();
            }),
            409);
  EXPECT_EQ(balance("1001"), 100000);
}

TEST_F(LedgerTest, APerHouseholdPurchaseIsOneExpenseListingTheUnitsCovered) {
  post(income(1'000'000));
  auto com1 = env.caller("com1");
  std::vector<std::int64_t> units;
  for (const char* n : {"101", "102"})
    units.push_back(env.post(com1, compound_path(cid, "/units"),
                             R"({"building_id":)" + std::to_string(env.last_building_id) +
                                 R"(,"number":")" + n + R"(","area_centi_m2":6000})")
                        .as_object()
                        .at("id")
                        .as_int64());
  std::string list = "[" + std::to_string(units[0]) + "," + std::to_string(units[1]) + "]";
  EXPECT_EQ(
      status_of([&] {
        env.post(
               env.caller("trustee"), compound_path(cid, "/disbursements"),
               env.with_voucher(
                   cid,
                   R"({"payee":"人保财险","amount_fen":30000,"purpose":"家庭财产保险","expense_account":"5005","per_unit_fen":10000,"covered_units":)" +
                       list + "}"))
            .as_object();
      }),
      422);  // 2 × ¥100 is not ¥300
  auto d =
      env.post(
             env.caller("trustee"), compound_path(cid, "/disbursements"),
             env.with_voucher(
                 cid,
                 R"({"payee":"人保财险","amount_fen":20000,"purpose":"家庭财产保险","expense_account":"5005","per_unit_fen":10000,"covered_units":)" +
                     list + "}"))
          .as_object();
  EXPECT_EQ(d.at("households_covered").as_int64(), 2);
  EXPECT_EQ(d.at("purpose").as_string(), "家庭财产保险（2 户）");
  env.post(
         env.caller("com1"),
         compound_path(cid, "/disbursements/" + std::to_string(d.at("id").as_int64()) + "/approve"),
         "{}")
      .as_object();
  auto acct = env.get(com1, compound_path(cid, "/units/" + std::to_string(units[1]) + "/account"))
                  .as_object();
  ASSERT_EQ(acct.at("covered_by").as_array().size(), 1u);
  EXPECT_EQ(acct.at("covered_by").as_array()[0].at("per_unit_fen").as_int64(), 10000);
  EXPECT_EQ(balance("5005"), 20000);
}

TEST_F(LedgerTest, CharityMoneyCannotPayTheTrustee) {
  EXPECT_EQ(
      status_of([&] {
        env.post(
               env.caller("trustee"), compound_path(cid, "/disbursements"),
               env.with_voucher(
                   cid,
                   R"({"payee":"物业公司","amount_fen":5000,"purpose":"酬金","expense_account":"5007","cash_account":"1002"})"))
            .as_object();
      }),
      422);
  EXPECT_EQ(env.count("disbursements"), 0);
}

TEST_F(LedgerTest, VouchersAreStoredByHashAndChecked) {
  std::string jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + std::string(1000, 'x');
  auto v = env.upload(env.caller("trustee"), compound_path(cid, "/vouchers"), "image/jpeg", jpeg)
               .as_object();
  EXPECT_EQ(v.at("sha256").as_string(), ledger::to_hex(ledger::sha256(jpeg)));
  EXPECT_EQ(status_of([&] {
              env.upload(env.caller("trustee"), compound_path(cid, "/vouchers"), "image/jpeg",
                         "<html>")
                  .as_object();
            }),
            422);
  EXPECT_EQ(status_of([&] {
              env.upload(env.caller("trustee"), compound_path(cid, "/vouchers"), "image/png", jpeg)
                  .as_object();
            }),
            422);
  EXPECT_EQ(status_of([&] {
              env.upload(env.caller("trustee"), compound_path(cid, "/vouchers"), "application/pdf",
                         "%PDF-" + std::string(11 * 1024 * 1024, 'x'))
                  .as_object();
            }),
            413);
  std::string sha(v.at("sha256").as_string());
  auto e = post(
      R"({"date":"2025-03-01","description":"带凭证","postings":[{"account":"1001","amount_fen":5},{"account":"4002","amount_fen":-5}],"vouchers":[")" +
      sha + R"("]})");
  EXPECT_NE(std::string(e.at("canonical").as_string()).find(sha), std::string::npos);
  EXPECT_EQ(app::voucher_file(env.app(), CompoundId{cid}, sha).bytes, jpeg);
  EXPECT_EQ(
      status_of([&] {
        post(
            R"({"date":"2025-03-01","description":"x","postings":[{"account":"1001","amount_fen":5},{"account":"4002","amount_fen":-5}],"vouchers":[")" +
            std::string(64, 'a') + R"("]})");
      }),
      422);
}

TEST_F(LedgerTest, ProofsFromTheStoreVerifyAgainstTheSignedRoot) {
  for (int i = 1; i <= 23; ++i) post(income(i * 100));
  auto sth = env.get(app::Caller{}, public_path(cid, "/sth")).as_object();
  auto root = *ledger::from_hex(sth.at("root").as_string());
  for (std::int64_t i = 0; i < 23; ++i) {
    auto p = env.get(app::Caller{}, public_path(cid, "/proof/inclusion?index=" + std::to_string(i) +
                                                         "&tree_size=" + std::to_string(23)))
                 .as_object();
    std::vector<ledger::Hash> path;
    for (const auto& h : p.at("path").as_array()) path.push_back(*ledger::from_hex(h.as_string()));
    EXPECT_TRUE(ledger::verify_inclusion(*ledger::from_hex(p.at("leaf_hash").as_string()), i, 23,
                                         path, root))
        << i;
  }
  // An older head is a prefix of today's.
  env.db().read([&](store::Connection& c) {
    auto old = store::head_at(c, cid, 9);
    ASSERT_TRUE(old.has_value());
    auto p =
        env.get(app::Caller{}, public_path(cid, "/proof/consistency?first=" + std::to_string(9) +
                                                    "&second=" + std::to_string(23)))
            .as_object();
    std::vector<ledger::Hash> path;
    for (const auto& h : p.at("path").as_array()) path.push_back(*ledger::from_hex(h.as_string()));
    EXPECT_TRUE(ledger::verify_consistency(9, 23, *ledger::from_hex(old->root), root, path));
  });
  EXPECT_EQ(status_of([&] {
              env.get(app::Caller{},
                      public_path(cid, "/proof/inclusion?index=" + std::to_string(23) +
                                           "&tree_size=" + std::to_string(23)))
                  .as_object();
            }),
            400);
  EXPECT_EQ(status_of([&] {
              env.get(app::Caller{},
                      public_path(cid, "/proof/consistency?first=" + std::to_string(5) +
                                           "&second=" + std::to_string(24)))
                  .as_object();
            }),
            400);
}

TEST_F(LedgerTest, WitnessesCoSignHeads) {
  post(income(100));
  auto kp = auth::ed25519_keypair();
  auto staff = env.caller("staff");
  auto k = env.post(staff, compound_path(cid, "/witness/keys"),
                    R"({"public_key":")" + kp.public_b64 + R"("})");
  auto sth = env.get(app::Caller{}, public_path(cid, "/sth")).as_object();
  std::string sig =
      auth::ed25519_sign(kp.secret_b64, std::string(sth.at("signed_message").as_string()));
  std::string body = R"({"key_id":)" + std::to_string(k.at("key_id").as_int64()) +
                     R"(,"tree_size":1,"signature":")" + sig + R"("})";
  auto bad = R"({"key_id":)" + std::to_string(k.at("key_id").as_int64()) +
             R"(,"tree_size":1,"signature":")" +
             auth::ed25519_sign(kp.secret_b64, "something else") + R"("})";
  EXPECT_EQ(
      status_of([&] { env.post(staff, compound_path(cid, "/witness/cosign"), bad).as_object(); }),
      422);
  auto h = env.post(staff, compound_path(cid, "/witness/cosign"), body).as_object();
  ASSERT_EQ(h.at("witnesses").as_array().size(), 1u);
  EXPECT_EQ(h.at("witnesses").as_array()[0].at("name").as_string(), "s****");
  EXPECT_EQ(
      status_of([&] { env.post(staff, compound_path(cid, "/witness/cosign"), body).as_object(); }),
      409);
}

TEST_F(LedgerTest, ConcurrentWritersNeitherLoseNorDoubleALeaf) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      auto who = env.caller("com1");
      for (int i = 0; i < 25; ++i)
        env.post(who, compound_path(cid, "/ledger/transactions"), income(1 + t * 100 + i))
            .as_object();
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(env.get(app::Caller{}, public_path(cid, "/sth")).as_object().at("tree_size").as_int64(),
            100);
  std::int64_t expected = 0;
  for (int t = 0; t < 4; ++t)
    for (int i = 0; i < 25; ++i) expected += 1 + t * 100 + i;
  EXPECT_EQ(balance("1001"), expected);
  auto r = verify();
  EXPECT_TRUE(r.ok) << r.message;
  EXPECT_EQ(r.heads_checked, 101);  // the empty log's head and one per write
}

class TamperTest : public LedgerTest {
 protected:
  void SetUp() override {
    LedgerTest::SetUp();
    for (int i = 1; i <= 12; ++i)
      post(income(i * 1000, "2025-0" + std::to_string(1 + i % 9) + "-10"));
    ASSERT_TRUE(verify().ok) << verify().message;
  }
  void expect_broken(const std::string& mutation, const std::string& mentions = "") {
    sql(mutation);
    auto r = verify();
    EXPECT_FALSE(r.ok) << mutation;
    if (!mentions.empty()) {
      EXPECT_NE(r.message.find(mentions), std::string::npos) << r.message;
    }
  }
};

TEST_F(TamperTest, AnAmountInThePublishedText) {
  expect_broken(
      "UPDATE ledger_entries SET canonical = replace(canonical, '\"amount_fen\":5000,', '\"amount_fen\":5001,') WHERE idx = 4",
      "#4");
}
TEST_F(TamperTest, AnAmountAndItsHashTogether) {
  env.db().write([&](store::Connection& c) {
    auto e = store::get_entry(c, cid, 6);
    std::string text = e->canonical;
    auto p = text.find("三月物业费");
    text.replace(p, std::string("三月物业费").size(), "四月物业费");
    c.execute(
        "UPDATE ledger_entries SET canonical = ?, leaf_hash = ?, description = '四月物业费' WHERE compound_id = ? AND idx = 6",
        {text, ledger::to_hex(ledger::leaf_hash(text)), cid});
    c.execute("UPDATE merkle_nodes SET hash = ? WHERE compound_id = ? AND level = 0 AND idx = 6",
              {ledger::to_hex(ledger::leaf_hash(text)), cid});
  });
  auto r = verify();
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.message.find("#6"), std::string::npos) << r.message;
}
TEST_F(TamperTest, ThePostingsTable) {
  expect_broken("UPDATE postings SET amount_fen = amount_fen + 1 WHERE idx = 3 AND n = 0");
}
TEST_F(TamperTest, AnAccount) {
  expect_broken("UPDATE postings SET account = '4002' WHERE idx = 2 AND n = 1");
}
TEST_F(TamperTest, ADateColumn) {
  expect_broken("UPDATE ledger_entries SET date = '2024-01-01' WHERE idx = 5", "#5");
}
TEST_F(TamperTest, APostingDate) {
  expect_broken("UPDATE postings SET date = '2024-01-01' WHERE idx = 5");
}
TEST_F(TamperTest, TheOrder) {
  expect_broken(
      "UPDATE ledger_entries SET idx = idx + 100 WHERE idx IN (3, 4); "
      "UPDATE ledger_entries SET idx = 4 WHERE idx = 103; UPDATE ledger_entries SET idx = 3 WHERE idx = 104");
}
TEST_F(TamperTest, ADeletedLastEntry) {
  expect_broken("DELETE FROM postings WHERE idx = 11; DELETE FROM ledger_entries WHERE idx = 11",
                "deleted");
}
TEST_F(TamperTest, AnInsertedEntry) {
  env.db().write([&](store::Connection& c) {
    auto e = store::get_entry(c, cid, 11);
    c.execute(
        "INSERT INTO ledger_entries (compound_id, idx, date, kind, description, canonical, leaf_hash, recorded_at) "
        "VALUES (?, 12, ?, ?, ?, ?, ?, 0)",
        {cid, e->date, e->kind, e->description, e->canonical, e->leaf_hash});
  });
  EXPECT_FALSE(verify().ok);
}
TEST_F(TamperTest, ARunningBalance) {
  expect_broken("UPDATE balance_totals SET amount_fen = amount_fen + 100 WHERE account = '1001'",
                "balance of account 1001");
}
TEST_F(TamperTest, ADailyBalance) {
  expect_broken("UPDATE balance_days SET amount_fen = amount_fen + 100 WHERE account = '4001'",
                "daily");
}
TEST_F(TamperTest, AMerkleNode) {
  expect_broken(
      "UPDATE merkle_nodes SET hash = '" + std::string(64, 'a') + "' WHERE level = 1 AND idx = 2",
      "Merkle node 1/2");
}
TEST_F(TamperTest, ARootInAHead) {
  expect_broken("UPDATE tree_heads SET root = '" + std::string(64, '0') + "' WHERE tree_size = 7",
                "7");
}

// Property: replaying random transactions gives the signed root, and flipping any byte of
// any stored entry is caught.
TEST_F(LedgerTest, AnyByteFlipIsCaught) {
  std::mt19937_64 rng(2025);
  for (int i = 0; i < 30; ++i) post(income(1 + static_cast<std::int64_t>(rng() % 99999)));
  ASSERT_TRUE(verify().ok);
  for (int trial = 0; trial < 25; ++trial) {
    std::int64_t idx = static_cast<std::int64_t>(rng() % 30);
    std::string original;
    env.db().write([&](store::Connection& c) {
      original = store::get_entry(c, cid, idx)->canonical;
      std::string bad = original;
      std::size_t pos = rng() % bad.size();
      bad[pos] = static_cast<char>(bad[pos] ^ (1 + rng() % 127));
      c.execute("UPDATE ledger_entries SET canonical = ? WHERE compound_id = ? AND idx = ?",
                {bad, cid, idx});
    });
    EXPECT_FALSE(verify().ok) << "flip in entry " << idx << " went unnoticed";
    env.db().write([&](store::Connection& c) {
      c.execute("UPDATE ledger_entries SET canonical = ? WHERE compound_id = ? AND idx = ?",
                {original, cid, idx});
    });
  }
  EXPECT_TRUE(verify().ok);
}

}  // namespace xinyi
