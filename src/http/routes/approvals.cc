// Routes: the co-managed account: payment and reversal requests, their approvals and vouchers.
#include "http/routes/routes.h"

#include "app/ledger_service.h"

namespace xinyi::http::routes {

void add_approvals_routes(Router& r) {
  r.add("GET", kPublicCompound + "/disbursements", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::list_public_disbursements(x.app, x.id("id")));
  });
  r.add("GET", kPublicCompound + "/vouchers/{sha}", Rule::anyone(), [](Ctx& x) {
    const std::string& sha = x.params.at("sha");
    if (!ledger::from_hex(sha)) throw_not_found("凭证", "Voucher");
    return upload_response(app::voucher_file(x.app, x.id("id"), sha),
                           "voucher-" + sha.substr(0, 12),
                           "public, max-age=31536000, immutable");  // named by content
  });
  r.add("POST", "/api/v1/compounds/{cid}/vouchers", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(
        201, app::upload_voucher(x.app, x.caller, x.id("cid"), x.req.content_type, x.req.body));
  });
  r.add("GET", "/api/v1/compounds/{cid}/disbursements", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) {
          return json_response(200,
                               app::list_disbursements_for_members(x.app, x.caller, x.id("cid")));
        });
  r.add("POST", "/api/v1/compounds/{cid}/disbursements", Rule::in_compound({T}), [](Ctx& x) {
    return json_response(201, app::request_disbursement(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/disbursements/{id}/approve", Rule::in_compound({C, T}),
        [](Ctx& x) {
          return json_response(200,
                               app::approve_disbursement(x.app, x.caller, x.id("cid"), x.id("id")));
        });
  r.add("POST", "/api/v1/compounds/{cid}/disbursements/{id}/reject", Rule::in_compound({C, T}),
        [](Ctx& x) {
          return json_response(
              200, app::reject_disbursement(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
        });
}

}  // namespace xinyi::http::routes
