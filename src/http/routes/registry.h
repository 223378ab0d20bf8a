// The JSON of the registry that more than its routes write: the CLI prints a roster import's
// report as the API answers it.
#pragma once

#include <boost/json.hpp>

#include "app/roster_import.h"

namespace xinyi::http::routes {

boost::json::object import_report_json(const app::ImportReport& r);

}  // namespace xinyi::http::routes
