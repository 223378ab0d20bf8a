// Routes: fees: rates, bill runs, payments, receipts, arrears, the settlement, shared costs,
// exports.
#include "http/routes/routes.h"

#include "app/billing_service.h"
#include "app/settlement_service.h"

namespace xinyi::http::routes {

void add_billing_routes(Router& r) {
  r.add("GET", kPublicCompound + "/fee-rates", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::fee_rates(x.app, x.id("id"))); });
  r.add("GET", kPublicCompound + "/arrears", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::arrears(x.app, x.id("id"), true)); });
  r.add("GET", kPublicCompound + "/settlement", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::settlement(x.app, x.id("id"), x.query_str("period", 16)));
  });
  r.add("GET", kPublicCompound + "/surplus-plans", Rule::anyone(), [](Ctx& x) {
    return json_response(
        200, app::surplus_plans(x.app, x.id("id"), x.query_int("year", 2026, 2000, 2200)));
  });
  r.add("POST", "/api/v1/compounds/{cid}/fee-rates", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::set_fee_rate(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/bill-runs", Rule::in_compound({C, T}), [](Ctx& x) {
    bool preview = x.query_flag("preview");
    return json_response(preview ? 200 : 201, app::bill_run(x.app, x.caller, x.id("cid"),
                                                            x.query_str("period", 16), preview));
  });
  r.add("POST", "/api/v1/compounds/{cid}/payments", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(201, app::record_payment(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/contract", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(200, app::set_contract(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/remuneration", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(
        201, app::book_remuneration(x.app, x.caller, x.id("cid"), x.query_str("period", 16)));
  });
  r.add("POST", "/api/v1/compounds/{cid}/surplus-plans", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::add_plan_item(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/shared-costs", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(201, app::allocate_shared_cost(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("GET", "/api/v1/compounds/{cid}/receipts/{no}", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::receipt(x.app, x.id("cid"), x.id("no"))); });
  r.add("GET", "/api/v1/compounds/{cid}/exports/{file}", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) {
          // bills.csv, payments.xlsx, settlement.csv … for a period.
          auto [what, ext] = split_export(x.params.at("file"));
          auto data = app::export_data(x.app, x.id("cid"), what, x.query_str("period", 16));
          return table_response(data, ext, what + "-" + x.query_str("period", 16));
        });
  r.add("GET", "/api/v1/compounds/{cid}/arrears", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::arrears(x.app, x.id("cid"), false)); });
  r.add(
      "GET", "/api/v1/compounds/{cid}/units/{id}/account", Rule::in_compound({C, T, S, A}),
      [](Ctx& x) { return json_response(200, app::unit_account(x.app, x.id("cid"), x.id("id"))); });
}

}  // namespace xinyi::http::routes
