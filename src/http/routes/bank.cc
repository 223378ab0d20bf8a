// Routes: bank accounts, statements and reconciliation.
#include "http/routes/routes.h"

#include "app/bank_service.h"
#include "app/json_in.h"
#include "http/routes/billing.h"

namespace xinyi::http::routes {

void add_bank_routes(Router& r) {
  r.add("GET", kPublicCompound + "/bank", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::reconciliation(x.app, x.id("id"), true)); });
  r.add("GET", "/api/v1/compounds/{cid}/bank", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::reconciliation(x.app, x.id("cid"), false)); });
  r.add("POST", "/api/v1/compounds/{cid}/bank/accounts", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(201, app::create_bank_account(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/bank/accounts/{id}/statements", Rule::in_compound({C, T}),
        [](Ctx& x) {
          bank::StatementColumns cols{x.query_str("date", 40),    x.query_str("amount", 40),
                                      x.query_str("income", 40),  x.query_str("expense", 40),
                                      x.query_str("balance", 40), x.query_str("counterparty", 40),
                                      x.query_str("memo", 40),    x.query_str("serial", 40)};
          return json_response(201, app::import_statement(x.app, x.caller, x.id("cid"), x.id("id"),
                                                          x.req.body, cols));
        });
  r.add("POST", "/api/v1/compounds/{cid}/bank/lines/{id}/match", Rule::in_compound({C, T}),
        [](Ctx& x) {
          return json_response(
              200, app::match_line(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
        });
  r.add("POST", "/api/v1/compounds/{cid}/bank/lines/{id}/payment", Rule::in_compound({C, T}),
        [](Ctx& x) {
          app::JsonIn in(x.req.body);
          const auto unit_id = in.i64("unit_id", 1, INT64_MAX);
          in.finish();
          return json_response(201, payment_recorded_json(app::payment_from_line(
                                        x.app, x.caller, x.id("cid"), x.id("id"), unit_id)));
        });
  r.add("POST", "/api/v1/compounds/{cid}/bank/lines/{id}/unmatch", Rule::in_compound({C, T}),
        [](Ctx& x) {
          return json_response(200, app::unmatch_line(x.app, x.caller, x.id("cid"), x.id("id")));
        });
}

}  // namespace xinyi::http::routes
