#include "app/demo_books.h"

#include <boost/json.hpp>
#include <algorithm>
#include <ctime>
#include <functional>
#include <set>
#include <map>

#include "app/bank_service.h"
#include "app/billing_service.h"
#include "app/ledger_service.h"
#include "app/demo_rng.h"
#include "app/work_service.h"
#include "domain/assert.h"
#include "domain/mask.h"
#include "store/bank_repo.h"
#include "store/billing_repo.h"
#include "store/auth_repo.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;
namespace json = boost::json;

namespace {

using Rng = DemoRng;

// Milliseconds at 10:00 China time on a date.
I ms_of(const std::string& date) {
  std::tm tm{};
  tm.tm_year = std::stoi(date.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(date.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(date.substr(8, 2));
  tm.tm_hour = 2;  // 10:00 UTC+8
  return static_cast<I>(timegm(&tm)) * 1000;
}

std::string day(int year, int month, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, d);
  return buf;
}

// A one-page PDF receipt (ASCII text, Helvetica): a real, viewable voucher file.
std::string receipt_pdf(const std::vector<std::string>& lines) {
  std::string content = "BT /F1 14 Tf 50 780 Td 18 TL";
  for (const auto& l : lines) {
    std::string esc;
    for (char ch : l) {
      if (ch == '(' || ch == ')' || ch == '\\') esc.push_back('\\');
      esc.push_back(ch);
    }
    content += " (" + esc + ") '";
  }
  content += " ET";
  std::vector<std::string> objs = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objs.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (auto off : offsets) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    pdf += buf;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) +
         "\n%%EOF\n";
  return pdf;
}

std::string yuan_ascii(I fen) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "CNY %lld.%02lld", static_cast<long long>(fen / 100), static_cast<long long>(fen % 100));
  return buf;
}

struct Books {
  Connection& c;
  I cid;
  DemoPeople people;
  std::map<I, std::vector<std::pair<I, bool>>> units;  // courtyard → (area, developer)
  std::map<I, std::vector<I>> unit_ids;                 // courtyard → unit ids
  std::vector<I> courtyards;
  I entries = 0;
  int receipt_no = 1000;

  App* app = nullptr;
  Caller trustee;
  std::set<std::string> billed;  // months whose bill run is scheduled
  std::int64_t pay_rate_pct = 90;

  Books(Connection& conn, I compound, DemoPeople p) : c(conn), cid(compound), people(p) {
    for (auto& r : c.query("SELECT courtyard_id, area_centi_m2, developer_held, id FROM units WHERE compound_id = ? ORDER BY id", {cid})) {
      units[r.i64(0)].emplace_back(r.i64(1), r.i64(2) != 0);
      unit_ids[r.i64(0)].push_back(r.i64(3));
    }
    for (const auto& y : store::list_courtyards(c, cid)) courtyards.push_back(y.id);
  }

  I append(ledger::Transaction t, I now) {
    Appender ap(c, cid, now);
    t.recorded_at_ms = now;
    I idx = ap.append(std::move(t));
    ap.finish();
    ++entries;
    return idx;
  }

  // Events are queued and written in date order at the end, so the log reads chronologically
  // and signed heads' timestamps only grow.
  std::vector<std::pair<std::string, std::function<void()>>> queue;
  I last_ms = 0;
  void later(const std::string& date, std::function<void()> fn) { queue.emplace_back(date, std::move(fn)); }
  void flush() {
    std::stable_sort(queue.begin(), queue.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [d, fn] : queue) fn();
    queue.clear();
  }
  I stamp(const std::string& date) { return last_ms = std::max(ms_of(date), last_ms + 1000); }

  void journal(const std::string& date, const std::string& kind, const std::string& text, std::vector<ledger::Posting> p) {
    later(date, [=, this] { do_journal(date, kind, text, p); });
  }
  I do_journal(const std::string& date, const std::string& kind, const std::string& text, std::vector<ledger::Posting> p) {
    ledger::Transaction t;
    t.date = date;
    t.kind = kind;
    t.description = text;
    t.postings = std::move(p);
    return append(std::move(t), stamp(date));
  }

