#include <gtest/gtest.h>

#include <regex>

#include "auth/crypto.h"
#include "domain/ledger/merkle.h"
#include "http/server_fixture.h"
#include "http/verify_remote.h"
#include "report/table_export.h"
#include "store/ledger_repo.h"

namespace xinyi::testing {

namespace json = boost::json;
using LedgerApiTest = ServerTest;

namespace {
std::vector<ledger::Hash> hashes(const json::value& arr) {
  std::vector<ledger::Hash> out;
  for (const auto& h : arr.as_array()) out.push_back(*ledger::from_hex(h.as_string()));
  return out;
}
}  // namespace

TEST_F(LedgerApiTest, ThePublicLogVerifiesEndToEnd) {
  auto c = client();
  auto cid = std::to_string(compound_id("锦苑小区"));
  std::string base = "/api/v1/public/compounds/" + cid;
  auto key = c.get(base + "/pubkey").json();
  auto sth = c.get(base + "/sth").json();
  const auto size = sth.at("tree_size").as_int64();
  ASSERT_GT(size, 100);
  EXPECT_TRUE(auth::ed25519_verify(std::string(key.at("public_key").as_string()),
                                   std::string(sth.at("signed_message").as_string()),
                                   std::string(sth.at("signature").as_string())));
  auto root = *ledger::from_hex(sth.at("root").as_string());
  // Page through the entries; recompute every leaf and the root.
  ledger::TreeBuilder tb;
  std::vector<ledger::Hash> leaves;
  for (std::int64_t from = 0; from < size;) {
    auto page = c.get(base + "/ledger?from=" + std::to_string(from) + "&limit=40").json();
    for (const auto& e : page.at("entries").as_array()) {
      auto leaf = ledger::leaf_hash(e.at("canonical").as_string());
      EXPECT_EQ(ledger::to_hex(leaf), e.at("leaf_hash").as_string());
      leaves.push_back(leaf);
      tb.append(leaf);
    }
    from += static_cast<std::int64_t>(page.at("entries").as_array().size());
  }
  EXPECT_EQ(tb.root(), root);
  for (std::int64_t i : {std::int64_t{0}, size / 2, size - 1}) {
    auto p = c.get(base + "/proof/inclusion?index=" + std::to_string(i) +
                   "&tree_size=" + std::to_string(size))
                 .json();
    EXPECT_TRUE(ledger::verify_inclusion(leaves[i], i, size, hashes(p.at("path")), root)) << i;
  }
  // The tree of 10 entries is a prefix of today's.
  ledger::TreeBuilder ten;
  for (int i = 0; i < 10; ++i) ten.append(leaves[i]);
  auto cp = c.get(base + "/proof/consistency?first=10&second=" + std::to_string(size)).json();
  EXPECT_TRUE(ledger::verify_consistency(10, size, ten.root(), root, hashes(cp.at("path"))));
  EXPECT_EQ(c.get(base + "/proof/inclusion?index=5&tree_size=" + std::to_string(size + 1)).status,
            400);
  EXPECT_EQ(c.get(base + "/proof/consistency?first=7&second=3").status, 400);
}

TEST_F(LedgerApiTest, BalancesNowAndAsOfADate) {
  auto c = client();
  std::string base = "/api/v1/public/compounds/" + std::to_string(compound_id("锦苑小区"));
  auto now = c.get(base + "/balances").json();
  std::map<std::string, std::int64_t> acc;
  for (const auto& a : now.at("accounts").as_array())
    acc[std::string(a.at("code").as_string())] = a.at("balance_fen").as_int64();
  EXPECT_EQ(acc["4005"], -3'000'000);  // ¥30,000 of donations
  std::int64_t sum = 0;
  for (auto& [k, v] : acc) sum += v;
  EXPECT_EQ(sum, 0);  // double entry: the books balance
  auto early = c.get(base + "/balances?at=2025-04-03").json();
  for (const auto& a : early.at("accounts").as_array())
    if (a.at("code").as_string() == "4005") {
      EXPECT_GT(a.at("balance_fen").as_int64(), -3'000'000);
    }
  EXPECT_EQ(c.get(base + "/balances?at=yesterday").status, 400);
}

TEST_F(LedgerApiTest, TheFeedAndDisbursementsAreMasked) {
  auto c = client();
  std::string base = "/api/v1/public/compounds/" + std::to_string(compound_id("桂湖教师院"));
  std::string feed = c.get(base + "/feed?limit=200").body;
  std::string disb = c.get(base + "/disbursements").body;
  for (const char* name : {"周秀英", "吴志强", "何德明", "孙师傅", "赵经理", "刘委员"}) {
    EXPECT_EQ(feed.find(name), std::string::npos) << name;
    EXPECT_EQ(disb.find(name), std::string::npos) << name;
  }
  EXPECT_NE(disb.find("孙**"), std::string::npos);  // the electrician's pending repair, masked
  EXPECT_FALSE(
      std::regex_search(feed + disb, std::regex("(^|[^0-9A-Za-z])1[3-9][0-9]{9}([^0-9A-Za-z]|$)")));
  auto list = json::parse(disb).as_array();
  bool pending = false;
  for (const auto& d : list) pending = pending || d.at("status").as_string() == "pending";
  EXPECT_TRUE(pending);
}

TEST_F(LedgerApiTest, VouchersAreServedByTheirHash) {
  auto c = client();
  std::string base = "/api/v1/public/compounds/" + std::to_string(compound_id("桂湖教师院"));
  auto feed = c.get(base + "/feed?limit=200").json();
  std::string sha;
  for (const auto& e : feed.at("items").as_array())
    if (!e.at("vouchers").as_array().empty())
      sha = e.at("vouchers").as_array()[0].at("sha256").as_string();
  ASSERT_FALSE(sha.empty());
  auto v = c.get(base + "/vouchers/" + sha);
  EXPECT_EQ(v.status, 200);
  EXPECT_EQ(v.headers["content-type"], "application/pdf");
  EXPECT_EQ(ledger::to_hex(ledger::sha256(v.body)), sha);
  EXPECT_EQ(c.get(base + "/vouchers/" + std::string(64, '0')).status, 404);
  EXPECT_EQ(c.get(base + "/vouchers/nothex").status, 404);
}

TEST_F(LedgerApiTest, TheMonthlyNoticeIsAPdf) {
  auto c = client();
  std::string base = "/api/v1/public/compounds/" + std::to_string(compound_id("南街老城院落"));
  auto pdf = c.get(base + "/notice.pdf?month=2026-10");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.body.find("%%EOF"), std::string::npos);
  EXPECT_GT(pdf.body.size(), 5000u);
  EXPECT_EQ(c.get(base + "/notice.pdf?month=2026-13").status, 400);
  // The large-type edition: the same notice on A3 (841.89 × 1190.55 pt), scaled by √2.
  auto large = c.get(base + "/notice.pdf?month=2026-10&large=1");
  ASSERT_EQ(large.status, 200);
  EXPECT_EQ(pdf.body.find("/MediaBox [ 0 0 841"), std::string::npos);
  EXPECT_NE(large.body.find("/MediaBox [ 0 0 841"), std::string::npos);
  auto qr = c.get(base + "/entries/0/qr.svg");
  EXPECT_EQ(qr.status, 200);
  EXPECT_EQ(qr.headers["content-type"], "image/svg+xml");
  EXPECT_EQ(c.get(base + "/entries/999999/qr.svg").status, 404);
}

