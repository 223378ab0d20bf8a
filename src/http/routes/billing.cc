// Routes: fees: rates, bill runs, payments, receipts, arrears, the settlement, shared costs,
// exports.
#include "http/routes/billing.h"

#include "http/routes/routes.h"

#include <charconv>

#include "app/billing_service.h"
#include "app/settlement_service.h"
#include "domain/ledger/books.h"
#include "domain/ledger/merkle.h"
#include "domain/money.h"
#include "http/json_in.h"

namespace xinyi::http::routes {

namespace {

// ---- codecs: the settlement's and the arrears' structs as JSON, and back ----------------------

json::object arrears_json(const app::Arrears& a) {
  json::array yards;
  for (const auto& y : a.courtyards)
    yards.push_back(json::object{{"courtyard_id", y.courtyard_id.value},
                                 {"name", y.name},
                                 {"units_in_arrears", y.units_in_arrears},
                                 {"owed_fen", y.owed_fen.value}});
  json::object out{{"compound_id", a.compound_id.value},
                   {"units_in_arrears", a.units_in_arrears},
                   {"owed_fen", a.owed_fen.value},
                   {"courtyards", std::move(yards)}};
  if (a.units) {
    json::array units;
    for (const auto& u : *a.units)
      units.push_back(json::object{{"unit_id", u.unit_id.value},
                                   {"courtyard_id", u.courtyard_id.value},
                                   {"label", u.label},
                                   {"oldest_month", u.oldest_month},
                                   {"bills", u.bills},
                                   {"owed_fen", u.owed_fen.value}});
    out["units"] = std::move(units);
  }
  return out;
}

json::object settlement_json(const settle::Settlement& s) {
  json::array rows;
  for (const auto& y : s.courtyards)
    rows.push_back(json::object{{"courtyard_id", y.courtyard_id},
                                {"name", y.name},
                                {"carried_in_fen", y.carried_in_fen},
                                {"fee_income_fen", y.fee_income_fen},
                                {"other_income_fen", y.other_income_fen},
                                {"own_costs_fen", y.own_costs_fen},
                                {"allocated_costs_fen", y.allocated_costs_fen},
                                {"surplus_fen", y.surplus_fen()},
                                {"carried_out_fen", y.carried_out_fen()}});
  return json::object{{"compound_id", s.compound_id},
                      {"period", s.period},
                      {"from", s.from},
                      {"to_before", s.to_before},
                      {"courtyards", std::move(rows)}};
}

json::object plan_item_json(const app::PlanItem& p) {
  return json::object{{"id", p.id},
                      {"courtyard_id", p.input.courtyard_id},
                      {"year", p.input.year},
                      {"item", p.input.item},
                      {"planned_fen", p.input.planned_fen.value},
                      {"decision", p.input.decision}};
}

json::object surplus_plans_json(const app::SurplusPlans& s) {
  json::array items;
  for (const auto& p : s.items)
    items.push_back(json::object{{"id", p.id},
                                 {"courtyard_id", p.input.courtyard_id},
                                 {"courtyard", p.courtyard_name},
                                 {"item", p.input.item},
                                 {"planned_fen", p.input.planned_fen.value},
                                 {"decision", p.input.decision},
                                 {"spent_fen", p.spent_fen.value}});
  return json::object{
      {"compound_id", s.compound_id}, {"year", s.year}, {"items", std::move(items)}};
}

json::object remuneration_json(const app::RemunerationBooked& b) {
  return json::object{{"period", b.period},
                      {"remuneration_bp", b.remuneration_bp},
                      {"costs_fen", b.costs_fen.value},
                      {"amount_fen", b.amount_fen.value},
                      {"entry_index", opt_json(b.entry_index)}};
}

json::object shared_cost_json(const app::SharedCostBooked& b) {
  json::array split;
  for (const auto& s : b.split)
    split.push_back(json::object{{"courtyard_id", s.courtyard_id},
                                 {"name", s.name},
                                 {"weight", s.weight},
                                 {"amount_fen", s.amount_fen.value}});
  return json::object{{"entry_index", b.entry_index},
                      {"amount_fen", b.amount_fen.value},
                      {"rule", app::to_string(b.rule)},
                      {"split", std::move(split)}};
}

// A courtyard id written as JSON object keys are: decimal, no sign or leading zero.
std::optional<std::int64_t> id_key(std::string_view key) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), v);
  if (ec != std::errc() || end != key.data() + key.size() || v < 1 || std::to_string(v) != key)
    return std::nullopt;
  return v;
}

app::ContractTerms contract_in(std::string_view body) {
  JsonIn in(body);
  app::ContractTerms t{in.i64("remuneration_bp", 0, app::kMaxRemunerationBp)};
  in.finish();
  return t;
}

