#include "app/billing_service.h"

#include <map>
#include <set>

#include "app/books.h"
#include "app/notify.h"
#include "app/settlement_service.h"
#include "app/vote_service.h"
#include "domain/assert.h"
#include "domain/billing.h"
#include "domain/money.h"
#include "store/auth_repo.h"
#include "store/billing_repo.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"
#include "store/vote_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;
using billing::Month;

namespace {

// The rate for each month: the courtyard's own schedule where it has one, else the compound's.
struct Schedules {
  std::map<I, std::vector<std::pair<Month, I>>> by_courtyard;  // 0: the compound
  std::optional<I> rate(I courtyard, const Month& m) const {
    for (I key : {courtyard, I{0}}) {
      auto it = by_courtyard.find(key);
      if (it == by_courtyard.end()) continue;
      std::optional<I> r;
      for (const auto& [from, fen] : it->second)
        if (from <= m) r = fen;
      if (r) return r;
    }
    return std::nullopt;
  }
};

Schedules load_schedules(Connection& c, I cid) {
  Schedules s;
  for (const auto& r : store::list_fee_rates(c, cid))
    s.by_courtyard[r.courtyard_id].emplace_back(*Month::parse(r.effective_from), r.rate_fen);
  return s;
}

}  // namespace

std::string receipt_label(I no) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "No.%06lld", static_cast<long long>(no));
  return buf;
}

namespace {

// A printable receipt: what was paid, for which unit, what it settled, and the ledger entry
// (its public page is what the receipt's QR code opens).
Receipt receipt_in(Connection& c, I cid, I receipt_no) {
  auto rec = store::get_receipt(c, cid, receipt_no);
  if (!rec) throw_not_found("收据", "Receipt");
  const store::PaymentRec& p = rec->payment;
  auto unit = store::get_unit(c, cid, p.unit_id);
  auto compound = store::get_compound(c, cid);
  XINYI_ASSERT(unit && compound);
  Receipt out;
  out.receipt_no = receipt_no;
  out.compound_id = CompoundId{cid};
  out.unit_id = UnitId{p.unit_id};
  out.reversal_index = rec->reversed_idx;
  out.compound_name = compound->name;
  out.label = unit->label;
  out.courtyard = unit->courtyard_name;
  out.amount_fen = Fen{p.amount_fen};
  out.method = p.method;
  out.reference = p.reference;
  out.paid_on = p.paid_on;
  out.entry_index = p.entry_idx;
  for (const auto& a : store::list_allocations(c, p.id)) {
    out.settled_fen += Fen{a.amount_fen};
    out.allocations.push_back({a.bill_id, a.period, Fen{a.amount_fen}});
  }
  return out;
}

}  // namespace

Receipt receipt(App& app, CompoundId compound, I receipt_no) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) { return receipt_in(c, cid, receipt_no); });
}

Receipt my_receipt(App& app, const Caller& who, CompoundId compound, I receipt_no) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    auto rec = store::get_receipt(c, cid, receipt_no);
    if (!rec) throw_not_found("收据", "Receipt");
    if (!store::has_claim(c, rec->payment.unit_id, who.user_id())) throw_forbidden();
    return receipt_in(c, cid, receipt_no);
  });
}

