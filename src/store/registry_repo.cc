#include "store/registry_repo.h"

namespace xinyi::store {

namespace {
using I = std::int64_t;
using S = std::string;

I insert_returning_id(Connection& c, std::string_view sql, const std::vector<Value>& params) {
  auto row = c.query_one(sql, params);
  if (!row) throw StoreError("insert returned no id");
  return row->i64(0);
}

Value opt(std::optional<I> v) { return v ? Value(*v) : Value(nullptr); }

constexpr const char* kCompoundSelect =
    "SELECT k.id, k.community_id, k.name, k.address, k.model, k.description, d.name, s.name, m.name, "
    "k.created_at FROM compounds k JOIN communities m ON m.id = k.community_id "
    "JOIN streets s ON s.id = m.street_id JOIN districts d ON d.id = s.district_id ";

CompoundRec compound_from(const Row& r) {
  return {r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4),
          r.str(5), r.str(6), r.str(7), r.str(8), r.i64(9)};
}

constexpr const char* kCourtyardSelect =
    "SELECT y.id, y.compound_id, y.area_id, y.name, COALESCE(a.name, '') FROM courtyards y "
    "LEFT JOIN managed_areas a ON a.id = y.area_id ";

CourtyardRec courtyard_from(const Row& r) {
  return {r.i64(0), r.i64(1), r.opt_i64(2), r.str(3), r.str(4)};
}

constexpr const char* kUnitSelect =
    "SELECT u.id, u.compound_id, u.courtyard_id, u.building_id, u.entrance, u.number, u.label, u.area_kind, "
    "u.invite_code, u.area_centi_m2, u.developer_held, y.name, b.name FROM units u "
    "JOIN courtyards y ON y.id = u.courtyard_id JOIN buildings b ON b.id = u.building_id ";

UnitRec unit_from(const Row& r) {
  return {r.i64(0), r.i64(1), r.i64(2), r.i64(3),       r.str(4),  r.str(5), r.str(6),
          r.str(7), r.str(8), r.i64(9), r.i64(10) != 0, r.str(11), r.str(12)};
}

MemberRec member_from(const Row& r) {
  return {r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.str(5)};
}
}  // namespace

I insert_district(Connection& c, const S& name, I now) {
  return insert_returning_id(
      c, "INSERT INTO districts (name, created_at) VALUES (?, ?) RETURNING id", {name, now});
}
std::optional<I> find_district(Connection& c, const S& name) {
  auto r = c.query_one("SELECT id FROM districts WHERE name = ?", {name});
  if (!r) return std::nullopt;
  return r->i64(0);
}
I insert_street(Connection& c, I district_id, const S& name, I now) {
  return insert_returning_id(
      c, "INSERT INTO streets (district_id, name, created_at) VALUES (?, ?, ?) RETURNING id",
      {district_id, name, now});
}
I insert_community(Connection& c, I street_id, const S& name, I now) {
  return insert_returning_id(
      c, "INSERT INTO communities (street_id, name, created_at) VALUES (?, ?, ?) RETURNING id",
      {street_id, name, now});
}
bool district_exists(Connection& c, I id) {
  return c.scalar("SELECT COUNT(*) FROM districts WHERE id = ?", {id}) > 0;
}
bool street_exists(Connection& c, I id) {
  return c.scalar("SELECT COUNT(*) FROM streets WHERE id = ?", {id}) > 0;
}
bool community_exists(Connection& c, I id) {
  return c.scalar("SELECT COUNT(*) FROM communities WHERE id = ?", {id}) > 0;
}

std::vector<RegionRec> list_regions(Connection& c) {
  std::vector<RegionRec> out;
  for (auto& r : c.query("SELECT id, name FROM districts ORDER BY id"))
    out.push_back({"district", r.i64(0), 0, r.str(1)});
  for (auto& r : c.query("SELECT id, district_id, name FROM streets ORDER BY id"))
    out.push_back({"street", r.i64(0), r.i64(1), r.str(2)});
  for (auto& r : c.query("SELECT id, street_id, name FROM communities ORDER BY id"))
    out.push_back({"community", r.i64(0), r.i64(1), r.str(2)});
  return out;
}

