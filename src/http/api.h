// The HTTP API v1: every route, its access rule, and its handler — one line of decoding and
// one call into app/ each — one file per feature in http/routes/ (routes.h lists them).
#pragma once

#include "http/router.h"

namespace xinyi::http {

void register_api(Router& r);

}  // namespace xinyi::http