store::FeeRateRec set_fee_rate_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                                  const FeeRateInput& in) {
  const I cid = compound.value;
  if (!Month::parse(in.effective_from))
    throw_invalid({{"effective_from", "应为 YYYY-MM（自该月 1 日起生效）",
                    "must be YYYY-MM (effective from the 1st)"}});
  if (in.rate_fen < 0 || in.rate_fen > billing::kMaxRateFenPerM2Month)
    throw_invalid({{"rate_fen", "费率超出范围", "rate_fen is out of range"}});
  const I courtyard = in.courtyard_id.value;
  const std::string& from = in.effective_from;
  const std::string& doc = in.document_sha256;
  const I vote_id = in.vote_id;
  require_compound(c, cid);
  if (courtyard && !store::get_courtyard(c, cid, courtyard)) throw_not_found("院落", "Courtyard");
  if (!doc.empty() && !store::get_voucher(c, cid, doc, false))
    throw_not_found("决议文件（请先上传）", "Decision document (upload it first)");
  if (store::fee_rate_from(c, cid, courtyard, from))
    throw Error(ErrorKind::conflict, "rate-exists", "该月起的费率已设定",
                "A rate from that month is already set");
  // A change of rate (a schedule already exists for this scope) takes effect only after the
  // owners have voted for it: matter 2 (management rules), 4 (the provider's contract) or 9.
  bool change = store::fee_rate_before(c, cid, courtyard, from);
  if (change && !vote_id)
    throw_invalid({{"vote_id", "调整收费标准须引用已通过的业主表决",
                    "A change of fee rate must cite a passed owners' vote"}});
  if (vote_id) {
    require_passed_vote(c, cid, vote_id, {2, 4, 9}, "vote_id");
    I closed = store::get_vote(c, cid, vote_id)->closed_at_ms;  // require_passed_vote found it
    if (china_date(closed).substr(0, 7) > from)
      throw_invalid({{"effective_from", "新标准只能自表决通过当月或之后生效",
                      "The new rate can take effect only from the month the vote passed"}});
  }
  store::FeeRateRec r{0, courtyard, from, in.rate_fen, in.decision, doc, vote_id};
  try {
    r.id = store::insert_fee_rate(c, cid, r, who.user_id(), app.clock_ms());
  } catch (const store::ConstraintError&) {
    throw Error(ErrorKind::conflict, "rate-exists", "该月起的费率已设定",
                "A rate from that month is already set");
  }
  audit(c, app, who, cid, "fee.rate", "fee_rate:" + std::to_string(r.id),
        {{"effective_from", from}, {"rate_fen", in.rate_fen}, {"vote_id", vote_id}});
  return r;
}

store::FeeRateRec set_fee_rate(App& app, const Caller& who, CompoundId compound,
                               const FeeRateInput& in) {
  return app.db.write([&](Connection& c) { return set_fee_rate_in(c, app, who, compound, in); });
}

void set_billing_from_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                         Month first) {
  const I cid = compound.value;
  require_compound(c, cid);
  store::set_billing_from(c, cid, first.str());
  audit(c, app, who, cid, "billing.from", "compound:" + std::to_string(cid),
        {{"billing_from", first.str()}});
}

std::vector<store::FeeRateRec> fee_rates(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    return store::list_fee_rates(c, cid);
  });
}

namespace {

// What a run would bill: one bill per unit for its months not billed yet (nor before the
// compound started billing in Xinyi), at the rate of each month.
struct PlannedRun {
  std::vector<store::NewBill> bills;
  std::map<I, I> total_by_yard;  // courtyard → fen
  I units = 0, months_skipped = 0, total_fen = 0;
};

std::vector<store::UnitRec> all_units(Connection& c, I cid) {
  std::vector<store::UnitRec> units;
  for (I after = 0;;) {
    auto page = store::list_units(c, cid, after, 5000);
    units.insert(units.end(), page.begin(), page.end());
    if (page.size() < 5000) break;
    after = page.back().id;
  }
  return units;
}

PlannedRun plan_run(Connection& c, I cid, const billing::Period& period,
                    const std::function<void(std::size_t, std::size_t)>& progress) {
  auto schedules = load_schedules(c, cid);
  // Months before the compound started billing in Xinyi were billed elsewhere (their income
  // is already in the books as received): never billed again.
  const std::string billing_from = store::billing_from(c, cid);
  std::set<std::pair<I, std::string>> billed;
  for (auto& b : store::billed_months_of_compound(c, cid, period.first.str(), period.last().str()))
    billed.emplace(b.unit_id, std::move(b.month));
  PlannedRun plan;
  const auto units = all_units(c, cid);
  plan.units = static_cast<I>(units.size());
  std::size_t done = 0;
  for (const auto& u : units) {
    std::vector<std::pair<Month, I>> months;
    for (int k = 0; k < period.months; ++k) {
      Month m = period.first.plus(k);
      if (billed.count({u.id, m.str()}) || m.str() < billing_from) {
        ++plan.months_skipped;
        continue;
      }
      if (auto r = schedules.rate(u.courtyard_id, m)) months.emplace_back(m, *r);
    }
    if (++done % 1000 == 0 && progress) progress(done, units.size());
    if (months.empty()) continue;
    auto lines = billing::lines_for_months(months, u.area_centi_m2);
    I amount = 0;
    for (const auto& l : lines) amount += l.amount_fen;
    plan.bills.push_back(
        {u.courtyard_id, u.id, months.front().first.str(), std::move(lines), amount, 0});
    plan.total_by_yard[u.courtyard_id] += amount;
    plan.total_fen += amount;
  }
  if (progress) progress(units.size(), units.size());
  return plan;
}

// Writes the bills, applies prepayments to them, and books one entry per courtyard (and one per
// courtyard for the prepayments used). Returns the run's id.
I write_run(Connection& c, App& app, const Caller& who, I cid, const billing::Period& period,
            PlannedRun& plan, I now) {
  I run_id = store::insert_bill_run(c, cid, period.str(), static_cast<I>(plan.bills.size()),
                                    plan.total_fen, who.user_id(), now);
  std::map<I, I> prepaid_used_by_yard;
  for (auto& b : plan.bills) {
    I bill_id = store::insert_bill(c, cid, run_id, period.str(), b, now);
    I owed = b.amount_fen;
    for (const auto& p : store::prepaid(c, cid, b.unit_id)) {
      if (owed == 0) break;
      I use = std::min(owed, p.left_fen);
      store::insert_allocation(c, cid, p.payment_id, bill_id, use);
      store::add_paid(c, bill_id, use);
      prepaid_used_by_yard[b.courtyard_id] += use;
      owed -= use;
    }
  }
  Appender ap(c, cid, now);
  const std::string date = period.first.str() + "-01";
  auto entry = [&](std::string description, std::vector<ledger::Posting> postings) {
    ledger::Transaction t;
    t.date = date;
    t.kind = "bill_run";
    t.description = std::move(description);
    t.postings = std::move(postings);
    t.links = {{"bill_run", run_id}};
    ap.append(std::move(t));
  };
  for (const auto& [y, v] : plan.total_by_yard) {
    if (v == 0) continue;
    auto yr = store::get_courtyard(c, cid, y);
    entry(period.str() + " 物业费账单（" + (yr ? yr->name : "") + "）",
          {{"1101", v, y}, {"4001", -v, y}});
  }
  for (const auto& [y, v] : prepaid_used_by_yard)
    entry(period.str() + " 预收物业费抵扣", {{"2002", v, y}, {"1101", -v, y}});
  ap.finish();
  audit(c, app, who, cid, "bill.run", "bill_run:" + std::to_string(run_id),
        {{"period", period.str()}, {"total_fen", plan.total_fen}});
  notify_units(c, cid, {.bill_run_id = run_id},
               Notice{"bill", period.str() + " 物业费账单已出，请在“我的”查看", "", "/me", true},
               now);
  return run_id;
}

}  // namespace