I insert_compound(Connection& c, I community_id, const S& name, const S& address, const S& model,
                  const S& description, I now) {
  return insert_returning_id(
      c,
      "INSERT INTO compounds (community_id, name, address, model, description, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {community_id, name, address, model, description, now});
}

std::optional<CompoundRec> get_compound(Connection& c, I id) {
  auto r = c.query_one(std::string(kCompoundSelect) + "WHERE k.id = ?", {id});
  if (!r) return std::nullopt;
  return compound_from(*r);
}

std::vector<CompoundRec> list_compounds(Connection& c) {
  std::vector<CompoundRec> out;
  for (auto& r : c.query(std::string(kCompoundSelect) + "ORDER BY k.id"))
    out.push_back(compound_from(r));
  return out;
}

void set_trust_contract(Connection& c, I id, const S& trustee_name, I remuneration_bp) {
  c.execute("UPDATE compounds SET trustee_name = ?, remuneration_bp = ? WHERE id = ?",
            {trustee_name, remuneration_bp, id});
}

I review_window_days(Connection& c, I id) {
  return c.scalar("SELECT review_window_days FROM compounds WHERE id = ?", {id});
}

void set_review_window_days(Connection& c, I id, I days) {
  c.execute("UPDATE compounds SET review_window_days = ? WHERE id = ?", {days, id});
}

std::vector<I> list_compound_ids(Connection& c) {
  std::vector<I> out;
  for (auto& r : c.query("SELECT id FROM compounds ORDER BY id")) out.push_back(r.i64(0));
  return out;
}

CompoundStats compound_stats(Connection& c, I cid) {
  CompoundStats s;
  s.courtyards = c.scalar("SELECT COUNT(*) FROM courtyards WHERE compound_id = ?", {cid});
  s.buildings = c.scalar("SELECT COUNT(*) FROM buildings WHERE compound_id = ?", {cid});
  auto r = c.query_one(
      "SELECT COUNT(*), COALESCE(SUM(area_centi_m2), 0) FROM units WHERE compound_id = ?", {cid});
  s.units = r->i64(0);
  s.area_centi_m2 = r->i64(1);
  s.households_with_owner = c.scalar(
      "SELECT COUNT(DISTINCT unit_id) FROM unit_members WHERE compound_id = ? AND relation = 'owner'",
      {cid});
  return s;
}

I insert_area(Connection& c, I cid, const S& name, I now) {
  return insert_returning_id(
      c, "INSERT INTO managed_areas (compound_id, name, created_at) VALUES (?, ?, ?) RETURNING id",
      {cid, name, now});
}
std::optional<S> get_area_name(Connection& c, I cid, I area_id) {
  auto r = c.query_one("SELECT name FROM managed_areas WHERE compound_id = ? AND id = ?",
                       {cid, area_id});
  if (!r) return std::nullopt;
  return r->str(0);
}

I insert_courtyard(Connection& c, I cid, const S& name, std::optional<I> area_id, I now) {
  return insert_returning_id(
      c,
      "INSERT INTO courtyards (compound_id, area_id, name, created_at) VALUES (?, ?, ?, ?) RETURNING id",
      {cid, opt(area_id), name, now});
}
std::optional<CourtyardRec> get_courtyard(Connection& c, I cid, I id) {
  auto r = c.query_one(std::string(kCourtyardSelect) + "WHERE y.compound_id = ? AND y.id = ?",
                       {cid, id});
  if (!r) return std::nullopt;
  return courtyard_from(*r);
}
std::optional<CourtyardRec> find_courtyard(Connection& c, I cid, const S& name) {
  auto r = c.query_one(std::string(kCourtyardSelect) + "WHERE y.compound_id = ? AND y.name = ?",
                       {cid, name});
  if (!r) return std::nullopt;
  return courtyard_from(*r);
}
std::vector<CourtyardRec> list_courtyards(Connection& c, I cid) {
  std::vector<CourtyardRec> out;
  for (auto& r :
       c.query(std::string(kCourtyardSelect) + "WHERE y.compound_id = ? ORDER BY y.id", {cid}))
    out.push_back(courtyard_from(r));
  return out;
}
void update_courtyard(Connection& c, I cid, I id, const S& name, std::optional<I> area_id) {
  c.execute("UPDATE courtyards SET name = ?, area_id = ? WHERE compound_id = ? AND id = ?",
            {name, opt(area_id), cid, id});
}

I insert_building(Connection& c, I cid, I courtyard_id, const S& name, I now) {
  return insert_returning_id(
      c,
      "INSERT INTO buildings (compound_id, courtyard_id, name, created_at) VALUES (?, ?, ?, ?) RETURNING id",
      {cid, courtyard_id, name, now});
}
std::optional<BuildingRec> get_building(Connection& c, I cid, I id) {
  auto r = c.query_one(
      "SELECT id, compound_id, courtyard_id, name FROM buildings WHERE compound_id = ? AND id = ?",
      {cid, id});
  if (!r) return std::nullopt;
  return BuildingRec{r->i64(0), r->i64(1), r->i64(2), r->str(3)};
}
std::optional<BuildingRec> find_building(Connection& c, I courtyard_id, const S& name) {
  auto r = c.query_one(
      "SELECT id, compound_id, courtyard_id, name FROM buildings WHERE courtyard_id = ? AND name = ?",
      {courtyard_id, name});
  if (!r) return std::nullopt;
  return BuildingRec{r->i64(0), r->i64(1), r->i64(2), r->str(3)};
}

I insert_unit(Connection& c, const NewUnit& u, I now) {
  return insert_returning_id(
      c,
      "INSERT INTO units (compound_id, courtyard_id, building_id, entrance, number, label, "
      "area_centi_m2, area_kind, developer_held, invite_code, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {u.compound_id, u.courtyard_id, u.building_id, u.entrance, u.number, u.label, u.area_centi_m2,
       u.area_kind, I{u.developer_held ? 1 : 0}, u.invite_code, now});
}
std::optional<UnitRec> get_unit(Connection& c, I cid, I id) {
  auto r =
      c.query_one(std::string(kUnitSelect) + "WHERE u.compound_id = ? AND u.id = ?", {cid, id});
  if (!r) return std::nullopt;
  return unit_from(*r);
}
std::optional<UnitRec> find_unit_by_label(Connection& c, I courtyard_id, const S& label) {
  auto r = c.query_one(std::string(kUnitSelect) + "WHERE u.courtyard_id = ? AND u.label = ?",
                       {courtyard_id, label});
  if (!r) return std::nullopt;
  return unit_from(*r);
}
std::optional<UnitRec> find_unit_by_invite(Connection& c, const S& code) {
  auto r = c.query_one(std::string(kUnitSelect) + "WHERE u.invite_code = ?", {code});
  if (!r) return std::nullopt;
  return unit_from(*r);
}
std::vector<UnitRec> list_units(Connection& c, I cid, I after_id, I limit) {
  std::vector<UnitRec> out;
  for (auto& r : c.query(
           std::string(kUnitSelect) + "WHERE u.compound_id = ? AND u.id > ? ORDER BY u.id LIMIT ?",
           {cid, after_id, limit}))
    out.push_back(unit_from(r));
  return out;
}
std::vector<UnitAreaRec> list_unit_areas(Connection& c, I cid) {
  std::vector<UnitAreaRec> out;
  for (auto& r :
       c.query("SELECT id, area_centi_m2, developer_held FROM units WHERE compound_id = ?", {cid}))
    out.push_back({r.i64(0), r.i64(1), r.i64(2) != 0});
  return out;
}
I units_area_centi_m2(Connection& c, I cid) {
  return c.scalar("SELECT COALESCE(SUM(area_centi_m2), 0) FROM units WHERE compound_id = ?", {cid});
}
void update_unit(Connection& c, I cid, I id, I area, bool developer_held) {
  c.execute(
      "UPDATE units SET area_centi_m2 = ?, developer_held = ? WHERE compound_id = ? AND id = ?",
      {area, I{developer_held ? 1 : 0}, cid, id});
}
void set_invite_code(Connection& c, I cid, I id, const S& code) {
  c.execute("UPDATE units SET invite_code = ? WHERE compound_id = ? AND id = ?", {code, cid, id});
}

