// Routes: the trust ledger: the public log, its proofs, balances, the notice, live entries; posting
// and reversing entries; witnesses.
#include "http/routes/routes.h"

#include "app/books.h"
#include "app/ledger_service.h"
#include "app/public_log.h"
#include "app/settlement_service.h"
#include "http/qr.h"
#include "report/notice_pdf.h"

namespace xinyi::http::routes {

namespace {

// The live feed of compound `cid` from `after` (-1 or past the end: from now). 404 when there
// is no such compound; the stream ends when it is gone.
EventStream entry_stream(app::App& app, std::int64_t cid, std::int64_t after) {
  const std::int64_t size = app::signed_head(app, cid).at("tree_size").as_int64();
  if (after < 0 || after > size) after = size;
  auto poll = [&app, cid](std::int64_t& from, std::string& out, bool& more) {
    const std::int64_t now_size = app::signed_head(app, cid).at("tree_size").as_int64();
    // Every entry after the last one sent, oldest first, 100 at a time, at most 1,000 a poll.
    for (int pages = 0; now_size > from && pages < 10; ++pages) {
      const std::int64_t upto = std::min<std::int64_t>(from + 100, now_size);
      auto feed = app::ledger_feed(app, cid, upto, upto - from);
      const auto& items = feed.at("items").as_array();
      for (auto it = items.rbegin(); it != items.rend(); ++it)
        out += "event: entry\nid: " + std::to_string(it->at("index").as_int64() + 1) +
               "\ndata: " + json::serialize(*it) + "\n\n";
      from = upto;
    }
    more = now_size > from;
    return true;
  };
  return EventStream{after, poll};
}

}  // namespace

void add_ledger_routes(Router& r) {
  r.add("GET", kPublicCompound + "/ledger", Rule::anyone(), [](Ctx& x) {
    return json_response(200,
                         app::ledger_page(x.app, x.id("id"), x.query_int("from", 0, 0, INT64_MAX),
                                          x.query_int("limit", 100, 1, app::kMaxLedgerPage)));
  });
  r.add("GET", kPublicCompound + "/feed", Rule::anyone(), [](Ctx& x) {
    return json_response(200,
                         app::ledger_feed(x.app, x.id("id"), x.query_int("before", 0, 0, INT64_MAX),
                                          x.query_int("limit", 50, 1, 200)));
  });
  // With Accept: text/event-stream the server streams new entries (server.cc); without, this.
  // New ledger entries as they are appended: `event: entry`, `id:` the tree size after the
  // entry, `data:` the entry as /feed shows it; without Accept: text/event-stream, where it is.
  r.add_stream(
      kPublicCompound + "/events", Rule::anyone(),
      [](Ctx& x) {
        return json_response(
            200, json::object{{"tree_size", app::signed_head(x.app, x.id("id")).at("tree_size")},
                              {"stream", "GET with Accept: text/event-stream"}});
      },
      [](Ctx& x, std::int64_t last_event_id) {
        return entry_stream(x.app, x.id("id"), last_event_id);
      });
  r.add("GET", kPublicCompound + "/monthly", Rule::anyone(), [](Ctx& x) {
    return json_response(200,
                         app::monthly_summary(x.app, x.id("id"), x.query_int("months", 12, 1, 60)));
  });
  r.add("GET", kPublicCompound + "/sth", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::signed_head(x.app, x.id("id"))); });
  r.add("GET", kPublicCompound + "/pubkey", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::public_key(x.app, x.id("id"))); });
  r.add("GET", kPublicCompound + "/proof/inclusion", Rule::anyone(), [](Ctx& x) {
    return json_response(200,
                         app::inclusion(x.app, x.id("id"), x.query_int("index", -1, 0, INT64_MAX),
                                        x.query_int("tree_size", 0, 0, INT64_MAX)));
  });
  r.add("GET", kPublicCompound + "/proof/consistency", Rule::anyone(), [](Ctx& x) {
    return json_response(200,
                         app::consistency(x.app, x.id("id"), x.query_int("first", 0, 0, INT64_MAX),
                                          x.query_int("second", 0, 0, INT64_MAX)));
  });
  r.add("GET", kPublicCompound + "/balances", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::balances(x.app, x.id("id"), x.query_str("at", 10)));
  });
  r.add("GET", kPublicCompound + "/entries/{index}/qr.svg", Rule::anyone(), [](Ctx& x) {
    // The QR code of one entry's public page (printed on receipts and the notice).
    auto cid = x.id("id");
    auto index = x.index("index");
    app::require_entry(x.app, cid, index);
    Response res;
    res.content_type = "image/svg+xml";
    res.body = qr_svg(scheme(x) + "://" + x.req.host + "/c/" + std::to_string(cid) +
                      "?entry=" + std::to_string(index));
    return res;
  });
  r.add("GET", kPublicCompound + "/notice.pdf", Rule::anyone(), [](Ctx& x) {
    // The monthly notice for the notice board, with a QR code back to this compound's page.
    auto cid = x.id("id");
    std::string month = x.query_str("month", 7);
    if (month.empty()) month = app::china_date(x.app.clock_ms()).substr(0, 7);
    auto data = app::notice_data(x.app, cid, month);
    Response res;
    res.content_type = "application/pdf";
    res.body = report::notice_pdf(
        data, scheme(x) + "://" + x.req.host + "/c/" + std::to_string(cid), x.query_flag("large"));
    res.headers.emplace_back(
        "Content-Disposition",
        "inline; filename=\"notice-" + std::to_string(cid) + "-" + month + ".pdf\"");
    return res;
  });
  r.add(
      "POST", "/api/v1/compounds/{cid}/ledger/transactions", Rule::in_compound({C, T}), [](Ctx& x) {
        return json_response(201, app::post_transaction(x.app, x.caller, x.id("cid"), x.req.body));
      });
  r.add("POST", "/api/v1/compounds/{cid}/ledger/transactions/{index}/reverse",
        Rule::in_compound({C, T}), [](Ctx& x) {
          // 202: a reversal that moves money waits in the approval queue; 201: posted at once.
          auto r =
              app::reverse_transaction(x.app, x.caller, x.id("cid"), x.index("index"), x.req.body);
          return json_response(r.pending ? 202 : 201, r.body);
        });
  r.add("POST", "/api/v1/compounds/{cid}/witness/keys", Rule::in_compound({S}), [](Ctx& x) {
    return json_response(201, app::add_witness_key(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/witness/cosign", Rule::in_compound({S}), [](Ctx& x) {
    return json_response(201, app::cosign_head(x.app, x.caller, x.id("cid"), x.req.body));
  });
}

}  // namespace xinyi::http::routes
