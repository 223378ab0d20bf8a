// Registry storage: the hierarchy, units, people and their relation to units.
//
// Every function takes the Connection of an open transaction (Database::write/read). Lookups
// by id within a compound take the compound id too and return nullopt for an id of another
// compound, so a caller cannot reach across compounds by guessing ids.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"

namespace xinyi::store {

struct CompoundRec {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::string name, address, model, description;
  std::string district, street, community;
  std::int64_t created_at = 0;
};

struct CompoundStats {
  std::int64_t courtyards = 0, buildings = 0, units = 0, area_centi_m2 = 0,
               households_with_owner = 0;
};

struct CourtyardRec {
  std::int64_t id = 0, compound_id = 0;
  std::optional<std::int64_t> area_id;
  std::string name;
  std::string area_name;  // managed area (片区) name, empty when none
};

struct BuildingRec {
  std::int64_t id = 0, compound_id = 0, courtyard_id = 0;
  std::string name;
};

struct UnitRec {
  std::int64_t id = 0, compound_id = 0, courtyard_id = 0, building_id = 0;
  std::string entrance, number, label, area_kind, invite_code;
  std::int64_t area_centi_m2 = 0;
  bool developer_held = false;
  std::string courtyard_name, building_name;
};

struct MemberRec {
  std::int64_t unit_id = 0, person_id = 0;
  std::string relation, name, phone, id_last4;
};

struct PersonRec {
  std::int64_t id = 0, compound_id = 0;
  std::string name, phone, id_last4;
};

// Hierarchy above compounds.
std::int64_t insert_district(Connection& c, const std::string& name, std::int64_t now);
std::optional<std::int64_t> find_district(Connection& c, const std::string& name);
std::int64_t insert_street(Connection& c, std::int64_t district_id, const std::string& name,
                           std::int64_t now);
std::int64_t insert_community(Connection& c, std::int64_t street_id, const std::string& name,
                              std::int64_t now);
bool district_exists(Connection& c, std::int64_t id);
bool street_exists(Connection& c, std::int64_t id);
bool community_exists(Connection& c, std::int64_t id);
// Every district, street and community: (level, id, parent_id, name), ordered by id.
struct RegionRec {
  std::string level;
  std::int64_t id, parent_id;
  std::string name;
};
std::vector<RegionRec> list_regions(Connection& c);

// Compounds.
std::int64_t insert_compound(Connection& c, std::int64_t community_id, const std::string& name,
                             const std::string& address, const std::string& model,
                             const std::string& description, std::int64_t now);
std::optional<CompoundRec> get_compound(Connection& c, std::int64_t id);
std::vector<CompoundRec> list_compounds(Connection& c);
// The trust contract a tender awarded: the trustee's name and their remuneration (basis points).
void set_trust_contract(Connection& c, std::int64_t id, const std::string& trustee_name,
                        std::int64_t remuneration_bp);
// How many days residents have to confirm or dispute a visit after its check-out (hourly
// services, work_repo.h).
std::int64_t review_window_days(Connection& c, std::int64_t id);
void set_review_window_days(Connection& c, std::int64_t id, std::int64_t days);
// Every compound's id, whatever its place in the hierarchy (the verifier checks them all).
std::vector<std::int64_t> list_compound_ids(Connection& c);
CompoundStats compound_stats(Connection& c, std::int64_t compound_id);

// Managed areas and courtyards.
std::int64_t insert_area(Connection& c, std::int64_t compound_id, const std::string& name,
                         std::int64_t now);
std::optional<std::string> get_area_name(Connection& c, std::int64_t compound_id,
                                         std::int64_t area_id);
std::int64_t insert_courtyard(Connection& c, std::int64_t compound_id, const std::string& name,
                              std::optional<std::int64_t> area_id, std::int64_t now);
std::optional<CourtyardRec> get_courtyard(Connection& c, std::int64_t compound_id, std::int64_t id);
std::optional<CourtyardRec> find_courtyard(Connection& c, std::int64_t compound_id,
                                           const std::string& name);
std::vector<CourtyardRec> list_courtyards(Connection& c, std::int64_t compound_id);
void update_courtyard(Connection& c, std::int64_t compound_id, std::int64_t id,
                      const std::string& name, std::optional<std::int64_t> area_id);

// Buildings.
std::int64_t insert_building(Connection& c, std::int64_t compound_id, std::int64_t courtyard_id,
                             const std::string& name, std::int64_t now);
std::optional<BuildingRec> get_building(Connection& c, std::int64_t compound_id, std::int64_t id);
std::optional<BuildingRec> find_building(Connection& c, std::int64_t courtyard_id,
                                         const std::string& name);

// Units.
struct NewUnit {
  std::int64_t compound_id, courtyard_id, building_id;
  std::string entrance, number, label, area_kind, invite_code;
  std::int64_t area_centi_m2;
  bool developer_held;
};
std::int64_t insert_unit(Connection& c, const NewUnit& u, std::int64_t now);
std::optional<UnitRec> get_unit(Connection& c, std::int64_t compound_id, std::int64_t id);
std::optional<UnitRec> find_unit_by_label(Connection& c, std::int64_t courtyard_id,
                                          const std::string& label);
std::optional<UnitRec> find_unit_by_invite(Connection& c, const std::string& code);
// How many units the compound has, or one of its courtyards (courtyard_id 0: the whole compound).
std::int64_t count_units(Connection& c, std::int64_t compound_id, std::int64_t courtyard_id);
struct UnitTotals {
  std::int64_t units = 0, area_centi_m2 = 0;
};
UnitTotals courtyard_unit_totals(Connection& c, std::int64_t courtyard_id);
// At most `limit` units with id > after_id, ordered by id.
std::vector<UnitRec> list_units(Connection& c, std::int64_t compound_id, std::int64_t after_id,
                                std::int64_t limit);
void update_unit(Connection& c, std::int64_t compound_id, std::int64_t id,
                 std::int64_t area_centi_m2, bool developer_held);
void set_invite_code(Connection& c, std::int64_t compound_id, std::int64_t id,
                     const std::string& code);
// Every unit of the compound with what an owners' vote weighs it by, in no particular order.
struct UnitAreaRec {
  std::int64_t id = 0, area_centi_m2 = 0;
  bool developer_held = false;
};
std::vector<UnitAreaRec> list_unit_areas(Connection& c, std::int64_t compound_id);
// The area of all the compound's units together.
std::int64_t units_area_centi_m2(Connection& c, std::int64_t compound_id);

// People and membership.
std::int64_t insert_person(Connection& c, std::int64_t compound_id, const std::string& name,
                           const std::string& phone, const std::string& id_last4, std::int64_t now);
std::optional<PersonRec> find_person(Connection& c, std::int64_t compound_id,
                                     const std::string& name, const std::string& phone);
std::optional<PersonRec> get_person(Connection& c, std::int64_t compound_id, std::int64_t id);
bool insert_member(Connection& c, std::int64_t compound_id, std::int64_t unit_id,
                   std::int64_t person_id, const std::string& relation,
                   std::int64_t now);  // false if already there
std::vector<MemberRec> list_members(Connection& c, std::int64_t compound_id, std::int64_t unit_id);
// Members of the units with ids in [first_unit_id, last_unit_id], for listing pages.
std::vector<MemberRec> list_members_range(Connection& c, std::int64_t compound_id,
                                          std::int64_t first_unit_id, std::int64_t last_unit_id);
// Every owner record of the compound (a person who owns a unit, once per unit), in no
// particular order.
struct OwnerRec {
  std::int64_t unit_id = 0, person_id = 0;
  std::string phone;  // "": none
};
std::vector<OwnerRec> list_owners(Connection& c, std::int64_t compound_id);

// Petitions (e.g. the households applying for a property management committee).
void insert_signature(Connection& c, std::int64_t compound_id, const std::string& kind,
                      std::int64_t unit_id, std::int64_t at);
std::int64_t count_signatures(Connection& c, std::int64_t compound_id, const std::string& kind);
bool has_signature(Connection& c, std::int64_t compound_id, const std::string& kind,
                   std::int64_t unit_id);

// Units of the compound with an owner on the roster and no claim yet (not the developer's, not
// `except_unit`), by id, each with its first owner (lowest person id) and that owner's name.
struct UnclaimedUnitRec {
  std::int64_t unit_id = 0, courtyard_id = 0, owner_person_id = 0;
  std::string owner_name;
};
std::vector<UnclaimedUnitRec> unclaimed_owned_units(Connection& c, std::int64_t compound_id,
                                                    std::int64_t except_unit);

// The invite code of the first unit whose roster lists this phone: the code, the unit's label
// and its compound's name.
struct InviteOfPhone {
  std::string invite_code, label, compound_name;
};
std::optional<InviteOfPhone> invite_of_phone(Connection& c, const std::string& phone);

}  // namespace xinyi::store
