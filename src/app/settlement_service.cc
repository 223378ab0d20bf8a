#include "app/settlement_service.h"

#include <map>

#include "app/billing_service.h"
#include "app/books.h"
#include "domain/assert.h"
#include "domain/billing.h"
#include "domain/money.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"
#include "store/settlement_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;

namespace {
billing::Period require_period(const std::string& text) {
  auto p = billing::Period::parse(text);
  if (!p)
    throw Error(ErrorKind::bad_request, "bad-period", "账期应为 2025-03、2025-Q1 或 2025",
                "The period must be like 2025-03, 2025-Q1 or 2025");
  return *p;
}
std::string first_day(const billing::Period& p) { return p.first.str() + "-01"; }
// The first day after the period: dates compare as text, so a period is [first_day, end_exclusive).
std::string end_exclusive(const billing::Period& p) { return p.last().plus(1).str() + "-01"; }
}  // namespace

const char* to_string(SplitRule r) {
  switch (r) {
    case SplitRule::area:
      return "area";
    case SplitRule::units:
      return "units";
    case SplitRule::fixed:
      return "fixed";
  }
  XINYI_ASSERT(false);
  return "";
}

std::optional<SplitRule> parse_split_rule(std::string_view text) {
  for (auto r : {SplitRule::area, SplitRule::units, SplitRule::fixed})
    if (text == to_string(r)) return r;
  return std::nullopt;
}

ContractTerms set_contract(App& app, const Caller& who, CompoundId compound,
                           const ContractTerms& t) {
  const I cid = compound.value;
  if (t.remuneration_bp < 0 || t.remuneration_bp > kMaxRemunerationBp)
    throw_invalid({{"remuneration_bp", "必须在 0–5000 之间", "must be 0–5000"}});
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    store::set_remuneration_bp(c, cid, t.remuneration_bp);
    audit(c, app, who, cid, "contract.remuneration", "compound:" + std::to_string(cid),
          {{"remuneration_bp", t.remuneration_bp}});
    return t;
  });
}

namespace {

// "2025-03 受托人酬金（成本的 8.50%）"
std::string remuneration_text(const billing::Period& period, I bp) {
  return period.str() + " 受托人酬金（成本的 " + std::to_string(bp / 100) + "." +
         (bp % 100 < 10 ? "0" : "") + std::to_string(bp % 100) + "%）";
}

}  // namespace

RemunerationBooked book_remuneration(App& app, const Caller& who, CompoundId compound,
                                     const std::string& period_text) {
  const I cid = compound.value;
  auto period = require_period(period_text);
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    if (store::remuneration_booked(c, cid, period.str()))
      throw Error(ErrorKind::conflict, "already-booked", "该账期的受托人酬金已入账",
                  "The remuneration for this period is already booked");
    RemunerationBooked out;
    out.period = period.str();
    out.remuneration_bp = store::remuneration_bp(c, cid);
    ledger::Transaction t;
    t.date = period.last().str() + "-28";
    t.kind = "remuneration";
    t.description = remuneration_text(period, out.remuneration_bp);
    // Costs per courtyard: expense debits in the period, not the remuneration itself, not paid
    // by charity money (entries that credit the charity accounts).
    for (const auto& r :
         store::remunerable_costs(c, cid, first_day(period), end_exclusive(period))) {
      out.costs_fen += Fen{r.amount_fen};
      I fee = billing::remuneration(r.amount_fen, out.remuneration_bp);
      if (fee == 0) continue;
      out.amount_fen += Fen{fee};
      t.postings.push_back({"5007", fee, r.courtyard_id});
      t.postings.push_back({"2001", -fee, r.courtyard_id});
    }
    if (out.amount_fen > Fen{}) {
      Appender ap(c, cid, app.clock_ms());
      out.entry_index = ap.append(std::move(t));
      ap.finish();
    }
    store::insert_remuneration_run(c, cid, out.period, out.costs_fen.value, out.amount_fen.value,
                                   out.entry_index, app.clock_ms());
    audit(c, app, who, cid, "remuneration.book", "period:" + out.period,
          {{"costs_fen", out.costs_fen}, {"amount_fen", out.amount_fen}});
    return out;
  });
}

