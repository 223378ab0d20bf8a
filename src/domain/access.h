// Who may do what (SPEC §2). Deny by default.
//
// A Principal is a signed-in person with their roles per compound. Residents get their role
// from the units they have claimed; every other role is granted per compound. The system
// operator (`is_admin`) may do everything, including creating districts and compounds.
//
// A Rule is attached to every HTTP route; the router refuses to register a route without
// one, and evaluates it before the handler runs:
//   Rule::anyone()             — public, no sign-in (only masked data)
//   Rule::signed_in()          — any signed-in person (their own data)
//   Rule::admin()              — the operator only
//   Rule::in_compound({roles}) — a person holding one of `roles` in the compound named by the
//                                route's {cid}; another compound's role does not count.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xinyi {

enum class Role : std::uint8_t { resident, committee, trustee, worker, staff, auditor };
inline constexpr Role kAllRoles[] = {Role::resident, Role::committee, Role::trustee,
                                     Role::worker,   Role::staff,     Role::auditor};

std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);

struct Grant {
  std::int64_t compound_id = 0;
  Role role = Role::resident;
};

struct Principal {
  std::int64_t user_id = 0;
  bool is_admin = false;
  std::vector<Grant> grants;  // includes the derived resident grants

  bool has(std::int64_t compound_id, Role r) const;
};

class Rule {
 public:
  enum class Scope : std::uint8_t { anyone, signed_in, admin, compound };

  static Rule anyone() { return Rule(Scope::anyone, 0); }
  static Rule signed_in() { return Rule(Scope::signed_in, 0); }
  static Rule admin() { return Rule(Scope::admin, 0); }
  static Rule in_compound(std::initializer_list<Role> roles);

  Scope scope() const { return scope_; }
  bool includes(Role r) const { return mask_ & (1u << static_cast<unsigned>(r)); }
  // Human-readable, e.g. "compound:committee,staff" (for the route table and tests).
  std::string describe() const;

  // Whether `p` (nullptr: anonymous) may pass. REQUIRES: compound_id set iff scope is compound.
  bool allows(const Principal* p, std::optional<std::int64_t> compound_id) const;

 private:
  Rule(Scope s, unsigned mask) : scope_(s), mask_(mask) {}
  Scope scope_;
  unsigned mask_;
};

}  // namespace xinyi
