#include "app/settlement_service.h"

#include <map>

#include "app/billing_service.h"
#include "app/books.h"
#include "app/json_in.h"
#include "domain/billing.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"
#include "store/settlement_repo.h"

namespace xinyi::app {

namespace json = boost::json;
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

json::object set_contract(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  I bp = in.i64("remuneration_bp", 0, 5'000);  // at most 50 %
  in.finish();
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    store::set_remuneration_bp(c, cid, bp);
    audit(c, app, who, cid, "contract.remuneration", "compound:" + std::to_string(cid),
          {{"remuneration_bp", bp}});
    return json::object{{"compound_id", cid}, {"remuneration_bp", bp}};
  });
}

json::object book_remuneration(App& app, const Caller& who, I cid, const std::string& period_text) {
  auto period = require_period(period_text);
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    if (store::remuneration_booked(c, cid, period.str()))
      throw Error(ErrorKind::conflict, "already-booked", "该账期的受托人酬金已入账",
                  "The remuneration for this period is already booked");
    I bp = store::remuneration_bp(c, cid);
    // Costs per courtyard: expense debits in the period, not the remuneration itself, not paid
    // by charity money (entries that credit the charity accounts).
    std::map<I, I> costs;
    for (const auto& r : store::remunerable_costs(c, cid, first_day(period), end_exclusive(period)))
      costs[r.courtyard_id] = r.amount_fen;
    I total_costs = 0, total = 0;
    ledger::Transaction t;
    t.date = period.last().str() + "-28";
    t.kind = "remuneration";
    t.description = period.str() + " 受托人酬金（成本的 " + std::to_string(bp / 100) + "." +
                    (bp % 100 < 10 ? "0" : "") + std::to_string(bp % 100) + "%）";
    for (const auto& [yard, cost] : costs) {
      total_costs += cost;
      I fee = billing::remuneration(cost, bp);
      if (fee == 0) continue;
      total += fee;
      t.postings.push_back({"5007", fee, yard});
      t.postings.push_back({"2001", -fee, yard});
    }
    std::optional<I> idx;
    if (total > 0) {
      Appender ap(c, cid, app.clock_ms());
      idx = ap.append(std::move(t));
      ap.finish();
    }
    store::insert_remuneration_run(c, cid, period.str(), total_costs, total, idx, app.clock_ms());
    audit(c, app, who, cid, "remuneration.book", "period:" + period.str(),
          {{"costs_fen", total_costs}, {"amount_fen", total}});
    return json::object{{"period", period.str()},
                        {"remuneration_bp", bp},
                        {"costs_fen", total_costs},
                        {"amount_fen", total},
                        {"entry_index", idx ? json::value(*idx) : json::value(nullptr)}};
  });
}