BillRun bill_run_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                    const billing::Period& period, bool preview,
                    const std::function<void(std::size_t, std::size_t)>& progress) {
  const I cid = compound.value;
  require_compound(c, cid);
  auto plan = plan_run(c, cid, period, progress);
  BillRun out;
  out.period = period.str();
  out.units = plan.units;
  out.bills = static_cast<I>(plan.bills.size());
  out.total_fen = Fen{plan.total_fen};
  out.months_skipped = plan.months_skipped;
  out.preview = preview;
  for (const auto& [y, v] : plan.total_by_yard) {
    auto yr = store::get_courtyard(c, cid, y);
    out.courtyards.push_back({CourtyardId{y}, yr ? yr->name : "", Fen{v}});
  }
  if (!plan.bills.empty())
    out.example = ExampleBill{UnitId{plan.bills.front().unit_id}, plan.bills.front().lines};
  if (preview || plan.bills.empty()) return out;
  out.run_id = write_run(c, app, who, cid, period, plan, app.clock_ms());
  return out;
}

BillRun bill_run(App& app, const Caller& who, CompoundId compound, const std::string& period_text,
                 bool preview, const std::function<void(std::size_t, std::size_t)>& progress) {
  auto period = billing::Period::parse(period_text);
  if (!period)
    throw Error(ErrorKind::bad_request, "bad-period", "账期应为 2025-03、2025-Q1 或 2025",
                "The period must be like 2025-03, 2025-Q1 or 2025");
  auto now = billing::Month::parse(china_date(app.clock_ms()).substr(0, 7));
  XINYI_ASSERT(now.has_value());
  if (!billing::within_billing_horizon(*period, *now))
    throw Error(ErrorKind::unprocessable, "period-too-far",
                "只能为本期或下一期出账单（" + period->str() + " 太远了）",
                "Bills can be run for the current period or the next one only (" + period->str() +
                    " is too far ahead)",
                {{"period", "只能是本期或下一期", "must be the current period or the next one"}});
  auto run = [&](Connection& c) {
    return bill_run_in(c, app, who, compound, *period, preview, progress);
  };
  return preview ? app.db.read(run) : app.db.write(run);
}

