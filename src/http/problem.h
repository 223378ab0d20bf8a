// RFC 9457 problem details, with the message in both languages:
//   {"type": "/problems/<code>", "title": English title, "status": 422,
//    "title_zh": "…", "title_en": "…", "detail": English detail,
//    "errors": [{"field": "area_centi_m2", "zh": "…", "en": "…"}]}
// served as application/problem+json.
#pragma once

#include "domain/error.h"
#include "http/router.h"

namespace xinyi::http {

Response problem(const Error& e);
Response problem(int status, const std::string& code, const std::string& zh, const std::string& en);

}  // namespace xinyi::http