TEST_F(LedgerApiTest, BillsPaymentsAndSettlementExportToCsvAndXlsx) {
  auto com = client();
  com.login("committee");
  std::string base = "/api/v1/compounds/" + std::to_string(compound_id("桂湖教师院")) + "/exports/";
  auto csv = com.get(base + "bills.csv?period=2026-11");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("2026-11,教师院,1栋1单元101,65.45,3273,¥32.73,0,3273"), std::string::npos)
      << csv.body.substr(0, 400);
  std::size_t lines = 0;
  for (char ch : csv.body) lines += ch == '\n';
  EXPECT_EQ(lines, 1u + 72u);  // header + one bill per unit
  auto xlsx = com.get(base + "payments.xlsx?period=2026-11");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");  // a zip container
  EXPECT_EQ(com.get(base + "settlement.csv?period=2026-11").status, 200);
  EXPECT_EQ(com.get(base + "secrets.csv?period=2026-11").status, 404);
  EXPECT_EQ(com.get(base + "bills.pdf?period=2026-11").status, 404);
  auto resident = client();
  resident.login("13800000001");
  EXPECT_EQ(resident.get(base + "bills.csv?period=2026-11").status, 403);
}

// A cell that a spreadsheet would read as a formula stays text in every CSV export.
TEST(TableExport, FormulaLikeCellsAreNeutralised) {
  report::Table t;
  t.headers = {"a", "b"};
  for (const char* v :
       {"=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\t=1", "正常", "a,b"})
    t.rows.push_back({report::Cell(std::string(v)), report::Cell(std::int64_t{-5})});
  const std::string csv = report::to_csv(t);
  for (const char* v : {"\"'=HYPERLINK(\"\"http://x\"\")\"", "\"'+1\"", "\"'-2+3\"",
                        "\"'@SUM(A1)\"", "\"'\t=1\"", "\r\n正常,-5", "\"a,b\""})
    EXPECT_NE(csv.find(v), std::string::npos) << v << "\n" << csv;
}

