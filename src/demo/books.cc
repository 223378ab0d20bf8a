#include "demo/books.h"
#include "domain/date.h"

#include <algorithm>
#include <boost/json.hpp>
#include <ctime>
#include <functional>
#include <map>
#include <set>

#include "app/bank_service.h"
#include "app/billing_service.h"
#include "app/books.h"
#include "app/charity_service.h"
#include "app/ledger_service.h"
#include "app/public_log.h"
#include "app/work_service.h"
#include "demo/rng.h"
#include "domain/assert.h"
#include "domain/billing.h"
#include "domain/mask.h"
#include "domain/money.h"
#include "store/auth_repo.h"
#include "store/bank_repo.h"
#include "store/billing_repo.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"

namespace xinyi::demo {

using namespace app;  // the demo is built with the product's own use cases

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

std::string day(int year, int month, int d) { return iso_date(year, month, d); }

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
  pdf += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::string yuan_ascii(I fen) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "CNY %lld.%02lld", static_cast<long long>(fen / 100),
                static_cast<long long>(fen % 100));
  return buf;
}

// A demo payment that belongs to a renewal project: its line and funding source.
struct ProjectLink {
  I pid = 0, line = 0;
  std::string source;
  I quote = 0;                              // the contract paid under
  std::vector<std::pair<I, I>> units = {};  // a refund to households: (unit, fen)
};

struct Books {
  Connection& c;
  I cid;
  DemoPeople people;
  std::map<I, std::vector<std::pair<I, bool>>> units;  // courtyard → (area, developer)
  std::map<I, std::vector<I>> unit_ids;                // courtyard → unit ids
  std::vector<I> courtyards;
  I entries = 0;
  int receipt_no = 1000;

  App* app = nullptr;
  Caller trustee;
  std::set<std::string> billed;  // months whose bill run is scheduled
  std::int64_t pay_rate_pct = 90;

