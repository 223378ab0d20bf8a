// Routes: bank accounts, statements and reconciliation; and their JSON (issue 18: the use cases
// in app/bank_service.h take and return structs).
#include "http/routes/routes.h"

#include "app/bank_service.h"
#include "http/json_in.h"
#include "http/routes/billing.h"

namespace xinyi::http::routes {

namespace {

using I = std::int64_t;

app::BankAccountInput account_in(std::string_view body) {
  JsonIn in(body);
  app::BankAccountInput b;
  b.bank = in.str("bank", 64);
  b.number = in.str("number", 40);
  b.kind = in.opt_str("kind", 16).value_or("basic");
  b.ledger_account = in.opt_str("ledger_account", 8).value_or("1001");
  in.finish();
  return b;
}

json::object reconciliation_json(const app::Reconciliation& r) {
  json::array accounts;
  for (const auto& a : r.accounts) {
    json::array unmatched, months;
    for (const auto& l : a.unmatched_lines) {
      // (The public view's use case blanked what the public must not see.)
      unmatched.push_back(json::object{{"id", l.id},
                                       {"date", l.date},
                                       {"amount_fen", l.amount_fen},
                                       {"counterparty", l.counterparty},
                                       {"memo", l.memo},
                                       {"serial", l.serial}});
    }
    for (const auto& m : a.months)
      months.push_back(
          json::object{{"month", m.month},
                       {"bank_balance_fen", m.bank_balance_fen.value},
                       {"book_balance_fen", m.book_balance_fen.value},
                       {"difference_fen", (m.bank_balance_fen - m.book_balance_fen).value}});
    const auto& acc = a.account;
    accounts.push_back(json::object{{"id", acc.id},
                                    {"bank", acc.bank},
                                    {"number", "****" + acc.number_last4},
                                    {"kind", acc.kind},
                                    {"ledger_account", acc.ledger_account},
                                    {"lines", a.lines},
                                    {"matched", a.matched},
                                    {"unmatched", a.lines - a.matched},
                                    {"balances_from_statement", a.balances_from_statement},
                                    {"months", std::move(months)},
                                    {"unmatched_lines", std::move(unmatched)}});
  }
  return json::object{{"compound_id", r.compound_id}, {"accounts", std::move(accounts)}};
}

}  // namespace

void add_bank_routes(Router& r) {
  r.add("GET", kPublicCompound + "/bank", Rule::anyone(), [](Ctx& x) {
    return json_response(200, reconciliation_json(app::public_reconciliation(x.app, x.compound())));
  });
  r.add("GET", "/api/v1/compounds/{cid}/bank", Rule::in_compound({C, T, S, A}), [](Ctx& x) {
    return json_response(200, reconciliation_json(app::member_reconciliation(x.app, x.compound())));
  });
  r.add("POST", "/api/v1/compounds/{cid}/bank/accounts", Rule::in_compound({C, T}), [](Ctx& x) {
    auto a = app::create_bank_account(x.app, x.caller, x.compound(), account_in(x.req.body));
    return json_response(201, json::object{{"id", a.id},
                                           {"bank", a.bank},
                                           {"number", "****" + a.number_last4},
                                           {"kind", a.kind},
                                           {"ledger_account", a.ledger_account}});
  });
  r.add("POST", "/api/v1/compounds/{cid}/bank/accounts/{id}/statements", Rule::in_compound({C, T}),
        [](Ctx& x) {
          bank::StatementColumns cols{x.query_str("date", 40),    x.query_str("amount", 40),
                                      x.query_str("income", 40),  x.query_str("expense", 40),
                                      x.query_str("balance", 40), x.query_str("counterparty", 40),
                                      x.query_str("memo", 40),    x.query_str("serial", 40)};
          auto s =
              app::import_statement(x.app, x.caller, x.compound(), x.id("id"), x.req.body, cols);
          return json_response(201, json::object{{"lines", s.lines},
                                                 {"added", s.added},
                                                 {"duplicates", s.duplicates},
                                                 {"matched", s.matched}});
        });
  r.add("POST", "/api/v1/compounds/{cid}/bank/lines/{id}/match", Rule::in_compound({C, T}),
        [](Ctx& x) {
          JsonIn in(x.req.body);
          const I idx = in.i64("entry_index", 0, INT64_MAX);
          const auto posting = in.opt_i64("posting", 0, 63);
          in.finish();
          auto m = app::match_line(x.app, x.caller, x.compound(), x.id("id"), idx, posting);
          return json_response(200, json::object{{"line_id", m.line_id},
                                                 {"entry_index", m.entry_index},
                                                 {"posting", m.posting},
                                                 {"match_kind", "manual"}});
        });
  r.add("POST", "/api/v1/compounds/{cid}/bank/lines/{id}/payment", Rule::in_compound({C, T}),
        [](Ctx& x) {
          JsonIn in(x.req.body);
          const auto unit_id = in.i64("unit_id", 1, INT64_MAX);
          in.finish();
          return json_response(201, payment_recorded_json(app::payment_from_line(
                                        x.app, x.caller, x.compound(), x.id("id"), unit_id)));
        });
  r.add("POST", "/api/v1/compounds/{cid}/bank/lines/{id}/unmatch", Rule::in_compound({C, T}),
        [](Ctx& x) {
          const I line = x.id("id");
          app::unmatch_line(x.app, x.caller, x.compound(), line);
          return json_response(200, json::object{{"line_id", line}, {"entry_index", nullptr}});
        });
}

}  // namespace xinyi::http::routes
