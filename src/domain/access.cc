#include "domain/access.h"

#include "domain/assert.h"

namespace xinyi {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::resident:
      return "resident";
    case Role::committee:
      return "committee";
    case Role::trustee:
      return "trustee";
    case Role::worker:
      return "worker";
    case Role::staff:
      return "staff";
    case Role::auditor:
      return "auditor";
  }
  return "resident";
}

std::optional<Role> parse_role(std::string_view s) {
  for (Role r : kAllRoles)
    if (to_string(r) == s) return r;
  return std::nullopt;
}

bool Principal::has(std::int64_t compound_id, Role r) const {
  for (const auto& g : grants)
    if (g.compound_id == compound_id && g.role == r) return true;
  return false;
}

Rule Rule::in_compound(std::initializer_list<Role> roles) {
  unsigned mask = 0;
  for (Role r : roles) mask |= 1u << static_cast<unsigned>(r);
  XINYI_ASSERT(mask != 0);
  return Rule(Scope::compound, mask);
}

std::string Rule::describe() const {
  switch (scope_) {
    case Scope::anyone:
      return "anyone";
    case Scope::signed_in:
      return "signed-in";
    case Scope::admin:
      return "admin";
    case Scope::compound:
      break;
  }
  std::string s = "compound:";
  bool first = true;
  for (Role r : kAllRoles) {
    if (!includes(r)) continue;
    if (!first) s += ",";
    s += to_string(r);
    first = false;
  }
  return s;
}

bool Rule::allows(const Principal* p, std::optional<std::int64_t> compound_id) const {
  XINYI_ASSERT((scope_ == Scope::compound) == compound_id.has_value());
  switch (scope_) {
    case Scope::anyone:
      return true;
    case Scope::signed_in:
      return p != nullptr;
    case Scope::admin:
      return p != nullptr && p->is_admin;
    case Scope::compound:
      if (p == nullptr) return false;
      if (p->is_admin) return true;
      for (const auto& g : p->grants)
        if (g.compound_id == *compound_id && includes(g.role)) return true;
      return false;
  }
  return false;
}

}  // namespace xinyi
