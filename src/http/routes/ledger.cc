// Routes: the trust ledger: the public log, its proofs, balances, the notice, live entries; posting
// and reversing entries; witnesses.
#include "http/routes/approvals.h"
#include "http/routes/routes.h"

#include "app/books.h"
#include "app/ledger_service.h"
#include "app/public_log.h"
#include "app/settlement_service.h"
#include "domain/ledger/merkle.h"
#include "domain/money.h"
#include "http/json_in.h"
#include "http/qr.h"
#include "report/notice_pdf.h"

namespace xinyi::http::routes {

namespace {

using I = std::int64_t;

json::object head_json(const app::HeadView& v) {
  if (!v.head)
    return json::object{{"compound_id", v.compound_id},
                        {"tree_size", 0},
                        {"root", ledger::to_hex(ledger::empty_root())},
                        {"timestamp", 0},
                        {"signature", ""},
                        {"witnesses", json::array{}}};
  const auto& h = *v.head;
  json::array witnesses;
  for (const auto& w : v.witnesses)
    witnesses.push_back(json::object{{"key_id", w.key_id},
                                     {"public_key", w.public_b64},
                                     {"name", w.user_name},
                                     {"signature", w.signature},
                                     {"signed_at", w.signed_at}});
  return json::object{{"compound_id", v.compound_id},
                      {"tree_size", h.tree_size},
                      {"root", h.root},
                      {"timestamp", h.timestamp},
                      {"signature", h.signature},
                      {"witnesses", std::move(witnesses)},
                      {"signed_message",
                       ledger::tree_head_message(v.compound_id, h.tree_size, h.root, h.timestamp)}};
}

I head_size(const app::HeadView& v) { return v.head ? v.head->tree_size : 0; }

json::object page_json(const app::LedgerPage& p) {
  json::array entries;
  for (const auto& e : p.entries)
    entries.push_back(
        json::object{{"index", e.idx}, {"leaf_hash", e.leaf_hash}, {"canonical", e.canonical}});
  return json::object{
      {"tree_size", p.tree_size}, {"from", p.from}, {"entries", std::move(entries)}};
}

// An entry as published (domain/ledger/books.h), its postings named.
json::object feed_item_json(const app::FeedItem& item) {
  json::object o = ledger::to_published(item.entry);
  json::array postings;
  for (const auto& [p, name_zh, name_en, courtyard] : item.postings)
    postings.push_back(json::object{{"account", p.account},
                                    {"name_zh", name_zh},
                                    {"name_en", name_en},
                                    {"amount_fen", p.amount_fen},
                                    {"courtyard_id", p.courtyard_id},
                                    {"courtyard", courtyard}});
  o["postings"] = std::move(postings);
  o["leaf_hash"] = item.leaf_hash;
  o["reversed_by"] = opt_json(item.reversed_by);
  return o;
}

json::object feed_json(const app::LedgerFeed& f) {
  json::array items;
  for (const auto& i : f.items) items.push_back(feed_item_json(i));
  json::object out{{"tree_size", f.tree_size}, {"items", std::move(items)}};
  out["next_before"] = opt_json(f.next_before);
  return out;
}

json::object monthly_json(const app::MonthlySummary& m) {
  json::array list, accounts;
  for (const auto& mo : m.months)
    list.push_back(json::object{{"month", mo.month},
                                {"income_fen", mo.income_fen.value},
                                {"expense_fen", mo.expense_fen.value}});
  for (const auto& a : m.expenses_by_account)
    accounts.push_back(json::object{{"code", a.code},
                                    {"name_zh", a.name_zh},
                                    {"name_en", a.name_en},
                                    {"amount_fen", a.amount_fen.value}});
  return json::object{{"months", std::move(list)}, {"expenses_by_account", std::move(accounts)}};
}

json::array hex_list(const std::vector<std::string>& path) {
  json::array out;
  for (const auto& h : path) out.push_back(json::value(h));
  return out;
}

json::object balances_json(const app::Balances& b) {
  json::array accounts, yards, flat;
  for (const auto& [a, balance] : b.accounts)
    accounts.push_back(json::object{{"code", a.code},
                                    {"name_zh", a.name_zh},
                                    {"name_en", a.name_en},
                                    {"type", ledger::to_string(a.type)},
                                    {"cash", a.cash},
                                    {"charity", a.charity},
                                    {"trustee_pay", a.trustee_pay},
                                    {"balance_fen", balance.value}});
  for (const auto& y : b.courtyards) {
    json::array accs;
    for (const auto& [code, amt] : y.accounts)
      accs.push_back(json::object{{"code", code}, {"balance_fen", amt}});
    yards.push_back(json::object{{"id", y.id},
                                 {"name", y.name},
                                 {"income_fen", y.income_fen.value},
                                 {"expense_fen", y.expense_fen.value},
                                 {"surplus_fen", (y.income_fen - y.expense_fen).value},
                                 {"accounts", std::move(accs)}});
  }
  for (const auto& s : b.sums)
    flat.push_back(json::object{
        {"account", s.account}, {"courtyard_id", s.courtyard_id}, {"amount_fen", s.amount_fen}});
  return json::object{{"compound_id", b.compound_id},
                      {"as_of", b.as_of ? json::value(*b.as_of) : json::value(nullptr)},
                      {"tree_size", b.tree_size},
                      {"accounts", std::move(accounts)},
                      {"courtyards", std::move(yards)},
                      {"sums", std::move(flat)}};
}

// The live feed of compound `cid` from `after` (-1 or past the end: from now). 404 when there
// is no such compound; the stream ends when it is gone.
EventStream entry_stream(app::App& app, std::int64_t cid, std::int64_t after) {
  const std::int64_t size = head_size(app::signed_head(app, CompoundId{cid}));
  if (after < 0 || after > size) after = size;
  auto poll = [&app, cid](std::int64_t& from, std::string& out, bool& more) {
    const std::int64_t now_size = head_size(app::signed_head(app, CompoundId{cid}));
    // Every entry after the last one sent, oldest first, 100 at a time, at most 1,000 a poll.
    for (int pages = 0; now_size > from && pages < 10; ++pages) {
      const std::int64_t upto = std::min<std::int64_t>(from + 100, now_size);
      auto feed = app::ledger_feed(app, CompoundId{cid}, upto, upto - from);
      for (auto it = feed.items.rbegin(); it != feed.items.rend(); ++it)
        out += "event: entry\nid: " + std::to_string(it->entry.index + 1) +
               "\ndata: " + json::serialize(feed_item_json(*it)) + "\n\n";
      from = upto;
    }
    more = now_size > from;
    return true;
  };
  return EventStream{after, poll};
}

}  // namespace

namespace {

// What anyone may read and check: the log, its feed and live stream, the summary, the signed
// head, the key, the proofs and the balances.
void add_public_log_routes(Router& r) {
  r.add("GET", kPublicCompound + "/ledger", Rule::anyone(), [](Ctx& x) {
    return json_response(
        200, page_json(app::ledger_page(x.app, x.compound(), x.query_int("from", 0, 0, INT64_MAX),
                                        x.query_int("limit", 100, 1, app::kMaxLedgerPage))));
  });
  r.add("GET", kPublicCompound + "/feed", Rule::anyone(), [](Ctx& x) {
    return json_response(
        200, feed_json(app::ledger_feed(x.app, x.compound(), x.query_int("before", 0, 0, INT64_MAX),
                                        x.query_int("limit", 50, 1, 200))));
  });
  // With Accept: text/event-stream the server streams new entries (server.cc); without, this.
  // New ledger entries as they are appended: `event: entry`, `id:` the tree size after the
  // entry, `data:` the entry as /feed shows it; without Accept: text/event-stream, where it is.
  r.add_stream(
      kPublicCompound + "/events", Rule::anyone(),
      [](Ctx& x) {
        return json_response(
            200, json::object{{"tree_size", head_size(app::signed_head(x.app, x.compound()))},
                              {"stream", "GET with Accept: text/event-stream"}});
      },
      [](Ctx& x, std::int64_t last_event_id) {
        return entry_stream(x.app, x.id("id"), last_event_id);
      });
  r.add("GET", kPublicCompound + "/monthly", Rule::anyone(), [](Ctx& x) {
    return json_response(200, monthly_json(app::monthly_summary(x.app, x.compound(),
                                                                x.query_int("months", 12, 1, 60))));
  });
  r.add("GET", kPublicCompound + "/sth", Rule::anyone(), [](Ctx& x) {
    return json_response(200, head_json(app::signed_head(x.app, x.compound())));
  });
  r.add("GET", kPublicCompound + "/pubkey", Rule::anyone(), [](Ctx& x) {
    const I cid = x.id("id");
    return json_response(200,
                         json::object{{"compound_id", cid},
                                      {"algorithm", "Ed25519"},
                                      {"public_key", app::public_key(x.app, CompoundId{cid})}});
  });
  r.add("GET", kPublicCompound + "/proof/inclusion", Rule::anyone(), [](Ctx& x) {
    auto p = app::inclusion(x.app, x.compound(), x.query_int("index", -1, 0, INT64_MAX),
                            x.query_int("tree_size", 0, 0, INT64_MAX));
    return json_response(200, json::object{{"index", p.first},
                                           {"tree_size", p.second},
                                           {"leaf_hash", p.leaf_hash},
                                           {"path", hex_list(p.path)}});
  });
  r.add("GET", kPublicCompound + "/proof/consistency", Rule::anyone(), [](Ctx& x) {
    auto p = app::consistency(x.app, x.compound(), x.query_int("first", 0, 0, INT64_MAX),
                              x.query_int("second", 0, 0, INT64_MAX));
    return json_response(
        200, json::object{{"first", p.first}, {"second", p.second}, {"path", hex_list(p.path)}});
  });
  r.add("GET", kPublicCompound + "/balances", Rule::anyone(), [](Ctx& x) {
    return json_response(200,
                         balances_json(app::balances(x.app, x.compound(), x.query_str("at", 10))));
  });
}

// The entry's QR code and the notice for the board; posting and reversing; witnesses.
// One posting of a journal entry: {"account", "amount_fen", "courtyard_id"?}; its errors are
// named by its position ("postings[1].amount_fen").
std::optional<ledger::Posting> posting_in(const json::value& e, const std::string& at,
                                          JsonIn& outer) {
  if (!e.is_object()) {
    outer.add_error(at, "必须是对象", "must be an object");
    return std::nullopt;
  }
  JsonIn p(e);
  ledger::Posting out;
  out.account = p.str("account", 16);
  out.amount_fen = p.i64("amount_fen", -kMaxAmountFen, kMaxAmountFen);
  out.courtyard_id = p.opt_i64("courtyard_id", 0, INT64_MAX).value_or(0);
  try {
    p.finish();
  } catch (const Error& err) {
    for (const auto& fe : err.fields()) outer.add_error(at + "." + fe.field, fe.zh, fe.en);
    return std::nullopt;
  }
  return out;
}

// {"date", "description", "postings": [2–64 postings], "vouchers"?: [sha256, …]}
app::JournalInput journal_in(std::string_view body) {
  JsonIn in(body);
  app::JournalInput r;
  r.date = in.str("date", 10);
  r.description = in.str("description", ledger::kMaxDescriptionChars);
  const json::value* v = in.get("postings");
  if (!v || !v->is_array() || v->as_array().size() > ledger::kMaxPostings)
    in.add_error("postings", "必须是分录数组（2–64 行）", "must be an array of 2 to 64 postings");
  else
    for (std::size_t i = 0; i < v->as_array().size(); ++i)
      if (auto p = posting_in(v->as_array()[i], "postings[" + std::to_string(i) + "]", in))
        r.postings.push_back(std::move(*p));
  r.vouchers = voucher_hashes_in(in);
  in.finish();
  return r;
}

// {"reason", "date"?}: the reason goes into the reversal's description after "冲正：".
app::ReversalInput reversal_in(std::string_view body) {
  JsonIn in(body);
  app::ReversalInput r;
  r.reason = in.str("reason", ledger::kMaxDescriptionChars - 3);
  r.date = in.opt_str("date", 10);
  in.finish();
  return r;
}

void add_paper_and_write_routes(Router& r) {
  r.add("GET", kPublicCompound + "/entries/{index}/qr.svg", Rule::anyone(), [](Ctx& x) {
    // The QR code of one entry's public page (printed on receipts and the notice).
    auto cid = x.id("id");
    auto index = x.index("index");
    app::require_entry(x.app, CompoundId{cid}, index);
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
    auto data = app::notice_data(x.app, CompoundId{cid}, month);
    Response res;
    res.content_type = "application/pdf";
    res.body = report::notice_pdf(
        data, scheme(x) + "://" + x.req.host + "/c/" + std::to_string(cid), x.query_flag("large"));
    res.headers.emplace_back(
        "Content-Disposition",
        "inline; filename=\"notice-" + std::to_string(cid) + "-" + month + ".pdf\"");
    return res;
  });
  r.add("POST", kCompound + "/ledger/transactions", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(201, entry_json(app::post_transaction(x.app, x.caller, x.compound(),
                                                               journal_in(x.req.body))));
  });
  r.add("POST", kCompound + "/ledger/transactions/{index}/reverse", Rule::in_compound({C, T}),
        [](Ctx& x) {
          // 202: a reversal that moves money waits in the approval queue; 201: posted at once.
          auto r = app::reverse_transaction(x.app, x.caller, x.compound(), x.index("index"),
                                            reversal_in(x.req.body));
          return r.pending ? json_response(202, disbursement_json(*r.request))
                           : json_response(201, entry_json(*r.entry));
        });
  r.add("POST", "/api/v1/compounds/{cid}/witness/keys", Rule::in_compound({S}), [](Ctx& x) {
    JsonIn in(x.req.body);
    const std::string key = in.str("public_key", 64);
    in.finish();
    auto k = app::add_witness_key(x.app, x.caller, x.compound(), key);
    return json_response(201, json::object{{"key_id", k.key_id}, {"public_key", k.public_key}});
  });
  r.add("POST", "/api/v1/compounds/{cid}/witness/cosign", Rule::in_compound({S}), [](Ctx& x) {
    JsonIn in(x.req.body);
    const I key_id = in.i64("key_id", 1, INT64_MAX);
    const I size = in.i64("tree_size", 0, INT64_MAX);
    const std::string sig = in.str("signature", 128);
    in.finish();
    return json_response(
        201, head_json(app::cosign_head(x.app, x.caller, x.compound(), key_id, size, sig)));
  });
}

}  // namespace

void add_ledger_routes(Router& r) {
  add_public_log_routes(r);
  add_paper_and_write_routes(r);
}

}  // namespace xinyi::http::routes
