#include "demo/seed.h"

#include <gtest/gtest.h>

#include <set>

#include "app/auth_service.h"
#include "app/registry_service.h"
#include "app/verify.h"
#include "store/registry_repo.h"
#include "support/test_env.h"

namespace xinyi {

using testing::TestEnv;

TEST(Seed, FiveCompoundsOnePerModelAndASecondRunAddsNothing) {
  TestEnv env;
  auto rep = demo::seed_demo(env.app());
  EXPECT_TRUE(rep.created);
  EXPECT_EQ(rep.compounds, 5);
  auto counts = [&] {
    std::int64_t n = 0;
    for (auto t : {"compounds", "units", "persons", "unit_members", "users", "role_grants",
                   "claims", "petition_signatures"})
      n += env.count(t);
    return n;
  };
  auto before = counts();
  EXPECT_FALSE(demo::seed_demo(env.app()).created);
  EXPECT_EQ(counts(), before);

  std::set<std::string> models;
  const auto compounds = env.get(app::Caller{}, "/api/v1/public/compounds");
  for (const auto& c : compounds.as_array()) models.insert(std::string(c.at("model").as_string()));
  EXPECT_EQ(models,
            (std::set<std::string>{"hourly", "committee", "community_run", "merged", "charity"}));
}

// The registry comes in through the product (the registry's use cases and the roster import),
// and one seed gives one district: the same units, invite codes and people every time.
TEST(Seed, OneSeedGivesOneDistrictBuiltThroughTheRegistryUseCases) {
  auto registry_of = [](TestEnv& env) {
    std::vector<std::string> rows;
    env.db().read([&](store::Connection& c) {
      for (const auto& u : store::list_units(c, 3, 0, 1000))
        rows.push_back(std::to_string(u.id) + " " + u.label + " " + u.invite_code + " " +
                       std::to_string(u.area_centi_m2));
      for (const auto& m : store::list_members(c, 1, 1))
        rows.push_back(m.name + " " + m.phone + " " + m.id_last4 + " " + m.relation);
    });
    return rows;
  };
  TestEnv first, second;
  demo::seed_demo(first.app());
  demo::seed_demo(second.app());
  const auto rows = registry_of(first);
  ASSERT_GT(rows.size(), 50u);
  EXPECT_EQ(rows, registry_of(second));
  // 王建国 was entered at the desk: his ID card's last four only.
  EXPECT_EQ(rows.back(), "王建国 13800000001 0012 owner");
  // Every compound's households arrived as one audited roster import.
  EXPECT_EQ(first.count("audit_log WHERE action = 'roster.import'"), 5);
  EXPECT_EQ(first.count("audit_log WHERE action = 'courtyard.create'"), 15);
}

// Issue 18: the demo's roles, committees, tender and meetings came through the product's own
// rules, and its record shows it.
TEST(Seed, TheDemosRolesCommitteesAndTenderWentThroughTheUseCases) {
  TestEnv env;
  demo::seed_demo(env.app());
  // Every committee and trustee role was asked for by one person and confirmed by another.
  EXPECT_EQ(env.count("role_grants WHERE role IN ('committee', 'trustee')"), 15);
  EXPECT_EQ(env.count("role_grants WHERE role IN ('committee', 'trustee') AND (confirmed_by IS "
                      "NULL OR confirmed_by = granted_by OR confirmed_by = user_id)"),
            0);
  EXPECT_EQ(env.count("role_requests WHERE status = 'confirmed'"), 15);
  EXPECT_EQ(env.count("audit_log WHERE action = 'role.grant_request'"), 15);
  // The two committees were established with their composition checked, the tender's three bids
  // put to the owners by the product, the meetings and questionnaires recorded and audited.
  EXPECT_EQ(env.count("audit_log WHERE action = 'committee.establish'"), 2);
  EXPECT_EQ(env.count("audit_log WHERE action = 'committee.nominate'"), 12);
  EXPECT_EQ(env.count("audit_log WHERE action = 'tender.bid'"), 3);
  EXPECT_EQ(env.count("audit_log WHERE action = 'tender.vote'"), 1);
  EXPECT_EQ(env.count("audit_log WHERE action = 'vote.create'"), env.count("votes") - 1);
  EXPECT_EQ(env.count("audit_log WHERE action = 'meeting.record'"), env.count("meetings"));
  EXPECT_EQ(env.count("audit_log WHERE action = 'questionnaire.create'"),
            env.count("questionnaires WHERE title NOT LIKE '%验收%'"));
  // 王建国 and 李晓梅 claimed with their paper invite codes.
  EXPECT_EQ(env.count("audit_log WHERE action = 'unit.claim'"), 3);
}

TEST(Seed, TheDistrictIsBelievable) {
  TestEnv env;
  demo::seed_demo(env.app());
  env.db().read([&](store::Connection& c) {
    // 38 households applied for a property management committee in the committee compound.
    EXPECT_EQ(
        c.scalar(
            "SELECT COUNT(*) FROM petition_signatures s JOIN compounds k ON k.id = s.compound_id "
            "WHERE k.model = 'committee'"),
        38);
    // Some units are still the developer's.
    EXPECT_GT(c.scalar("SELECT COUNT(*) FROM units WHERE developer_held = 1"), 0);
    // Someone owns several units.
    EXPECT_GT(
        c.scalar(
            "SELECT COUNT(*) FROM (SELECT person_id FROM unit_members WHERE relation = 'owner' "
            "GROUP BY person_id HAVING COUNT(*) > 1) t"),
        0);
    // Tenants exist, and realistic areas (35–200 m²).
    EXPECT_GT(c.scalar("SELECT COUNT(*) FROM unit_members WHERE relation = 'tenant'"), 0);
    EXPECT_EQ(
        c.scalar("SELECT COUNT(*) FROM units WHERE area_centi_m2 < 3500 OR area_centi_m2 > 20000"),
        0);
    // Nine courtyards of the merged compound form one managed area.
    EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM courtyards y JOIN compounds k ON k.id = y.compound_id "
                       "WHERE k.model = 'merged' AND y.area_id IS NOT NULL"),
              9);
    // Every role of SPEC §2 has a demo account.
    for (auto role : {"committee", "trustee", "worker", "staff", "auditor"})
      EXPECT_GT(c.scalar("SELECT COUNT(*) FROM role_grants WHERE role = ?", {std::string(role)}), 0)
          << role;
    EXPECT_EQ(c.scalar("SELECT COUNT(*) FROM users WHERE is_admin = 1"), 1);
  });
}