const char* to_string(PayMethod m) {
  switch (m) {
    case PayMethod::cash:
      return "cash";
    case PayMethod::bank:
      return "bank";
    case PayMethod::wechat:
      return "wechat";
    case PayMethod::alipay:
      return "alipay";
  }
  XINYI_ASSERT(false);
  return "";
}

std::optional<PayMethod> parse_pay_method(std::string_view text) {
  for (auto m : {PayMethod::cash, PayMethod::bank, PayMethod::wechat, PayMethod::alipay})
    if (text == to_string(m)) return m;
  return std::nullopt;
}

PaymentRecorded record_payment_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                                  const PaymentInput& in) {
  const I cid = compound.value;
  if (in.amount_fen < Fen{1} || in.amount_fen > Fen{kMaxAmountFen})
    throw_invalid({{"amount_fen", "金额超出范围", "is out of range"}});
  if (in.paid_on && !ledger::valid_date(*in.paid_on))
    throw_invalid({{"paid_on", "日期无效", "is not a valid date"}});
  const I unit_id = in.unit_id.value, amount = in.amount_fen.value;
  const std::string method = to_string(in.method);
  require_compound(c, cid);
  auto unit = store::get_unit(c, cid, unit_id);
  if (!unit) throw_not_found("房屋", "Unit");
  std::vector<billing::OpenBill> open;
  for (const auto& b : store::open_bills(c, cid, unit_id))
    open.push_back({b.id, *Month::parse(b.first_month), b.amount_fen - b.paid_fen});
  auto applied = billing::apply_payment(open, amount);
  I settled = amount - applied.prepaid_fen;
  store::PaymentRec p;
  p.unit_id = unit_id;
  p.receipt_no = store::next_receipt_no(c, cid);
  p.amount_fen = amount;
  p.method = method;
  p.reference = in.reference;
  p.paid_on = in.paid_on.value_or(china_date(app.clock_ms()));
  ledger::Transaction t;
  t.date = p.paid_on;
  t.kind = "payment";
  t.description = "物业费收款（收据 " + receipt_label(p.receipt_no) + "）";
  t.postings = {{method == "cash" ? "1009" : "1001", amount, unit->courtyard_id}};
  if (settled) t.postings.push_back({"1101", -settled, unit->courtyard_id});
  if (applied.prepaid_fen) t.postings.push_back({"2002", -applied.prepaid_fen, unit->courtyard_id});
  Appender ap(c, cid, app.clock_ms());
  p.entry_idx = ap.append(std::move(t));
  ap.finish();
  p.id = store::insert_payment(c, cid, p, who.user_id(), app.clock_ms());
  for (const auto& a : applied.applied) {
    store::insert_allocation(c, cid, p.id, a.bill_id, a.amount_fen);
    store::add_paid(c, a.bill_id, a.amount_fen);
  }
  audit(c, app, who, cid, "payment.record", "payment:" + std::to_string(p.id),
        {{"amount_fen", amount}, {"receipt_no", p.receipt_no}});
  notify_units(
      c, cid, {.unit_id = unit_id},
      Notice{
          "payment",
          "已收到物业费 " + format_yuan(amount) + " 元（收据 " + receipt_label(p.receipt_no) + "）",
          "", "/receipt/" + std::to_string(cid) + "/" + std::to_string(p.receipt_no), true},
      app.clock_ms());
  return PaymentRecorded{receipt_in(c, cid, p.receipt_no), Fen{applied.prepaid_fen}};
}

PaymentRecorded record_payment(App& app, const Caller& who, CompoundId compound,
                               const PaymentInput& p) {
  return app.db.write([&](Connection& c) { return record_payment_in(c, app, who, compound, p); });
}

namespace {

Arrears arrears_in(Connection& c, I cid, bool with_units) {
  require_compound(c, cid);
  Arrears out;
  out.compound_id = CompoundId{cid};
  std::map<I, CourtyardArrears> by_yard;
  if (with_units) out.units.emplace();
  for (const auto& a : store::arrears(c, cid)) {
    by_yard[a.courtyard_id].units_in_arrears += 1;
    by_yard[a.courtyard_id].owed_fen += Fen{a.owed_fen};
    out.units_in_arrears += 1;
    out.owed_fen += Fen{a.owed_fen};
    if (with_units)
      out.units->push_back({UnitId{a.unit_id}, CourtyardId{a.courtyard_id}, a.label, a.oldest_month,
                            a.bills, Fen{a.owed_fen}});
  }
  for (const auto& y : store::list_courtyards(c, cid)) {
    CourtyardArrears row = by_yard[y.id];
    row.courtyard_id = CourtyardId{y.id};
    row.name = y.name;
    out.courtyards.push_back(std::move(row));
  }
  return out;
}

}  // namespace