// A secret vote's paper-ballot scan that several ballots share is refused to the public (404),
// never a crash; the committee reads a ballot's scan through its own route.
TEST_F(LedgerApiTest, ASecretBallotScanIsPrivateAndNeverBringsTheServerDown) {
  auto row = env.db().read([&](store::Connection& c) {
    return c.query_one(
        "SELECT b.compound_id, b.vote_id, MIN(b.no), b.voucher_sha256 FROM ballots b JOIN votes v ON v.id = b.vote_id "
        "WHERE v.secret = 1 AND b.channel = 'paper' GROUP BY b.compound_id, b.vote_id, b.voucher_sha256 "
        "ORDER BY b.vote_id LIMIT 1");
  });
  ASSERT_TRUE(row.has_value());
  // Today each paper ballot has its own scan; a store from before that rule has ballots sharing
  // one. Make a second ballot of the vote share this one's.
  env.db().write([&](store::Connection& c) {
    c.execute(
        "UPDATE ballots SET voucher_sha256 = ? WHERE vote_id = ? AND no = (SELECT MIN(no) FROM ballots "
        "WHERE vote_id = ? AND channel = 'paper' AND no > ?)",
        {row->str(3), row->i64(1), row->i64(1), row->i64(2)});
  });
  const std::string cid = std::to_string(row->i64(0)), vote = std::to_string(row->i64(1)),
                    no = std::to_string(row->i64(2));
  EXPECT_EQ(client().get("/api/v1/public/compounds/" + cid + "/vouchers/" + row->str(3)).status,
            404);
  EXPECT_EQ(client().get("/api/v1/health").status, 200);  // still up
  auto com = client();
  com.login("committee");
  auto scan =
      com.get("/api/v1/compounds/" + cid + "/votes/" + vote + "/paper-ballots/" + no + "/scan");
  EXPECT_EQ(scan.status, 200);
  EXPECT_EQ(scan.body.rfind("%PDF", 0), 0u);
  EXPECT_NE(scan.headers["content-security-policy"].find("sandbox"), std::string::npos);
}

TEST_F(LedgerApiTest, TheTrusteesRosterHasNoIdCardDigits) {
  auto base = "/api/v1/compounds/" + std::to_string(compound_id("桂湖教师院")) + "/units?limit=500";
  auto t = client();
  t.login("trustee");
  auto com = client();
  com.login("committee");
  auto mine = t.get(base);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.body.find("id_last4"), std::string::npos);
  EXPECT_NE(com.get(base).body.find("id_last4"), std::string::npos);
}

TEST_F(LedgerApiTest, VouchersAreSandboxedAndPdfsDownloaded) {
  auto cid = std::to_string(compound_id("桂湖教师院"));
  auto t = client();
  t.login("trustee");
  auto up =
      t.post("/api/v1/compounds/" + cid + "/vouchers",
             "%PDF-1.4 <</OpenAction <</S /JavaScript /JS (app.alert(1))>>>>", "application/pdf");
  ASSERT_EQ(up.status, 201) << up.body;
  auto got = client().get("/api/v1/public/compounds/" + cid + "/vouchers/" +
                          std::string(up.json().at("sha256").as_string()));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.headers["content-disposition"].rfind("attachment;", 0), 0u)
      << got.headers["content-disposition"];
  EXPECT_NE(got.headers["content-security-policy"].find("sandbox"), std::string::npos);
  EXPECT_EQ(got.headers["x-content-type-options"], "nosniff");
}

