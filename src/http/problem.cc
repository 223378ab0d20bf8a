#include "http/problem.h"

#include <boost/json.hpp>

namespace xinyi::http {

namespace json = boost::json;

namespace {
Response make(int status, const std::string& code, const std::string& zh, const std::string& en,
              const std::vector<FieldError>& fields) {
  json::object o{{"type", "/problems/" + code},
                 {"title", en},
                 {"status", status},
                 {"title_zh", zh},
                 {"title_en", en},
                 {"detail", en}};
  if (!fields.empty()) {
    json::array errs;
    for (const auto& f : fields)
      errs.push_back(json::object{{"field", f.field}, {"zh", f.zh}, {"en", f.en}});
    o["errors"] = std::move(errs);
    std::string detail;
    for (std::size_t i = 0; i < fields.size() && i < 5; ++i)
      detail += (i ? "; " : "") + fields[i].field + ": " + fields[i].en;
    if (fields.size() > 5) detail += "; …";
    o["detail"] = detail;
  }
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = json::serialize(o);
  return r;
}
}  // namespace

Response problem(const Error& e) {
  return make(e.http_status(), e.code(), e.zh(), e.en(), e.fields());
}

Response problem(int status, const std::string& code, const std::string& zh,
                 const std::string& en) {
  return make(status, code, zh, en, {});
}

}  // namespace xinyi::http