  Books(Connection& conn, I compound, DemoPeople p) : c(conn), cid(compound), people(p) {
    for (
        auto& r : c.query(
            "SELECT courtyard_id, area_centi_m2, developer_held, id FROM units WHERE compound_id = ? ORDER BY id",
            {cid})) {
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
  void later(const std::string& date, std::function<void()> fn) {
    queue.emplace_back(date, std::move(fn));
  }
  void flush() {
    std::stable_sort(queue.begin(), queue.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [d, fn] : queue) fn();
    queue.clear();
  }
  I stamp(const std::string& date) { return last_ms = std::max(ms_of(date), last_ms + 1000); }

  void journal(const std::string& date, const std::string& kind, const std::string& text,
               std::vector<ledger::Posting> p) {
    later(date, [=, this] { do_journal(date, kind, text, p); });
  }
  I do_journal(const std::string& date, const std::string& kind, const std::string& text,
               std::vector<ledger::Posting> p) {
    ledger::Transaction t;
    t.date = date;
    t.kind = kind;
    t.description = text;
    t.postings = std::move(p);
    return append(std::move(t), stamp(date));
  }

  // Monthly property fees of one courtyard: rate × area, rounded half up per unit, of which
  // `collected_pct` percent arrived.
  void fees(const std::string& date, I yard, I rate_fen, I collected_pct,
            const std::string& label) {
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
    Rng r(static_cast<std::uint64_t>(cid) * 1000 +
          static_cast<std::uint64_t>(billing::Month::parse(month)->index()));
    static const PayMethod methods[] = {PayMethod::wechat, PayMethod::wechat, PayMethod::wechat,
                                        PayMethod::alipay, PayMethod::bank,   PayMethod::cash};
    for (const auto& [yard, list] : unit_ids) {
      for (I unit : list) {
        if (unit % 29 == 0) continue;
        I roll = r.uniform(1, 100);
        if (roll > pay_rate_pct) continue;
        std::string day =
            month + "-" + (roll % 24 + 3 < 10 ? "0" : "") + std::to_string(roll % 24 + 3);
        const PayMethod method = methods[r.uniform(0, 5)];
        bool ahead = roll <= 3;
        later(day, [=, this] {
          I owed = 0;
          for (const auto& bill : store::open_bills(c, cid, unit))
            owed += bill.amount_fen - bill.paid_fen;
          if (ahead)
            owed += 2 * c.scalar("SELECT COALESCE(MAX(amount_fen), 0) FROM bills WHERE unit_id = ?",
                                 {unit});
          if (owed <= 0) return;
          at(day);
          record_payment_in(c, *app, trustee, cid, {unit, owed, method, "", day});
          ++entries;
        });
      }
    }
  }
  void do_fees(const std::string& date, I yard, I rate_fen, I collected_pct,
               const std::string& label) {
    I due = 0;
    for (auto [area, dev] : units[yard])
      if (!dev) due += (rate_fen * area + 50) / 100;
    I got = due * collected_pct / 100;
    if (got > 0) do_journal(date, "journal", label, {{"1001", got, yard}, {"4001", -got, yard}});
  }

  std::string voucher(const std::string& date, const std::string& payee_ascii, I fen,
                      const std::string& what) {
    std::string pdf = receipt_pdf({"RECEIPT No. " + std::to_string(++receipt_no), "Date: " + date,
                                   "Payee: " + payee_ascii, "Amount: " + yuan_ascii(fen),
                                   "For: " + what, "Xinyi demo voucher"});
    std::string sha = ledger::to_hex(ledger::sha256(pdf));
    store::insert_voucher(c, cid, sha, "application/pdf", pdf, people.trustee, ms_of(date));
    return sha;
  }

  // A co-managed payment: requested by the trustee, approved by one committee member (two above
  // the threshold), executed into the books with its receipt.
  // per_unit_fen > 0: a purchase for every household of `yard`, listing the units covered.
  void pay(const std::string& date, const std::string& payee, bool person, I fen,
           const std::string& purpose, const std::string& expense, I yard = 0,
           const std::string& cash = "1001", const std::string& payee_ascii = "Provider",
           const std::string& status = "executed", I per_unit_fen = 0, I plan_item = 0,
           ProjectLink project = {}) {
    later(date, [=, this] {
      do_pay(date, payee, person, fen, purpose, expense, yard, cash, payee_ascii, status,
             per_unit_fen, plan_item, project);
    });
  }
  // An item of a courtyard's plan for spending its surplus.
  I plan(I yard, I year, const std::string& item, I planned, const std::string& decision,
         const std::string& date) {
    return c
        .query_one(
            "INSERT INTO surplus_plans (compound_id, courtyard_id, year, item, planned_fen, decision, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {cid, yard, year, item, planned, decision, people.committee, ms_of(date)})
        ->i64(0);
  }
  void do_pay(const std::string& date, const std::string& payee, bool person, I fen,
              const std::string& purpose, const std::string& expense, I yard,
              const std::string& cash, const std::string& payee_ascii, const std::string& status,
              I per_unit_fen, I plan_item, ProjectLink project = {}) {
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
    if (plan_item)
      c.execute("UPDATE disbursements SET plan_item_id = ? WHERE id = ?", {plan_item, d.id});
    if (project.pid)
      c.execute(
          "UPDATE disbursements SET project_id = ?, project_line_id = ?, funding_source = ?, project_quote_id = ? WHERE id = ?",
          {project.pid, project.line, project.source, project.quote, d.id});
    for (auto [u, fen] : project.units)
      c.execute(
          "INSERT INTO disbursement_units (disbursement_id, compound_id, unit_id, per_unit_fen) VALUES (?, ?, ?, ?)",
          {d.id, cid, u, fen});
    if (per_unit_fen)
      for (I u : unit_ids[yard])
        c.execute(
            "INSERT INTO disbursement_units (disbursement_id, compound_id, unit_id, per_unit_fen) VALUES (?, ?, ?, ?)",
            {d.id, cid, u, per_unit_fen});
    store::insert_approval(c, cid, d.id, {people.trustee, "trustee", "赵经理", t0});
    if (status == "pending") return;
    if (status == "rejected") {
      store::decide_disbursement(c, cid, d.id, "rejected", t0 + 86400'000LL,
                                 "缺少正式发票，请补充后重新申请", std::nullopt);
      return;
    }
    store::insert_approval(c, cid, d.id,
                           {people.committee, "committee", "刘委员", t0 + 3600'000LL});
    bool two = fen > store::approval_threshold(c, cid);
    if (two)
      store::insert_approval(c, cid, d.id,
                             {people.committee2, "committee", "陈委员", t0 + 7200'000LL});
    auto v = store::get_voucher(c, cid, sha, false);
    auto t = disbursement_entry(d, {{v->sha256, v->mime, v->size}}, store::list_approvals(c, d.id),
                                date);
    if (project.pid) t.links.push_back({"project", project.pid});
    I when = stamp(date);
    I idx = append(std::move(t), when);
    store::decide_disbursement(c, cid, d.id, "executed", when, "", idx);
  }
};

// ---- renewal projects, as the use cases (app/project_service.h) would have left them --------

struct SeedLine {
  std::string name, account;
  I budget = 0;
};
struct SeedFunding {
  std::string source;
  I yard = 0, amount = 0;
};
struct SeedMilestone {
  std::string title, due, done, note;
};
struct SeedProject {
  std::string title, description;
  I yard = 0;
  std::string status = "settled", mode = "committee";
  I goal = 0, vote_id = 0;
  std::vector<SeedLine> lines;
  std::vector<SeedFunding> funding;
  struct Quote {
    std::string contractor;
    I amount = 0;
    std::string signed_on;  // empty: not chosen
  };
  std::vector<Quote> quotes;
  std::string created_on, accepted_on, settled_on;
  std::vector<SeedMilestone> milestones;
};
struct SeededProject {
  I pid = 0;
  std::vector<I> lines, quotes;
};

SeededProject seed_project(Books& b, const SeedProject& s) {
  Connection& c = b.c;
  I created = ms_of(s.created_on);
  I budget = 0;
  for (const auto& l : s.lines) budget += l.budget;
  I funded = 0;
  for (const auto& f : s.funding) funded += f.amount;
  XINYI_ASSERT(budget == funded);
  SeededProject out;
  std::string first_signed;
  for (const auto& q : s.quotes)
    if (!q.signed_on.empty() && (first_signed.empty() || q.signed_on < first_signed))
      first_signed = q.signed_on;
  out.pid =
      c.query_one(
           "INSERT INTO projects (compound_id, courtyard_id, title, description, status, acceptance_mode, signoffs_required, "
           "min_turnout_pct, crowdfund_goal_fen, vote_id, outcome, settled_on, "
           "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 2, 20, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
           {b.cid, s.yard ? store::Value(s.yard) : store::Value(nullptr), s.title, s.description,
            s.status, s.mode, s.goal, s.vote_id ? store::Value(s.vote_id) : store::Value(nullptr),
            s.accepted_on.empty() ? store::Value(nullptr) : store::Value(std::string("accepted")),
            s.settled_on.empty() ? store::Value(nullptr) : store::Value(s.settled_on),
            b.people.committee, created, created})
          ->i64(0);
  auto event = [&](const std::string& date, const std::string& kind, const std::string& text) {
    c.execute(
        "INSERT INTO project_events (project_id, compound_id, at, kind, text) VALUES (?, ?, ?, ?, ?)",
        {out.pid, b.cid, ms_of(date), kind, text});
    c.execute("UPDATE projects SET updated_at = ? WHERE id = ?", {ms_of(date), out.pid});
  };
  event(s.created_on, "created", "立项：" + s.title);
  for (std::size_t i = 0; i < s.lines.size(); ++i)
    out.lines.push_back(
        c.query_one(
             "INSERT INTO project_lines (project_id, compound_id, position, name, account, budget_fen) VALUES (?, ?, ?, ?, ?, ?) "
             "RETURNING id",
             {out.pid, b.cid, static_cast<I>(i), s.lines[i].name, s.lines[i].account,
              s.lines[i].budget})
            ->i64(0));
  for (const auto& f : s.funding)
    c.execute(
        "INSERT INTO project_funding (project_id, compound_id, source, courtyard_id, amount_fen) VALUES (?, ?, ?, ?, ?)",
        {out.pid, b.cid, f.source, f.yard, f.amount});
  event(s.created_on, "budget",
        "预算 " + format_yuan(budget) + " 元（" + std::to_string(s.lines.size()) + " 项）");
  if (s.vote_id)
    event(s.created_on, "vote",
          "关联业主表决：" +
              c.query_one("SELECT title FROM votes WHERE id = ?", {s.vote_id})->str(0));
  for (const auto& q : s.quotes) {
    out.quotes.push_back(
        c.query_one(
             "INSERT INTO project_quotes (project_id, compound_id, contractor, amount_fen, signed_on, created_by, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {out.pid, b.cid, q.contractor, q.amount,
              q.signed_on.empty() ? store::Value(nullptr) : store::Value(q.signed_on),
              b.people.committee, created})
            ->i64(0));
    event(s.created_on, "quote", "收到报价：" + q.contractor + " " + format_yuan(q.amount) + " 元");
  }
  for (const auto& q : s.quotes)
    if (!q.signed_on.empty())
      event(q.signed_on, "contract",
            "签订合同：" + q.contractor + " " + format_yuan(q.amount) + " 元");
  for (const auto& m : s.milestones) {
    c.execute(
        "INSERT INTO project_milestones (project_id, compound_id, title, due_on, done_on, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {out.pid, b.cid, m.title, m.due.empty() ? store::Value(nullptr) : store::Value(m.due),
         m.done.empty() ? store::Value(nullptr) : store::Value(m.done), m.note,
         ms_of(first_signed.empty() ? s.created_on : first_signed)});
    if (!m.done.empty())
      event(m.done, "milestone",
            "完成节点：" + m.title + (m.note.empty() ? "" : "（" + m.note + "）"));
  }
  if (!s.accepted_on.empty() && s.mode == "committee") {
    c.execute(
        "INSERT INTO project_signoffs (project_id, compound_id, user_id, at) VALUES (?, ?, ?, ?)",
        {out.pid, b.cid, b.people.committee, ms_of(s.accepted_on)});
    c.execute(
        "INSERT INTO project_signoffs (project_id, compound_id, user_id, at) VALUES (?, ?, ?, ?)",
        {out.pid, b.cid, b.people.committee2, ms_of(s.accepted_on) + 3600'000});
    event(s.accepted_on, "accepted", "通过验收（委员会签字）");
  }
  if (!s.accepted_on.empty() && s.mode == "questionnaire") {
    // The residents' acceptance questionnaire: one answer per household, most agree.
    json::array qs{json::object{{"kind", "single"},
                                {"text", "您是否同意该项目通过验收？"},
                                {"required", true},
                                {"options", json::array{"同意验收", "不同意"}}}};
    I opens = ms_of(s.accepted_on) - 7 * 86400'000LL;
    I qid =
        c.query_one(
             "INSERT INTO questionnaires (compound_id, title, description, audience, courtyard_id, per, opens_at, closes_at, questions, "
             "created_by, created_at) VALUES (?, ?, ?, 'compound', NULL, 'household', ?, ?, ?, ?, ?) RETURNING id",
             {b.cid, "验收：" + s.title,
              std::string(
                  "请查看项目页上的节点和付款记录后作答。至少 20% 的住户参与、且同意的过半数，即通过验收。"),
              opens, ms_of(s.accepted_on), json::serialize(qs), b.people.committee, opens})
            ->i64(0);
    I n = 0, agree = 0, households = 0;
    Rng r(static_cast<std::uint64_t>(out.pid) * 7 + 3);
    for (const auto& [yard, list] : b.unit_ids)
      for (I u : list) {
        ++households;
        if (r.uniform(1, 100) > 64) continue;
        bool yes = r.uniform(1, 100) <= 91;
        c.execute(
            "INSERT INTO survey_responses (compound_id, questionnaire_id, respondent, unit_id, courtyard_id, answers, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            {b.cid, qid, "unit:" + std::to_string(u), u, yard,
             std::string(yes ? R"([{"choices":[0]}])" : R"([{"choices":[1]}])"),
             opens + (n + 1) * 3600'000});
        ++n;
        agree += yes;
      }
    c.execute("UPDATE questionnaires SET responses = ? WHERE id = ?", {n, qid});
    c.execute("UPDATE projects SET questionnaire_id = ? WHERE id = ?", {qid, out.pid});
    XINYI_ASSERT(n * 100 >= 20 * households && 2 * agree > n);
    event(s.accepted_on, "accepted",
          "通过居民验收：" + std::to_string(households) + " 户中 " + std::to_string(n) +
              " 户作答，" + std::to_string(agree) + " 户同意");
  }
  return out;
}

// The need (from the needs list) a project took up, found by its text.
void link_need(Books& b, I pid, const std::string& body) {
  b.c.execute(
      "UPDATE projects SET need_id = (SELECT MIN(id) FROM needs WHERE compound_id = ? AND body = ?) WHERE id = ?",
      {b.cid, body, pid});
}

// The settlement's timeline event, once the payments are in.
void settle_event(Books& b, I pid, const std::string& date) {
  b.later(date, [&b, pid, date] {
    I budget = b.c.scalar(
        "SELECT COALESCE(SUM(budget_fen), 0) FROM project_lines WHERE project_id = ? AND retired = 0",
        {pid});
    I contract = b.c.scalar(
        "SELECT COALESCE(SUM(amount_fen), 0) FROM project_quotes WHERE project_id = ? AND signed_on IS NOT NULL",
        {pid});
    I paid = b.c.scalar(
        "SELECT COALESCE(SUM(amount_fen), 0) FROM disbursements WHERE project_id = ? AND status = 'executed'",
        {pid});
    b.c.execute(
        "INSERT INTO project_events (project_id, compound_id, at, kind, text) VALUES (?, ?, ?, 'settled', ?)",
        {pid, b.cid, ms_of(date),
         "决算：预算 " + format_yuan(budget) + " 元，合同 " + format_yuan(contract) + " 元，实付 " +
             format_yuan(paid) + " 元"});
    b.c.execute("UPDATE projects SET updated_at = ? WHERE id = ?", {ms_of(date), pid});
  });
}

// A volunteer team with its members and a year of activities (each member's minutes).
void seed_volunteers(Books& b, const std::string& team, const std::string& description,
                     const std::vector<std::string>& names,
                     const std::vector<std::pair<std::string, std::string>>& activities,
                     std::uint64_t seed) {
  Connection& c = b.c;
  I tid =
      c.query_one(
           "INSERT INTO volunteer_teams (compound_id, name, description, created_at) VALUES (?, ?, ?, ?) RETURNING id",
           {b.cid, team, description, ms_of("2025-03-01")})
          ->i64(0);
  std::vector<I> members;
  for (const auto& n : names)
    members.push_back(
        c.query_one(
             "INSERT INTO volunteer_members (team_id, compound_id, name, joined_at) VALUES (?, ?, ?, ?) RETURNING id",
             {tid, b.cid, n, ms_of("2025-03-01")})
            ->i64(0));
  Rng r(seed);
  for (const auto& [date, title] : activities) {
    I aid =
        c.query_one(
             "INSERT INTO volunteer_activities (team_id, compound_id, title, held_on, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
             {tid, b.cid, title, date, ms_of(date)})
            ->i64(0);
    for (I m : members)
      if (r.uniform(1, 100) <= 55)
        c.execute(
            "INSERT INTO volunteer_hours (activity_id, member_id, compound_id, minutes) VALUES (?, ?, ?, ?)",
            {aid, m, b.cid, r.uniform(4, 12) * 15});
  }
}

struct Month {
  int y, m;
  std::string label() const { return std::to_string(y) + "年" + std::to_string(m) + "月"; }
  std::string on(int d) const { return day(y, m, d); }
};

std::vector<Month> months() {
  std::vector<Month> out;
  for (int y = 2025, m = 1; y < 2026 || m <= 10;) {
    out.push_back({y, m});
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  return out;
}

void hourly(Books& b, Rng& rng) {
  I yard = b.courtyards[0];
  b.journal("2025-01-01", "opening", "期初余额：院委会移交的结余",
            {{"1001", 1'600'000, yard}, {"3001", -1'600'000, yard}});
  for (const auto& mo : months()) {
    bool raised =
        mo.y > 2026 ||
        (mo.y == 2026 && mo.m >= 5);  // owners agreed 0.30 → 0.50 yuan/m²/month from May 2026
    b.fees(mo.on(5), yard, raised ? 50 : 30, rng.uniform(90, 98),
           mo.label() + "物业费（" + std::string(raised ? "0.50" : "0.30") + " 元/㎡·月）");
    if (mo.y == 2025 && mo.m < 11) {
      // Before the service plan: the courtyard committee paid each worker by the hour.
      I clean_h = 24 + rng.uniform(0, 4), garden_h = 10 + rng.uniform(0, 3),
        elec_h = rng.uniform(2, 6);
      b.pay(mo.on(28), "周秀英", true, clean_h * 2500,
            mo.label() + "保洁 " + std::to_string(clean_h) + " 小时 × 25 元", "5001", yard, "1001",
            "Cleaner Zhou");
      b.pay(mo.on(28), "吴志强", true, garden_h * 3000,
            mo.label() + "绿化 " + std::to_string(garden_h) + " 小时 × 30 元", "5002", yard, "1001",
            "Gardener Wu");
      b.pay(mo.on(28), "孙师傅", true, elec_h * 4000,
            mo.label() + "电工维修 " + std::to_string(elec_h) + " 小时 × 40 元", "5003", yard,
            "1001", "Electrician Sun");
      b.pay(mo.on(28), "何德明", true, 8 * 3000, mo.label() + "项目经理 8 小时 × 30 元", "5004",
            yard, "1001", "Project manager He");
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
      I amount =
          b.c.scalar("SELECT amount_fen FROM service_postings WHERE compound_id = ? AND period = ?",
                     {b.cid, month});
      if (amount > 0)
        b.do_pay(paid_on, "桂湖钟点服务队（受托人）", false, amount,
                 label + "钟点服务工时款（经居民确认的工时）", "2001", yard, "1001",
                 "Hourly service team", "executed", 0, 0);
    });
  }
  b.pay("2026-11-20", "孙师傅", true, 38000, "更换 3 栋楼道灯泡", "5003", yard, "1001",
        "Electrician Sun", "pending");
}

void committee(Books& b, Rng& rng) {
  I yard = b.courtyards[0];
  b.journal("2025-01-01", "opening", "期初余额：物管委开立基本存款账户，公款转入",
            {{"1001", 2'860'000, yard}, {"3001", -2'860'000, yard}});
  for (const auto& mo : months()) {
    b.fees(mo.on(6), yard, 80, rng.uniform(86, 95), mo.label() + "物业费（0.80 元/㎡·月）");
    I parking = 120'000 + rng.uniform(0, 8) * 5'000;
    b.journal(mo.on(10), "journal", mo.label() + "停车费收入",
              {{"1001", parking, yard}, {"4002", -parking, yard}});
    if (mo.y == 2025 &&
        mo.m == 5) {  // entered twice by mistake: corrected by a reversal, never an edit
      std::string label = mo.label() + "停车费收入", d = mo.on(10), fix = mo.on(11);
      b.later(d, [&b, label, d, fix, parking, yard] {
        I dup =
            b.do_journal(d, "journal", label, {{"1001", parking, yard}, {"4002", -parking, yard}});
        auto orig = ledger::from_published(store::get_entry(b.c, b.cid, dup)->canonical, nullptr);
        // Undoing money is co-managed: a committee member asks, a second member and the trustee
        // approve, and the reversal carries their approvals (app::reverse_transaction).
        I when = b.stamp(fix);
        store::DisbursementRec d;
        d.compound_id = b.cid;
        d.status = "pending";
        d.payee = "冲正第 " + std::to_string(dup) + " 笔账目";
        d.amount_fen = ledger::entry_amount_fen(*orig);
        d.purpose = "停车费重复录入";
        d.cash_account = "1001";
        d.vouchers_json = "[]";
        d.requested_by = b.people.committee;
        d.requested_at = when - 5 * 3600'000LL;
        d.reverses_idx = dup;
        d.id = store::insert_disbursement(b.c, d);
        store::insert_approval(b.c, b.cid, d.id,
                               {b.people.committee2, "committee", "陈委员", when - 3 * 3600'000LL});
        store::insert_approval(b.c, b.cid, d.id, {b.people.trustee, "trustee", "赵经理", when});
        auto rev = ledger::reversal_of(*orig, fix, "冲正：停车费重复录入", when);
        for (const auto& a : store::list_approvals(b.c, d.id))
          rev.approvals.push_back({a.role, mask_name(a.name), a.at});
        rev.links.push_back({"reversal_request", d.id});
        I idx = b.append(std::move(rev), when);
        store::decide_disbursement(b.c, b.cid, d.id, "executed", when, "", idx);
      });
    }
    b.pay(mo.on(25), "成都锦华物业服务有限公司", false, 200'000, mo.label() + "保洁服务费", "5001",
          yard);
    b.pay(mo.on(25), "成都锦华物业服务有限公司", false, 80'000, mo.label() + "绿化养护费", "5002",
          yard);
    b.pay(mo.on(25), "成都锦华物业服务有限公司", false, 220'000, mo.label() + "秩序维护人员工资",
          "5004", yard);
    b.pay(mo.on(26), "成都锦华物业服务有限公司", false, 50'000,
          mo.label() + "受托人酬金（成本的 10%）", "5007", yard);
    if (mo.y == 2025 && mo.m == 9)
      b.pay(mo.on(18), "四川安消消防工程有限公司", false, 3'800'000,
            "消防设施更新改造（13 件大事之一）", "5008", yard, "1001", "Fire safety Co.");
  }
  b.pay("2026-10-15", "某广告公司", false, 60'000, "电梯广告屏维护", "5003", yard, "1001", "Ad Co.",
        "rejected");
}

void community_run(Books& b, Rng& rng) {
  b.journal("2025-01-01", "opening", "期初余额：社区领办物业公司承接",
            {{"1001", 300'000, 0}, {"3001", -300'000, 0}});
  for (const auto& mo : months()) {
    for (std::size_t k = 0; k < b.courtyards.size(); ++k) {
      I yard = b.courtyards[k];
      auto name = store::get_courtyard(b.c, b.cid, yard)->name;
      b.fees(mo.on(8), yard, 40, rng.uniform(92, 99), mo.label() + "物业费（" + name + "）");
      b.pay(mo.on(27), "南街社区物业服务中心", false, 20'000 + static_cast<I>(k) * 1'000,
            mo.label() + "保洁（" + name + "）", "5001", yard);
      b.pay(mo.on(27), "邓网格", true, 15'000,
            mo.label() + "网格员兼职物业经理补贴（" + name + "）", "5004", yard, "1001",
            "Grid worker Deng");
    }
  }
  // Each courtyard spends its surplus on its own cameras, emergency lights and a ¥100 property
  // insurance policy for every household, booked as one expense per courtyard. Both are renewal
  // projects: the insurance one for the whole compound (each courtyard pays its households' share
  // from its own surplus), the lights and cameras one per courtyard.
  SeedProject ins;
  ins.title = "全体住户家庭财产保险（每户 100 元）";
  ins.description =
      "三个院落坝坝会议定：用各院落结余为每户购买一年家庭财产保险，每户 100 元，各院落按户数从自己的结余中支付。";
  ins.created_on = "2025-11-20";
  ins.accepted_on = "2025-12-20";
  ins.settled_on = "2025-12-28";
  I households_all = 0;
  for (I yard : b.courtyards) {
    I households = static_cast<I>(b.units[yard].size());
    households_all += households;
    ins.funding.push_back({"courtyard_surplus", yard, households * 10'000});
  }
  ins.lines = {{"家庭财产保险（" + std::to_string(households_all) + " 户）", "5005",
                households_all * 10'000}};
  ins.quotes = {{"中国人保财险新都支公司", households_all * 10'000, "2025-12-10"},
                {"平安财险成都分公司", households_all * 12'000, ""}};
  ins.milestones = {{"保单生效", "2025-12-20", "2025-12-16", "保单已送达各户"}};
  auto insp = seed_project(b, ins);
  link_need(b, insp.pid, "老房子怕火灾，希望每户有一份财产保险");
  settle_event(b, insp.pid, ins.settled_on);
  for (I yard : b.courtyards) {
    auto name = store::get_courtyard(b.c, b.cid, yard)->name;
    I households = static_cast<I>(b.units[yard].size());
    I insurance = b.plan(yard, 2025, "每户 100 元家庭财产保险", households * 10'000,
                         "2025-11-20 院落坝坝会议定", "2025-11-20");
    I cameras =
        b.plan(yard, 2026, "监控摄像头", 200'000, "2026-02-26 院落坝坝会议定", "2026-02-26");
    I lights = b.plan(yard, 2026, "楼道应急灯", 60'000, "2026-02-26 院落坝坝会议定", "2026-02-26");
    b.pay("2025-12-16", "中国人保财险新都支公司", false, households * 10'000,
          name + "每户 100 元家庭财产保险（" + std::to_string(households) + " 户）", "5005", yard,
          "1001", "PICC", "executed", 10'000, insurance,
          {insp.pid, insp.lines[0], "courtyard_surplus", insp.quotes[0]});
    SeedProject lp;
    lp.title = name + "监控摄像头与楼道应急灯";
    lp.description = name + "坝坝会议定：用本院结余安装监控摄像头、更换楼道应急灯。";
    lp.yard = yard;
    lp.created_on = "2026-02-26";
    lp.accepted_on = "2026-04-15";
    lp.settled_on = "2026-04-20";
    lp.lines = {{"监控摄像头", "5008", 200'000}, {"楼道应急灯", "5008", 60'000}};
    lp.funding = {{"courtyard_surplus", yard, 260'000}};
    lp.quotes = {{"新都安防器材经营部", 240'000, "2026-03-01"},
                 {"蓉安智能科技有限公司", 268'000, ""}};
    lp.milestones = {{"摄像头安装", "2026-03-15", "2026-03-12", ""},
                     {"应急灯更换", "2026-04-10", "2026-04-09", ""}};
    auto lpp = seed_project(b, lp);
    if (yard == b.courtyards[0]) link_need(b, lpp.pid, "文庙院没有监控，晚上有电瓶车被偷");
    if (yard == b.courtyards[1]) link_need(b, lpp.pid, "书院街院楼梯间没有应急灯");
    b.pay("2026-03-12", "新都安防器材经营部", false, 180'000, name + "安装监控摄像头", "5008", yard,
          "1001", "Security store", "executed", 0, cameras,
          {lpp.pid, lpp.lines[0], "courtyard_surplus", lpp.quotes[0]});
    b.pay("2026-04-09", "新都安防器材经营部", false, 60'000, name + "楼道应急灯", "5008", yard,
          "1001", "Security store", "executed", 0, lights,
          {lpp.pid, lpp.lines[1], "courtyard_surplus", lpp.quotes[0]});
    settle_event(b, lpp.pid, lp.settled_on);
  }
}

void merged(Books& b, Rng& rng) {
  b.journal("2025-01-01", "opening", "期初余额：九个院落合并为北门片区",
            {{"1001", 450'000, 0}, {"3001", -450'000, 0}});
  for (const auto& mo : months()) {
    for (I yard : b.courtyards) {
      auto name = store::get_courtyard(b.c, b.cid, yard)->name;
      b.fees(mo.on(7), yard, 50, rng.uniform(85, 97), mo.label() + "物业费（" + name + "）");
    }
    b.pay(mo.on(26), "蓉新物业服务有限公司（比选中标）", false, 160'000,
          mo.label() + "片区保洁服务费", "5001");
    b.pay(mo.on(26), "蓉新物业服务有限公司（比选中标）", false, 100'000,
          mo.label() + "片区日常维修", "5003");
  }
  // The residents crowdfunded new gas pipes and wiring, household by household; the district
  // added a subsidy. One general contractor, chosen by comparing two bids.
  const I goal = 4'300'000;
  SeedProject gp;
  gp.title = "九院燃气管道与线路改造";
  gp.description =
      "九个院落的老旧燃气管道和入户线路全部更换。经入户走访、问卷和 12 次议事会确定方案，居民众筹、区政府老旧小区改造补贴共同出资。";
  gp.created_on = "2025-04-20";
  gp.accepted_on = "2025-08-10";
  gp.settled_on = "2025-08-20";
  gp.goal = goal;
  gp.lines = {{"燃气管道更换", "5008", 5'200'000}, {"入户线路改造", "5008", 2'100'000}};
  gp.funding = {{"subsidy", 0, 3'000'000}, {"crowdfunding", 0, goal}};
  gp.quotes = {{"新都城建工程有限公司（燃气、线路总包）", 7'300'000, "2025-05-25"},
               {"锦华建设工程有限公司", 7'680'000, ""}};
  gp.milestones = {{"燃气管道更换（九个院落）", "2025-06-30", "2025-06-18", "燃气公司已通气"},
                   {"入户线路改造", "2025-07-20", "2025-07-12", ""},
                   {"消防与燃气安全检查", "2025-07-31", "2025-07-20", "检查合格"}};
  auto g = seed_project(b, gp);
  link_need(b, g.pid, "燃气管道老化，闻到过煤气味");
  // Pledges: nine in ten households, each at least its share of the goal.
  Rng r2(99);
  std::vector<std::pair<I, I>> pledgers;  // unit, courtyard
  for (I yard : b.courtyards)
    for (I u : b.unit_ids[yard])
      if (r2.uniform(1, 100) <= 90) pledgers.emplace_back(u, yard);
  XINYI_ASSERT(!pledgers.empty());
  const I share = (goal / static_cast<I>(pledgers.size()) + 999) / 1000 * 1000;
  for (std::size_t i = 0; i < pledgers.size(); ++i) {
    auto [unit, yard] = pledgers[i];
    I amount = share;  // an equal share each, as the deliberation meetings agreed
    std::string pledged_on = day(2025, 5, 1 + static_cast<int>(i % 7)),
                paid_on = day(2025, 5, 10 + static_cast<int>(i % 9));
    I user = b.c.scalar("SELECT COALESCE(MIN(user_id), 0) FROM claims WHERE unit_id = ?", {unit});
    I pl =
        b.c.query_one(
               "INSERT INTO pledges (project_id, compound_id, unit_id, user_id, amount_fen, paid_fen, status, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, 'paid', ?) RETURNING id",
               {g.pid, b.cid, unit, user ? store::Value(user) : store::Value(nullptr), amount,
                amount, ms_of(pledged_on)})
            ->i64(0);
    b.later(paid_on, [&b, pl, amount, paid_on, pid = g.pid, title = gp.title] {
      ledger::Transaction t;
      t.date = paid_on;
      t.kind = "journal";
      t.description = "众筹缴款：" + title + "（认筹 #" + std::to_string(pl) + "）";
      t.postings = {{"1001", amount, 0}, {"4007", -amount, 0}};  // a compound-wide project's money
      t.links = {{"project", pid}, {"pledge", pl}};
      I when = b.stamp(paid_on);
      I idx = b.append(std::move(t), when);
      b.c.execute(
          "INSERT INTO pledge_payments (pledge_id, project_id, compound_id, amount_fen, entry_idx, recorded_by, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {pl, pid, b.cid, amount, idx, b.people.trustee, when});
    });
  }
  b.journal("2025-05-30", "journal", "老旧小区改造政府补贴",
            {{"1001", 3'000'000, 0}, {"4008", -3'000'000, 0}});
  const std::string gc = gp.quotes[0].contractor;
  b.pay("2025-06-20", gc, false, 3'000'000, "九院燃气管道更换（政府补贴部分）", "5008", 0, "1001",
        "Gas works Co.", "executed", 0, 0, {g.pid, g.lines[0], "subsidy", g.quotes[0]});
  b.pay("2025-06-20", gc, false, 2'200'000, "九院燃气管道更换（居民众筹部分）", "5008", 0, "1001",
        "Gas works Co.", "executed", 0, 0, {g.pid, g.lines[0], "crowdfunding", g.quotes[0]});
  b.pay("2025-07-15", gc, false, 2'100'000, "九院线路改造（居民众筹）", "5008", 0, "1001",
        "Electric install Co.", "executed", 0, 0, {g.pid, g.lines[1], "crowdfunding", g.quotes[0]});
  // Each household paid its share rounded up to ten yuan; what the work did not use goes back to
  // them in proportion, one co-managed payment listing the households.
  const I surplus = share * static_cast<I>(pledgers.size()) - goal;
  if (surplus > 0) {
    std::vector<I> weights(pledgers.size(), share);
    auto back = billing::allocate(surplus, weights);
    ProjectLink refund{g.pid, 0, "crowdfunding_refund", 0, {}};
    for (std::size_t i = 0; i < pledgers.size(); ++i)
      if (back[i] > 0) refund.units.emplace_back(pledgers[i].first, back[i]);
    b.pay("2025-08-15", "众筹住户（" + std::to_string(pledgers.size()) + " 户）", false, surplus,
          gp.title + "·众筹结余按缴款比例退还", "4007", 0, "1001", "Households", "executed", 0, 0,
          refund);
  }
  settle_event(b, g.pid, gp.settled_on);
  seed_volunteers(b, "北门片区平安巡逻队", "九个院落的居民轮流夜间巡逻，兼顾燃气安全提醒。",
                  {"杜志刚", "蒋桂兰", "邱明", "严红梅", "程建军", "曾凡", "彭玉珍", "郭大海",
                   "韦秀英", "苏立新"},
                  {{"2025-06-10", "燃气改造施工安全巡查"},
                   {"2025-09-12", "中秋夜巡"},
                   {"2026-02-10", "春节期间夜间巡逻"},
                   {"2026-06-20", "防汛巡查"},
                   {"2026-10-02", "国庆夜巡"}},
                  44);
}

void charity(Books& b, Rng& rng) {
  I yard = b.courtyards[0];
  b.journal("2025-01-01", "opening", "期初余额：公共收益结余",
            {{"1001", 6'800'000, yard}, {"3001", -6'800'000, yard}});
  // ¥30,000 raised for the charity fund within one week of April 2025: a campaign, and each
  // donation with its receipt and ledger entry (donors masked, some anonymous).
  I campaign =
      b.c.query_one(
             "INSERT INTO charity_campaigns (compound_id, title, description, fund_use, goal_fen, starts_on, ends_on, created_by, "
             "created_at) VALUES (?, ?, ?, 'general', 3000000, '2025-04-01', '2025-04-07', ?, ?) RETURNING id",
             {b.cid, std::string("锦苑慈善基金首期募捐"),
              std::string(
                  "党支部、业委会和物业共同发起：一周内募集 3 万元，用于院落微更新、帮扶困难家庭和公益活动。"),
              b.people.committee, ms_of("2025-03-30")})
          ->i64(0);
  const char* donors[] = {"王秀兰", "李建华", "张德明", "刘玉梅", "陈志强",
                          "杨淑芬", "黄国庆", "赵春燕", "吴建国", "周丽华",
                          "徐文",   "孙桂英", "马晓东", "朱红",   "胡小平"};
  I total = 0;
  for (int i = 0; i < 24; ++i) {
    I amount = i == 23 ? 3'000'000 - total : (rng.uniform(2, 20) * 5'000);
    total += amount;
    std::string date = day(2025, 4, 1 + i % 7);
    bool anonymous = i % 5 == 4;
    std::string name = donors[i % 15];
    b.later(date, [&b, campaign, amount, date, anonymous, name] {
      I id =
          b.c.query_one(
                 "INSERT INTO donations (compound_id, campaign_id, donor_name, anonymous, amount_fen, status, created_at, decided_by) "
                 "VALUES (?, ?, ?, ?, ?, 'offered', ?, ?) RETURNING id",
                 {b.cid, campaign, name, I{anonymous}, amount, ms_of(date), b.people.committee})
              ->i64(0);
      post_donation(b.c, b.cid, id, b.stamp(date));  // as the committee confirming it arrived would
      ++b.entries;
    });
  }
  XINYI_ASSERT(total == 3'000'000);
  seed_volunteers(
      b, "锦苑志愿服务队",
      "党员、退休教师和热心居民组成：入户走访、关爱独居老人、环境整治、公益活动。",
      {"王秀兰", "李建华", "张德明", "刘玉梅", "陈志强", "杨淑芬", "黄国庆", "赵春燕", "吴建国",
       "周丽华", "徐文", "孙桂英", "马晓东", "朱红", "胡小平", "林淑芬", "罗建国", "高玉珍"},
      {{"2025-03-15", "入户走访：收集需求清单"},
       {"2025-04-05", "慈善基金募捐宣传"},
       {"2025-06-01", "六一儿童节游园会"},
       {"2025-07-20", "新大门施工期间夜间值守"},
       {"2025-09-20", "绿化补植"},
       {"2025-10-29", "重阳节关爱独居老人"},
       {"2026-01-18", "春节慰问困难家庭"},
       {"2026-03-05", "学雷锋环境整治"},
       {"2026-05-10", "楼道清理"},
       {"2026-08-15", "防汛巡查"},
       {"2026-10-18", "重阳节关爱独居老人"},
       {"2026-11-15", "楼道扶手施工监督"}},
      55);
  // The common-fund renewal the owners voted for (matter 7): four contracts, accepted by the
  // residents' questionnaire.
  SeedProject rp;
  rp.title = "小区大门、门禁、绿化与外墙焕新";
  rp.description =
      "入户走访收集的需求清单中呼声最高的四件事：新大门、门禁系统、公共区域绿化和外墙粉刷。动用公共收益 72,600 元，业主大会表决通过，居民全程参与监督和验收。";
  rp.mode = "questionnaire";
  rp.vote_id = b.people.renewal_vote;
  rp.created_on = "2025-07-01";
  rp.accepted_on = "2025-11-05";
  rp.settled_on = "2025-11-12";
  rp.lines = {{"新大门", "5008", 2'800'000},
              {"门禁系统", "5008", 1'960'000},
              {"公共区域绿化", "5002", 1'200'000},
              {"外墙粉刷", "5008", 1'300'000}};
  rp.funding = {{"common", 0, 7'260'000}};
  rp.quotes = {{"成都鑫门业有限公司", 2'800'000, "2025-07-28"},
               {"智安门禁科技有限公司", 1'960'000, "2025-07-28"},
               {"新都园林绿化工程部", 1'200'000, "2025-08-01"},
               {"彩虹墙面装饰工作室", 1'300'000, "2025-08-01"},
               {"蓉城门业有限公司", 3'150'000, ""},
               {"天府智能门禁有限公司", 2'240'000, ""}};
  rp.milestones = {{"新大门安装", "2025-08-15", "2025-08-12", "旧门拆除，新门安装完成"},
                   {"门禁系统调试", "2025-09-05", "2025-09-03", "住户门禁卡已发放"},
                   {"公共区域绿化", "2025-09-30", "2025-09-25", ""},
                   {"外墙粉刷", "2025-10-25", "2025-10-20", ""}};
  auto rpp = seed_project(b, rp);
  link_need(b, rpp.pid, "小区大门破旧，外来人员随意进出");
  settle_event(b, rpp.pid, rp.settled_on);
  // A micro-renewal under way, paid from the charity fund: contracted, one milestone done.
  SeedProject mp;
  mp.title = "楼道扶手与适老化微更新";
  mp.description = "为 1–3 栋楼道加装扶手、在单元门口增设休息座椅，方便老人出行。慈善基金支付。";
  mp.status = "in_progress";
  mp.created_on = "2026-09-10";
  mp.lines = {{"楼道扶手", "5008", 520'000}, {"休息座椅", "5008", 180'000}};
  mp.funding = {{"charity", 0, 700'000}};
  mp.quotes = {{"新都适老化改造服务中心", 660'000, "2026-10-08"},
               {"蓉城装饰工程有限公司", 720'000, ""}};
  mp.milestones = {{"1 栋扶手安装", "2026-11-10", "2026-11-06", ""},
                   {"2、3 栋扶手安装", "2026-11-30", "", ""},
                   {"休息座椅", "2026-12-10", "", ""}};
  auto mpp = seed_project(b, mp);
  b.pay("2026-11-07", "新都适老化改造服务中心", false, 300'000, "楼道扶手与适老化微更新·首期款",
        "5008", 0, "1002", "Elder-friendly Co.", "executed", 0, 0,
        {mpp.pid, mpp.lines[0], "charity", mpp.quotes[0]});
  for (const auto& mo : months()) {
    b.fees(mo.on(5), yard, 80, rng.uniform(90, 98), mo.label() + "物业费（0.80 元/㎡·月）");
    b.journal(mo.on(10), "journal", mo.label() + "停车费收入",
              {{"1001", 200'000, yard}, {"4002", -200'000, yard}});
    b.journal(mo.on(10), "journal", mo.label() + "电梯广告收入",
              {{"1001", 50'000, yard}, {"4003", -50'000, yard}});
    b.pay(mo.on(25), "锦城物业服务有限公司", false, 650'000, mo.label() + "物业服务费", "5001",
          yard);
    b.pay(mo.on(26), "锦城物业服务有限公司", false, 78'000, mo.label() + "受托人酬金（成本的 12%）",
          "5007", yard);
  }
  // Charity money is the compound's, booked to no courtyard (as the app books it).
  b.pay("2025-05-20", "困难家庭帮扶（身份保密）", false, 200'000, "慈善基金帮扶困难家庭", "5009", 0,
        "1002", "Aid (confidential)");
  b.pay("2025-06-01", "锦苑志愿服务队", false, 150'000, "慈善基金：六一儿童节公益活动", "5010", 0,
        "1002", "Volunteers");
  b.pay("2025-07-08", "新都园林绿化工程部", false, 580'000, "慈善基金：院落微更新（花坛）", "5008",
        0, "1002", "Landscaping");
  b.pay("2025-08-12", "成都鑫门业有限公司", false, 2'800'000, "小区新大门", "5008", yard, "1001",
        "Gate Co.", "executed", 0, 0, {rpp.pid, rpp.lines[0], "common", rpp.quotes[0]});
  b.pay("2025-09-03", "智安门禁科技有限公司", false, 1'960'000, "门禁系统", "5008", yard, "1001",
        "Access control Co.", "executed", 0, 0, {rpp.pid, rpp.lines[1], "common", rpp.quotes[1]});
  b.pay("2025-09-25", "新都园林绿化工程部", false, 1'200'000, "公共区域绿化提升", "5002", yard,
        "1001", "Landscaping", "executed", 0, 0, {rpp.pid, rpp.lines[2], "common", rpp.quotes[2]});
  b.pay("2025-10-20", "彩虹墙面装饰工作室", false, 1'300'000, "外墙粉刷", "5008", yard, "1001",
        "Wall painting", "executed", 0, 0, {rpp.pid, rpp.lines[3], "common", rpp.quotes[3]});
  b.pay("2026-01-18", "困难家庭帮扶（身份保密）", false, 100'000, "慈善基金春节慰问", "5009", 0,
        "1002", "Aid (confidential)");
}

// The bank's side: statement lines for every posting on the bank accounts (payments clear a
// day later), with running balances and serial numbers, plus one line nobody has explained yet.
void bank_statements(Books& b, const std::string& bank_name, const std::string& number_last4) {
  std::vector<std::string> accounts = {"1001"};
  if (store::get_compound(b.c, b.cid)->model == "charity") accounts.push_back("1002");
  int seq = 0;
  for (const auto& code : accounts) {
    store::BankAccountRec acc{0,
                              b.cid,
                              bank_name,
                              code == "1001" ? number_last4 : "7788",
                              code == "1001" ? "basic" : "general",
                              code};
    acc.id = store::insert_bank_account(b.c, acc, ms_of("2025-01-01"));
    std::vector<bank::StatementLine> lines;
    I balance = 0;
    for (
        auto& r : b.c.query(
            "SELECT p.date, p.amount_fen, e.description FROM postings p JOIN ledger_entries e "
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

I seed_demo_books(App& app, Connection& c, const std::vector<I>& compounds,
                  const DemoPeople& people) {
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
    c.execute("UPDATE compounds SET billing_from = ? WHERE id = ?",
              {std::string(Books::kBillingFrom), compounds[i]});
    store::insert_fee_rate(c, compounds[i],
                           {0, 0, "2025-01", rates[i], "物业服务合同约定的收费标准", ""},
                           people.committee, ms_of("2025-01-01"));
    if (i == 0)
      store::insert_fee_rate(
          c, compounds[i],
          {0, 0, "2026-05", 50, "2026-04-18 业主表决通过：物业费由 0.30 元调整为 0.50 元/㎡·月", "",
           people.fee_rise_vote},
          people.committee, ms_of("2026-04-18"));
    Rng rng(1000 + i);
    plans[i](b, rng);
    b.flush();
    static const char* banks[] = {"成都农商银行新都支行", "中国银行新都支行", "成都银行桂湖支行",
                                  "中国建设银行新都支行", "中国工商银行新都支行"};
    bank_statements(b, banks[i], std::to_string(4401 + 111 * static_cast<int>(i)));
    total += b.entries;
  }
  app.clock_ms = saved_clock;
  return total;
}

}  // namespace xinyi::demo