TEST_F(LedgerApiTest, ThePaymentFlowOverHttp) {
  auto cid = std::to_string(compound_id("桂湖教师院"));
  auto t = client();
  t.login("trustee");
  std::string jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + std::string(3000, 'j');
  auto up = t.post("/api/v1/compounds/" + cid + "/vouchers", jpeg, "image/jpeg");
  ASSERT_EQ(up.status, 201) << up.body;
  std::string sha(up.json().at("sha256").as_string());
  auto req = t.post(
      "/api/v1/compounds/" + cid + "/disbursements",
      R"({"payee":"王师傅","payee_is_person":true,"amount_fen":45000,"purpose":"修理水泵","expense_account":"5003","vouchers":[")" +
          sha + R"("]})");
  ASSERT_EQ(req.status, 201) << req.body;
  auto id = std::to_string(req.json().at("id").as_int64());
  auto resident = client();
  resident.login("13800000001");
  EXPECT_EQ(
      resident.post("/api/v1/compounds/" + cid + "/disbursements/" + id + "/approve", "").status,
      403);
  auto before =
      client().get("/api/v1/public/compounds/" + cid + "/sth").json().at("tree_size").as_int64();
  auto com = client();
  com.login("committee");
  auto ok = com.post("/api/v1/compounds/" + cid + "/disbursements/" + id + "/approve", "");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json().at("status").as_string(), "executed");
  auto after =
      client().get("/api/v1/public/compounds/" + cid + "/sth").json().at("tree_size").as_int64();
  EXPECT_EQ(after, before + 1);
  // Residents cannot post entries; committee members can, balanced only.
  EXPECT_EQ(resident.post("/api/v1/compounds/" + cid + "/ledger/transactions", "{}").status, 403);
  auto bad = com.post(
      "/api/v1/compounds/" + cid + "/ledger/transactions",
      R"({"date":"2026-11-01","description":"x","postings":[{"account":"1001","amount_fen":5},{"account":"4006","amount_fen":-4}]})");
  EXPECT_EQ(bad.status, 422);
  auto good = com.post(
      "/api/v1/compounds/" + cid + "/ledger/transactions",
      R"({"date":"2026-11-01","description":"银行利息","postings":[{"account":"1001","amount_fen":512},{"account":"4006","amount_fen":-512}]})");
  EXPECT_EQ(good.status, 201) << good.body;
  auto rev = com.post("/api/v1/compounds/" + cid + "/ledger/transactions/" +
                          std::to_string(good.json().at("index").as_int64()) + "/reverse",
                      R"({"reason":"利息已在上月入账"})");
  // Undoing money waits in the approval queue; nothing is posted until the trustee approves.
  ASSERT_EQ(rev.status, 202) << rev.body;
  EXPECT_EQ(rev.json().at("kind").as_string(), "reversal");
  auto size = [&] {
    return client()
        .get("/api/v1/public/compounds/" + cid + "/sth")
        .json()
        .at("tree_size")
        .as_int64();
  };
  const auto waiting = size();
  auto rid = std::to_string(rev.json().at("id").as_int64());
  EXPECT_EQ(com.post("/api/v1/compounds/" + cid + "/disbursements/" + rid + "/approve", "").status,
            409);  // own request
  // The trustee's approval is one side; the owners' side needs another committee member.
  auto half = t.post("/api/v1/compounds/" + cid + "/disbursements/" + rid + "/approve", "");
  ASSERT_EQ(half.status, 200) << half.body;
  EXPECT_EQ(half.json().at("status").as_string(), "pending");
  EXPECT_EQ(size(), waiting);
  auto com2 = client();
  com2.login("committee2");
  auto done = com2.post("/api/v1/compounds/" + cid + "/disbursements/" + rid + "/approve", "");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json().at("status").as_string(), "executed");
  EXPECT_EQ(size(), waiting + 1);
}

