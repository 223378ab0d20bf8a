// Routes: the co-managed account: payment and reversal requests, their approvals and vouchers;
// and their JSON (issue 18: the use cases in app/ledger_service.h take and return structs).
#include "http/routes/approvals.h"

#include <cctype>

#include "domain/ledger/books.h"
#include "domain/money.h"
#include "domain/registry.h"

namespace xinyi::http::routes {

namespace {

using I = std::int64_t;

// {"payee", "payee_is_person"?, "amount_fen", "purpose", "expense_account", "cash_account"?,
//  "courtyard_id"?, "plan_item_id"?, "per_unit_fen"?, "covered_units"?, "vote_id"?, "vouchers"}
// A per-household purchase (e.g. ¥100 of property insurance for every household) is one
// expense with the list of units it covers; the amount must be per_unit_fen × units.
app::DisbursementInput disbursement_in(std::string_view body) {
  JsonIn in(body);
  app::DisbursementInput r;
  r.payee = in.str("payee", registry::kMaxNameChars);
  r.payee_is_person = in.boolean("payee_is_person", false);
  r.amount_fen = Fen{in.i64("amount_fen", 1, kMaxAmountFen)};
  r.purpose = in.str("purpose", 150);
  r.expense_account = in.str("expense_account", 16);
  r.cash_account = in.opt_str("cash_account", 16).value_or("1001");
  r.courtyard_id = in.opt_i64("courtyard_id", 0, INT64_MAX).value_or(0);
  r.plan_item_id = in.opt_i64("plan_item_id", 1, INT64_MAX);
  if (auto fen = in.opt_i64("per_unit_fen", 1, kMaxAmountFen)) r.per_unit_fen = Fen{*fen};
  r.covered_units = in.id_list("covered_units", 20'000);
  r.vote_id = in.opt_i64("vote_id", 1, INT64_MAX);
  // Checked here too (the use case checks it for every caller), so that a bad pairing is named
  // with the body's other problems and before the compound's rules.
  if (r.per_unit_fen.has_value() != !r.covered_units.empty())
    in.add_error("covered_units", "按户采购须同时给出 per_unit_fen 和 covered_units",
                 "per_unit_fen and covered_units go together");
  else if (r.per_unit_fen &&
           r.per_unit_fen->value * static_cast<I>(r.covered_units.size()) != r.amount_fen.value)
    in.add_error("amount_fen", "金额须等于每户金额 × 户数",
                 "must equal per_unit_fen × the number of units");
  r.vouchers = voucher_hashes_in(in);
  in.finish();
  return r;
}

json::object voucher_json(const app::VoucherStored& v) {
  return {{"sha256", v.sha256}, {"mime", v.mime}, {"size", v.size_bytes}};
}

json::array disbursements_json(const std::vector<app::DisbursementView>& list) {
  json::array out;
  for (const auto& v : list) out.push_back(disbursement_json(v));
  return out;
}

}  // namespace

std::vector<std::string> voucher_hashes_in(JsonIn& in) {
  std::vector<std::string> out;
  const json::value* v = in.get("vouchers");
  if (!v || v->is_null()) return out;
  if (!v->is_array() || v->as_array().size() > ledger::kMaxVouchersPerEntry) {
    in.add_error("vouchers", "必须是不超过 20 个凭证哈希的数组",
                 "must be an array of at most 20 voucher hashes");
    return out;
  }
  for (const auto& e : v->as_array()) {
    if (!e.is_string() || !ledger::from_hex(e.as_string())) {
      in.add_error("vouchers", "每一项必须是 64 位十六进制 SHA-256",
                   "every item must be a 64-digit hex SHA-256");
      return {};
    }
    std::string h(e.as_string());
    for (auto& ch : h) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out.push_back(h);
  }
  return out;
}

json::object entry_json(const store::EntryRec& e) {
  return {{"index", e.idx}, {"leaf_hash", e.leaf_hash}, {"canonical", e.canonical}};
}

json::object disbursement_json(const app::DisbursementView& v) {
  const store::DisbursementRec& d = v.request;
  json::array approvals;
  for (const auto& a : v.approvals) {
    json::object o{{"role", a.role}, {"name", a.name}, {"at", a.at_ms}};
    if (a.user_id) o["user_id"] = *a.user_id;
    approvals.push_back(std::move(o));
  }
  json::object o{{"id", d.id},
                 {"status", d.status},
                 {"payee", d.payee},
                 {"payee_is_person", d.payee_is_person},
                 {"amount_fen", d.amount_fen},
                 {"purpose", d.purpose},
                 {"expense_account", d.expense_account},
                 {"cash_account", d.cash_account},
                 {"courtyard_id", d.courtyard_id},
                 {"vouchers", texts_json(d.vouchers)},
                 {"requested_by", d.requester_name},
                 {"requested_at", d.requested_at},
                 {"decided_at", opt_json(d.decided_at)},
                 {"reason", d.reason},
                 {"entry_index", opt_json(d.entry_idx)},
                 {"approvals", std::move(approvals)},
                 {"kind", d.reverses_idx ? "reversal" : "payment"},
                 {"reverses_index", opt_json(d.reverses_idx)}};
  if (v.reverses_description) o["reverses_description"] = *v.reverses_description;
  if (v.reverses_date) o["reverses_date"] = *v.reverses_date;
  o["plan_item_id"] = opt_json(v.links.plan_item_id);
  o["project_id"] = opt_json(v.links.project_id);
  o["project_line_id"] = opt_json(v.links.project_line_id);
  o["funding_source"] = opt_json(v.links.funding_source);
  o["households_covered"] = v.households_covered;
  if (v.missing_zh) o["missing_zh"] = *v.missing_zh;
  if (v.missing_en) o["missing_en"] = *v.missing_en;
  if (v.can) o["can"] = texts_json(*v.can);
  return o;
}

void add_approvals_routes(Router& r) {
  r.add("GET", kPublicCompound + "/disbursements", Rule::anyone(), [](Ctx& x) {
    return json_response(200, disbursements_json(app::public_disbursements(x.app, x.compound())));
  });
  r.add("GET", kPublicCompound + "/vouchers/{sha}", Rule::anyone(), [](Ctx& x) {
    const std::string& sha = x.params.at("sha");
    if (!ledger::from_hex(sha)) throw_not_found("凭证", "Voucher");
    return upload_response(app::voucher_file(x.app, x.compound(), sha),
                           "voucher-" + sha.substr(0, 12),
                           "public, max-age=31536000, immutable");  // named by content
  });
  r.add("POST", kCompound + "/vouchers", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(201, voucher_json(app::upload_voucher(x.app, x.caller, x.compound(),
                                                               x.req.content_type, x.req.body)));
  });
  r.add("GET", kCompound + "/disbursements", Rule::in_compound({C, T, S, A}), [](Ctx& x) {
    return json_response(
        200, disbursements_json(app::member_disbursements(x.app, x.caller, x.compound())));
  });
  r.add("POST", kCompound + "/disbursements", Rule::in_compound({T}), [](Ctx& x) {
    return json_response(201, disbursement_json(app::request_disbursement(
                                  x.app, x.caller, x.compound(), disbursement_in(x.req.body))));
  });
  r.add("POST", kCompound + "/disbursements/{id}/approve", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(200, disbursement_json(app::approve_disbursement(
                                  x.app, x.caller, x.compound(), x.id("id"))));
  });
  r.add("POST", kCompound + "/disbursements/{id}/reject", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(
        200, disbursement_json(app::reject_disbursement(x.app, x.caller, x.compound(), x.id("id"),
                                                        text_in(x.req.body, "reason", 200))));
  });
}

}  // namespace xinyi::http::routes