json::object allocate_shared_cost(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  std::string description = in.str("description", 100);
  std::string date = in.str("date", 10);
  I amount = in.i64("amount_fen", 1, kMaxAmountFen);
  std::string account = in.str("expense_account", 8);
  std::string rule = in.str("rule", 8);
  if (!date.empty() && !ledger::valid_date(date))
    in.add_error("date", "日期无效", "is not a valid date");
  if (!rule.empty() && rule != "area" && rule != "units" && rule != "fixed")
    in.add_error("rule", "必须是 area（按面积）、units（按户数）或 fixed（固定比例）",
                 "must be area, units or fixed");
  in.finish_except({"shares"});
  json::value parsed = parse_json(body);
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    auto chart = store::load_chart(c, cid);
    const auto* a = ledger::find_account(chart, account);
    if (!a || a->type != ledger::AccountType::expense)
      throw_invalid({{"expense_account", "必须是费用科目", "must be an expense account"}});
    std::vector<I> yards;
    std::vector<I> weights;
    std::vector<std::string> names;
    for (const auto& y : store::list_courtyards(c, cid)) {
      I w = 0;
      if (rule == "area")
        w = store::courtyard_unit_totals(c, y.id).area_centi_m2;
      else if (rule == "units")
        w = store::courtyard_unit_totals(c, y.id).units;
      else {
        const auto* shares = parsed.as_object().if_contains("shares");
        const auto* v = shares && shares->is_object()
                            ? shares->as_object().if_contains(std::to_string(y.id))
                            : nullptr;
        if (v && (!v->is_int64() || v->as_int64() < 0 || v->as_int64() > 1'000'000))
          throw_invalid({{"shares", "每个份额必须是 0–1000000 的整数",
                          "every share must be an integer 0–1000000"}});
        w = v ? v->as_int64() : 0;
      }
      yards.push_back(y.id);
      weights.push_back(w);
      names.push_back(y.name);
    }
    I sum = 0;
    for (I w : weights) sum += w;
    if (yards.size() < 2 || sum == 0)
      throw Error(ErrorKind::unprocessable, "nothing-to-split", "至少需要两个有份额的院落",
                  "Needs at least two courtyards with a share");
    auto parts = billing::allocate(amount, weights);
    ledger::Transaction t;
    t.date = date;
    t.kind = "allocation";
    static const std::map<std::string, std::string> rule_zh = {
        {"area", "按面积"}, {"units", "按户数"}, {"fixed", "按约定比例"}};
    t.description = "分摊：" + description + "（" + rule_zh.at(rule) + "）";
    t.postings.push_back({account, -amount, 0});
    json::array split;
    for (std::size_t i = 0; i < yards.size(); ++i) {
      if (parts[i]) t.postings.push_back({account, parts[i], yards[i]});
      split.push_back(json::object{{"courtyard_id", yards[i]},
                                   {"name", names[i]},
                                   {"weight", weights[i]},
                                   {"amount_fen", parts[i]}});
    }
    Appender ap(c, cid, app.clock_ms());
    I idx = ap.append(std::move(t));
    ap.finish();
    audit(c, app, who, cid, "cost.allocate", "entry:" + std::to_string(idx),
          {{"amount_fen", amount}, {"rule", rule}});
    return json::object{
        {"entry_index", idx}, {"amount_fen", amount}, {"rule", rule}, {"split", std::move(split)}};
  });
}

json::object settlement(App& app, I cid, const std::string& period_text) {
  auto period = require_period(period_text);
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    const std::string from = first_day(period), to = end_exclusive(period);
    struct Row {
      I before = 0, fees = 0, other_income = 0, own_costs = 0, allocated = 0;
    };
    std::map<I, Row> rows;
    // Surplus before the period: income (credit, so negated) less expenses, by courtyard.
    for (const auto& r : store::income_and_expense_before(c, cid, from))
      rows[r.courtyard_id].before = -r.amount_fen;
    for (const auto& r : store::period_sums(c, cid, from, to)) {
      Row& row = rows[r.courtyard_id];
      if (r.income)
        (r.account == "4001" ? row.fees : row.other_income) -= r.amount_fen;
      else
        (r.entry_kind == "allocation" ? row.allocated : row.own_costs) += r.amount_fen;
    }
    json::array out;
    auto emit = [&](I id, const std::string& name) {
      const Row& r = rows[id];
      I surplus = r.fees + r.other_income - r.own_costs - r.allocated;
      out.push_back(json::object{{"courtyard_id", id},
                                 {"name", name},
                                 {"carried_in_fen", r.before},
                                 {"fee_income_fen", r.fees},
                                 {"other_income_fen", r.other_income},
                                 {"own_costs_fen", r.own_costs},
                                 {"allocated_costs_fen", r.allocated},
                                 {"surplus_fen", surplus},
                                 {"carried_out_fen", r.before + surplus}});
    };
    for (const auto& y : store::list_courtyards(c, cid)) emit(y.id, y.name);
    if (rows.count(0)) emit(0, "（全小区）");
    return json::object{{"compound_id", cid},
                        {"period", period.str()},
                        {"from", from},
                        {"to_before", to},
                        {"courtyards", std::move(out)}};
  });
}