TEST_F(LedgerApiTest, AReversedFeePaymentVoidsItsReceiptAndReopensItsBill) {
  auto cid = std::to_string(compound_id("桂湖教师院"));
  auto t = client();
  t.login("trustee");
  auto base = "/api/v1/compounds/" + cid;
  auto arrears = t.get(base + "/arrears").json();
  ASSERT_FALSE(arrears.at("units").as_array().empty());
  const auto& owing = arrears.at("units").as_array()[0].as_object();
  auto unit = std::to_string(owing.at("unit_id").as_int64());
  const auto owed = owing.at("owed_fen").as_int64();
  auto paid = t.post(base + "/payments", R"({"unit_id":)" + unit + R"(,"amount_fen":)" +
                                             std::to_string(owed) + R"(,"method":"cash"})");
  ASSERT_EQ(paid.status, 201) << paid.body;
  auto receipt_no = std::to_string(paid.json().at("receipt_no").as_int64());
  auto idx = std::to_string(paid.json().at("entry_index").as_int64());
  auto owed_of = [&] {
    auto now = t.get(base + "/arrears").json();
    for (const auto& u : now.at("units").as_array())
      if (std::to_string(u.at("unit_id").as_int64()) == unit) return u.at("owed_fen").as_int64();
    return std::int64_t{0};
  };
  EXPECT_EQ(owed_of(), 0);
  // The trustee alone cannot take the cash back out: the reversal waits for the committee.
  auto rev = t.post(base + "/ledger/transactions/" + idx + "/reverse", R"({"reason":"收错了户"})");
  ASSERT_EQ(rev.status, 202) << rev.body;
  EXPECT_EQ(t.get(base + "/receipts/" + receipt_no).json().at("void").as_bool(), false);
  EXPECT_EQ(owed_of(), 0);
  auto com = client();
  com.login("committee");
  auto ok = com.post(
      base + "/disbursements/" + std::to_string(rev.json().at("id").as_int64()) + "/approve", "");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json().at("status").as_string(), "executed");
  auto receipt = t.get(base + "/receipts/" + receipt_no).json();
  EXPECT_TRUE(receipt.at("void").as_bool());
  EXPECT_EQ(receipt.at("reversal_index").as_int64(), ok.json().at("entry_index").as_int64());
  EXPECT_NE(std::string(receipt.at("void_zh").as_string()).find("已作废"), std::string::npos);
  EXPECT_EQ(owed_of(), owed);  // the bill is owed again
  // Reversing the reversal is refused.
  EXPECT_EQ(t.post(base + "/ledger/transactions/" +
                       std::to_string(ok.json().at("entry_index").as_int64()) + "/reverse",
                   R"({"reason":"再改回来"})")
                .status,
            409);
}

TEST_F(LedgerApiTest, TheRemoteVerifierCatchesTamperingAndRewrites) {
  auto cid = compound_id("城北花园");
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/api/v1/public/compounds/" +
                    std::to_string(cid);
  auto first = http::verify_remote(url, std::nullopt);
  ASSERT_TRUE(first.report.ok) << first.report.message;
  std::string saved = first.latest_head_json;
  // More entries later: still consistent with the saved head.
  auto com = client();
  com.login("committee");
  com.post(
      "/api/v1/compounds/" + std::to_string(cid) + "/ledger/transactions",
      R"({"date":"2026-11-02","description":"利息","postings":[{"account":"1001","amount_fen":100},{"account":"4006","amount_fen":-100}]})");
  auto second = http::verify_remote(url, saved);
  EXPECT_TRUE(second.report.ok) << second.report.message;
  // Someone edits an amount in the store.
  std::int64_t victim = env.db().write([&](store::Connection& c) {
    auto idx = c.scalar(
        "SELECT MIN(idx) FROM ledger_entries WHERE compound_id = ? AND canonical LIKE '%\"amount_fen\":200000,%'",
        {cid});
    c.execute(
        "UPDATE ledger_entries SET canonical = replace(canonical, '\"amount_fen\":200000,', '\"amount_fen\":210000,') "
        "WHERE compound_id = ? AND idx = ?",
        {cid, idx});
    return idx;
  });
  auto third = http::verify_remote(url, saved);
  EXPECT_FALSE(third.report.ok);
  EXPECT_NE(third.report.message.find("#" + std::to_string(victim)), std::string::npos)
      << third.report.message;
}