app::PlanItemInput plan_item_in(std::string_view body) {
  JsonIn in(body);
  app::PlanItemInput p;
  p.courtyard_id = in.i64("courtyard_id", 1, INT64_MAX);
  p.year = in.i64("year", 2000, 2200);
  p.item = in.str("item", 100);
  p.planned_fen = Fen{in.i64("planned_fen", 1, kMaxAmountFen)};
  p.decision = in.str("decision", 200);
  in.finish();
  return p;
}

// {"description", "date", "amount_fen", "expense_account", "rule": area|units|fixed,
//  "shares": {"<courtyard id>": share, …} (read for fixed; other keys are ignored)}
app::SharedCost shared_cost_in(std::string_view body) {
  JsonIn in(body);
  app::SharedCost s;
  s.description = in.str("description", 100);
  s.date = in.str("date", 10);
  s.amount_fen = Fen{in.i64("amount_fen", 1, kMaxAmountFen)};
  s.expense_account = in.str("expense_account", 8);
  const std::string rule = in.str("rule", 8);
  if (!s.date.empty() && !ledger::valid_date(s.date))
    in.add_error("date", "日期无效", "is not a valid date");
  auto parsed_rule = app::parse_split_rule(rule);
  if (!rule.empty() && !parsed_rule)
    in.add_error("rule", "必须是 area（按面积）、units（按户数）或 fixed（固定比例）",
                 "must be area, units or fixed");
  const json::value* shares = in.get("shares");
  in.finish();
  s.rule = *parsed_rule;
  if (s.rule != app::SplitRule::fixed || !shares || !shares->is_object()) return s;
  for (const auto& [key, v] : shares->as_object()) {
    auto yard = id_key(std::string_view(key.data(), key.size()));
    if (!yard) continue;
    if (!v.is_int64() || v.as_int64() < 0 || v.as_int64() > app::kMaxCostShare)
      throw_invalid({{"shares", "每个份额必须是 0–1000000 的整数",
                      "every share must be an integer 0–1000000"}});
    s.fixed_shares[*yard] = v.as_int64();
  }
  return s;
}

// {"unit_id", "amount_fen", "method": cash|bank|wechat|alipay, "reference"?, "paid_on"?}
app::PaymentInput payment_in(std::string_view body) {
  JsonIn in(body);
  app::PaymentInput p;
  p.unit_id = UnitId{in.i64("unit_id", 1, INT64_MAX)};
  p.amount_fen = Fen{in.i64("amount_fen", 1, kMaxAmountFen)};
  const std::string method = in.str("method", 16);
  p.reference = in.opt_str("reference", app::kMaxPaymentReferenceChars).value_or("");
  p.paid_on = in.opt_str("paid_on", 10);
  auto m = app::parse_pay_method(method);
  if (!method.empty() && !m)
    in.add_error("method", "必须是 cash、bank、wechat 或 alipay",
                 "must be cash, bank, wechat or alipay");
  if (p.paid_on && !ledger::valid_date(*p.paid_on))
    in.add_error("paid_on", "日期无效", "is not a valid date");
  in.finish();
  p.method = *m;
  return p;
}

// {"courtyard_id"?, "effective_from": YYYY-MM, "rate_fen", "decision", "document_sha256"?,
//  "vote_id"?}
app::FeeRateInput fee_rate_in(std::string_view body) {
  JsonIn in(body);
  app::FeeRateInput r;
  r.courtyard_id = CourtyardId{in.opt_i64("courtyard_id", 0, INT64_MAX).value_or(0)};
  r.effective_from = in.str("effective_from", 7);
  r.rate_fen = in.i64("rate_fen", 0, billing::kMaxRateFenPerM2Month);
  r.decision = in.str("decision", 200);
  r.document_sha256 = in.opt_str("document_sha256", 64).value_or("");
  r.vote_id = in.opt_i64("vote_id", 1, INT64_MAX).value_or(0);
  if (!r.effective_from.empty() && !billing::Month::parse(r.effective_from))
    in.add_error("effective_from", "应为 YYYY-MM（自该月 1 日起生效）",
                 "must be YYYY-MM (effective from the 1st)");
  if (!r.document_sha256.empty() && !ledger::from_hex(r.document_sha256))
    in.add_error("document_sha256", "应为已上传凭证的 SHA-256",
                 "must be the SHA-256 of an uploaded voucher");
  in.finish();
  return r;
}