I insert_person(Connection& c, I cid, const S& name, const S& phone, const S& id_last4, I now) {
  return insert_returning_id(
      c,
      "INSERT INTO persons (compound_id, name, phone, id_last4, created_at) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id",
      {cid, name, phone, id_last4, now});
}
std::optional<PersonRec> find_person(Connection& c, I cid, const S& name, const S& phone) {
  auto r = c.query_one(
      "SELECT id, compound_id, name, phone, id_last4 FROM persons WHERE compound_id = ? AND name = ? AND phone = ? "
      "ORDER BY id LIMIT 1",
      {cid, name, phone});
  if (!r) return std::nullopt;
  return PersonRec{r->i64(0), r->i64(1), r->str(2), r->str(3), r->str(4)};
}
std::optional<PersonRec> get_person(Connection& c, I cid, I id) {
  auto r = c.query_one(
      "SELECT id, compound_id, name, phone, id_last4 FROM persons WHERE compound_id = ? AND id = ?",
      {cid, id});
  if (!r) return std::nullopt;
  return PersonRec{r->i64(0), r->i64(1), r->str(2), r->str(3), r->str(4)};
}
bool insert_member(Connection& c, I cid, I unit_id, I person_id, const S& relation, I now) {
  if (c.scalar(
          "SELECT COUNT(*) FROM unit_members WHERE unit_id = ? AND person_id = ? AND relation = ?",
          {unit_id, person_id, relation}))
    return false;
  c.execute(
      "INSERT INTO unit_members (compound_id, unit_id, person_id, relation, created_at) VALUES (?, ?, ?, ?, ?)",
      {cid, unit_id, person_id, relation, now});
  return true;
}
std::vector<MemberRec> list_members(Connection& c, I cid, I unit_id) {
  return list_members_range(c, cid, unit_id, unit_id);
}
std::vector<MemberRec> list_members_range(Connection& c, I cid, I first, I last) {
  std::vector<MemberRec> out;
  for (
      auto& r : c.query(
          "SELECT m.unit_id, p.id, m.relation, p.name, p.phone, p.id_last4 FROM unit_members m "
          "JOIN persons p ON p.id = m.person_id WHERE m.compound_id = ? AND m.unit_id BETWEEN ? AND ? "
          "ORDER BY m.unit_id, m.id",
          {cid, first, last}))
    out.push_back(member_from(r));
  return out;
}

