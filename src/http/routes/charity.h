// The JSON of the charity feature that more than its routes write: the resident's own donations
// (me.cc) are answered as the desk's list is, without other donors' names.
#pragma once

#include <boost/json.hpp>

#include "app/charity_service.h"

namespace xinyi::http::routes {

boost::json::array my_donations_json(const std::vector<app::MyDonation>& list);

}  // namespace xinyi::http::routes
