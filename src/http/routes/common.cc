// Response helpers shared by several features' routes (routes.h).
#include "http/routes/routes.h"

#include "app/needs_service.h"

#include "http/json_in.h"

#include "report/table_export.h"

namespace xinyi::http::routes {

json::value opt_json(const std::optional<std::int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::value opt_json(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::array texts_json(const std::vector<std::string>& texts) {
  json::array out;
  for (const auto& t : texts) out.push_back(json::value(t));
  return out;
}

std::string text_in(std::string_view body, const char* field, std::size_t max_chars) {
  JsonIn in(body);
  std::string v = in.str(field, max_chars);
  in.finish();
  return v;
}

std::vector<std::string> photos_in(JsonIn& in, const char* field) {
  return in.hashes(field, app::kMaxPhotos, "照片应为最多 9 张已上传照片的编号列表",
                   "photos must list at most 9 uploaded photos");
}

json::object me_json(const app::Me& m) {
  const auto& u = m.user;
  json::object o;
  o["id"] = u.id;
  o["login"] = u.login;
  o["name"] = u.name;
  o["phone"] = u.phone ? json::value(*u.phone) : json::value(nullptr);
  o["is_admin"] = u.is_admin;
  json::array roles, units;
  for (const auto& g : m.roles)
    roles.push_back(json::object{
        {"compound_id", g.compound_id}, {"compound_name", g.compound_name}, {"role", g.role}});
  for (const auto& cl : m.units)
    units.push_back(json::object{{"unit_id", cl.unit_id},
                                 {"compound_id", cl.compound_id},
                                 {"compound_name", cl.compound_name},
                                 {"courtyard", cl.courtyard_name},
                                 {"label", cl.label},
                                 {"area_centi_m2", cl.area_centi_m2},
                                 {"relation", cl.relation}});
  o["roles"] = std::move(roles);
  o["units"] = std::move(units);
  if (m.csrf_token) o["csrf_token"] = *m.csrf_token;
  o["large_text"] = m.large_text;
  o["sms"] = m.sms;
  o["unread"] = m.unread;
  return o;
}

Response signed_in(Ctx& x, const app::SignedIn& s, int status) {
  Response res = json_response(status, me_json(s.me));
  res.headers.emplace_back("Set-Cookie", session_cookie(s.token, x.app.cfg.session_ttl_ms / 1000,
                                                        x.app.cfg.secure_cookies));
  return res;
}

Response table_response(const sheet::Table& t, const std::string& ext,
                        const std::string& filename) {
  Response res;
  res.content_type = ext == "csv"
                         ? "text/csv; charset=utf-8"
                         : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  res.body = ext == "csv" ? report::to_csv(t) : report::to_xlsx(t);
  res.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"" + filename + "." + ext + "\"");
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
  res.headers.emplace_back("Content-Disposition", std::string(image ? "inline" : "attachment") +
                                                      "; filename=\"" + stem + ext + "\"");
  res.headers.emplace_back(
      "Content-Security-Policy",
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
  res.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return res;
}

std::pair<std::string, std::string> split_export(const std::string& file) {
  auto dot = file.rfind('.');
  std::string what = file.substr(0, dot),
              ext = dot == std::string::npos ? "" : file.substr(dot + 1);
  if (ext != "csv" && ext != "xlsx") throw_not_found("导出格式", "Export format");
  return {what, ext};
}

bool sees_id_cards(Ctx& x) {
  const auto cid = x.id("cid");
  const auto* p = x.caller.principal ? &*x.caller.principal : nullptr;
  return (x.caller.user && x.caller.user->is_admin) ||
         (p &&
          (p->has(cid, Role::committee) || p->has(cid, Role::staff) || p->has(cid, Role::auditor)));
}

std::string scheme(const Ctx& x) { return x.req.forwarded_proto == "https" ? "https" : "http"; }

}  // namespace xinyi::http::routes
