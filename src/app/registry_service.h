// Registry use cases: the public view of compounds, and the committee's and operator's
// management of the hierarchy, units, people and roles.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "store/audit_repo.h"
#include "store/auth_repo.h"
#include "store/registry_repo.h"

namespace xinyi::app {

inline constexpr std::int64_t kMaxPageSize = 500;

// Issue 18: the use cases take and return the structs below; their JSON is in
// http/routes/registry.cc, roles.cc and site.cc.

// ---- Public (masked, no sign-in).
struct CompoundView {
  store::CompoundRec compound;
  store::CompoundStats stats;
};
struct PublicCourtyard {
  store::CourtyardRec courtyard;
  store::UnitTotals units;
};
// Who holds which role (names masked) since when, and roles that ended.
struct PublicRoles {
  std::vector<store::RoleGrantRec> current;  // role, name, since_ms, source
  std::vector<store::EndedRoleRec> ended;
};
struct PublicCompound {
  CompoundView compound;
  std::vector<PublicCourtyard> courtyards;
  std::int64_t petition_pmc_households = 0;  // households that signed for a PMC
  PublicRoles roles;
};
std::vector<CompoundView> public_compounds(App& app);
PublicCompound public_compound(App& app, CompoundId cid);
std::vector<store::RegionRec> public_regions(App& app);
PublicRoles public_roles(store::Connection& c, std::int64_t cid);

// ---- Operator: districts, streets, communities, compounds. A name clashing with a sibling's
// is a 409. Each answers what it stored (level, id, parent id, name).
store::RegionRec create_district(App& app, const Caller& who, const std::string& name);
store::RegionRec create_street(App& app, const Caller& who, std::int64_t district_id,
                               const std::string& name);
store::RegionRec create_community(App& app, const Caller& who, std::int64_t street_id,
                                  const std::string& name);
struct CompoundInput {
  std::string name, address, model, description;  // model: registry::parse_model
};
CompoundView create_compound(App& app, const Caller& who, std::int64_t community_id,
                             const CompoundInput& in);
// The same four inside the caller's transaction (the demo and the synthetic city build their
// districts with them).
store::RegionRec create_district_in(store::Connection& c, App& app, const Caller& who,
                                    const std::string& name);
store::RegionRec create_street_in(store::Connection& c, App& app, const Caller& who,
                                  std::int64_t district_id, const std::string& name);
store::RegionRec create_community_in(store::Connection& c, App& app, const Caller& who,
                                     std::int64_t street_id, const std::string& name);
CompoundView create_compound_in(store::Connection& c, App& app, const Caller& who,
                                std::int64_t community_id, const CompoundInput& in);

// ---- Compound management (committee, staff).
struct AreaInput {
  std::string name;
  std::vector<std::int64_t> courtyard_ids;  // courtyards that join the area
};
struct AreaView {
  std::int64_t id = 0;
  std::string name;
  std::vector<std::int64_t> courtyard_ids;
};
AreaView create_area(App& app, const Caller& who, CompoundId cid, const AreaInput& in);
AreaView create_area_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                        const AreaInput& in);
struct CourtyardInput {
  std::string name;
  std::optional<std::int64_t> area_id;
};
store::CourtyardRec create_courtyard(App& app, const Caller& who, CompoundId cid,
                                     const CourtyardInput& in);
store::CourtyardRec create_courtyard_in(store::Connection& c, App& app, const Caller& who,
                                        CompoundId cid, const CourtyardInput& in);
// What is given changes; area_id 0 takes the courtyard out of its area.
struct CourtyardPatch {
  std::optional<std::string> name;
  std::optional<std::int64_t> area_id;
};
store::CourtyardRec update_courtyard(App& app, const Caller& who, CompoundId cid, std::int64_t id,
                                     const CourtyardPatch& in);
struct BuildingInput {
  std::int64_t courtyard_id = 0;
  std::string name;  // normalised: "8号楼" and "8栋" are building 8
};
store::BuildingRec create_building(App& app, const Caller& who, CompoundId cid,
                                   const BuildingInput& in);