TEST(Seed, DemoAccountsSignIn) {
  TestEnv env;
  demo::seed_demo(env.app());
  for (const auto& a : demo::demo_accounts()) {
    app::Caller who;
    auto s = app::login(env.app(), who, {a.login, a.password});
    EXPECT_FALSE(s.token.empty()) << a.login;
  }
  app::Caller wang;
  auto s = app::login(env.app(), wang, {"13800000001", "xinyi-demo"});
  EXPECT_EQ(s.me.units.size(), 2u);
}

}  // namespace xinyi

namespace xinyi {

// The verifier checks the workflow tables against the ledger entries they point to: an edited
// payment, allocation, receipt number, bill, bill run, disbursement, donation, pledge or service
// posting is named, and the books themselves are left as they were.
TEST(Seed, TheVerifierCatchesAnEditedWorkflowRow) {
  testing::TestEnv env;
  env.seed_demo();
  auto cid_of = [&](const char* name) {
    return env.db().read([&](store::Connection& c) {
      return c.scalar("SELECT id FROM compounds WHERE name = ?", {std::string(name)});
    });
  };
  const std::int64_t teachers = cid_of("桂湖教师院"), charity = cid_of("锦苑小区"),
                     yards = cid_of("九院合一");
  for (std::int64_t cid : {teachers, charity, yards})
    ASSERT_TRUE(app::verify_store(env.db(), cid).ok) << app::verify_store(env.db(), cid).message;
  auto id_of = [&](const std::string& sql) {
    return std::to_string(env.db().read([&](store::Connection& c) { return c.scalar(sql); }));
  };
  struct Edit {
    std::int64_t cid;
    const char* names;  // what the message must name
    std::string edit, undo;
  };
  // Each edit changes one row picked here by id, and its undo puts it back.
  const std::string pay =
      id_of("SELECT MIN(id) FROM payments WHERE compound_id = " + std::to_string(teachers));
  const std::string alloc =
      id_of("SELECT MIN(payment_id) FROM payment_allocations WHERE compound_id = " +
            std::to_string(teachers));
  const std::string bill =
      id_of("SELECT MIN(id) FROM bills WHERE paid_fen < amount_fen AND compound_id = " +
            std::to_string(teachers));
  const std::string run =
      id_of("SELECT MIN(id) FROM bill_runs WHERE compound_id = " + std::to_string(teachers));
  const std::string paid_out =
      id_of("SELECT MIN(id) FROM disbursements WHERE status = 'executed' AND compound_id = " +
            std::to_string(teachers));
  const std::string waiting =
      id_of("SELECT MIN(id) FROM disbursements WHERE status = 'pending' AND compound_id = " +
            std::to_string(teachers));
  const std::string gift =
      id_of("SELECT MIN(id) FROM donations WHERE status = 'received' AND compound_id = " +
            std::to_string(charity));
  const std::string pledge = id_of(
      "SELECT MIN(id) FROM pledges WHERE paid_fen > 0 AND compound_id = " + std::to_string(yards));
  const std::string pledged =
      id_of("SELECT MIN(id) FROM pledge_payments WHERE compound_id = " + std::to_string(yards));
  const std::string month =
      "(SELECT MIN(period) FROM service_postings WHERE entry_idx IS NOT NULL AND compound_id = " +
      std::to_string(teachers) + ")";
  auto bump = [](const std::string& table, const std::string& column, const std::string& where,
                 const std::string& by) {
    return std::pair{
        "UPDATE " + table + " SET " + column + " = " + column + " + " + by + " WHERE " + where,
        "UPDATE " + table + " SET " + column + " = " + column + " - " + by + " WHERE " + where};
  };
  std::vector<Edit> edits;
  auto add = [&](std::int64_t cid, const char* names, std::pair<std::string, std::string> e) {
    edits.push_back({cid, names, e.first, e.second});
  };
  add(teachers, "payment", bump("payments", "amount_fen", "id = " + pay, "1"));
  add(teachers, "payment",
      bump("payment_allocations", "amount_fen", "payment_id = " + alloc, "100000000"));
  add(teachers, "receipts", bump("payments", "receipt_no", "id = " + pay, "100000"));
  add(teachers, "bill", bump("bills", "paid_fen", "id = " + bill, "1"));
  add(teachers, "bill run", bump("bill_runs", "total_fen", "id = " + run, "1"));
  add(teachers, "disbursement", bump("disbursements", "amount_fen", "id = " + paid_out, "1"));
  edits.push_back({teachers, "disbursement",
                   "UPDATE disbursements SET status = 'executed' WHERE id = " + waiting,
                   "UPDATE disbursements SET status = 'pending' WHERE id = " + waiting});
  add(charity, "donation", bump("donations", "amount_fen", "id = " + gift, "1"));
  add(yards, "pledge", bump("pledges", "paid_fen", "id = " + pledge, "1"));
  add(yards, "pledge payment", bump("pledge_payments", "amount_fen", "id = " + pledged, "1"));
  add(teachers, "service posting",
      bump("service_postings", "amount_fen",
           "compound_id = " + std::to_string(teachers) + " AND period = " + month, "1"));
  for (const auto& e : edits) {
    env.db().write([&](store::Connection& c) { c.exec_script(e.edit); });
    auto rep = app::verify_store(env.db(), e.cid);
    EXPECT_FALSE(rep.ok) << e.edit;
    EXPECT_NE(rep.message.find(e.names), std::string::npos) << e.edit << " → " << rep.message;
    env.db().write([&](store::Connection& c) { c.exec_script(e.undo); });
    EXPECT_TRUE(app::verify_store(env.db(), e.cid).ok)
        << "after undoing " << e.edit << ": " << app::verify_store(env.db(), e.cid).message;
  }
}

}  // namespace xinyi
