#include "domain/access.h"

#include <gtest/gtest.h>

namespace xinyi {

namespace {
Principal person(std::vector<Grant> g, bool admin = false) {
  Principal p;
  p.user_id = 7;
  p.is_admin = admin;
  p.grants = std::move(g);
  return p;
}
}  // namespace

TEST(Access, AnonymousOnlyPassesPublicRules) {
  EXPECT_TRUE(Rule::anyone().allows(nullptr, std::nullopt));
  EXPECT_FALSE(Rule::signed_in().allows(nullptr, std::nullopt));
  EXPECT_FALSE(Rule::admin().allows(nullptr, std::nullopt));
  EXPECT_FALSE(Rule::in_compound({Role::resident}).allows(nullptr, 1));
}

TEST(Access, CompoundRolesCountOnlyInTheirCompound) {
  auto committee_of_1 = person({{1, Role::committee}});
  auto rule = Rule::in_compound({Role::committee, Role::staff});
  EXPECT_TRUE(rule.allows(&committee_of_1, 1));
  EXPECT_FALSE(rule.allows(&committee_of_1, 2));
}

TEST(Access, ResidentIsNotCommittee) {
  auto resident = person({{1, Role::resident}});
  EXPECT_FALSE(Rule::in_compound({Role::committee}).allows(&resident, 1));
  EXPECT_TRUE(Rule::in_compound({Role::resident, Role::committee}).allows(&resident, 1));
  EXPECT_TRUE(Rule::signed_in().allows(&resident, std::nullopt));
  EXPECT_FALSE(Rule::admin().allows(&resident, std::nullopt));
}

TEST(Access, OperatorPassesEverything) {
  auto admin = person({}, true);
  EXPECT_TRUE(Rule::admin().allows(&admin, std::nullopt));
  EXPECT_TRUE(Rule::in_compound({Role::auditor}).allows(&admin, 99));
}

TEST(Access, Describe) {
  EXPECT_EQ(Rule::in_compound({Role::staff, Role::committee}).describe(),
            "compound:committee,staff");
  EXPECT_EQ(Rule::anyone().describe(), "anyone");
}

TEST(Access, RoleNamesRoundTrip) {
  for (Role r : kAllRoles) EXPECT_EQ(parse_role(to_string(r)), r);
  EXPECT_FALSE(parse_role("king").has_value());
}

}  // namespace xinyi
