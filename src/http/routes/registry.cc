// Routes: the registry: districts to compounds (and the public pages of compounds), courtyards,
// buildings, units, members, roster imports; and their JSON (issue 18: the use cases in
// app/registry_service.h take and return structs).
#include "http/routes/routes.h"

#include "app/registry_service.h"
#include "app/roster_import.h"
#include "domain/money.h"
#include "domain/registry.h"
#include "http/json_in.h"
#include "http/routes/registry.h"

namespace xinyi::http::routes {

json::object import_report_json(const app::ImportReport& r) {
  return {{"rows", r.rows},
          {"courtyards_created", r.courtyards_created},
          {"buildings_created", r.buildings_created},
          {"units_created", r.units_created},
          {"units_existing", r.units_existing},
          {"persons_created", r.persons_created},
          {"members_added", r.members_added},
          {"dry_run", r.dry_run}};
}

namespace {

using I = std::int64_t;

json::object compound_json(const app::CompoundView& v) {
  const auto& k = v.compound;
  const auto& s = v.stats;
  return {{"id", k.id},
          {"name", k.name},
          {"address", k.address},
          {"model", k.model},
          {"description", k.description},
          {"district", k.district},
          {"street", k.street},
          {"community", k.community},
          {"courtyards", s.courtyards},
          {"buildings", s.buildings},
          {"units", s.units},
          {"households_with_owner", s.households_with_owner},
          {"area_centi_m2", s.area_centi_m2}};
}

json::object public_roles_json(const app::PublicRoles& r) {
  json::array current, ended;
  for (const auto& g : r.current)
    current.push_back(json::object{
        {"role", g.role}, {"name", g.name}, {"since", g.since_ms}, {"source", g.source}});
  for (const auto& h : r.ended)
    ended.push_back(
        json::object{{"role", h.role}, {"name", h.name}, {"since", h.from_ms}, {"until", h.to_ms}});
  return {{"current", std::move(current)}, {"ended", std::move(ended)}};
}

json::object public_compound_json(const app::PublicCompound& v) {
  json::object o = compound_json(v.compound);
  json::array courtyards;
  for (const auto& y : v.courtyards)
    courtyards.push_back(json::object{{"id", y.courtyard.id},
                                      {"name", y.courtyard.name},
                                      {"area_id", opt_json(y.courtyard.area_id)},
                                      {"area_name", y.courtyard.area_name},
                                      {"units", y.units.units},
                                      {"area_centi_m2", y.units.area_centi_m2}});
  o["courtyard_list"] = std::move(courtyards);
  o["petition_pmc_households"] = v.petition_pmc_households;
  o["roles"] = public_roles_json(v.roles);
  return o;
}

json::object courtyard_json(const store::CourtyardRec& y) {
  return {{"id", y.id}, {"name", y.name}, {"area_id", opt_json(y.area_id)}};
}

json::object unit_json(const store::UnitRec& u) {
  return {{"id", u.id},
          {"courtyard_id", u.courtyard_id},
          {"courtyard", u.courtyard_name},
          {"building_id", u.building_id},
          {"building", u.building_name},
          {"entrance", u.entrance},
          {"number", u.number},
          {"label", u.label},
          {"area_centi_m2", u.area_centi_m2},
          {"area_kind", u.area_kind},
          {"developer_held", u.developer_held}};
}

json::object unit_with_members_json(const app::UnitWithMembers& v) {
  json::object o = unit_json(v.unit);
  json::array members;
  for (const auto& m : v.members) {
    json::object p{
        {"person_id", m.person_id}, {"relation", m.relation}, {"name", m.name}, {"phone", m.phone}};
    if (v.with_id_cards) p["id_last4"] = m.id_last4;
    members.push_back(std::move(p));
  }
  o["members"] = std::move(members);
  return o;
}

// {"name", "address"?, "model", "description"?}
app::CompoundInput compound_in(std::string_view body) {
  JsonIn in(body);
  app::CompoundInput r;
  r.name = in.str("name", registry::kMaxNameChars);
  r.address = in.opt_str("address", 200).value_or("");
  r.model = in.str("model", 32);
  r.description = in.opt_str("description", registry::kMaxTextChars).value_or("");
  in.finish();
  return r;
}

// {"name", "courtyard_ids"?}
app::AreaInput area_in(std::string_view body) {
  JsonIn in(body);
  app::AreaInput r;
  r.name = in.str("name", registry::kMaxNameChars);
  r.courtyard_ids = in.id_list("courtyard_ids", 100);
  in.finish();
  return r;
}

// {"name", "area_id"?}
app::CourtyardInput courtyard_in(std::string_view body) {
  JsonIn in(body);
  app::CourtyardInput r;
  r.name = in.str("name", registry::kMaxNameChars);
  r.area_id = in.opt_i64("area_id", 1, INT64_MAX);
  in.finish();
  return r;
}

// {"name"?, "area_id"?: 0 takes it out of its area}
app::CourtyardPatch courtyard_patch_in(std::string_view body) {
  JsonIn in(body);
  app::CourtyardPatch r;
  r.name = in.opt_str("name", registry::kMaxNameChars);
  r.area_id = in.opt_i64("area_id", 0, INT64_MAX);
  in.finish();
  return r;
}

// {"courtyard_id", "name"}
app::BuildingInput building_in(std::string_view body) {
  JsonIn in(body);
  app::BuildingInput r;
  r.courtyard_id = in.i64("courtyard_id", 1, INT64_MAX);
  r.name = in.str("name", 30);
  in.finish();
  return r;
}

// {"building_id", "entrance"?, "number", "area_centi_m2", "area_kind"?, "developer_held"?}
app::UnitInput unit_in(std::string_view body) {
  JsonIn in(body);
  app::UnitInput r;
  r.building_id = in.i64("building_id", 1, INT64_MAX);
  r.entrance = in.opt_str("entrance", 10).value_or("");
  r.number = in.str("number", 10);
  r.area_centi_m2 = in.i64("area_centi_m2", 1, kMaxUnitAreaCentiM2);
  r.area_kind = in.opt_str("area_kind", 16).value_or("gross");
  r.developer_held = in.boolean("developer_held", false);
  in.finish();
  return r;
}

// {"area_centi_m2"?, "developer_held"?}
app::UnitPatch unit_patch_in(std::string_view body) {
  JsonIn in(body);
  app::UnitPatch r;
  r.area_centi_m2 = in.opt_i64("area_centi_m2", 1, kMaxUnitAreaCentiM2);
  r.developer_held = in.opt_bool("developer_held");
  in.finish();
  return r;
}

// {"name", "phone"?, "id_card"?, "relation"?}
app::MemberInput member_in(std::string_view body) {
  JsonIn in(body);
  app::MemberInput r;
  r.name = in.str("name", registry::kMaxNameChars);
  r.phone = in.opt_str("phone", 32).value_or("");
  r.id_card = in.opt_str("id_card", 32).value_or("");
  r.relation = in.opt_str("relation", 16).value_or("owner");
  in.finish();
  return r;
}

void add_region_routes(Router& r) {
  r.add("GET", "/api/v1/public/regions", Rule::anyone(), [](Ctx& x) {
    json::array out;
    for (const auto& g : app::public_regions(x.app))
      out.push_back(json::object{
          {"level", g.level}, {"id", g.id}, {"parent_id", g.parent_id}, {"name", g.name}});
    return json_response(200, out);
  });
  r.add("GET", "/api/v1/public/compounds", Rule::anyone(), [](Ctx& x) {
    json::array out;
    for (const auto& k : app::public_compounds(x.app)) out.push_back(compound_json(k));
    return json_response(200, out);
  });
  r.add("GET", kPublicCompound, Rule::anyone(), [](Ctx& x) {
    return json_response(200, public_compound_json(app::public_compound(x.app, x.compound())));
  });
  r.add("POST", "/api/v1/districts", Rule::admin(), [](Ctx& x) {
    auto d =
        app::create_district(x.app, x.caller, text_in(x.req.body, "name", registry::kMaxNameChars));
    return json_response(201, json::object{{"id", d.id}, {"name", d.name}});
  });
  r.add("POST", "/api/v1/districts/{id}/streets", Rule::admin(), [](Ctx& x) {
    auto s = app::create_street(x.app, x.caller, x.id("id"),
                                text_in(x.req.body, "name", registry::kMaxNameChars));
    return json_response(
        201, json::object{{"id", s.id}, {"district_id", s.parent_id}, {"name", s.name}});
  });
  r.add("POST", "/api/v1/streets/{id}/communities", Rule::admin(), [](Ctx& x) {
    auto k = app::create_community(x.app, x.caller, x.id("id"),
                                   text_in(x.req.body, "name", registry::kMaxNameChars));
    return json_response(201,
                         json::object{{"id", k.id}, {"street_id", k.parent_id}, {"name", k.name}});
  });
  r.add("POST", "/api/v1/communities/{id}/compounds", Rule::admin(), [](Ctx& x) {
    return json_response(201, compound_json(app::create_compound(x.app, x.caller, x.id("id"),
                                                                 compound_in(x.req.body))));
  });
}

void add_unit_routes(Router& r) {
  r.add("POST", kCompound + "/units", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(
        201, unit_json(app::create_unit(x.app, x.caller, x.compound(), unit_in(x.req.body))));
  });
  r.add("GET", kCompound + "/units", Rule::in_compound({C, T, S, A}), [](Ctx& x) {
    auto page = app::list_units(x.app, x.compound(), x.query_int("after", 0, 0, INT64_MAX),
                                x.query_int("limit", 100, 1, app::kMaxPageSize), sees_id_cards(x));
    json::array items;
    for (const auto& u : page.items) items.push_back(unit_with_members_json(u));
    return json_response(
        200, json::object{{"items", std::move(items)}, {"next_after", opt_json(page.next_after)}});
  });
  r.add("GET", kCompound + "/units/{id}", Rule::in_compound({C, T, S, A}), [](Ctx& x) {
    return json_response(200, unit_with_members_json(app::get_unit(x.app, x.compound(), x.id("id"),
                                                                   sees_id_cards(x))));
  });
  r.add("PATCH", kCompound + "/units/{id}", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(
        200, unit_with_members_json(app::update_unit(x.app, x.caller, x.compound(), x.id("id"),
                                                     unit_patch_in(x.req.body))));
  });
  r.add("POST", kCompound + "/units/{id}/members", Rule::in_compound({C, S}), [](Ctx& x) {
    auto m = app::add_member(x.app, x.caller, x.compound(), x.id("id"), member_in(x.req.body));
    return json_response(201, json::object{{"unit_id", m.unit_id},
                                           {"person_id", m.person_id},
                                           {"relation", m.relation},
                                           {"name", m.name},
                                           {"phone", m.phone}});
  });
  r.add("POST", kCompound + "/units/{id}/invite-code", Rule::in_compound({C, S}), [](Ctx& x) {
    auto k = app::new_invite_code(x.app, x.caller, x.compound(), x.id("id"));
    return json_response(200, json::object{{"unit_id", k.unit_id}, {"invite_code", k.invite_code}});
  });
  r.add("GET", kCompound + "/invite-codes", Rule::in_compound({C, S}), [](Ctx& x) {
    json::array out;
    for (const auto& u : app::invite_codes(x.app, x.compound()))
      out.push_back(json::object{{"unit_id", u.id},
                                 {"courtyard", u.courtyard_name},
                                 {"label", u.label},
                                 {"invite_code", u.invite_code}});
    return json_response(200, out);
  });
  r.add("POST", kCompound + "/import/units", Rule::in_compound({C, S}), [](Ctx& x) {
    const bool dry_run = x.query_flag("dry_run");
    auto rep = app::import_roster_csv(x.app, x.caller, x.compound(), x.req.body, dry_run);
    return json_response(dry_run ? 200 : 201, import_report_json(rep));
  });
}

}  // namespace