namespace {

const char* rule_zh(SplitRule r) {
  switch (r) {
    case SplitRule::area:
      return "按面积";
    case SplitRule::units:
      return "按户数";
    case SplitRule::fixed:
      return "按约定比例";
  }
  return "";
}

// Each courtyard's weight under the rule, in courtyard order.
std::vector<CourtyardShare> weigh_courtyards(Connection& c, I cid, const SharedCost& cost) {
  std::vector<CourtyardShare> out;
  for (const auto& y : store::list_courtyards(c, cid)) {
    I w = 0;
    if (cost.rule == SplitRule::area)
      w = store::courtyard_unit_totals(c, y.id).area_centi_m2;
    else if (cost.rule == SplitRule::units)
      w = store::courtyard_unit_totals(c, y.id).units;
    else if (auto it = cost.fixed_shares.find(y.id); it != cost.fixed_shares.end())
      w = it->second;
    out.push_back({y.id, y.name, w, Fen{}});
  }
  return out;
}

}  // namespace

SharedCostBooked allocate_shared_cost(App& app, const Caller& who, CompoundId compound,
                                      const SharedCost& cost) {
  const I cid = compound.value;
  if (!ledger::valid_date(cost.date)) throw_invalid({{"date", "日期无效", "is not a valid date"}});
  if (cost.amount_fen < Fen{1} || cost.amount_fen > Fen{kMaxAmountFen})
    throw_invalid({{"amount_fen", "金额超出范围", "is out of range"}});
  for (const auto& [yard, share] : cost.fixed_shares)
    if (share < 0 || share > kMaxCostShare)
      throw_invalid({{"shares", "每个份额必须是 0–1000000 的整数",
                      "every share must be an integer 0–1000000"}});
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    auto chart = store::load_chart(c, cid);
    const auto* a = ledger::find_account(chart, cost.expense_account);
    if (!a || a->type != ledger::AccountType::expense)
      throw_invalid({{"expense_account", "必须是费用科目", "must be an expense account"}});
    SharedCostBooked out{0, cost.amount_fen, cost.rule, weigh_courtyards(c, cid, cost)};
    std::vector<I> weights;
    I sum = 0;
    for (const auto& s : out.split) weights.push_back(s.weight), sum += s.weight;
    if (out.split.size() < 2 || sum == 0)
      throw Error(ErrorKind::unprocessable, "nothing-to-split", "至少需要两个有份额的院落",
                  "Needs at least two courtyards with a share");
    auto parts = billing::allocate(cost.amount_fen.value, weights);
    ledger::Transaction t;
    t.date = cost.date;
    t.kind = "allocation";
    t.description = "分摊：" + cost.description + "（" + rule_zh(cost.rule) + "）";
    t.postings.push_back({cost.expense_account, -cost.amount_fen.value, 0});
    for (std::size_t i = 0; i < out.split.size(); ++i) {
      out.split[i].amount_fen = Fen{parts[i]};
      if (parts[i])
        t.postings.push_back({cost.expense_account, parts[i], out.split[i].courtyard_id});
    }
    Appender ap(c, cid, app.clock_ms());
    out.entry_index = ap.append(std::move(t));
    ap.finish();
    audit(c, app, who, cid, "cost.allocate", "entry:" + std::to_string(out.entry_index),
          {{"amount_fen", cost.amount_fen}, {"rule", to_string(cost.rule)}});
    return out;
  });
}

namespace {

settle::Settlement settlement_in(Connection& c, I cid, const billing::Period& period,
                                 const std::string& period_text) {
  require_compound(c, cid);
  settle::Settlement out{cid, period_text, first_day(period), end_exclusive(period), {}};
  std::map<I, settle::CourtyardSettlement> rows;
  // Surplus before the period: income (credit, so negated) less expenses, by courtyard.
  for (const auto& r : store::income_and_expense_before(c, cid, out.from))
    rows[r.courtyard_id].carried_in_fen = -r.amount_fen;
  for (const auto& r : store::period_sums(c, cid, out.from, out.to_before)) {
    auto& row = rows[r.courtyard_id];
    if (r.income)
      (r.account == "4001" ? row.fee_income_fen : row.other_income_fen) -= r.amount_fen;
    else
      (r.entry_kind == "allocation" ? row.allocated_costs_fen : row.own_costs_fen) += r.amount_fen;
  }
  auto emit = [&](I id, const std::string& name) {
    settle::CourtyardSettlement row = rows[id];
    row.courtyard_id = id;
    row.name = name;
    out.courtyards.push_back(std::move(row));
  };
  for (const auto& y : store::list_courtyards(c, cid)) emit(y.id, y.name);
  if (rows.count(0)) emit(0, "（全小区）");
  return out;
}

}  // namespace