struct UnitInput {
  std::int64_t building_id = 0;
  std::string entrance, number;
  std::int64_t area_centi_m2 = 0;
  std::string area_kind = "gross";  // gross or interior
  bool developer_held = false;
};
store::UnitRec create_unit(App& app, const Caller& who, CompoundId cid, const UnitInput& in);
struct UnitPatch {
  std::optional<std::int64_t> area_centi_m2;
  std::optional<bool> developer_held;
};
// A unit with the people registered for it. `with_id_cards`: each person's ID card last four is
// part of the view (for those who check identity: committee, staff, auditor; not the trustee).
struct UnitWithMembers {
  store::UnitRec unit;
  std::vector<store::MemberRec> members;
  bool with_id_cards = false;
};
UnitWithMembers update_unit(App& app, const Caller& who, CompoundId cid, std::int64_t uid,
                            const UnitPatch& in);
// A person for a unit: the phone and ID card as typed (checked and normalised here; only the ID
// card's last four characters are kept), relation owner or tenant.
struct MemberInput {
  std::string name, phone, id_card, relation = "owner";
};
struct MemberAdded {
  std::int64_t unit_id = 0, person_id = 0;
  std::string relation, name, phone;
};
MemberAdded add_member(App& app, const Caller& who, CompoundId cid, std::int64_t uid,
                       const MemberInput& in);
MemberAdded add_member_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                          std::int64_t uid, const MemberInput& in);
// A fresh invite code for the unit (the old one stops working).
struct InviteCode {
  std::int64_t unit_id = 0;
  std::string invite_code;
};
InviteCode new_invite_code(App& app, const Caller& who, CompoundId cid, std::int64_t uid);
// Private reads (committee, trustee, staff, auditor): full names and phones.
struct UnitPage {
  std::vector<UnitWithMembers> items;
  std::optional<std::int64_t> next_after;  // when the page was full
};
UnitPage list_units(App& app, CompoundId cid, std::int64_t after_id, std::int64_t limit,
                    bool with_id_cards);
UnitWithMembers get_unit(App& app, CompoundId cid, std::int64_t uid, bool with_id_cards);
// A new unit's invite code from app.invite_code, unique across all compounds (a code some unit
// already has is drawn again, at most 16 times).
std::string fresh_invite_code(store::Connection& c, const App& app);
// Invite codes to print (committee, staff): every unit, by id.
std::vector<store::UnitRec> invite_codes(App& app, CompoundId cid);

// ---- Roles (operator, staff grant; committee, staff, auditor read).
struct RolesView {
  std::vector<store::RoleGrantRec> grants;
  std::vector<store::RoleRequestRec> pending;
};
RolesView list_roles(App& app, CompoundId cid);
// A committee, trustee or staff role given directly waits for a second person (another staff
// member or the operator, neither the asker nor the grantee): `pending` and the request.
// Worker and auditor roles are granted at once. Either way audited, and the sitting committee
// is told. Committee roles also come from an established committee (vote_service).
struct RoleInput {
  std::string login;
  Role role = Role::worker;  // never resident: residents claim a unit
};
struct RoleGranted {
  std::int64_t user_id = 0;
  std::string login, role;
};
struct RoleOutcome {
  bool pending = false;
  std::optional<RoleGranted> granted;
  std::optional<store::RoleRequestRec> request;
};
RoleOutcome grant_role(App& app, const Caller& who, CompoundId cid, const RoleInput& in);
// The same two in the caller's write transaction (the demo's roles are given through them).
RoleOutcome grant_role_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                          const RoleInput& in);
store::RoleRequestRec confirm_role_in(store::Connection& c, App& app, const Caller& who,
                                      CompoundId cid, std::int64_t request_id);
store::RoleRequestRec confirm_role(App& app, const Caller& who, CompoundId cid,
                                   std::int64_t request_id);
store::RoleRequestRec reject_role(App& app, const Caller& who, CompoundId cid,
                                  std::int64_t request_id);
// Ends a grant at once (kept in the public history with its dates).
struct RoleRevoked {
  std::int64_t user_id = 0;
  std::string role;
  std::int64_t until_ms = 0;
};
RoleRevoked revoke_role(App& app, const Caller& who, CompoundId cid, std::int64_t grant_id);

// ---- Audit log (auditor, staff), newest first.
struct AuditPage {
  std::vector<store::AuditRec> items;
  std::optional<std::int64_t> next_before;  // when the page was full
};
AuditPage list_audit(App& app, CompoundId cid, std::int64_t before_id, std::int64_t limit);

}  // namespace xinyi::app