  // Monthly property fees of one courtyard: rate × area, rounded half up per unit, of which
  // `collected_pct` percent arrived.
  void fees(const std::string& date, I yard, I rate_fen, I collected_pct, const std::string& label) {
    if (date >= kBillingFrom) {  // through Xinyi: one bill run a month for the whole compound
      pay_rate_pct = collected_pct;
      if (billed.insert(date.substr(0, 7)).second) bill_month(date.substr(0, 7));
      return;
    }
    later(date, [=, this] { do_fees(date, yard, rate_fen, collected_pct, label); });
  }

  static constexpr const char* kBillingFrom = "2025-11";

  void at(const std::string& date) {
    I ms = stamp(date);
    app->clock_ms = [ms] { return ms; };
  }

  void bill_month(const std::string& month) {
    later(month + "-01", [=, this] {
      at(month + "-01");
      bill_run_in(c, *app, trustee, cid, billing::Period{*billing::Month::parse(month), 1}, false);
    });
    // Households pay during the month: most settle all they owe, a few pay a quarter ahead,
    // one in about thirty never pays (the arrears the committee chases).
    Rng r(static_cast<std::uint64_t>(cid) * 1000 + static_cast<std::uint64_t>(billing::Month::parse(month)->index()));
    static const char* methods[] = {"wechat", "wechat", "wechat", "alipay", "bank", "cash"};
    for (const auto& [yard, list] : unit_ids) {
      for (I unit : list) {
        if (unit % 29 == 0) continue;
        I roll = r.uniform(1, 100);
        if (roll > pay_rate_pct) continue;
        std::string day = month + "-" + (roll % 24 + 3 < 10 ? "0" : "") + std::to_string(roll % 24 + 3);
        const char* method = methods[r.uniform(0, 5)];
        bool ahead = roll <= 3;
        later(day, [=, this] {
          I owed = 0;
          for (const auto& bill : store::open_bills(c, cid, unit)) owed += bill.amount_fen - bill.paid_fen;
          if (ahead) owed += 2 * c.scalar("SELECT COALESCE(MAX(amount_fen), 0) FROM bills WHERE unit_id = ?", {unit});
          if (owed <= 0) return;
          at(day);
          record_payment_in(c, *app, trustee, cid, unit, owed, method, "", day);
          ++entries;
        });
      }
    }
  }
  void do_fees(const std::string& date, I yard, I rate_fen, I collected_pct, const std::string& label) {
    I due = 0;
    for (auto [area, dev] : units[yard])
      if (!dev) due += (rate_fen * area + 50) / 100;
    I got = due * collected_pct / 100;
    if (got > 0) do_journal(date, "journal", label, {{"1001", got, yard}, {"4001", -got, yard}});
  }

  std::string voucher(const std::string& date, const std::string& payee_ascii, I fen, const std::string& what) {
    std::string pdf = receipt_pdf({"RECEIPT No. " + std::to_string(++receipt_no), "Date: " + date, "Payee: " + payee_ascii,
                                   "Amount: " + yuan_ascii(fen), "For: " + what, "Xinyi demo voucher"});
    std::string sha = ledger::to_hex(ledger::sha256(pdf));
    store::insert_voucher(c, cid, sha, "application/pdf", pdf, people.trustee, ms_of(date));
    return sha;
  }