json::object fee_rate_json(const store::FeeRateRec& f) {
  return json::object{{"id", f.id},
                      {"courtyard_id", f.courtyard_id},
                      {"effective_from", f.effective_from},
                      {"rate_fen", f.rate_fen},
                      {"decision", f.decision},
                      {"document_sha256", f.document_sha256},
                      {"vote_id", f.vote_id}};
}

json::array fee_lines_json(const std::vector<billing::FeeLine>& lines) {
  json::array out;
  for (const auto& l : lines)
    out.push_back(json::object{{"from", l.from.str()},
                               {"to", l.to.str()},
                               {"months", l.months},
                               {"rate_fen", l.rate_fen},
                               {"area_centi_m2", l.area_centi_m2},
                               {"amount_fen", l.amount_fen}});
  return out;
}

}  // namespace

json::object unit_account_json(const app::UnitAccount& a) {
  json::array bills, payments, covered;
  for (const auto& [b, bill_lines] : a.bills) {
    json::array lines;
    for (const auto& l : bill_lines)
      lines.push_back(json::object{{"from", l.from_month},
                                   {"to", l.to_month},
                                   {"months", l.months},
                                   {"rate_fen", l.rate_fen},
                                   {"area_centi_m2", l.area_centi_m2},
                                   {"amount_fen", l.amount_fen}});
    bills.push_back(json::object{{"id", b.id},
                                 {"period", b.period},
                                 {"amount_fen", b.amount_fen},
                                 {"paid_fen", b.paid_fen},
                                 {"status", b.paid_fen >= b.amount_fen ? "paid"
                                            : b.paid_fen > 0           ? "partial"
                                                                       : "open"},
                                 {"lines", std::move(lines)}});
  }
  for (const auto& p : a.payments)
    payments.push_back(json::object{{"receipt", app::receipt_label(p.receipt_no)},
                                    {"receipt_no", p.receipt_no},
                                    {"amount_fen", p.amount_fen},
                                    {"method", p.method},
                                    {"paid_on", p.paid_on},
                                    {"entry_index", p.entry_idx}});
  for (const auto& d : a.covered_by)
    covered.push_back(json::object{{"purpose", d.purpose},
                                   {"per_unit_fen", d.per_unit_fen},
                                   {"entry_index", opt_json(d.entry_idx)}});
  return json::object{{"unit_id", a.unit_id.value},
                      {"compound_id", a.compound_id.value},
                      {"label", a.label},
                      {"courtyard", a.courtyard},
                      {"area_centi_m2", a.area_centi_m2},
                      {"owed_fen", a.owed_fen.value},
                      {"prepaid_fen", a.prepaid_fen.value},
                      {"bills", std::move(bills)},
                      {"payments", std::move(payments)},
                      {"covered_by", std::move(covered)}};
}

json::array my_bills_json(const std::vector<app::MyUnitAccount>& list) {
  json::array out;
  for (const auto& m : list) {
    json::object a = unit_account_json(m.account);
    a["compound_name"] = m.compound_name;
    out.push_back(std::move(a));
  }
  return out;
}

json::object bill_run_json(const app::BillRun& r) {
  json::array yards;
  for (const auto& y : r.courtyards)
    yards.push_back(json::object{{"courtyard_id", y.courtyard_id.value},
                                 {"name", y.name},
                                 {"total_fen", y.total_fen.value}});
  json::object out{{"period", r.period},
                   {"units", r.units},
                   {"bills", r.bills},
                   {"total_fen", r.total_fen.value},
                   {"months_skipped", r.months_skipped},
                   {"preview", r.preview},
                   {"courtyards", std::move(yards)}};
  if (r.example)
    out["example"] = json::object{{"unit_id", r.example->unit_id.value},
                                  {"lines", fee_lines_json(r.example->lines)}};
  if (r.run_id) out["run_id"] = *r.run_id;
  return out;
}

json::object receipt_json(const app::Receipt& r) {
  json::array allocations;
  for (const auto& a : r.allocations)
    allocations.push_back(json::object{
        {"bill_id", a.bill_id}, {"period", a.period}, {"amount_fen", a.amount_fen.value}});
  const auto& void_by = r.reversal_index;
  const std::string cid = std::to_string(r.compound_id.value), idx = std::to_string(r.entry_index);
  return json::object{
      {"receipt_no", r.receipt_no},
      {"void", void_by.has_value()},
      {"void_zh", void_by ? "已作废（第 " + std::to_string(*void_by) + " 笔冲正）" : ""},
      {"reversal_index", opt_json(void_by)},
      {"receipt", app::receipt_label(r.receipt_no)},
      {"compound_id", r.compound_id.value},
      {"compound_name", r.compound_name},
      {"unit_id", r.unit_id.value},
      {"label", r.label},
      {"courtyard", r.courtyard},
      {"amount_fen", r.amount_fen.value},
      {"method", r.method},
      {"reference", r.reference},
      {"paid_on", r.paid_on},
      {"allocations", std::move(allocations)},
      {"settled_by_this_payment_fen", r.settled_fen.value},
      {"entry_index", r.entry_index},
      {"entry_url", "/c/" + cid + "?entry=" + idx},
      {"qr_svg", "/api/v1/public/compounds/" + cid + "/entries/" + idx + "/qr.svg"}};
}