TEST_F(LedgerApiTest, RewritingHistoryAndResigningIsCaughtByASavedHead) {
  auto cid = compound_id("九院合一");
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/api/v1/public/compounds/" +
                    std::to_string(cid);
  auto first = http::verify_remote(url, std::nullopt);
  ASSERT_TRUE(first.report.ok);
  // An insider with the store (and so the key) deletes the newest entry and re-signs.
  env.db().write([&](store::Connection& c) {
    auto size = store::ledger_size(c, cid);
    c.execute("DELETE FROM postings WHERE compound_id = ? AND idx = ?", {cid, size - 1});
    c.execute("DELETE FROM ledger_entries WHERE compound_id = ? AND idx = ?", {cid, size - 1});
    c.execute("DELETE FROM tree_heads WHERE compound_id = ? AND tree_size = ?", {cid, size});
    // …and, being thorough, rebuilds the derived balances so nothing looks off.
    c.execute("DELETE FROM balance_totals WHERE compound_id = ?", {cid});
    c.execute(
        "INSERT INTO balance_totals SELECT compound_id, account, courtyard_id, SUM(amount_fen) FROM postings "
        "WHERE compound_id = ? GROUP BY compound_id, account, courtyard_id",
        {cid});
  });
  // Today's log alone looks intact; against the head saved earlier it is not.
  EXPECT_TRUE(http::verify_remote(url, std::nullopt).report.ok);
  auto r = http::verify_remote(url, first.latest_head_json);
  EXPECT_FALSE(r.report.ok);
  EXPECT_NE(r.report.message.find("shrunk"), std::string::npos) << r.report.message;
}

TEST_F(LedgerApiTest, WitnessesCoSignOverHttp) {
  auto cid = std::to_string(compound_id("桂湖教师院"));
  auto staff = client();
  staff.login("staff");
  auto kp = auth::ed25519_keypair();
  auto k = staff.post("/api/v1/compounds/" + cid + "/witness/keys",
                      R"({"public_key":")" + kp.public_b64 + R"("})");
  ASSERT_EQ(k.status, 201) << k.body;
  auto sth = client().get("/api/v1/public/compounds/" + cid + "/sth").json();
  std::string sig =
      auth::ed25519_sign(kp.secret_b64, std::string(sth.at("signed_message").as_string()));
  auto r = staff.post("/api/v1/compounds/" + cid + "/witness/cosign",
                      R"({"key_id":)" + std::to_string(k.json().at("key_id").as_int64()) +
                          R"(,"tree_size":)" + std::to_string(sth.at("tree_size").as_int64()) +
                          R"(,"signature":")" + sig + R"("})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto again = client().get("/api/v1/public/compounds/" + cid + "/sth").json();
  EXPECT_EQ(again.at("witnesses").as_array().size(), 1u);
  auto com = client();
  com.login("committee");
  EXPECT_EQ(com.post("/api/v1/compounds/" + cid + "/witness/keys",
                     R"({"public_key":")" + kp.public_b64 + R"("})")
                .status,
            403);
}

// A shared cost entered at the desk is split as asked; a share that is not a whole number, or a
// rule the server does not know, is refused and nothing is booked. The remuneration rate is
// capped at 50 %.
TEST_F(LedgerApiTest, SharedCostsSplitAsAskedAndBadSharesBookNothing) {
  auto cid = std::to_string(compound_id("九院合一"));
  auto com = client();
  com.login("committee");
  auto yards = client().get("/api/v1/public/compounds/" + cid).json().at("courtyard_list");
  ASSERT_GE(yards.as_array().size(), 3u);
  auto yard = [&](std::size_t i) {
    return std::to_string(yards.as_array()[i].at("id").as_int64());
  };
  auto size = [&] {
    return client()
        .get("/api/v1/public/compounds/" + cid + "/sth")
        .json()
        .at("tree_size")
        .as_int64();
  };
  const auto before = size();
  auto post = [&](const std::string& rule, const std::string& shares) {
    return com.post("/api/v1/compounds/" + cid + "/shared-costs",
                    R"({"description":"保险","date":"2026-11-30","amount_fen":1000,)"
                    R"("expense_account":"5005","rule":")" +
                        rule + R"(","shares":)" + shares + "}");
  };
  auto ok = post("fixed", R"({")" + yard(0) + R"(":1,")" + yard(1) + R"(":3,"x":5,"007":9})");
  ASSERT_EQ(ok.status, 201) << ok.body;
  auto split = ok.json().at("split").as_array();
  EXPECT_EQ(ok.json().at("rule").as_string(), "fixed");
  EXPECT_EQ(split[0].at("amount_fen").as_int64(), 250);
  EXPECT_EQ(split[1].at("amount_fen").as_int64(), 750);
  EXPECT_EQ(split[2].at("amount_fen").as_int64(), 0);
  EXPECT_EQ(size(), before + 1);
  auto text = post("fixed", R"({")" + yard(0) + R"(":"2",")" + yard(1) + R"(":1})");
  EXPECT_EQ(text.status, 422) << text.body;
  EXPECT_NE(text.body.find("shares"), std::string::npos) << text.body;
  EXPECT_EQ(post("fixed", R"({")" + yard(0) + R"(":1.5})").status, 422);
  EXPECT_EQ(post("weight", "{}").status, 422);
  EXPECT_EQ(size(), before + 1);
  auto contract = [&](const std::string& bp) {
    return com.post("/api/v1/compounds/" + cid + "/contract", R"({"remuneration_bp":)" + bp + "}");
  };
  EXPECT_EQ(contract("6000").status, 422);
  auto set = contract("800");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.body, R"({"compound_id":)" + cid + R"(,"remuneration_bp":800})");
}