json::object add_plan_item(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  I courtyard = in.i64("courtyard_id", 1, INT64_MAX);
  I year = in.i64("year", 2000, 2200);
  std::string item = in.str("item", 100);
  I planned = in.i64("planned_fen", 1, kMaxAmountFen);
  std::string decision = in.str("decision", 200);
  in.finish();
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    if (!store::get_courtyard(c, cid, courtyard)) throw_not_found("院落", "Courtyard");
    I id = store::insert_plan_item(c, cid, {courtyard, year, planned, item, decision},
                                   who.user_id(), app.clock_ms());
    audit(c, app, who, cid, "surplus.plan", "plan_item:" + std::to_string(id),
          {{"item", item}, {"planned_fen", planned}});
    return json::object{{"id", id},     {"courtyard_id", courtyard}, {"year", year},
                        {"item", item}, {"planned_fen", planned},    {"decision", decision}};
  });
}

json::object surplus_plans(App& app, I cid, I year) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    json::array items;
    for (const auto& p : store::list_plan_items(c, cid, year))
      items.push_back(json::object{{"id", p.id},
                                   {"courtyard_id", p.courtyard_id},
                                   {"courtyard", p.courtyard_name},
                                   {"item", p.item},
                                   {"planned_fen", p.planned_fen},
                                   {"decision", p.decision},
                                   {"spent_fen", p.spent_fen}});
    return json::object{{"compound_id", cid}, {"year", year}, {"items", std::move(items)}};
  });
}

json::object notice_data(App& app, I cid, const std::string& month_text) {
  auto month = billing::Month::parse(month_text);
  if (!month)
    throw Error(ErrorKind::bad_request, "bad-period", "月份应为 YYYY-MM",
                "The month must be YYYY-MM");
  billing::Period period{*month, 1};
  json::object settle = settlement(app, cid, month_text);
  json::object owed = arrears(app, cid, true);
  return app.db.read([&](Connection& c) {
    auto k = store::get_compound(c, cid);
    if (!k) throw_not_found("小区", "Compound");
    auto chart = store::load_chart(c, cid);
    json::array income, expenses, balances;
    I income_total = 0, expense_total = 0;
    for (const auto& r :
         store::period_sums_by_account(c, cid, first_day(period), end_exclusive(period))) {
      const auto* a = ledger::find_account(chart, r.account);
      if (!a || r.amount_fen == 0) continue;
      if (a->type == ledger::AccountType::income) {
        income.push_back(
            json::object{{"code", a->code}, {"name", a->name_zh}, {"amount_fen", -r.amount_fen}});
        income_total -= r.amount_fen;
      } else {
        expenses.push_back(
            json::object{{"code", a->code}, {"name", a->name_zh}, {"amount_fen", r.amount_fen}});
        expense_total += r.amount_fen;
      }
    }
    std::map<std::string, I> cash;
    for (const auto& b : store::balances(c, cid, period.last().str() + "-31"))
      cash[b.account] += b.amount_fen;
    for (const auto& a : chart)
      if (a.cash && cash[a.code] != 0)
        balances.push_back(
            json::object{{"code", a.code}, {"name", a.name_zh}, {"amount_fen", cash[a.code]}});
    auto head = store::latest_head(c, cid);
    return json::object{
        {"compound_id", cid},
        {"compound_name", k->name},
        {"address", k->address},
        {"period", month_text},
        {"period_zh", std::to_string(month->year) + "年" + std::to_string(month->month) + "月"},
        {"generated_on", china_date(app.clock_ms())},
        {"income", std::move(income)},
        {"income_total_fen", income_total},
        {"expenses", std::move(expenses)},
        {"expense_total_fen", expense_total},
        {"balances", std::move(balances)},
        {"settlement", settle.at("courtyards")},
        {"units_in_arrears", owed.at("units_in_arrears")},
        {"owed_fen", owed.at("owed_fen")},
        {"tree_size", head ? head->tree_size : 0},
        {"root", head ? head->root : ledger::to_hex(ledger::empty_root())}};
  });
}

}  // namespace xinyi::app