json::object payment_recorded_json(const app::PaymentRecorded& p) {
  json::object out = receipt_json(p.receipt);
  out["prepaid_fen"] = p.prepaid_fen.value;
  return out;
}

void add_billing_routes(Router& r) {
  r.add("GET", kPublicCompound + "/fee-rates", Rule::anyone(), [](Ctx& x) {
    json::array out;
    for (const auto& f : app::fee_rates(x.app, x.compound())) out.push_back(fee_rate_json(f));
    return json_response(200, out);
  });
  r.add("GET", kPublicCompound + "/arrears", Rule::anyone(), [](Ctx& x) {
    return json_response(200, arrears_json(app::public_arrears(x.app, x.compound())));
  });
  r.add("GET", kPublicCompound + "/settlement", Rule::anyone(), [](Ctx& x) {
    return json_response(
        200, settlement_json(app::settlement(x.app, x.compound(), x.query_str("period", 16))));
  });
  r.add("GET", kPublicCompound + "/surplus-plans", Rule::anyone(), [](Ctx& x) {
    return json_response(200, surplus_plans_json(app::surplus_plans(
                                  x.app, x.compound(), x.query_int("year", 2026, 2000, 2200))));
  });
  r.add("POST", "/api/v1/compounds/{cid}/fee-rates", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, fee_rate_json(app::set_fee_rate(x.app, x.caller, x.compound(),
                                                              fee_rate_in(x.req.body))));
  });
  r.add("POST", "/api/v1/compounds/{cid}/bill-runs", Rule::in_compound({C, T}), [](Ctx& x) {
    bool preview = x.query_flag("preview");
    return json_response(preview ? 200 : 201,
                         bill_run_json(app::bill_run(x.app, x.caller, x.compound(),
                                                     x.query_str("period", 16), preview)));
  });
  r.add("POST", "/api/v1/compounds/{cid}/payments", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(201, payment_recorded_json(app::record_payment(
                                  x.app, x.caller, x.compound(), payment_in(x.req.body))));
  });
  r.add("POST", "/api/v1/compounds/{cid}/contract", Rule::in_compound({C, S}), [](Ctx& x) {
    auto t = app::set_contract(x.app, x.caller, x.compound(), contract_in(x.req.body));
    return json_response(
        200, json::object{{"compound_id", x.id("cid")}, {"remuneration_bp", t.remuneration_bp}});
  });
  r.add("POST", "/api/v1/compounds/{cid}/remuneration", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(201, remuneration_json(app::book_remuneration(
                                  x.app, x.caller, x.compound(), x.query_str("period", 16))));
  });
  r.add("POST", "/api/v1/compounds/{cid}/surplus-plans", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, plan_item_json(app::add_plan_item(x.app, x.caller, x.compound(),
                                                                plan_item_in(x.req.body))));
  });
  r.add("POST", "/api/v1/compounds/{cid}/shared-costs", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(201, shared_cost_json(app::allocate_shared_cost(
                                  x.app, x.caller, x.compound(), shared_cost_in(x.req.body))));
  });
  r.add("GET", "/api/v1/compounds/{cid}/receipts/{no}", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) {
          return json_response(200, receipt_json(app::receipt(x.app, x.compound(), x.id("no"))));
        });
  r.add("GET", "/api/v1/compounds/{cid}/exports/{file}", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) {
          // bills.csv, payments.xlsx, settlement.csv … for a period.
          auto [what, ext] = split_export(x.params.at("file"));
          auto data = app::export_data(x.app, x.compound(), what, x.query_str("period", 16));
          return table_response(data, ext, what + "-" + x.query_str("period", 16));
        });
  r.add("GET", "/api/v1/compounds/{cid}/arrears", Rule::in_compound({C, T, S, A}), [](Ctx& x) {
    return json_response(200, arrears_json(app::member_arrears(x.app, x.compound())));
  });
  r.add("GET", "/api/v1/compounds/{cid}/units/{id}/account", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) {
          return json_response(
              200, unit_account_json(app::unit_account(x.app, x.compound(), UnitId{x.id("id")})));
        });
}

}  // namespace xinyi::http::routes