// A payment typed in a hurry is refused at the door with the field named, and nothing is
// booked; a good one answers the receipt in the shape the receipt page reads.
TEST_F(LedgerApiTest, APaymentIsCheckedAtTheDoorAndAnswersItsReceipt) {
  auto cid = std::to_string(compound_id("桂湖教师院"));
  auto t = client();
  t.login("trustee");
  auto base = "/api/v1/compounds/" + cid;
  const auto arrears = t.get(base + "/arrears").json();
  const auto unit = std::to_string(arrears.at("units").as_array()[0].at("unit_id").as_int64());
  auto size = [&] {
    return client()
        .get("/api/v1/public/compounds/" + cid + "/sth")
        .json()
        .at("tree_size")
        .as_int64();
  };
  const auto before = size();
  auto pay = [&](const std::string& rest) {
    return t.post(base + "/payments", R"({"unit_id":)" + unit + "," + rest + "}");
  };
  for (const auto& [rest, field] : std::vector<std::pair<std::string, std::string>>{
           {R"("amount_fen":"58,13","method":"cash")", "amount_fen"},
           {R"("amount_fen":5813.5,"method":"cash")", "amount_fen"},
           {R"("amount_fen":0,"method":"cash")", "amount_fen"},
           {R"("amount_fen":5813,"method":"cheque")", "method"},
           {R"("amount_fen":5813,"method":"cash","paid_on":"2026-02-30")", "paid_on"},
           {R"("amount_fen":5813,"method":"cash","amount":5813)", "amount"}}) {
    auto r = pay(rest);
    EXPECT_EQ(r.status, 422) << rest << " " << r.body;
    EXPECT_NE(r.body.find(R"("field":")" + field + R"(")"), std::string::npos) << r.body;
  }
  EXPECT_EQ(size(), before);
  auto ok = pay(R"("amount_fen":100,"method":"wechat","reference":"WX1","paid_on":"2026-11-20")");
  ASSERT_EQ(ok.status, 201) << ok.body;
  std::vector<std::string> keys;
  const auto answer = ok.json();
  for (const auto& kv : answer.as_object()) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "receipt_no",  "void",        "void_zh",       "reversal_index",
                      "receipt",     "compound_id", "compound_name", "unit_id",
                      "label",       "courtyard",   "amount_fen",    "method",
                      "reference",   "paid_on",     "allocations",   "settled_by_this_payment_fen",
                      "entry_index", "entry_url",   "qr_svg",        "prepaid_fen"}));
  EXPECT_EQ(ok.json().at("amount_fen").as_int64(), 100);
  EXPECT_EQ(ok.json().at("method").as_string(), "wechat");
  EXPECT_EQ(size(), before + 1);
}

}  // namespace xinyi::testing