void add_registry_routes(Router& r) {
  add_region_routes(r);
  r.add("POST", kCompound + "/areas", Rule::in_compound({C, S}), [](Ctx& x) {
    auto a = app::create_area(x.app, x.caller, x.compound(), area_in(x.req.body));
    json::array ids;
    for (I y : a.courtyard_ids) ids.push_back(y);
    return json_response(
        201, json::object{{"id", a.id}, {"name", a.name}, {"courtyard_ids", std::move(ids)}});
  });
  r.add("POST", kCompound + "/courtyards", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, courtyard_json(app::create_courtyard(x.app, x.caller, x.compound(),
                                                                   courtyard_in(x.req.body))));
  });
  r.add("PATCH", kCompound + "/courtyards/{id}", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(
        200, courtyard_json(app::update_courtyard(x.app, x.caller, x.compound(), x.id("id"),
                                                  courtyard_patch_in(x.req.body))));
  });
  r.add("POST", kCompound + "/buildings", Rule::in_compound({C, S}), [](Ctx& x) {
    auto b = app::create_building(x.app, x.caller, x.compound(), building_in(x.req.body));
    return json_response(
        201, json::object{{"id", b.id}, {"courtyard_id", b.courtyard_id}, {"name", b.name}});
  });
  add_unit_routes(r);
}

}  // namespace xinyi::http::routes
