#include "http/api.h"

#include "app/auth_service.h"
#include "app/bank_service.h"
#include "app/billing_service.h"
#include "app/settlement_service.h"
#include "app/vote_service.h"
#include "app/needs_service.h"
#include "app/work_service.h"
#include "app/survey_service.h"
#include "app/announce_service.h"
#include "app/charity_service.h"
#include "app/project_service.h"
#include "app/notify.h"
#include "app/privacy_service.h"
#include "app/ledger_service.h"
#include "app/registry_service.h"
#include "app/roster_import.h"
#include "http/problem.h"
#include "http/qr.h"
#include "report/notice_pdf.h"
#include "report/table_export.h"
#include "store/ledger_repo.h"

namespace xinyi::http {

namespace json = boost::json;

namespace {

constexpr Role R = Role::resident, C = Role::committee, T = Role::trustee, W = Role::worker, S = Role::staff, A = Role::auditor;

Response signed_in(Ctx& x, const app::SignedIn& s, int status) {
  Response res = json_response(status, s.me);
  res.headers.emplace_back("Set-Cookie", session_cookie(s.token, x.app.cfg.session_ttl_ms / 1000, x.app.cfg.secure_cookies));
  return res;
}

// A table from app/ (title, headers, rows of text or integer cells) as CSV or XLSX.
Response table_response(const json::object& data, const std::string& ext, const std::string& filename) {
  report::Table t;
  t.title = data.at("title").as_string();
  for (const auto& h : data.at("headers").as_array()) t.headers.emplace_back(h.as_string());
  for (const auto& row : data.at("rows").as_array()) {
    std::vector<report::Cell> cells;
    for (const auto& v : row.as_array())
      cells.push_back(v.is_int64() ? report::Cell(v.as_int64()) : report::Cell(std::string(v.as_string())));
    t.rows.push_back(std::move(cells));
  }
  Response res;
  res.content_type = ext == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  res.body = ext == "csv" ? report::to_csv(t) : report::to_xlsx(t);
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "." + ext + "\"");
  return res;
}

// A file someone uploaded (a voucher, a ballot's scan): it never runs in our origin. Images
// show inline (an <img> runs nothing); a PDF is handed to the reader's own viewer as a
// download, since the browser's viewer would run its scripts here. Either way sandboxed and
// never sniffed.
Response upload_response(app::VoucherFile f, const std::string& stem, const char* cache) {
  const bool image = f.mime.rfind("image/", 0) == 0;
  const char* ext = f.mime == "application/pdf" ? ".pdf" : f.mime == "image/png" ? ".png" : ".jpg";
  Response res;
  res.content_type = f.mime;
  res.body = std::move(f.bytes);
  res.headers.emplace_back("Cache-Control", cache);
  res.headers.emplace_back("Content-Disposition", std::string(image ? "inline" : "attachment") + "; filename=\"" + stem + ext + "\"");
  res.headers.emplace_back("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
  res.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return res;
}

// "name.csv" or "name.xlsx" → (name, ext); anything else is a 404.
std::pair<std::string, std::string> split_export(const std::string& file) {
  auto dot = file.rfind('.');
  std::string what = file.substr(0, dot), ext = dot == std::string::npos ? "" : file.substr(dot + 1);
  if (ext != "csv" && ext != "xlsx") throw_not_found("导出格式", "Export format");
  return {what, ext};
}

// Who sees the last four characters of owners' ID cards: those who check identity (committee,
// staff, auditor, the operator), not the trustee.
bool sees_id_cards(Ctx& x) {
  const auto cid = x.id("cid");
  const auto* p = x.caller.principal ? &*x.caller.principal : nullptr;
  return (x.caller.user && x.caller.user->is_admin) ||
         (p && (p->has(cid, Role::committee) || p->has(cid, Role::staff) || p->has(cid, Role::auditor)));
}

}  // namespace

void register_api(Router& r) {
  // ---- public ------------------------------------------------------------------------------
  r.add("GET", "/api/v1/health", Rule::anyone(), [](Ctx& x) {
    return json_response(200, json::object{{"status", "ok"}, {"service", "xinyi"}, {"version", "0.1.0"},
                                           {"store", x.app.db.dialect() == store::Dialect::sqlite ? "sqlite" : "postgresql"}});
  });
  r.add("GET", "/api/v1/public/regions", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::public_regions(x.app)); });
  r.add("GET", "/api/v1/public/compounds", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::public_compounds(x.app)); });
  r.add("GET", "/api/v1/public/compounds/{id}", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::public_compound(x.app, x.id("id"))); });

  // ---- public: the trust ledger (SPEC §5), no sign-in, masked ------------------------------
  const std::string pub = "/api/v1/public/compounds/{id}";
  r.add("GET", pub + "/ledger", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::ledger_page(x.app, x.id("id"), x.query_int("from", 0, 0, INT64_MAX),
                                               x.query_int("limit", 100, 1, app::kMaxLedgerPage)));
  });
  r.add("GET", pub + "/feed", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::ledger_feed(x.app, x.id("id"), x.query_int("before", 0, 0, INT64_MAX),
                                               x.query_int("limit", 50, 1, 200)));
  });
  // With Accept: text/event-stream the server streams new entries (server.cc); without, this.
  r.add("GET", pub + "/events", Rule::anyone(), [](Ctx& x) {
    return json_response(200, json::object{{"tree_size", app::signed_head(x.app, x.id("id")).at("tree_size")},
                                           {"stream", "GET with Accept: text/event-stream"}});
  });
  r.add("GET", pub + "/monthly", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::monthly_summary(x.app, x.id("id"), x.query_int("months", 12, 1, 60)));
  });
  r.add("GET", pub + "/sth", Rule::anyone(), [](Ctx& x) { return json_response(200, app::signed_head(x.app, x.id("id"))); });
  r.add("GET", pub + "/pubkey", Rule::anyone(), [](Ctx& x) { return json_response(200, app::public_key(x.app, x.id("id"))); });
  r.add("GET", pub + "/proof/inclusion", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::inclusion(x.app, x.id("id"), x.query_int("index", -1, 0, INT64_MAX),
                                             x.query_int("tree_size", 0, 0, INT64_MAX)));
  });
  r.add("GET", pub + "/proof/consistency", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::consistency(x.app, x.id("id"), x.query_int("first", 0, 0, INT64_MAX),
                                               x.query_int("second", 0, 0, INT64_MAX)));
  });
  r.add("GET", pub + "/balances", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::balances(x.app, x.id("id"), x.query_str("at", 10))); });
  r.add("GET", pub + "/disbursements", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::list_disbursements(x.app, x.id("id"), true)); });
  r.add("GET", pub + "/bank", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::reconciliation(x.app, x.id("id"), true)); });
  r.add("GET", pub + "/fee-rates", Rule::anyone(), [](Ctx& x) { return json_response(200, app::fee_rates(x.app, x.id("id"))); });
  r.add("GET", pub + "/arrears", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::arrears(x.app, x.id("id"), true)); });
  r.add("GET", pub + "/settlement", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::settlement(x.app, x.id("id"), x.query_str("period", 16))); });
  r.add("GET", pub + "/entries/{index}/qr.svg", Rule::anyone(), [](Ctx& x) {
    // The QR code of one entry's public page (printed on receipts and the notice).
    auto cid = x.id("id");
    auto index = x.index("index");
    x.app.db.read([&](store::Connection& c) {
      if (!store::get_entry(c, cid, index)) throw_not_found("账目", "Entry");
    });
    std::string scheme = x.req.forwarded_proto == "https" ? "https" : "http";
    Response res;
    res.content_type = "image/svg+xml";
    res.body = qr_svg(scheme + "://" + x.req.host + "/c/" + std::to_string(cid) + "?entry=" + std::to_string(index));
    return res;
  });
  r.add("GET", pub + "/notice.pdf", Rule::anyone(), [](Ctx& x) {
    // The monthly notice for the notice board, with a QR code back to this compound's page.
    auto cid = x.id("id");
    std::string month = x.query_str("month", 7);
    if (month.empty()) month = app::china_date(x.app.clock_ms()).substr(0, 7);
    auto data = app::notice_data(x.app, cid, month);
    std::string scheme = x.req.forwarded_proto == "https" ? "https" : "http";
    Response res;
    res.content_type = "application/pdf";
    res.body = report::notice_pdf(data, scheme + "://" + x.req.host + "/c/" + std::to_string(cid), x.query_flag("large"));
    res.headers.emplace_back("Content-Disposition", "inline; filename=\"notice-" + std::to_string(cid) + "-" + month + ".pdf\"");
    return res;
  });
  r.add("GET", pub + "/surplus-plans", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::surplus_plans(x.app, x.id("id"), x.query_int("year", 2026, 2000, 2200)));
  });
  // ---- public: decisions -------------------------------------------------------------------
  r.add("GET", pub + "/votes", Rule::anyone(), [](Ctx& x) { return json_response(200, app::list_votes(x.app, x.caller, x.id("id"))); });
  r.add("GET", pub + "/votes/{vid}", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::get_vote(x.app, x.caller, x.id("id"), x.id("vid"))); });
  r.add("GET", pub + "/votes/{vid}/receipts", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::vote_receipts(x.app, x.id("id"), x.id("vid"))); });
  r.add("GET", pub + "/proposals", Rule::anyone(), [](Ctx& x) { return json_response(200, app::list_proposals(x.app, x.id("id"))); });
  r.add("GET", pub + "/committees", Rule::anyone(), [](Ctx& x) { return json_response(200, app::list_committees(x.app, x.id("id"))); });
  r.add("GET", pub + "/tenders", Rule::anyone(), [](Ctx& x) { return json_response(200, app::list_tenders(x.app, x.id("id"))); });
  // ---- public: needs, services, questionnaires, meetings ----------------------------------
  r.add("GET", pub + "/needs/summary", Rule::anyone(), [](Ctx& x) { return json_response(200, app::needs_summary(x.app, x.id("id"))); });
  r.add("GET", pub + "/service-plans", Rule::anyone(), [](Ctx& x) { return json_response(200, app::list_plans(x.app, x.id("id"))); });
  r.add("GET", pub + "/services/monthly", Rule::anyone(), [](Ctx& x) {
    std::string month = x.query_str("month", 7);
    if (month.empty()) month = app::china_date(x.app.clock_ms()).substr(0, 7);
    return json_response(200, app::service_month(x.app, x.id("id"), month));
  });
  r.add("GET", pub + "/services/months", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::service_months(x.app, x.id("id"), x.query_int("months", 12, 1, 36)));
  });
  r.add("GET", pub + "/questionnaires", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::list_questionnaires(x.app, x.caller, x.id("id"))); });
  r.add("GET", pub + "/questionnaires/{qid}", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::get_questionnaire(x.app, x.caller, x.id("id"), x.id("qid"))); });
  r.add("GET", pub + "/questionnaires/{qid}/results", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::questionnaire_results(x.app, x.id("id"), x.id("qid"), false)); });
  r.add("GET", pub + "/meetings", Rule::anyone(), [](Ctx& x) { return json_response(200, app::list_meetings(x.app, x.id("id"), false)); });
  // ---- public: the charity fund, renewal projects, volunteers -------------------------------
  r.add("GET", pub + "/charity", Rule::anyone(), [](Ctx& x) { return json_response(200, app::charity_summary(x.app, x.id("id"))); });
  r.add("GET", pub + "/projects", Rule::anyone(), [](Ctx& x) { return json_response(200, app::list_projects(x.app, x.id("id"))); });
  r.add("GET", pub + "/projects/{pid}", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::get_project(x.app, x.caller, x.id("id"), x.id("pid"))); });
  r.add("GET", pub + "/volunteers", Rule::anyone(), [](Ctx& x) { return json_response(200, app::volunteers(x.app, x.id("id"), false)); });
  r.add("GET", pub + "/vouchers/{sha}", Rule::anyone(), [](Ctx& x) {
    const std::string& sha = x.params.at("sha");
    if (!ledger::from_hex(sha)) throw_not_found("凭证", "Voucher");
    return upload_response(app::voucher_file(x.app, x.id("id"), sha), "voucher-" + sha.substr(0, 12),
                           "public, max-age=31536000, immutable");  // named by content
  });

  // ---- sign-in and the signed-in person ----------------------------------------------------
  r.add("POST", "/api/v1/auth/login", Rule::anyone(),
        [](Ctx& x) { return signed_in(x, app::login(x.app, x.caller, x.req.body), 200); });
  r.add("POST", "/api/v1/auth/register", Rule::anyone(),
        [](Ctx& x) { return signed_in(x, app::register_account(x.app, x.caller, x.req.body), 201); });
  r.add("POST", "/api/v1/auth/logout", Rule::anyone(), [](Ctx& x) {
    app::logout(x.app, x.caller);
    Response res = no_content();
    res.headers.emplace_back("Set-Cookie", session_cookie("", 0, x.app.cfg.secure_cookies));
    return res;
  });
  r.add("POST", "/api/v1/auth/password", Rule::signed_in(), [](Ctx& x) {
    app::change_password(x.app, x.caller, x.req.body);
    return no_content();
  });
  r.add("GET", "/api/v1/auth/session", Rule::anyone(), [](Ctx& x) {
    // For pages that must know whether someone is signed in without provoking a 401.
    if (!x.caller.user) return json_response(200, json::object{{"signed_in", false}});
    return json_response(200, json::object{{"signed_in", true}, {"me", app::me(x.app, x.caller)}});
  });
  r.add("GET", "/api/v1/me", Rule::signed_in(), [](Ctx& x) { return json_response(200, app::me(x.app, x.caller)); });
  r.add("GET", "/api/v1/me/receipts/{cid}/{no}", Rule::signed_in(),
        [](Ctx& x) { return json_response(200, app::my_receipt(x.app, x.caller, x.id("cid"), x.id("no"))); });
  r.add("GET", "/api/v1/me/bills", Rule::signed_in(), [](Ctx& x) { return json_response(200, app::my_bills(x.app, x.caller)); });
  r.add("GET", "/api/v1/me/donations", Rule::signed_in(), [](Ctx& x) { return json_response(200, app::my_donations(x.app, x.caller)); });
  // Notifications: the list (live with Accept: text/event-stream, in server.cc), read marks, and
  // personal preferences (large text, text messages).
  r.add("GET", "/api/v1/me/notifications", Rule::signed_in(), [](Ctx& x) {
    return json_response(200, app::my_notifications(x.app, x.caller, x.query_int("before", 0, 0, INT64_MAX), x.query_int("limit", 30, 1, 200)));
  });
  r.add("GET", "/api/v1/me/events", Rule::signed_in(), [](Ctx& x) {
    return json_response(200, json::object{{"last_id", app::last_notification_id(x.app, x.caller.user_id())},
                                           {"stream", "GET with Accept: text/event-stream"}});
  });
  r.add("POST", "/api/v1/me/notifications/read", Rule::signed_in(),
        [](Ctx& x) { return json_response(200, app::mark_notifications_read(x.app, x.caller, x.req.body)); });
  r.add("PATCH", "/api/v1/me/preferences", Rule::signed_in(),
        [](Ctx& x) { return json_response(200, app::set_preferences(x.app, x.caller, x.req.body)); });
  // Personal information (PIPL): a copy of everything about me; deleting my account.
  r.add("GET", "/api/v1/me/export", Rule::signed_in(), [](Ctx& x) {
    Response res = json_response(200, app::export_my_data(x.app, x.caller));
    res.headers.emplace_back("Content-Disposition", "attachment; filename=\"xinyi-my-data.json\"");
    return res;
  });
  r.add("POST", "/api/v1/me/delete", Rule::signed_in(), [](Ctx& x) {
    auto out = app::delete_my_account(x.app, x.caller, x.req.body);
    Response res = json_response(200, out);
    res.headers.emplace_back("Set-Cookie", session_cookie("", 0, x.app.cfg.secure_cookies));
    return res;
  });
  r.add("POST", "/api/v1/me/claims", Rule::signed_in(),
        [](Ctx& x) { return json_response(201, app::claim_unit(x.app, x.caller, x.req.body)); });

  // ---- operator: the hierarchy -------------------------------------------------------------
  r.add("POST", "/api/v1/districts", Rule::admin(),
        [](Ctx& x) { return json_response(201, app::create_district(x.app, x.caller, x.req.body)); });
  r.add("POST", "/api/v1/districts/{id}/streets", Rule::admin(),
        [](Ctx& x) { return json_response(201, app::create_street(x.app, x.caller, x.id("id"), x.req.body)); });
  r.add("POST", "/api/v1/streets/{id}/communities", Rule::admin(),
        [](Ctx& x) { return json_response(201, app::create_community(x.app, x.caller, x.id("id"), x.req.body)); });
  r.add("POST", "/api/v1/communities/{id}/compounds", Rule::admin(),
        [](Ctx& x) { return json_response(201, app::create_compound(x.app, x.caller, x.id("id"), x.req.body)); });

  // ---- one compound: registry management ---------------------------------------------------
  r.add("POST", "/api/v1/compounds/{cid}/areas", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::create_area(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", "/api/v1/compounds/{cid}/courtyards", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::create_courtyard(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("PATCH", "/api/v1/compounds/{cid}/courtyards/{id}", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(200, app::update_courtyard(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/buildings", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::create_building(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", "/api/v1/compounds/{cid}/units", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::create_unit(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("GET", "/api/v1/compounds/{cid}/units", Rule::in_compound({C, T, S, A}), [](Ctx& x) {
    return json_response(200, app::list_units(x.app, x.id("cid"), x.query_int("after", 0, 0, INT64_MAX),
                                              x.query_int("limit", 100, 1, app::kMaxPageSize), sees_id_cards(x)));
  });
  r.add("GET", "/api/v1/compounds/{cid}/units/{id}", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::get_unit(x.app, x.id("cid"), x.id("id"), sees_id_cards(x))); });
  r.add("PATCH", "/api/v1/compounds/{cid}/units/{id}", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(200, app::update_unit(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/units/{id}/members", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::add_member(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("POST", "/api/v1/compounds/{cid}/units/{id}/invite-code", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(200, app::new_invite_code(x.app, x.caller, x.id("cid"), x.id("id")));
  });
  r.add("GET", "/api/v1/compounds/{cid}/invite-codes", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::invite_codes(x.app, x.id("cid"))); });
  r.add("POST", "/api/v1/compounds/{cid}/import/units", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(x.query_flag("dry_run") ? 200 : 201,
                         app::import_roster(x.app, x.caller, x.id("cid"), x.req.body, x.query_flag("dry_run")));
  });

  // ---- one compound: the books ---------------------------------------------------------------
  r.add("POST", "/api/v1/compounds/{cid}/ledger/transactions", Rule::in_compound({C, T}),
        [](Ctx& x) { return json_response(201, app::post_transaction(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", "/api/v1/compounds/{cid}/ledger/transactions/{index}/reverse", Rule::in_compound({C, T}), [](Ctx& x) {
    // 202: a reversal that moves money waits in the approval queue; 201: posted at once.
    auto r = app::reverse_transaction(x.app, x.caller, x.id("cid"), x.index("index"), x.req.body);
    return json_response(r.pending ? 202 : 201, r.body);
  });
  r.add("POST", "/api/v1/compounds/{cid}/vouchers", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(201, app::upload_voucher(x.app, x.caller, x.id("cid"), x.req.content_type, x.req.body));
  });
  r.add("GET", "/api/v1/compounds/{cid}/disbursements", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::list_disbursements(x.app, x.id("cid"), false)); });
  r.add("POST", "/api/v1/compounds/{cid}/disbursements", Rule::in_compound({T}),
        [](Ctx& x) { return json_response(201, app::request_disbursement(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", "/api/v1/compounds/{cid}/disbursements/{id}/approve", Rule::in_compound({C, T}),
        [](Ctx& x) { return json_response(200, app::approve_disbursement(x.app, x.caller, x.id("cid"), x.id("id"))); });
  r.add("POST", "/api/v1/compounds/{cid}/disbursements/{id}/reject", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(200, app::reject_disbursement(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  // ---- one compound: deciding (proposals, votes, committees, tenders) ----------------------
  const std::string cpd = "/api/v1/compounds/{cid}";
  r.add("POST", cpd + "/proposals", Rule::in_compound({R, C, S}),
        [](Ctx& x) { return json_response(201, app::create_proposal(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("GET", cpd + "/proposals/{id}/comments", Rule::in_compound({R, C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::list_comments(x.app, x.id("cid"), x.id("id"))); });
  r.add("POST", cpd + "/proposals/{id}/comments", Rule::in_compound({R, C, T, S}),
        [](Ctx& x) { return json_response(201, app::add_comment(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  r.add("POST", cpd + "/votes", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::create_vote(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", cpd + "/votes/{id}/open", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::open_vote(x.app, x.caller, x.id("cid"), x.id("id"))); });
  r.add("POST", cpd + "/votes/{id}/close", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::close_vote(x.app, x.caller, x.id("cid"), x.id("id"))); });
  r.add("POST", cpd + "/votes/{id}/ballot", Rule::in_compound({R}),
        [](Ctx& x) { return json_response(200, app::cast_ballot(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  r.add("GET", cpd + "/votes/{id}/my", Rule::in_compound({R}),
        [](Ctx& x) { return json_response(200, app::my_ballot(x.app, x.caller, x.id("cid"), x.id("id"))); });
  r.add("POST", cpd + "/votes/{id}/paper-ballots", Rule::in_compound({C}),
        [](Ctx& x) { return json_response(201, app::enter_paper_ballot(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  r.add("GET", cpd + "/votes/{id}/paper-ballots", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::list_paper_ballots(x.app, x.id("cid"), x.id("id"))); });
  r.add("GET", cpd + "/votes/{id}/paper-ballots/{ballot}/scan", Rule::in_compound({C, S}), [](Ctx& x) {
    return upload_response(app::paper_ballot_scan(x.app, x.id("cid"), x.id("id"), x.id("ballot")), "ballot-scan", "private, no-store");
  });
  r.add("POST", "/api/v1/compounds/{cid}/votes/{id}/paper-ballots/{ballot}/countersign", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(200, app::countersign_paper_ballot(x.app, x.caller, x.id("cid"), x.id("id"), x.id("ballot"), x.req.body));
  });
  r.add("GET", cpd + "/votes/{id}/roll", Rule::in_compound({R, C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::vote_roll(x.app, x.id("cid"), x.id("id"))); });
  r.add("POST", cpd + "/committees", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::create_committee(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", cpd + "/committees/{id}/members", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::nominate_member(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  r.add("POST", cpd + "/committees/{id}/establish", Rule::in_compound({S}),
        [](Ctx& x) { return json_response(200, app::establish_committee(x.app, x.caller, x.id("cid"), x.id("id"))); });
  r.add("POST", cpd + "/petitions/pmc", Rule::in_compound({R}),
        [](Ctx& x) { return json_response(200, app::sign_petition(x.app, x.caller, x.id("cid"))); });
  r.add("POST", cpd + "/tenders", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::create_tender(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", cpd + "/tenders/{id}/bids", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::add_bid(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  r.add("POST", cpd + "/tenders/{id}/vote", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::put_tender_to_vote(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  // ---- one compound: needs, the service plan and work logs, questionnaires, meetings ------
  r.add("POST", cpd + "/photos", Rule::in_compound({R, W, C, T, S}), [](Ctx& x) {
    return json_response(201, app::upload_photo(x.app, x.caller, x.id("cid"), x.req.content_type, x.req.body));
  });
  r.add("POST", cpd + "/needs", Rule::in_compound({R, C, S}),
        [](Ctx& x) { return json_response(201, app::file_need(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("GET", cpd + "/needs", Rule::in_compound({R, C, T, W, S, A}), [](Ctx& x) {
    return json_response(200, app::list_needs(x.app, x.caller, x.id("cid"), x.query_str("status", 12), x.query_str("category", 12),
                                              x.query_flag("mine")));
  });
  r.add("GET", cpd + "/needs/{id}", Rule::in_compound({R, C, T, W, S, A}),
        [](Ctx& x) { return json_response(200, app::get_need(x.app, x.caller, x.id("cid"), x.id("id"))); });
  r.add("POST", cpd + "/needs/{id}/support", Rule::in_compound({R}),
        [](Ctx& x) { return json_response(200, app::support_need(x.app, x.caller, x.id("cid"), x.id("id"))); });
  r.add("POST", cpd + "/needs/{id}/triage", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::triage_need(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  r.add("POST", cpd + "/service-plans", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::publish_plan(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("GET", cpd + "/service-plan/assignments", Rule::in_compound({C, T, S}),
        [](Ctx& x) { return json_response(200, app::list_assignments(x.app, x.id("cid"))); });
  r.add("POST", cpd + "/service-plan/assignments", Rule::in_compound({T}),
        [](Ctx& x) { return json_response(200, app::assign_worker(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", cpd + "/work-logs", Rule::in_compound({W}),
        [](Ctx& x) { return json_response(201, app::check_in(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", cpd + "/work-logs/{id}/check-out", Rule::in_compound({W}),
        [](Ctx& x) { return json_response(200, app::check_out(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  r.add("POST", cpd + "/work-logs/{id}/void", Rule::in_compound({W, C, S}),
        [](Ctx& x) { return json_response(200, app::void_log(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  r.add("GET", cpd + "/work-logs", Rule::in_compound({R, C, T, W, S, A}), [](Ctx& x) {
    return json_response(200, app::list_visits(x.app, x.caller, x.id("cid"), x.query_str("month", 7), x.query_flag("to_review"),
                                               x.query_flag("mine")));
  });
  r.add("POST", cpd + "/work-logs/{id}/review", Rule::in_compound({R}),
        [](Ctx& x) { return json_response(200, app::review_visit(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  // Not the trustee: the disputed party must not see which households disputed its workers.
  r.add("GET", cpd + "/visit-disputes", Rule::in_compound({C, S, A}),
        [](Ctx& x) { return json_response(200, app::list_disputes(x.app, x.id("cid"), x.query_flag("open"))); });
  r.add("POST", cpd + "/visit-disputes/{id}/resolve", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::resolve_dispute(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  r.add("POST", cpd + "/review-window", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::set_review_window(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", cpd + "/service-postings", Rule::in_compound({C, T}),
        [](Ctx& x) { return json_response(201, app::post_service_month(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", cpd + "/questionnaires", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::create_questionnaire(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", cpd + "/questionnaires/{id}/answers", Rule::in_compound({R}),
        [](Ctx& x) { return json_response(201, app::answer_questionnaire(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  r.add("GET", cpd + "/questionnaires/{id}/results", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::questionnaire_results(x.app, x.id("cid"), x.id("id"), true)); });
  r.add("GET", cpd + "/questionnaires/{id}/export/{file}", Rule::in_compound({C, T, S, A}), [](Ctx& x) {
    auto [what, ext] = split_export(x.params.at("file"));
    if (what != "responses") throw_not_found("导出类型", "Export");
    return table_response(app::questionnaire_table(x.app, x.id("cid"), x.id("id")), ext, "questionnaire-" + std::to_string(x.id("id")));
  });
  r.add("GET", cpd + "/meetings", Rule::in_compound({R, C, T, W, S, A}),
        [](Ctx& x) { return json_response(200, app::list_meetings(x.app, x.id("cid"), true)); });
  r.add("POST", cpd + "/meetings", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::create_meeting(x.app, x.caller, x.id("cid"), x.req.body)); });
  // ---- one compound: the charity fund --------------------------------------------------------
  r.add("POST", cpd + "/campaigns", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::create_campaign(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", cpd + "/donations", Rule::in_compound({R, C, T}),
        [](Ctx& x) { return json_response(201, app::donate(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("GET", cpd + "/donations", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::list_donations(x.app, x.id("cid"))); });
  r.add("POST", cpd + "/donations/{id}/receive", Rule::in_compound({C, T}),
        [](Ctx& x) { return json_response(200, app::receive_donation(x.app, x.caller, x.id("cid"), x.id("id"))); });
  r.add("POST", cpd + "/donations/{id}/decline", Rule::in_compound({C, T}),
        [](Ctx& x) { return json_response(200, app::decline_donation(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  // ---- one compound: renewal projects and crowdfunding --------------------------------------
  const std::string prj = cpd + "/projects/{pid}";
  r.add("POST", cpd + "/projects", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::create_project(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", prj + "/budget", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::set_project_budget(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body)); });
  r.add("POST", prj + "/vote", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::link_project_vote(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body)); });
  r.add("POST", prj + "/quotes", Rule::in_compound({C, T, S}),
        [](Ctx& x) { return json_response(201, app::add_project_quote(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body)); });
  r.add("POST", prj + "/contract", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::sign_project_contract(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body)); });
  r.add("POST", prj + "/milestones", Rule::in_compound({C, T, S}),
        [](Ctx& x) { return json_response(201, app::add_milestone(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body)); });
  r.add("POST", prj + "/milestones/{mid}/done", Rule::in_compound({C, T, S}), [](Ctx& x) {
    return json_response(200, app::complete_milestone(x.app, x.caller, x.id("cid"), x.id("pid"), x.id("mid"), x.req.body));
  });
  r.add("POST", prj + "/payments", Rule::in_compound({T}),
        [](Ctx& x) { return json_response(201, app::request_project_payment(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body)); });
  r.add("POST", prj + "/acceptance", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::start_acceptance(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body)); });
  r.add("POST", prj + "/acceptance/close", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::close_acceptance(x.app, x.caller, x.id("cid"), x.id("pid"))); });
  r.add("POST", prj + "/signoff", Rule::in_compound({C}),
        [](Ctx& x) { return json_response(200, app::sign_off_project(x.app, x.caller, x.id("cid"), x.id("pid"))); });
  r.add("POST", prj + "/acceptance/reject", Rule::in_compound({C}),
        [](Ctx& x) { return json_response(200, app::reject_acceptance(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body)); });
  r.add("POST", prj + "/crowdfunding-refund", Rule::in_compound({T}),
        [](Ctx& x) { return json_response(201, app::refund_crowdfunding_surplus(x.app, x.caller, x.id("cid"), x.id("pid"))); });
  r.add("POST", prj + "/settle", Rule::in_compound({C, T}),
        [](Ctx& x) { return json_response(200, app::settle_project(x.app, x.caller, x.id("cid"), x.id("pid"))); });
  r.add("POST", prj + "/cancel", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::cancel_project(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body)); });
  r.add("POST", prj + "/follow", Rule::in_compound({R, C, T, W, S, A}),
        [](Ctx& x) { return json_response(200, app::follow_project(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body)); });
  r.add("POST", prj + "/pledges", Rule::in_compound({R}),
        [](Ctx& x) { return json_response(201, app::pledge(x.app, x.caller, x.id("cid"), x.id("pid"), x.req.body)); });
  r.add("GET", prj + "/pledges", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::list_pledges(x.app, x.id("cid"), x.id("pid"))); });
  r.add("POST", prj + "/pledges/{id}/payments", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(201, app::pay_pledge(x.app, x.caller, x.id("cid"), x.id("pid"), x.id("id"), x.req.body));
  });
  // ---- one compound: volunteers ---------------------------------------------------------------
  r.add("GET", cpd + "/volunteers", Rule::in_compound({R, C, T, W, S, A}),
        [](Ctx& x) { return json_response(200, app::volunteers(x.app, x.id("cid"), true)); });
  r.add("POST", cpd + "/volunteer-teams", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::create_team(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", cpd + "/volunteer-teams/{id}/join", Rule::in_compound({R}),
        [](Ctx& x) { return json_response(201, app::join_team(x.app, x.caller, x.id("cid"), x.id("id"))); });
  r.add("POST", cpd + "/volunteer-teams/{id}/members", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::add_team_member(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  r.add("POST", cpd + "/volunteer-activities", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::record_activity(x.app, x.caller, x.id("cid"), x.req.body)); });
  // ---- one compound: announcements ----------------------------------------------------------
  r.add("POST", cpd + "/announcements", Rule::in_compound({C, T, S}),
        [](Ctx& x) { return json_response(201, app::create_announcement(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("GET", cpd + "/announcements", Rule::in_compound({R, C, T, W, S, A}),
        [](Ctx& x) { return json_response(200, app::list_announcements(x.app, x.caller, x.id("cid"))); });
  r.add("GET", cpd + "/announcements/{id}", Rule::in_compound({R, C, T, W, S, A}),
        [](Ctx& x) { return json_response(200, app::get_announcement(x.app, x.caller, x.id("cid"), x.id("id"))); });
  r.add("POST", cpd + "/announcements/{id}/read", Rule::in_compound({R}),
        [](Ctx& x) { return json_response(200, app::read_announcement(x.app, x.caller, x.id("cid"), x.id("id"), false)); });
  r.add("POST", cpd + "/announcements/{id}/confirm", Rule::in_compound({R}),
        [](Ctx& x) { return json_response(200, app::read_announcement(x.app, x.caller, x.id("cid"), x.id("id"), true)); });
  r.add("GET", cpd + "/announcements/{id}/stats", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::announcement_stats(x.app, x.id("cid"), x.id("id"))); });
  r.add("POST", cpd + "/announcements/{id}/withdraw", Rule::in_compound({C, T, S}),
        [](Ctx& x) { return json_response(200, app::withdraw_announcement(x.app, x.caller, x.id("cid"), x.id("id"))); });
  // ---- one compound: fees -----------------------------------------------------------------
  r.add("POST", "/api/v1/compounds/{cid}/fee-rates", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::set_fee_rate(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", "/api/v1/compounds/{cid}/bill-runs", Rule::in_compound({C, T}), [](Ctx& x) {
    bool preview = x.query_flag("preview");
    return json_response(preview ? 200 : 201, app::bill_run(x.app, x.caller, x.id("cid"), x.query_str("period", 16), preview));
  });
  r.add("POST", "/api/v1/compounds/{cid}/payments", Rule::in_compound({C, T}),
        [](Ctx& x) { return json_response(201, app::record_payment(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", "/api/v1/compounds/{cid}/contract", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(200, app::set_contract(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", "/api/v1/compounds/{cid}/remuneration", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(201, app::book_remuneration(x.app, x.caller, x.id("cid"), x.query_str("period", 16)));
  });
  r.add("POST", "/api/v1/compounds/{cid}/surplus-plans", Rule::in_compound({C, S}),
        [](Ctx& x) { return json_response(201, app::add_plan_item(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", "/api/v1/compounds/{cid}/shared-costs", Rule::in_compound({C, T}),
        [](Ctx& x) { return json_response(201, app::allocate_shared_cost(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("GET", "/api/v1/compounds/{cid}/receipts/{no}", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::receipt(x.app, x.id("cid"), x.id("no"))); });
  r.add("GET", "/api/v1/compounds/{cid}/exports/{file}", Rule::in_compound({C, T, S, A}), [](Ctx& x) {
    // bills.csv, payments.xlsx, settlement.csv … for a period.
    auto [what, ext] = split_export(x.params.at("file"));
    auto data = app::export_data(x.app, x.id("cid"), what, x.query_str("period", 16));
    return table_response(data, ext, what + "-" + x.query_str("period", 16));
  });
  r.add("GET", "/api/v1/compounds/{cid}/arrears", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::arrears(x.app, x.id("cid"), false)); });
  r.add("GET", "/api/v1/compounds/{cid}/units/{id}/account", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::unit_account(x.app, x.id("cid"), x.id("id"))); });

  r.add("GET", "/api/v1/compounds/{cid}/bank", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::reconciliation(x.app, x.id("cid"), false)); });
  r.add("POST", "/api/v1/compounds/{cid}/bank/accounts", Rule::in_compound({C, T}),
        [](Ctx& x) { return json_response(201, app::create_bank_account(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", "/api/v1/compounds/{cid}/bank/accounts/{id}/statements", Rule::in_compound({C, T}), [](Ctx& x) {
    bank::StatementColumns cols{x.query_str("date", 40),   x.query_str("amount", 40),       x.query_str("income", 40),
                                x.query_str("expense", 40), x.query_str("balance", 40),      x.query_str("counterparty", 40),
                                x.query_str("memo", 40),   x.query_str("serial", 40)};
    return json_response(201, app::import_statement(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body, cols));
  });
  r.add("POST", "/api/v1/compounds/{cid}/bank/lines/{id}/match", Rule::in_compound({C, T}),
        [](Ctx& x) { return json_response(200, app::match_line(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  r.add("POST", "/api/v1/compounds/{cid}/bank/lines/{id}/payment", Rule::in_compound({C, T}),
        [](Ctx& x) { return json_response(201, app::payment_from_line(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body)); });
  r.add("POST", "/api/v1/compounds/{cid}/bank/lines/{id}/unmatch", Rule::in_compound({C, T}),
        [](Ctx& x) { return json_response(200, app::unmatch_line(x.app, x.caller, x.id("cid"), x.id("id"))); });
  r.add("POST", "/api/v1/compounds/{cid}/witness/keys", Rule::in_compound({S}),
        [](Ctx& x) { return json_response(201, app::add_witness_key(x.app, x.caller, x.id("cid"), x.req.body)); });
  r.add("POST", "/api/v1/compounds/{cid}/witness/cosign", Rule::in_compound({S}),
        [](Ctx& x) { return json_response(201, app::cosign_head(x.app, x.caller, x.id("cid"), x.req.body)); });

  // ---- one compound: roles and the audit log ------------------------------------------------
  r.add("GET", "/api/v1/compounds/{cid}/roles", Rule::in_compound({C, S, A}),
        [](Ctx& x) { return json_response(200, app::list_roles(x.app, x.id("cid"))); });
  r.add("POST", "/api/v1/compounds/{cid}/roles", Rule::in_compound({S}), [](Ctx& x) {
    // 202: an approving role waits for a second person; 201: granted.
    auto r = app::grant_role(x.app, x.caller, x.id("cid"), x.req.body);
    return json_response(r.pending ? 202 : 201, r.body);
  });
  r.add("POST", "/api/v1/compounds/{cid}/roles/{id}/confirm", Rule::in_compound({S}),
        [](Ctx& x) { return json_response(200, app::confirm_role(x.app, x.caller, x.id("cid"), x.id("id"))); });
  r.add("POST", "/api/v1/compounds/{cid}/roles/{id}/reject", Rule::in_compound({S}),
        [](Ctx& x) { return json_response(200, app::reject_role(x.app, x.caller, x.id("cid"), x.id("id"))); });
  r.add("POST", "/api/v1/compounds/{cid}/roles/{id}/revoke", Rule::in_compound({S}),
        [](Ctx& x) { return json_response(200, app::revoke_role(x.app, x.caller, x.id("cid"), x.id("id"))); });
  r.add("GET", "/api/v1/compounds/{cid}/audit", Rule::in_compound({S, A}), [](Ctx& x) {
    return json_response(200, app::list_audit(x.app, x.id("cid"), x.query_int("before", 0, 0, INT64_MAX),
                                              x.query_int("limit", 100, 1, app::kMaxPageSize)));
  });
  (void)R;
}

}  // namespace xinyi::http
