#include "demo/books.h"
#include "domain/date.h"

#include <algorithm>
#include <boost/json.hpp>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "app/bank_service.h"
#include "app/billing_service.h"
#include "app/books.h"
#include "app/charity_service.h"
#include "app/ledger_service.h"
#include "app/project_service.h"
#include "app/public_log.h"
#include "app/settlement_service.h"
#include "app/work_service.h"
#include "demo/rng.h"
#include "domain/assert.h"
#include "domain/billing.h"
#include "domain/mask.h"
#include "domain/money.h"
#include "domain/project.h"
#include "domain/text.h"
#include "store/auth_repo.h"
#include "store/bank_repo.h"
#include "store/billing_repo.h"
#include "store/ledger_repo.h"
#include "store/needs_repo.h"
#include "store/project_repo.h"
#include "store/registry_repo.h"
#include "store/survey_repo.h"
#include "store/work_repo.h"

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

constexpr I kDayMs = 86'400'000;
constexpr I kHourMs = 3'600'000;

// A renewal project as the demo made it: its id, its budget lines' and quotes' ids in the order
// given. Filled in when its creation runs (in date order), read by the payments queued after it.
struct SeededProject {
  I pid = 0;
  std::vector<I> lines, quotes, milestones;
};
using ProjectRef = std::shared_ptr<SeededProject>;

// A demo payment that belongs to a renewal project: its line and funding source, the contract
// it is paid under (indices into the project's lines and quotes), and a note for its purpose.
struct ProjectLink {
  ProjectRef project;  // null: not a project's payment
  std::size_t line = 0;
  std::string source;
  std::size_t quote = 0;
  std::string note = {};
  bool refund = false;  // the crowdfunding surplus going back to the households
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
  Caller trustee, committee, committee2;
  std::set<std::string> billed;  // months whose bill run is scheduled
  std::int64_t pay_rate_pct = 90;

