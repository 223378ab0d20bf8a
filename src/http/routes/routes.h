// The route table, one file per feature. Each add_<feature>_routes(Router&) adds that feature's
// public and member routes, each with its access rule (router.h); register_api (api.h) adds
// them all. Handlers are thin: decode the path and query, call one app:: function, encode
// the answer. No two routes of one method can match the same path (Router::add asserts), so the
// order in which features are added does not change what a request reaches.
//
// Shared here: the role shorthands of the rules, and the response helpers several features use.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "app/auth_service.h"
#include "app/public_log.h"
#include "domain/access.h"
#include "domain/sheet.h"
#include "http/json_in.h"
#include "http/problem.h"
#include "http/router.h"

namespace xinyi::http::routes {

namespace json = boost::json;

inline constexpr Role R = Role::resident, C = Role::committee, T = Role::trustee, W = Role::worker,
                      S = Role::staff, A = Role::auditor;

// Path prefixes: one compound's public pages, one compound for its members, one project.
inline const std::string kPublicCompound = "/api/v1/public/compounds/{id}";
inline const std::string kCompound = "/api/v1/compounds/{cid}";
inline const std::string kProject = kCompound + "/projects/{pid}";

void add_site_routes(Router& r);
void add_auth_routes(Router& r);
void add_me_routes(Router& r);
void add_registry_routes(Router& r);
void add_ledger_routes(Router& r);
void add_approvals_routes(Router& r);
void add_bank_routes(Router& r);
void add_billing_routes(Router& r);
void add_votes_routes(Router& r);
void add_needs_routes(Router& r);
void add_services_routes(Router& r);
void add_surveys_routes(Router& r);
void add_charity_routes(Router& r);
void add_projects_routes(Router& r);
void add_announcements_routes(Router& r);
void add_roles_routes(Router& r);
// GET /api/v1/compounds/{cid}/abilities, from the routes added before it: add it last.
void add_abilities_route(Router& r);

// Small codecs every feature uses: an optional integer (null when absent), a list of texts, and
// a body that is one required text field.
json::value opt_json(const std::optional<std::int64_t>& v);
json::value opt_json(const std::optional<std::string>& v);
json::array texts_json(const std::vector<std::string>& texts);
std::string text_in(std::string_view body, const char* field, std::size_t max_chars);
// A field listing at most 9 uploaded photos' hashes (absent or null: none).
std::vector<std::string> photos_in(JsonIn& in, const char* field);

// Who is signed in (GET /api/v1/me, the session, a sign-in's answer).
json::object me_json(const app::Me& m);
// The answer to a sign-in or registration: the person, and the session cookie.
Response signed_in(Ctx& x, const app::SignedIn& s, int status);
// A table from app/ (title, headers, rows of text or integer cells) as CSV or XLSX.
Response table_response(const sheet::Table& t, const std::string& ext, const std::string& filename);
// A file someone uploaded (a voucher, a ballot's scan), served so that it never runs in our
// origin; `stem` names the download, `cache` is its Cache-Control.
Response upload_response(app::VoucherFile f, const std::string& stem, const char* cache);
// "name.csv" or "name.xlsx" → (name, ext); anything else is a 404.
std::pair<std::string, std::string> split_export(const std::string& file);
// Who sees the last four characters of owners' ID cards: those who check identity (committee,
// staff, auditor, the operator), not the trustee.
bool sees_id_cards(Ctx& x);
// "https" when a TLS-terminating proxy says so, else "http": for links printed on paper.
std::string scheme(const Ctx& x);

}  // namespace xinyi::http::routes
