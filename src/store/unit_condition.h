// For store/ only: a UnitAudience (notify_repo.h) as a condition on the claim `cl` and the unit
// `u` of a query that joins claims to units, with its arguments in order. The repositories that
// reach people through their units (notifications, announcements) share it so that "who is in
// the audience" means the same everywhere.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "store/notify_repo.h"

namespace xinyi::store {

std::pair<std::string, std::vector<Value>> unit_condition(const UnitAudience& to);

}  // namespace xinyi::store