  Books(Connection& conn, App& a, I compound, DemoPeople p)
      : c(conn),
        cid(compound),
        people(p),
        app(&a),
        trustee(demo_caller(conn, p.trustee)),
        committee(demo_caller(conn, p.committee)),
        committee2(demo_caller(conn, p.committee2)) {
    for (const auto& u : store::list_units(c, cid, 0, 100'000)) {
      units[u.courtyard_id].emplace_back(u.area_centi_m2, u.developer_held);
      unit_ids[u.courtyard_id].push_back(u.id);
    }
    for (const auto& y : store::list_courtyards(c, cid)) courtyards.push_back(y.id);
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
  // The use cases' clock: `at` a date moves it along the log's own time (it only grows); `clock`
  // sets it for a step that writes nothing to the log (a request two days before its payment).
  void at(const std::string& date) { clock(stamp(date)); }
  void clock(I ms) {
    app->clock_ms = [ms] { return ms; };
  }

  void journal(const std::string& date, const std::string& text, std::vector<ledger::Posting> p) {
    later(date, [=, this] { do_journal(date, text, p); });
  }
  // An entry the trustee posts by hand (app::post_transaction): money that came in.
  I do_journal(const std::string& date, const std::string& text, std::vector<ledger::Posting> p) {
    at(date);
    I idx = post_transaction_in(c, *app, trustee, CompoundId{cid}, {date, text, std::move(p), {}});
    ++entries;
    return idx;
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

  void bill_month(const std::string& month) {
    later(month + "-01", [=, this] {
      at(month + "-01");
      bill_run_in(c, *app, trustee, CompoundId{cid},
                  billing::Period{*billing::Month::parse(month), 1}, false);
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
          if (ahead) owed += 2 * store::largest_bill_fen(c, unit);
          if (owed <= 0) return;
          at(day);
          record_payment_in(c, *app, trustee, CompoundId{cid},
                            {UnitId{unit}, Fen{owed}, method, "", day});
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
    if (got > 0) do_journal(date, label, {{"1001", got, yard}, {"4001", -got, yard}});
  }

  // The receipt the trustee uploads with a request (app::upload_voucher), at the app's clock.
  std::string voucher(const std::string& date, const std::string& payee_ascii, I fen,
                      const std::string& what) {
    std::string pdf = receipt_pdf({"RECEIPT No. " + std::to_string(++receipt_no), "Date: " + date,
                                   "Payee: " + payee_ascii, "Amount: " + yuan_ascii(fen),
                                   "For: " + what, "Xinyi demo voucher"});
    return upload_voucher_in(c, *app, trustee, CompoundId{cid}, "application/pdf", pdf).sha256;
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
  // An item of a courtyard's plan for spending its surplus, decided on `date`.
  I plan(I yard, I year, const std::string& item, I planned, const std::string& decision,
         const std::string& date) {
    clock(ms_of(date));
    return add_plan_item_in(c, *app, committee, CompoundId{cid},
                            {yard, year, item, Fen{planned}, decision})
        .id;
  }
  // The request (two days before `date`, as app::request_disbursement or
  // app::request_project_payment would take it), then its approvals.
  void do_pay(const std::string& date, const std::string& payee, bool person, I fen,
              const std::string& purpose, const std::string& expense, I yard,
              const std::string& cash, const std::string& payee_ascii, const std::string& status,
              I per_unit_fen, I plan_item, const ProjectLink& project = {}) {
    const I t0 = ms_of(date) - 2 * kDayMs;
    clock(t0);
    const std::string sha = voucher(date, payee_ascii, fen, expense);
    std::optional<I> item = plan_item ? std::optional<I>(plan_item) : std::nullopt;
    std::optional<Fen> per_unit;
    if (per_unit_fen) per_unit = Fen{per_unit_fen};
    std::vector<I> covered = per_unit_fen ? unit_ids[yard] : std::vector<I>{};
    I id = 0;
    if (project.refund) {
      id = refund_crowdfunding_surplus_in(c, *app, trustee, CompoundId{cid}, project.project->pid);
    } else if (project.project) {
      const SeededProject& p = *project.project;
      ProjectPaymentInput in;
      in.line_id = p.lines.at(project.line);
      in.source = *project::parse_source(project.source);
      in.courtyard_id = yard;
      in.amount_fen = Fen{fen};
      in.quote_id = p.quotes.at(project.quote);
      in.note = project.note;
      in.vouchers = {sha};
      in.plan_item_id = item;
      in.per_unit_fen = per_unit;
      in.covered_units = covered;
      id = request_project_payment_in(c, *app, trustee, CompoundId{cid}, p.pid, in);
    } else {
      DisbursementInput r;
      r.payee = payee;
      r.payee_is_person = person;
      r.amount_fen = Fen{fen};
      r.purpose = purpose;
      r.expense_account = expense;
      r.cash_account = cash;
      r.courtyard_id = yard;
      r.vouchers = {sha};
      r.plan_item_id = item;
      r.per_unit_fen = per_unit;
      r.covered_units = covered;
      id = request_disbursement_in(c, *app, trustee, CompoundId{cid}, r);
    }
    decide(id, date, fen, status, t0);
  }

  // The committee's side: rejected a day later, or approved by one member (two above the
  // threshold), the last approval on `date` executing it.
  void decide(I id, const std::string& date, I fen, const std::string& status, I t0) {
    if (status == "pending") return;
    if (status == "rejected") {
      clock(t0 + kDayMs);
      reject_disbursement_in(c, *app, committee, CompoundId{cid}, id,
                             "缺少正式发票，请补充后重新申请");
      return;
    }
    const bool two = fen > store::approval_threshold(c, cid);
    if (two) {
      clock(t0 + kHourMs);
      XINYI_ASSERT(!approve_disbursement_in(c, *app, committee, CompoundId{cid}, id).executed);
    }
    at(date);
    XINYI_ASSERT(approve_disbursement_in(c, *app, two ? committee2 : committee, CompoundId{cid}, id)
                     .executed);
    ++entries;
  }
};

// ---- renewal projects, through the use cases (app/project_service.h) in date order --------

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
  std::string mode = "committee";
  I goal = 0, vote_id = 0;
  std::string need;  // the text of the need (from the needs list) it takes up, if any
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

// Proposed, budgeted, quoted (and citing its vote) on the day it is created, by the committee.
void create_seed_project(Books& b, const SeedProject& s, SeededProject& out) {
  b.at(s.created_on);
  ProjectInput in;
  in.title = s.title;
  in.description = s.description;
  in.courtyard_id = s.yard;
  in.acceptance_mode = *project::parse_acceptance_mode(s.mode);
  in.crowdfund_goal_fen = Fen{s.goal};
  in.signoffs_required = 2;
  in.min_turnout_pct = 20;
  if (!s.need.empty()) in.need_id = store::need_id_by_text(b.c, b.cid, s.need);
  out.pid = create_project_in(b.c, *b.app, b.committee, CompoundId{b.cid}, in);
  std::vector<project::Line> lines;
  for (const auto& l : s.lines) lines.push_back({0, l.name, l.account, l.budget});
  std::vector<project::Funding> funding;
  for (const auto& f : s.funding)
    funding.push_back({*project::parse_source(f.source), f.yard, f.amount});
  set_project_budget_in(b.c, *b.app, b.committee, CompoundId{b.cid}, out.pid, lines, funding);
  for (const auto& l : store::list_project_lines(b.c, out.pid)) out.lines.push_back(l.id);
  if (s.vote_id)
    link_project_vote_in(b.c, *b.app, b.committee, CompoundId{b.cid}, out.pid, s.vote_id);
  for (const auto& q : s.quotes)
    out.quotes.push_back(add_project_quote_in(b.c, *b.app, b.committee, CompoundId{b.cid}, out.pid,
                                              {q.contractor, Fen{q.amount}, "", {}}));
}

// The works accepted: by two members' signatures, or by the households' questionnaire (opened
// a week before; each household's answer is entered from the paper form collected at the door).
void accept_seed_project(Books& b, const SeedProject& s, const ProjectRef& out) {
  if (s.mode == "committee") {
    b.later(s.accepted_on, [&b, s, out] {
      b.at(s.accepted_on);
      start_acceptance_in(b.c, *b.app, b.committee, CompoundId{b.cid}, out->pid,
                          b.app->clock_ms() + 7 * kDayMs);
      sign_off_project_in(b.c, *b.app, b.committee, CompoundId{b.cid}, out->pid);
      b.at(s.accepted_on);
      sign_off_project_in(b.c, *b.app, b.committee2, CompoundId{b.cid}, out->pid);
    });
    return;
  }
  const I closes = ms_of(s.accepted_on);
  const std::string opens_on = china_date(closes - 7 * kDayMs);
  b.later(opens_on, [&b, out, opens_on, closes] {
    b.at(opens_on);
    I opens = b.app->clock_ms();
    auto qid = start_acceptance_in(b.c, *b.app, b.committee, CompoundId{b.cid}, out->pid, closes);
    XINYI_ASSERT(qid.has_value());
    Rng r(static_cast<std::uint64_t>(out->pid) * 7 + 3);
    I n = 0;
    for (const auto& [yard, list] : b.unit_ids)
      for (I u : list) {
        if (r.uniform(1, 100) > 64) continue;
        bool yes = r.uniform(1, 100) <= 91;
        store::insert_response(
            b.c, b.cid, *qid,
            {"unit:" + std::to_string(u), 0, u, yard, {survey::Answer{{yes ? 0 : 1}, 0, ""}}},
            opens + (++n) * kHourMs);
      }
  });
  b.later(s.accepted_on, [&b, s, out] {
    b.at(s.accepted_on);
    XINYI_ASSERT(close_acceptance_in(b.c, *b.app, b.committee, CompoundId{b.cid}, out->pid));
  });
}

// Every step of a project queued on its day: created, contracts signed, milestones planned
// with the first contract and completed, accepted, settled. Payments are queued by the caller
// (Books::pay with a ProjectLink) and fall between these by date.
ProjectRef seed_project(Books& b, const SeedProject& s) {
  I budget = 0, funded = 0;
  for (const auto& l : s.lines) budget += l.budget;
  for (const auto& f : s.funding) funded += f.amount;
  XINYI_ASSERT(budget == funded);
  auto out = std::make_shared<SeededProject>();
  b.later(s.created_on, [&b, s, out] { create_seed_project(b, s, *out); });
  std::string first_signed;
  for (std::size_t i = 0; i < s.quotes.size(); ++i) {
    const auto& q = s.quotes[i];
    if (q.signed_on.empty()) continue;
    if (first_signed.empty() || q.signed_on < first_signed) first_signed = q.signed_on;
    b.later(q.signed_on, [&b, out, i, date = q.signed_on] {
      b.at(date);
      sign_project_contract_in(b.c, *b.app, b.committee, CompoundId{b.cid}, out->pid,
                               {out->quotes.at(i), date, {}});
    });
  }
  XINYI_ASSERT(!first_signed.empty());
  b.later(first_signed, [&b, s, out, first_signed] {
    b.at(first_signed);
    for (const auto& m : s.milestones)
      out->milestones.push_back(
          add_milestone_in(b.c, *b.app, b.committee, CompoundId{b.cid}, out->pid, m.title,
                           m.due.empty() ? std::nullopt : std::optional<std::string>(m.due)));
  });
  for (std::size_t i = 0; i < s.milestones.size(); ++i) {
    const auto& m = s.milestones[i];
    if (m.done.empty()) continue;
    b.later(m.done, [&b, out, i, m] {
      b.at(m.done);
      complete_milestone_in(b.c, *b.app, b.trustee, CompoundId{b.cid}, out->pid,
                            out->milestones.at(i), m.note, {});
    });
  }
  if (!s.accepted_on.empty()) accept_seed_project(b, s, out);
  if (!s.settled_on.empty())
    b.later(s.settled_on, [&b, out, date = s.settled_on] {
      b.at(date);
      settle_project_in(b.c, *b.app, b.committee, CompoundId{b.cid}, out->pid);
    });
  return out;
}

// A volunteer team with its members and a year of activities (each member's minutes), as the
// committee records them (app/charity_service.h).
void seed_volunteers(Books& b, const std::string& team, const std::string& description,
                     const std::vector<std::string>& names,
                     const std::vector<std::pair<std::string, std::string>>& activities,
                     std::uint64_t seed) {
  b.clock(ms_of("2025-03-01"));
  I tid = create_team_in(b.c, *b.app, b.committee, CompoundId{b.cid}, team, description);
  std::vector<I> members;
  for (const auto& n : names)
    members.push_back(add_team_member_in(b.c, *b.app, b.committee, CompoundId{b.cid}, tid, n));
  Rng r(seed);
  for (const auto& [date, title] : activities) {
    ActivityInput a{tid, title, date, "", {}};
    for (I m : members)
      if (r.uniform(1, 100) <= 55) a.hours.emplace_back(m, r.uniform(4, 12) * 15);
    if (a.hours.empty()) a.hours.emplace_back(members.front(), 60);
    b.clock(ms_of(date));
    record_activity_in(b.c, *b.app, b.committee, CompoundId{b.cid}, a);
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
  b.journal("2025-01-01", "期初余额：院委会移交的结余",
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
      auto posted = store::get_service_posting(b.c, b.cid, month);
      I amount = posted ? posted->amount_fen : 0;
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
  b.journal("2025-01-01", "期初余额：物管委开立基本存款账户，公款转入",
            {{"1001", 2'860'000, yard}, {"3001", -2'860'000, yard}});
  for (const auto& mo : months()) {
    b.fees(mo.on(6), yard, 80, rng.uniform(86, 95), mo.label() + "物业费（0.80 元/㎡·月）");
    I parking = 120'000 + rng.uniform(0, 8) * 5'000;
    b.journal(mo.on(10), mo.label() + "停车费收入",
              {{"1001", parking, yard}, {"4002", -parking, yard}});
    if (mo.y == 2025 &&
        mo.m == 5) {  // entered twice by mistake: corrected by a reversal, never an edit
      std::string label = mo.label() + "停车费收入", d = mo.on(10), fix = mo.on(11);
      b.later(d, [&b, label, d, fix, parking, yard] {
        I dup = b.do_journal(d, label, {{"1001", parking, yard}, {"4002", -parking, yard}});
        // Undoing money is co-managed (app::reverse_transaction): a committee member asks the
        // next day, a second member and the trustee approve, the last approval posts it.
        I when = b.stamp(fix);
        b.clock(when - 5 * kHourMs);
        I rid =
            request_reversal_in(b.c, *b.app, b.committee, CompoundId{b.cid}, dup, "停车费重复录入");
        b.clock(when - 3 * kHourMs);
        approve_disbursement_in(b.c, *b.app, b.committee2, CompoundId{b.cid}, rid);
        b.clock(when);
        XINYI_ASSERT(
            approve_disbursement_in(b.c, *b.app, b.trustee, CompoundId{b.cid}, rid).executed);
        ++b.entries;
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
  b.journal("2025-01-01", "期初余额：社区领办物业公司承接",
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
  ins.need = "老房子怕火灾，希望每户有一份财产保险";
  auto insp = seed_project(b, ins);
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
          "1001", "PICC", "executed", 10'000, insurance, {insp, 0, "courtyard_surplus", 0, name});
    SeedProject lp;
    lp.title = name + "监控摄像头与楼道应急灯";
    lp.description = name + "坝坝会议定：用本院结余安装监控摄像头、更换楼道应急灯。";
    lp.yard = yard;
    lp.created_on = "2026-05-20";  // once the surplus planned in February had come in
    lp.accepted_on = "2026-07-15";
    lp.settled_on = "2026-07-20";
    lp.lines = {{"监控摄像头", "5008", 200'000}, {"楼道应急灯", "5008", 60'000}};
    lp.funding = {{"courtyard_surplus", yard, 260'000}};
    lp.quotes = {{"新都安防器材经营部", 200'000, "2026-06-01"},
                 {"蓉安智能科技有限公司", 268'000, ""}};
    lp.milestones = {{"摄像头安装", "2026-06-20", "2026-06-15", ""},
                     {"应急灯更换", "2026-07-10", "2026-07-08", ""}};
    if (yard == b.courtyards[0]) lp.need = "文庙院没有监控，晚上有电瓶车被偷";
    if (yard == b.courtyards[1]) lp.need = "书院街院楼梯间没有应急灯";
    auto lpp = seed_project(b, lp);
    b.pay("2026-06-15", "新都安防器材经营部", false, 150'000, name + "安装监控摄像头", "5008", yard,
          "1001", "Security store", "executed", 0, cameras, {lpp, 0, "courtyard_surplus", 0});
    b.pay("2026-07-08", "新都安防器材经营部", false, 50'000, name + "楼道应急灯", "5008", yard,
          "1001", "Security store", "executed", 0, lights, {lpp, 1, "courtyard_surplus", 0});
  }
}

void merged(Books& b, Rng& rng) {
  b.journal("2025-01-01", "期初余额：九个院落合并为北门片区",
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
  gp.need = "燃气管道老化，闻到过煤气味";
  auto g = seed_project(b, gp);
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
    // Pledged at the deliberation meetings on paper (most households have no account; the
    // product has no paper pledge yet, so the demo writes it through the projects repository),
    // paid at the office, where the trustee records each payment against its pledge.
    auto pledge_id = std::make_shared<I>(0);
    b.later(pledged_on, [&b, g, unit, amount, pledged_on, pledge_id] {
      *pledge_id = store::insert_pledge(b.c, b.cid, g->pid, unit,
                                        store::first_claimant(b.c, unit).value_or(0), amount,
                                        ms_of(pledged_on));
    });
    b.later(paid_on, [&b, g, amount, paid_on, pledge_id] {
      b.at(paid_on);
      pay_pledge_in(b.c, *b.app, b.trustee, CompoundId{b.cid}, g->pid, *pledge_id, Fen{amount});
      ++b.entries;
    });
  }
  b.journal("2025-05-30", "老旧小区改造政府补贴",
            {{"1001", 3'000'000, 0}, {"4008", -3'000'000, 0}});
  const std::string gc = gp.quotes[0].contractor;
  b.pay("2025-06-20", gc, false, 3'000'000, "九院燃气管道更换（政府补贴部分）", "5008", 0, "1001",
        "Gas works Co.", "executed", 0, 0, {g, 0, "subsidy", 0, "政府补贴部分"});
  b.pay("2025-06-20", gc, false, 2'200'000, "九院燃气管道更换（居民众筹部分）", "5008", 0, "1001",
        "Gas works Co.", "executed", 0, 0, {g, 0, "crowdfunding", 0, "居民众筹部分"});
  b.pay("2025-07-15", gc, false, 2'100'000, "九院线路改造（居民众筹）", "5008", 0, "1001",
        "Electric install Co.", "executed", 0, 0, {g, 1, "crowdfunding", 0});
  // Each household paid its share rounded up to ten yuan; what the work did not use goes back to
  // them in proportion once the works are accepted, one co-managed payment listing the households
  // (app::refund_crowdfunding_surplus works out each share).
  const I surplus = share * static_cast<I>(pledgers.size()) - goal;
  if (surplus > 0)
    b.pay("2025-08-15", "", false, surplus, "", "4007", 0, "1001", "Households", "executed", 0, 0,
          {g, 0, "", 0, "", true});
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

// ¥30,000 raised for the charity fund within one week of April 2025 and its volunteers.
void charity_fund(Books& b, Rng& rng) {
  // ¥30,000 raised for the charity fund within one week of April 2025: a campaign, and each
  // donation with its receipt and ledger entry (donors masked, some anonymous).
  b.clock(ms_of("2025-03-30"));
  I campaign = create_campaign_in(
      b.c, *b.app, b.committee, CompoundId{b.cid},
      {"锦苑慈善基金首期募捐",
       "党支部、业委会和物业共同发起：一周内募集 3 万元，用于院落微更新、帮扶困难家庭和公益活动。",
       "general", Fen{3'000'000}, "2025-04-01", "2025-04-07"});
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
      b.at(date);  // handed to the committee, which records it received (app::donate)
      XINYI_ASSERT(donate_in(b.c, *b.app, b.committee, CompoundId{b.cid},
                             {Fen{amount}, campaign, anonymous, name})
                       .received);
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
}

// The common-fund renewal the owners voted for, and a micro-renewal under way paid from the
// charity fund: the two projects, whose payments the caller queues.
std::pair<ProjectRef, ProjectRef> charity_projects(Books& b) {
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
  rp.need = "小区大门破旧，外来人员随意进出";
  auto rpp = seed_project(b, rp);
  // A micro-renewal under way, paid from the charity fund: contracted, one milestone done.
  SeedProject mp;
  mp.title = "楼道扶手与适老化微更新";
  mp.description = "为 1–3 栋楼道加装扶手、在单元门口增设休息座椅，方便老人出行。慈善基金支付。";
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
        {mpp, 0, "charity", 0, "首期款"});
  return {rpp, mpp};
}

void charity(Books& b, Rng& rng) {
  I yard = b.courtyards[0];
  b.journal("2025-01-01", "期初余额：公共收益结余",
            {{"1001", 6'800'000, yard}, {"3001", -6'800'000, yard}});
  charity_fund(b, rng);
  auto [rpp, mpp] = charity_projects(b);
  for (const auto& mo : months()) {
    b.fees(mo.on(5), yard, 80, rng.uniform(90, 98), mo.label() + "物业费（0.80 元/㎡·月）");
    b.journal(mo.on(10), mo.label() + "停车费收入",
              {{"1001", 200'000, yard}, {"4002", -200'000, yard}});
    b.journal(mo.on(10), mo.label() + "电梯广告收入",
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
        "Gate Co.", "executed", 0, 0, {rpp, 0, "common", 0});
  b.pay("2025-09-03", "智安门禁科技有限公司", false, 1'960'000, "门禁系统", "5008", yard, "1001",
        "Access control Co.", "executed", 0, 0, {rpp, 1, "common", 1});
  b.pay("2025-09-25", "新都园林绿化工程部", false, 1'200'000, "公共区域绿化提升", "5002", yard,
        "1001", "Landscaping", "executed", 0, 0, {rpp, 2, "common", 2});
  b.pay("2025-10-20", "彩虹墙面装饰工作室", false, 1'300'000, "外墙粉刷", "5008", yard, "1001",
        "Wall painting", "executed", 0, 0, {rpp, 3, "common", 3});
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
    b.clock(ms_of("2025-01-01"));
    // The account's full number as the bank printed it; the store keeps its last four digits.
    const std::string number = std::string(code == "1001" ? "62284804025" : "62170038810") +
                               (code == "1001" ? number_last4 : "7788");
    auto acc =
        create_bank_account_in(b.c, *b.app, b.committee, CompoundId{b.cid},
                               {bank_name, number, code == "1001" ? "basic" : "general", code});
    std::vector<bank::StatementLine> lines;
    I balance = 0;
    for (const auto& r : store::account_postings(b.c, b.cid, code)) {
      bank::StatementLine l;
      l.date = r.date;
      l.amount_fen = r.amount_fen;
      balance += l.amount_fen;
      l.balance_fen = balance;
      l.memo = text::truncate(r.description, 40);  // whole characters, never half of one
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

Caller demo_caller(Connection& c, I user_id) {
  Caller who;
  who.ip = "seed";
  who.user = store::get_user(c, user_id);
  XINYI_ASSERT(who.user.has_value());
  who.principal = store::load_principal(c, *who.user);
  return who;
}

std::string demo_pdf(const std::vector<std::string>& lines) { return receipt_pdf(lines); }
I demo_ms(const std::string& date) { return ms_of(date); }

I seed_demo_books(App& app, Connection& c, const std::vector<I>& compounds,
                  const DemoPeople& people) {
  XINYI_ASSERT(compounds.size() == 5);
  auto saved_clock = app.clock_ms;
  I total = 0;
  void (*plans[])(Books&, Rng&) = {hourly, committee, community_run, merged, charity};
  for (std::size_t i = 0; i < 5; ++i) {
    Books b(c, app, compounds[i], people);
    // The rates, with the decisions they rest on; bills from November 2025 on.
    static const std::int64_t rates[] = {30, 80, 40, 50, 80};
    b.clock(ms_of("2025-01-01"));
    const CompoundId cid{compounds[i]};
    set_billing_from_in(c, app, b.committee, cid, *billing::Month::parse(Books::kBillingFrom));
    set_fee_rate_in(c, app, b.committee, cid,
                    {{}, "2025-01", rates[i], "物业服务合同约定的收费标准", "", 0});
    if (i == 0) {
      b.clock(ms_of("2026-04-18"));
      set_fee_rate_in(c, app, b.committee, cid,
                      {{},
                       "2026-05",
                       50,
                       "2026-04-18 业主表决通过：物业费由 0.30 元调整为 0.50 元/㎡·月",
                       "",
                       people.fee_rise_vote});
    }
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