settle::Settlement settlement(App& app, CompoundId compound, const std::string& period_text) {
  const I cid = compound.value;
  auto period = require_period(period_text);
  return app.db.read([&](Connection& c) { return settlement_in(c, cid, period, period.str()); });
}

PlanItem add_plan_item_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                          const PlanItemInput& in) {
  const I cid = compound.value;
  if (in.planned_fen < Fen{1} || in.planned_fen > Fen{kMaxAmountFen})
    throw_invalid({{"planned_fen", "金额超出范围", "is out of range"}});
  require_compound(c, cid);
  if (!store::get_courtyard(c, cid, in.courtyard_id)) throw_not_found("院落", "Courtyard");
  PlanItem out{0, in, "", Fen{0}};
  out.id = store::insert_plan_item(
      c, cid, {in.courtyard_id, in.year, in.planned_fen.value, in.item, in.decision}, who.user_id(),
      app.clock_ms());
  audit(c, app, who, cid, "surplus.plan", "plan_item:" + std::to_string(out.id),
        {{"item", in.item}, {"planned_fen", in.planned_fen}});
  return out;
}

PlanItem add_plan_item(App& app, const Caller& who, CompoundId compound, const PlanItemInput& in) {
  if (in.planned_fen < Fen{1} || in.planned_fen > Fen{kMaxAmountFen})
    throw_invalid({{"planned_fen", "金额超出范围", "is out of range"}});
  return app.db.write([&](Connection& c) { return add_plan_item_in(c, app, who, compound, in); });
}

SurplusPlans surplus_plans(App& app, CompoundId compound, I year) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    SurplusPlans out{cid, year, {}};
    for (const auto& p : store::list_plan_items(c, cid, year))
      out.items.push_back({p.id,
                           {p.courtyard_id, year, p.item, Fen{p.planned_fen}, p.decision},
                           p.courtyard_name,
                           Fen{p.spent_fen}});
    return out;
  });
}

namespace {

// Income and expenses of the period by account, from the chart's point of view: income as
// money in (positive), expenses as money out.
void add_account_lines(Connection& c, I cid, const billing::Period& period,
                       const std::vector<ledger::Account>& chart, settle::MonthlyNotice& n) {
  for (const auto& r :
       store::period_sums_by_account(c, cid, first_day(period), end_exclusive(period))) {
    const auto* a = ledger::find_account(chart, r.account);
    if (!a || r.amount_fen == 0) continue;
    if (a->type == ledger::AccountType::income) {
      n.income.push_back({a->code, a->name_zh, -r.amount_fen});
      n.income_total_fen -= r.amount_fen;
    } else {
      n.expenses.push_back({a->code, a->name_zh, r.amount_fen});
      n.expense_total_fen += r.amount_fen;
    }
  }
}

}  // namespace

settle::MonthlyNotice notice_data(App& app, CompoundId compound, const std::string& month_text) {
  const I cid = compound.value;
  auto month = billing::Month::parse(month_text);
  if (!month)
    throw Error(ErrorKind::bad_request, "bad-period", "月份应为 YYYY-MM",
                "The month must be YYYY-MM");
  billing::Period period{*month, 1};
  return app.db.read([&](Connection& c) {
    auto k = store::get_compound(c, cid);
    if (!k) throw_not_found("小区", "Compound");
    settle::MonthlyNotice n;
    n.compound_id = cid;
    n.compound_name = k->name;
    n.address = k->address;
    n.period = month_text;
    n.period_zh = std::to_string(month->year) + "年" + std::to_string(month->month) + "月";
    n.generated_on = china_date(app.clock_ms());
    auto chart = store::load_chart(c, cid);
    add_account_lines(c, cid, period, chart, n);
    std::map<std::string, I> cash;
    for (const auto& b : store::balances(c, cid, period.last().str() + "-31"))
      cash[b.account] += b.amount_fen;
    for (const auto& a : chart)
      if (a.cash && cash[a.code] != 0) n.balances.push_back({a.code, a.name_zh, cash[a.code]});
    n.settlement = settlement_in(c, cid, period, month_text).courtyards;
    auto owed = public_arrears_in(c, compound);
    n.units_in_arrears = owed.units_in_arrears;
    n.owed_fen = owed.owed_fen.value;
    auto head = store::latest_head(c, cid);
    n.tree_size = head ? head->tree_size : 0;
    n.root_hex = head ? head->root : ledger::to_hex(ledger::empty_root());
    return n;
  });
}

}  // namespace xinyi::app