  // A co-managed payment: requested by the trustee, approved by one committee member (two above
  // the threshold), executed into the books with its receipt.
  // per_unit_fen > 0: a purchase for every household of `yard`, listing the units covered.
  void pay(const std::string& date, const std::string& payee, bool person, I fen, const std::string& purpose,
           const std::string& expense, I yard = 0, const std::string& cash = "1001", const std::string& payee_ascii = "Provider",
           const std::string& status = "executed", I per_unit_fen = 0, I plan_item = 0) {
    later(date, [=, this] { do_pay(date, payee, person, fen, purpose, expense, yard, cash, payee_ascii, status, per_unit_fen, plan_item); });
  }
  // An item of a courtyard's plan for spending its surplus.
  I plan(I yard, I year, const std::string& item, I planned, const std::string& decision, const std::string& date) {
    return c.query_one("INSERT INTO surplus_plans (compound_id, courtyard_id, year, item, planned_fen, decision, created_by, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       {cid, yard, year, item, planned, decision, people.committee, ms_of(date)})
        ->i64(0);
  }
  void do_pay(const std::string& date, const std::string& payee, bool person, I fen, const std::string& purpose,
              const std::string& expense, I yard, const std::string& cash, const std::string& payee_ascii,
              const std::string& status, I per_unit_fen, I plan_item) {
    std::string sha = voucher(date, payee_ascii, fen, expense);
    store::DisbursementRec d;
    d.compound_id = cid;
    d.status = "pending";
    d.payee = payee;
    d.payee_is_person = person;
    d.amount_fen = fen;
    d.purpose = purpose;
    d.expense_account = expense;
    d.cash_account = cash;
    d.courtyard_id = yard;
    d.vouchers_json = json::serialize(json::array{json::value(sha)});
    d.requested_by = people.trustee;
    I t0 = ms_of(date) - 2 * 86400'000LL;
    d.requested_at = t0;
    d.id = store::insert_disbursement(c, d);
    if (plan_item) c.execute("UPDATE disbursements SET plan_item_id = ? WHERE id = ?", {plan_item, d.id});
    if (per_unit_fen)
      for (I u : unit_ids[yard])
        c.execute("INSERT INTO disbursement_units (disbursement_id, compound_id, unit_id, per_unit_fen) VALUES (?, ?, ?, ?)",
                  {d.id, cid, u, per_unit_fen});
    store::insert_approval(c, cid, d.id, {people.trustee, "trustee", "赵经理", t0});
    if (status == "pending") return;
    if (status == "rejected") {
      store::decide_disbursement(c, cid, d.id, "rejected", t0 + 86400'000LL, "缺少正式发票，请补充后重新申请", std::nullopt);
      return;
    }
    store::insert_approval(c, cid, d.id, {people.committee, "committee", "刘委员", t0 + 3600'000LL});
    bool two = fen > store::approval_threshold(c, cid);
    if (two) store::insert_approval(c, cid, d.id, {people.committee2, "committee", "陈委员", t0 + 7200'000LL});
    auto v = store::get_voucher(c, cid, sha, false);
    auto t = disbursement_entry(d, {{v->sha256, v->mime, v->size}}, store::list_approvals(c, d.id), date);
    I when = stamp(date);
    I idx = append(std::move(t), when);
    store::decide_disbursement(c, cid, d.id, "executed", when, "", idx);
  }
};

struct Month {
  int y, m;
  std::string label() const { return std::to_string(y) + "年" + std::to_string(m) + "月"; }
  std::string on(int d) const { return day(y, m, d); }
};

std::vector<Month> months() {
  std::vector<Month> out;
  for (int y = 2025, m = 1; y < 2026 || m <= 10;) {
    out.push_back({y, m});
    if (++m > 12) { m = 1; ++y; }
  }
  return out;
}

void hourly(Books& b, Rng& rng) {
  I yard = b.courtyards[0];
  b.journal("2025-01-01", "opening", "期初余额：院委会移交的结余", {{"1001", 1'600'000, yard}, {"3001", -1'600'000, yard}});
  for (const auto& mo : months()) {
    bool raised = mo.y > 2026 || (mo.y == 2026 && mo.m >= 5);  // owners agreed 0.30 → 0.50 yuan/m²/month from May 2026
    b.fees(mo.on(5), yard, raised ? 50 : 30, rng.uniform(90, 98), mo.label() + "物业费（" + std::string(raised ? "0.50" : "0.30") + " 元/㎡·月）");
    if (mo.y == 2025 && mo.m < 11) {
      // Before the service plan: the courtyard committee paid each worker by the hour.
      I clean_h = 24 + rng.uniform(0, 4), garden_h = 10 + rng.uniform(0, 3), elec_h = rng.uniform(2, 6);
      b.pay(mo.on(28), "周秀英", true, clean_h * 2500, mo.label() + "保洁 " + std::to_string(clean_h) + " 小时 × 25 元", "5001", yard, "1001", "Cleaner Zhou");
      b.pay(mo.on(28), "吴志强", true, garden_h * 3000, mo.label() + "绿化 " + std::to_string(garden_h) + " 小时 × 30 元", "5002", yard, "1001", "Gardener Wu");
      b.pay(mo.on(28), "孙师傅", true, elec_h * 4000, mo.label() + "电工维修 " + std::to_string(elec_h) + " 小时 × 40 元", "5003", yard, "1001", "Electrician Sun");
      b.pay(mo.on(28), "何德明", true, 8 * 3000, mo.label() + "项目经理 8 小时 × 30 元", "5004", yard, "1001", "Project manager He");
      continue;
    }
    // From November 2025 the service plan: the month's undisputed hours × rate are posted once
    // the residents' review window has closed (app/work_service.h), then paid to the trustee.
    const std::string month = mo.on(1).substr(0, 7);
    const Month next = mo.m == 12 ? Month{mo.y + 1, 1} : Month{mo.y, mo.m + 1};
    const std::string posted_on = next.on(6), paid_on = next.on(10);
    b.later(posted_on, [&b, month, posted_on] {
      b.at(posted_on);
      post_month_core(b.c, b.cid, month, b.app->clock_ms(), b.people.committee);
      ++b.entries;
    });
    b.later(paid_on, [&b, month, paid_on, label = mo.label(), yard] {
      I amount = b.c.scalar("SELECT amount_fen FROM service_postings WHERE compound_id = ? AND period = ?", {b.cid, month});
      if (amount > 0)
        b.do_pay(paid_on, "桂湖钟点服务队（受托人）", false, amount, label + "钟点服务工时款（经居民确认的工时）", "2001", yard, "1001", "Hourly service team",
                 "executed", 0, 0);
    });
  }
  b.pay("2026-11-20", "孙师傅", true, 38000, "更换 3 栋楼道灯泡", "5003", yard, "1001", "Electrician Sun", "pending");
}

void committee(Books& b, Rng& rng) {
  I yard = b.courtyards[0];
  b.journal("2025-01-01", "opening", "期初余额：物管委开立基本存款账户，公款转入", {{"1001", 2'860'000, yard}, {"3001", -2'860'000, yard}});
  for (const auto& mo : months()) {
    b.fees(mo.on(6), yard, 80, rng.uniform(86, 95), mo.label() + "物业费（0.80 元/㎡·月）");
    I parking = 120'000 + rng.uniform(0, 8) * 5'000;
    b.journal(mo.on(10), "journal", mo.label() + "停车费收入", {{"1001", parking, yard}, {"4002", -parking, yard}});
    if (mo.y == 2025 && mo.m == 5) {  // entered twice by mistake: corrected by a reversal, never an edit
      std::string label = mo.label() + "停车费收入", d = mo.on(10), fix = mo.on(11);
      b.later(d, [&b, label, d, fix, parking, yard] {
        I dup = b.do_journal(d, "journal", label, {{"1001", parking, yard}, {"4002", -parking, yard}});
        auto orig = ledger::from_published(store::get_entry(b.c, b.cid, dup)->canonical, nullptr);
        I when = b.stamp(fix);
        b.append(ledger::reversal_of(*orig, fix, "冲正：停车费重复录入", when), when);
      });
    }
    b.pay(mo.on(25), "成都锦华物业服务有限公司", false, 200'000, mo.label() + "保洁服务费", "5001", yard);
    b.pay(mo.on(25), "成都锦华物业服务有限公司", false, 80'000, mo.label() + "绿化养护费", "5002", yard);
    b.pay(mo.on(25), "成都锦华物业服务有限公司", false, 220'000, mo.label() + "秩序维护人员工资", "5004", yard);
    b.pay(mo.on(26), "成都锦华物业服务有限公司", false, 50'000, mo.label() + "受托人酬金（成本的 10%）", "5007", yard);
    if (mo.y == 2025 && mo.m == 9)
      b.pay(mo.on(18), "四川安消消防工程有限公司", false, 3'800'000, "消防设施更新改造（13 件大事之一）", "5008", yard, "1001", "Fire safety Co.");
  }
  b.pay("2026-10-15", "某广告公司", false, 60'000, "电梯广告屏维护", "5003", yard, "1001", "Ad Co.", "rejected");
}

void community_run(Books& b, Rng& rng) {
  b.journal("2025-01-01", "opening", "期初余额：社区领办物业公司承接", {{"1001", 300'000, 0}, {"3001", -300'000, 0}});
  for (const auto& mo : months()) {
    for (std::size_t k = 0; k < b.courtyards.size(); ++k) {
      I yard = b.courtyards[k];
      auto name = store::get_courtyard(b.c, b.cid, yard)->name;
      b.fees(mo.on(8), yard, 40, rng.uniform(92, 99), mo.label() + "物业费（" + name + "）");
      b.pay(mo.on(27), "南街社区物业服务中心", false, 20'000 + static_cast<I>(k) * 1'000, mo.label() + "保洁（" + name + "）", "5001", yard);
      b.pay(mo.on(27), "邓网格", true, 15'000, mo.label() + "网格员兼职物业经理补贴（" + name + "）", "5004", yard, "1001", "Grid worker Deng");
    }
  }
  // Each courtyard spends its surplus on its own cameras, emergency lights and a ¥100 property
  // insurance policy for every household, booked as one expense per courtyard.
  for (I yard : b.courtyards) {
    auto name = store::get_courtyard(b.c, b.cid, yard)->name;
    I households = static_cast<I>(b.units[yard].size());
    I insurance = b.plan(yard, 2025, "每户 100 元家庭财产保险", households * 10'000, "2025-11-20 院落坝坝会议定", "2025-11-20");
    I cameras = b.plan(yard, 2026, "监控摄像头", 200'000, "2026-02-26 院落坝坝会议定", "2026-02-26");
    I lights = b.plan(yard, 2026, "楼道应急灯", 60'000, "2026-02-26 院落坝坝会议定", "2026-02-26");
    b.pay("2025-12-16", "中国人保财险新都支公司", false, households * 10'000, name + "每户 100 元家庭财产保险（" + std::to_string(households) + " 户）", "5005", yard, "1001", "PICC",
          "executed", 10'000, insurance);
    b.pay("2026-03-12", "新都安防器材经营部", false, 180'000, name + "安装监控摄像头", "5008", yard, "1001", "Security store", "executed", 0, cameras);
    b.pay("2026-04-09", "新都安防器材经营部", false, 60'000, name + "楼道应急灯", "5008", yard, "1001", "Security store", "executed", 0, lights);
  }
}

void merged(Books& b, Rng& rng) {
  b.journal("2025-01-01", "opening", "期初余额：九个院落合并为北门片区", {{"1001", 450'000, 0}, {"3001", -450'000, 0}});
  for (const auto& mo : months()) {
    for (I yard : b.courtyards) {
      auto name = store::get_courtyard(b.c, b.cid, yard)->name;
      b.fees(mo.on(7), yard, 50, rng.uniform(85, 97), mo.label() + "物业费（" + name + "）");
    }
    b.pay(mo.on(26), "蓉新物业服务有限公司（比选中标）", false, 160'000, mo.label() + "片区保洁服务费", "5001");
    b.pay(mo.on(26), "蓉新物业服务有限公司（比选中标）", false, 100'000, mo.label() + "片区日常维修", "5003");
  }
  // The residents crowdfunded new gas pipes and wiring; the district added a subsidy.
  Rng r2(99);
  for (int i = 0; i < 9; ++i) {
    I yard = b.courtyards[i];
    I raised = 400'000 + r2.uniform(0, 20) * 10'000;
    b.journal(day(2025, 5, 10 + i), "journal", "燃气管道与线路改造居民众筹（" + store::get_courtyard(b.c, b.cid, yard)->name + "）",
              {{"1001", raised, yard}, {"4007", -raised, yard}});
  }
  b.journal("2025-05-30", "journal", "老旧小区改造政府补贴", {{"1001", 3'000'000, 0}, {"4008", -3'000'000, 0}});
  b.pay("2025-06-20", "新都燃气工程有限公司", false, 5'200'000, "九院燃气管道更换", "5008", 0, "1001", "Gas works Co.");
  b.pay("2025-07-15", "蓉城电力安装有限公司", false, 2'100'000, "九院线路改造", "5008", 0, "1001", "Electric install Co.");
}

void charity(Books& b, Rng& rng) {
  I yard = b.courtyards[0];
  b.journal("2025-01-01", "opening", "期初余额：公共收益结余", {{"1001", 6'800'000, yard}, {"3001", -6'800'000, yard}});
  // ¥30,000 raised for the charity fund within one week of April 2025.
  const char* donors[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡"};
  I total = 0;
  for (int i = 0; i < 24; ++i) {
    I amount = i == 23 ? 3'000'000 - total : (rng.uniform(2, 20) * 5'000);
    total += amount;
    std::string who = i % 5 == 4 ? "匿名" : std::string(donors[i % 15]) + "*";
    b.journal(day(2025, 4, 1 + i % 7), "journal", "慈善基金捐赠（" + who + "）", {{"1002", amount, yard}, {"4005", -amount, yard}});
  }
  XINYI_ASSERT(total == 3'000'000);
  for (const auto& mo : months()) {
    b.fees(mo.on(5), yard, 80, rng.uniform(90, 98), mo.label() + "物业费（0.80 元/㎡·月）");
    b.journal(mo.on(10), "journal", mo.label() + "停车费收入", {{"1001", 200'000, yard}, {"4002", -200'000, yard}});
    b.journal(mo.on(10), "journal", mo.label() + "电梯广告收入", {{"1001", 50'000, yard}, {"4003", -50'000, yard}});
    b.pay(mo.on(25), "锦城物业服务有限公司", false, 650'000, mo.label() + "物业服务费", "5001", yard);
    b.pay(mo.on(26), "锦城物业服务有限公司", false, 78'000, mo.label() + "受托人酬金（成本的 12%）", "5007", yard);
  }
  b.pay("2025-05-20", "困难家庭帮扶（身份保密）", false, 200'000, "慈善基金帮扶困难家庭", "5009", yard, "1002", "Aid (confidential)");
  b.pay("2025-06-01", "锦苑志愿服务队", false, 150'000, "慈善基金：六一儿童节公益活动", "5010", yard, "1002", "Volunteers");
  b.pay("2025-07-08", "新都园林绿化工程部", false, 580'000, "慈善基金：院落微更新（花坛）", "5008", yard, "1002", "Landscaping");
  b.pay("2025-08-12", "成都鑫门业有限公司", false, 2'800'000, "小区新大门", "5008", yard, "1001", "Gate Co.");
  b.pay("2025-09-03", "智安门禁科技有限公司", false, 1'960'000, "门禁系统", "5008", yard, "1001", "Access control Co.");
  b.pay("2025-09-25", "新都园林绿化工程部", false, 1'200'000, "公共区域绿化提升", "5002", yard, "1001", "Landscaping");
  b.pay("2025-10-20", "彩虹墙面装饰工作室", false, 1'300'000, "外墙粉刷", "5008", yard, "1001", "Wall painting");
  b.pay("2026-01-18", "困难家庭帮扶（身份保密）", false, 100'000, "慈善基金春节慰问", "5009", yard, "1002", "Aid (confidential)");
}

// The bank's side: statement lines for every posting on the bank accounts (payments clear a
// day later), with running balances and serial numbers, plus one line nobody has explained yet.
void bank_statements(Books& b, const std::string& bank_name, const std::string& number_last4) {
  std::vector<std::string> accounts = {"1001"};
  if (store::get_compound(b.c, b.cid)->model == "charity") accounts.push_back("1002");
  int seq = 0;
  for (const auto& code : accounts) {
    store::BankAccountRec acc{0, b.cid, bank_name, code == "1001" ? number_last4 : "7788", code == "1001" ? "basic" : "general", code};
    acc.id = store::insert_bank_account(b.c, acc, ms_of("2025-01-01"));
    std::vector<bank::StatementLine> lines;
    I balance = 0;
    for (auto& r : b.c.query("SELECT p.date, p.amount_fen, e.description FROM postings p JOIN ledger_entries e "
                             "ON e.compound_id = p.compound_id AND e.idx = p.idx WHERE p.compound_id = ? AND p.account = ? "
                             "ORDER BY p.date, p.idx",
                             {b.cid, code})) {
      bank::StatementLine l;
      l.date = r.str(0);
      l.amount_fen = r.i64(1);
      balance += l.amount_fen;
      l.balance_fen = balance;
      l.memo = r.str(2).substr(0, 120);
      l.counterparty = l.amount_fen > 0 ? "业主缴费（微信支付结算）" : "对公转账";
      char serial[32];
      std::snprintf(serial, sizeof serial, "%s%06d", l.date.substr(0, 4).c_str(), ++seq);
      l.serial = serial;
      lines.push_back(std::move(l));
    }
    if (code == "1001") {
      bank::StatementLine extra;
      extra.date = "2026-10-29";
      extra.amount_fen = 20'000;
      balance += extra.amount_fen;
      extra.balance_fen = balance;
      extra.counterparty = "新都区某商贸有限公司";
      extra.memo = "转账（待核实：未找到对应账目）";
      extra.serial = "2026999999";
      lines.push_back(std::move(extra));
    }
    store_statement(b.c, b.cid, acc.id, lines, ms_of("2026-11-01"));
  }
}

}  // namespace

std::string demo_pdf(const std::vector<std::string>& lines) { return receipt_pdf(lines); }
I demo_ms(const std::string& date) { return ms_of(date); }

I seed_demo_books(App& app, Connection& c, const std::vector<I>& compounds, const DemoPeople& people) {
  XINYI_ASSERT(compounds.size() == 5);
  auto saved_clock = app.clock_ms;
  I total = 0;
  void (*plans[])(Books&, Rng&) = {hourly, committee, community_run, merged, charity};
  for (std::size_t i = 0; i < 5; ++i) {
    Books b(c, compounds[i], people);
    b.app = &app;
    b.trustee.ip = "seed";
    b.trustee.user = store::get_user(c, people.trustee);
    // The rates, with the decisions they rest on; bills from November 2025 on.
    static const std::int64_t rates[] = {30, 80, 40, 50, 80};
    c.execute("UPDATE compounds SET billing_from = ? WHERE id = ?", {std::string(Books::kBillingFrom), compounds[i]});
    store::insert_fee_rate(c, compounds[i], {0, 0, "2025-01", rates[i], "物业服务合同约定的收费标准", ""}, people.committee, ms_of("2025-01-01"));
    if (i == 0)
      store::insert_fee_rate(c, compounds[i], {0, 0, "2026-05", 50, "2026-04-18 业主表决通过：物业费由 0.30 元调整为 0.50 元/㎡·月", "",
                                               people.fee_rise_vote},
                             people.committee, ms_of("2026-04-18"));
    Rng rng(1000 + i);
    plans[i](b, rng);
    b.flush();
    static const char* banks[] = {"成都农商银行新都支行", "中国银行新都支行", "成都银行桂湖支行", "中国建设银行新都支行", "中国工商银行新都支行"};
    bank_statements(b, banks[i], std::to_string(4401 + 111 * static_cast<int>(i)));
    total += b.entries;
  }
  app.clock_ms = saved_clock;
  return total;
}

}  // namespace xinyi::app