Arrears public_arrears_in(Connection& c, CompoundId compound) {
  const I cid = compound.value;
  return arrears_in(c, cid, false);
}

Arrears public_arrears(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) { return arrears_in(c, cid, false); });
}

Arrears member_arrears(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) { return arrears_in(c, cid, true); });
}

sheet::Table export_data(App& app, CompoundId compound, const std::string& what,
                         const std::string& period_text) {
  const I cid = compound.value;
  auto period = billing::Period::parse(period_text);
  if (!period)
    throw Error(ErrorKind::bad_request, "bad-period", "账期应为 2025-03、2025-Q1 或 2025",
                "The period must be like 2025-03, 2025-Q1 or 2025");
  const std::string first = period->first.str(), last = period->last().str();
  sheet::Table t;
  auto& rows = t.rows;
  app.db.read([&](Connection& c) {
    require_compound(c, cid);
    if (what == "bills") {
      t.title = "账单 " + period->str();
      t.headers = {"账期",     "院落",     "房屋",     "面积(㎡)",
                   "应缴(分)", "应缴(元)", "已缴(分)", "未缴(分)"};
      for (const auto& r : store::export_bills(c, cid, first, last))
        rows.push_back({r.period, r.courtyard_name, r.label, format_centi(r.area_centi_m2),
                        r.amount_fen, format_yuan(r.amount_fen), r.paid_fen,
                        r.amount_fen - r.paid_fen});
    } else if (what == "payments") {
      t.title = "收款 " + period->str();
      t.headers = {"收据号", "日期", "院落", "房屋", "金额(分)", "金额(元)", "方式", "账目编号"};
      for (const auto& r :
           store::export_payments(c, cid, first + "-01", period->last().plus(1).str() + "-01"))
        rows.push_back({receipt_label(r.receipt_no), r.paid_on, r.courtyard_name, r.label,
                        r.amount_fen, format_yuan(r.amount_fen), r.method, r.entry_idx});
    } else if (what != "settlement") {
      throw_not_found("导出类型 " + what.substr(0, 20), "Export " + what.substr(0, 20));
    }
  });
  if (what == "settlement") {
    t.title = "院落结算 " + period->str();
    t.headers = {"院落",         "上期结转(分)", "物业费收入(分)", "其他收入(分)",
                 "本院支出(分)", "分摊支出(分)", "本期结余(分)",   "结转下期(分)"};
    for (const auto& y : settlement(app, compound, period_text).courtyards)
      rows.push_back({y.name, y.carried_in_fen, y.fee_income_fen, y.other_income_fen,
                      y.own_costs_fen, y.allocated_costs_fen, y.surplus_fen(),
                      y.carried_out_fen()});
  }
  return t;
}

UnitAccount unit_account(App& app, CompoundId compound, UnitId uid) {
  const I cid = compound.value, unit_id = uid.value;
  return app.db.read([&](Connection& c) {
    auto unit = store::get_unit(c, cid, unit_id);
    if (!unit) throw_not_found("房屋", "Unit");
    UnitAccount out;
    out.unit_id = uid, out.compound_id = compound;
    out.label = unit->label, out.courtyard = unit->courtyard_name;
    out.area_centi_m2 = unit->area_centi_m2;
    for (auto& b : store::unit_bills(c, cid, unit_id)) {
      out.owed_fen += Fen{b.amount_fen - b.paid_fen};
      auto lines = store::list_bill_lines(c, b.id);
      out.bills.push_back({std::move(b), std::move(lines)});
    }
    for (const auto& p : store::prepaid(c, cid, unit_id)) out.prepaid_fen += Fen{p.left_fen};
    out.payments = store::unit_payments(c, cid, unit_id);
    // What the household received from common money bought per household (insurance, …).
    out.covered_by = store::list_covering_unit(c, unit_id);
    return out;
  });
}

std::vector<MyUnitAccount> my_bills(App& app, const Caller& who) {
  auto claims = app.db.read([&](Connection& c) { return store::list_claims(c, who.user_id()); });
  std::vector<MyUnitAccount> out;
  for (const auto& cl : claims)
    out.push_back(
        {unit_account(app, CompoundId{cl.compound_id}, UnitId{cl.unit_id}), cl.compound_name});
  return out;
}

}  // namespace xinyi::app