std::vector<OwnerRec> list_owners(Connection& c, I cid) {
  std::vector<OwnerRec> out;
  for (
      auto& r : c.query(
          "SELECT m.unit_id, m.person_id, p.phone FROM unit_members m JOIN persons p ON p.id = m.person_id "
          "WHERE m.compound_id = ? AND m.relation = 'owner'",
          {cid}))
    out.push_back({r.i64(0), r.i64(1), r.str(2)});
  return out;
}

void insert_signature(Connection& c, I cid, const S& kind, I unit_id, I at) {
  c.execute(
      "INSERT INTO petition_signatures (compound_id, kind, unit_id, signed_at) VALUES (?, ?, ?, ?)",
      {cid, kind, unit_id, at});
}
I count_signatures(Connection& c, I cid, const S& kind) {
  return c.scalar("SELECT COUNT(*) FROM petition_signatures WHERE compound_id = ? AND kind = ?",
                  {cid, kind});
}
bool has_signature(Connection& c, I cid, const S& kind, I unit_id) {
  return c.scalar(
             "SELECT COUNT(*) FROM petition_signatures WHERE compound_id = ? AND kind = ? AND unit_id = ?",
             {cid, kind, unit_id}) != 0;
}

std::int64_t count_units(Connection& c, I compound_id, I courtyard_id) {
  return courtyard_id
             ? c.scalar("SELECT COUNT(*) FROM units WHERE compound_id = ? AND courtyard_id = ?",
                        {compound_id, courtyard_id})
             : c.scalar("SELECT COUNT(*) FROM units WHERE compound_id = ?", {compound_id});
}

UnitTotals courtyard_unit_totals(Connection& c, I courtyard_id) {
  auto r = c.query_one(
      "SELECT COUNT(*), COALESCE(SUM(area_centi_m2), 0) FROM units WHERE courtyard_id = ?",
      {courtyard_id});
  return {r->i64(0), r->i64(1)};
}

std::vector<UnclaimedUnitRec> unclaimed_owned_units(Connection& c, std::int64_t compound_id,
                                                    std::int64_t except_unit) {
  std::vector<UnclaimedUnitRec> out;
  for (
      auto& r : c.query(
          "SELECT t.unit_id, t.courtyard_id, t.person_id, p.name FROM (SELECT u.id AS unit_id, u.courtyard_id, "
          "MIN(m.person_id) AS person_id FROM units u JOIN unit_members m ON m.unit_id = u.id AND m.relation = 'owner' "
          "WHERE u.compound_id = ? AND u.developer_held = 0 AND u.id <> ? AND NOT EXISTS "
          "(SELECT 1 FROM claims cl WHERE cl.unit_id = u.id) GROUP BY u.id, u.courtyard_id) t "
          "JOIN persons p ON p.id = t.person_id ORDER BY t.unit_id",
          {compound_id, except_unit}))
    out.push_back({r.i64(0), r.i64(1), r.i64(2), r.str(3)});
  return out;
}

std::optional<InviteOfPhone> invite_of_phone(Connection& c, const std::string& phone) {
  auto r = c.query_one(
      "SELECT u.invite_code, u.label, k.name FROM unit_members m JOIN persons p ON p.id = m.person_id "
      "JOIN units u ON u.id = m.unit_id JOIN compounds k ON k.id = u.compound_id WHERE p.phone = ? "
      "ORDER BY u.id LIMIT 1",
      {phone});
  if (!r) return std::nullopt;
  return InviteOfPhone{r->str(0), r->str(1), r->str(2)};
}

}  // namespace xinyi::store
