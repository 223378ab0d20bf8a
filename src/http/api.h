// The HTTP API v1: every route, its access rule, and its handler — one line of decoding and
// one call into app/ each. Reading this file top to bottom is reading the API.
#pragma once

#include "http/router.h"

namespace xinyi::http {

void register_api(Router& r);

}  // namespace xinyi::http
