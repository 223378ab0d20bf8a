#include "app/registry_service.h"

#include <set>

#include "app/books.h"
#include "app/json_in.h"
#include "app/notify.h"
#include "auth/crypto.h"
#include "domain/assert.h"
#include "domain/mask.h"
#include "domain/money.h"
#include "domain/registry.h"
#include "store/audit_repo.h"
#include "store/auth_repo.h"
#include "store/registry_repo.h"

namespace xinyi::app {

namespace json = boost::json;
using store::Connection;
using I = std::int64_t;

namespace {

json::object compound_json(const store::CompoundRec& k, const store::CompoundStats& s) {
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

// `with_id`: the ID card's last four characters, for those who check identity (committee,
// staff, auditor); the trustee's roster needs none.
json::object member_json(const store::MemberRec& m, bool with_id) {
  json::object o{
      {"person_id", m.person_id}, {"relation", m.relation}, {"name", m.name}, {"phone", m.phone}};
  if (with_id) o["id_last4"] = m.id_last4;
  return o;
}

// Maps a uniqueness violation to a 409 that names what clashed.
template <class F>
auto unique_or_conflict(const char* what_zh, const char* what_en, F&& f) {
  try {
    return f();
  } catch (const store::ConstraintError&) {
    throw Error(ErrorKind::conflict, "duplicate", std::string(what_zh) + "已存在（名称重复）",
                std::string(what_en) + " already exists (duplicate name)");
  }
}

std::string checked_name(JsonIn& in, const char* key, std::size_t max = registry::kMaxNameChars) {
  return in.str(key, max);
}

// A unit's invite code, unique across all compounds (retries on the rare collision).
std::string fresh_invite_code(Connection& c) {
  for (int i = 0; i < 16; ++i) {
    std::string code = auth::random_invite_code();
    if (!store::find_unit_by_invite(c, code)) return code;
  }
  throw store::StoreError("could not find a free invite code");
}

}  // namespace

// ---- public -------------------------------------------------------------------------------

json::array public_compounds(App& app) {
  return app.db.read([&](Connection& c) {
    json::array out;
    for (const auto& k : store::list_compounds(c))
      out.push_back(compound_json(k, store::compound_stats(c, k.id)));
    return out;
  });
}

json::object public_compound(App& app, I cid) {
  return app.db.read([&](Connection& c) {
    auto k = require_compound(c, cid);
    json::object o = compound_json(k, store::compound_stats(c, cid));
    json::array courtyards;
    for (const auto& y : store::list_courtyards(c, cid)) {
      auto units = store::courtyard_unit_totals(c, y.id);
      courtyards.push_back(
          json::object{{"id", y.id},
                       {"name", y.name},
                       {"area_id", y.area_id ? json::value(*y.area_id) : json::value(nullptr)},
                       {"area_name", y.area_name},
                       {"units", units.units},
                       {"area_centi_m2", units.area_centi_m2}});
    }
    o["courtyard_list"] = std::move(courtyards);
    o["petition_pmc_households"] = store::count_signatures(c, cid, "pmc_application");
    o["roles"] = public_roles(c, cid);
    return o;
  });
}

json::array public_regions(App& app) {
  return app.db.read([&](Connection& c) {
    json::array out;
    for (const auto& r : store::list_regions(c))
      out.push_back(json::object{
          {"level", r.level}, {"id", r.id}, {"parent_id", r.parent_id}, {"name", r.name}});
    return out;
  });
}

// ---- operator -----------------------------------------------------------------------------

json::object create_district(App& app, const Caller& who, std::string_view body) {
  JsonIn in(body);
  std::string name = checked_name(in, "name");
  in.finish();
  return app.db.write([&](Connection& c) {
    I id = unique_or_conflict("区", "District",
                              [&] { return store::insert_district(c, name, app.clock_ms()); });
    audit(c, app, who, std::nullopt, "district.create", "district:" + std::to_string(id),
          {{"name", name}});
    return json::object{{"id", id}, {"name", name}};
  });
}

json::object create_street(App& app, const Caller& who, I district_id, std::string_view body) {
  JsonIn in(body);
  std::string name = checked_name(in, "name");
  in.finish();
  return app.db.write([&](Connection& c) {
    if (!store::district_exists(c, district_id)) throw_not_found("区", "District");
    I id = unique_or_conflict("街道", "Street", [&] {
      return store::insert_street(c, district_id, name, app.clock_ms());
    });
    audit(c, app, who, std::nullopt, "street.create", "street:" + std::to_string(id),
          {{"name", name}});
    return json::object{{"id", id}, {"district_id", district_id}, {"name", name}};
  });
}

json::object create_community(App& app, const Caller& who, I street_id, std::string_view body) {
  JsonIn in(body);
  std::string name = checked_name(in, "name");
  in.finish();
  return app.db.write([&](Connection& c) {
    if (!store::street_exists(c, street_id)) throw_not_found("街道", "Street");
    I id = unique_or_conflict("社区", "Community", [&] {
      return store::insert_community(c, street_id, name, app.clock_ms());
    });
    audit(c, app, who, std::nullopt, "community.create", "community:" + std::to_string(id),
          {{"name", name}});
    return json::object{{"id", id}, {"street_id", street_id}, {"name", name}};
  });
}

json::object create_compound(App& app, const Caller& who, I community_id, std::string_view body) {
  JsonIn in(body);
  std::string name = checked_name(in, "name");
  std::string address = in.opt_str("address", 200).value_or("");
  std::string model_s = in.str("model", 32);
  std::string description = in.opt_str("description", registry::kMaxTextChars).value_or("");
  if (!model_s.empty() && !registry::parse_model(model_s))
    in.add_error("model", "必须是 hourly、committee、community_run、merged、charity 之一",
                 "must be one of hourly, committee, community_run, merged, charity");
  in.finish();
  return app.db.write([&](Connection& c) {
    if (!store::community_exists(c, community_id)) throw_not_found("社区", "Community");
    I id = unique_or_conflict("小区", "Compound", [&] {
      return store::insert_compound(c, community_id, name, address, model_s, description,
                                    app.clock_ms());
    });
    ensure_books(c, id, app.clock_ms());
    audit(c, app, who, id, "compound.create", "compound:" + std::to_string(id),
          {{"name", name}, {"model", model_s}});
    return compound_json(*store::get_compound(c, id), store::compound_stats(c, id));
  });
}

// ---- compound management ------------------------------------------------------------------

json::object create_area(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  std::string name = checked_name(in, "name");
  auto courtyard_ids = in.id_list("courtyard_ids", 100);
  in.finish();
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    I id = unique_or_conflict("片区", "Managed area",
                              [&] { return store::insert_area(c, cid, name, app.clock_ms()); });
    for (I yid : courtyard_ids) {
      auto y = store::get_courtyard(c, cid, yid);
      if (!y) throw_not_found("院落 " + std::to_string(yid), "Courtyard " + std::to_string(yid));
      store::update_courtyard(c, cid, yid, y->name, id);
    }
    json::array ids;
    for (I y : courtyard_ids) ids.push_back(y);
    audit(c, app, who, cid, "area.create", "area:" + std::to_string(id),
          {{"name", name}, {"courtyard_ids", ids}});
    return json::object{{"id", id}, {"name", name}, {"courtyard_ids", ids}};
  });
}

json::object create_courtyard(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  std::string name = checked_name(in, "name");
  auto area_id = in.opt_i64("area_id", 1, INT64_MAX);
  in.finish();
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    if (area_id && !store::get_area_name(c, cid, *area_id)) throw_not_found("片区", "Managed area");
    I id = unique_or_conflict("院落", "Courtyard", [&] {
      return store::insert_courtyard(c, cid, name, area_id, app.clock_ms());
    });
    audit(c, app, who, cid, "courtyard.create", "courtyard:" + std::to_string(id),
          {{"name", name}});
    return json::object{{"id", id},
                        {"name", name},
                        {"area_id", area_id ? json::value(*area_id) : json::value(nullptr)}};
  });
}

json::object update_courtyard(App& app, const Caller& who, I cid, I id, std::string_view body) {
  JsonIn in(body);
  auto name = in.opt_str("name", registry::kMaxNameChars);
  auto area_id = in.opt_i64("area_id", 0, INT64_MAX);  // 0 removes it from its area
  if (name && name->empty()) in.add_error("name", "不能为空", "must not be empty");
  in.finish();
  return app.db.write([&](Connection& c) {
    auto y = store::get_courtyard(c, cid, id);
    if (!y) throw_not_found("院落", "Courtyard");
    std::optional<I> new_area = y->area_id;
    if (area_id) {
      if (*area_id == 0)
        new_area.reset();
      else if (!store::get_area_name(c, cid, *area_id))
        throw_not_found("片区", "Managed area");
      else
        new_area = *area_id;
    }
    std::string new_name = name.value_or(y->name);
    unique_or_conflict("院落", "Courtyard", [&] {
      store::update_courtyard(c, cid, id, new_name, new_area);
      return 0;
    });
    audit(c, app, who, cid, "courtyard.update", "courtyard:" + std::to_string(id),
          {{"name", new_name}});
    auto after = store::get_courtyard(c, cid, id);
    return json::object{
        {"id", id},
        {"name", after->name},
        {"area_id", after->area_id ? json::value(*after->area_id) : json::value(nullptr)}};
  });
}

json::object create_building(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  I courtyard_id = in.i64("courtyard_id", 1, INT64_MAX);
  std::string name = registry::normalize_building(checked_name(in, "name", 30));
  in.finish();
  return app.db.write([&](Connection& c) {
    if (!store::get_courtyard(c, cid, courtyard_id)) throw_not_found("院落", "Courtyard");
    I id = unique_or_conflict("楼栋", "Building", [&] {
      return store::insert_building(c, cid, courtyard_id, name, app.clock_ms());
    });
    audit(c, app, who, cid, "building.create", "building:" + std::to_string(id), {{"name", name}});
    return json::object{{"id", id}, {"courtyard_id", courtyard_id}, {"name", name}};
  });
}

json::object create_unit(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  I building_id = in.i64("building_id", 1, INT64_MAX);
  std::string entrance = registry::normalize_entrance(in.opt_str("entrance", 10).value_or(""));
  std::string number = in.str("number", 10);
  I area = in.i64("area_centi_m2", 1, kMaxUnitAreaCentiM2);
  std::string kind = in.opt_str("area_kind", 16).value_or("gross");
  bool developer_held = in.boolean("developer_held", false);
  if (!registry::parse_area_kind(kind))
    in.add_error("area_kind", "必须是 gross 或 interior", "must be gross or interior");
  in.finish();
  return app.db.write([&](Connection& c) {
    auto b = store::get_building(c, cid, building_id);
    if (!b) throw_not_found("楼栋", "Building");
    registry::UnitAddress a{b->name, entrance, number};
    std::string label = registry::unit_label(a);
    store::NewUnit u{cid,  b->courtyard_id,      b->id, entrance,      number, label,
                     kind, fresh_invite_code(c), area,  developer_held};
    I id = unique_or_conflict("房屋", "Unit",
                              [&] { return store::insert_unit(c, u, app.clock_ms()); });
    audit(c, app, who, cid, "unit.create", "unit:" + std::to_string(id),
          {{"label", label}, {"area_centi_m2", area}});
    return unit_json(*store::get_unit(c, cid, id));
  });
}

json::object update_unit(App& app, const Caller& who, I cid, I uid, std::string_view body) {
  JsonIn in(body);
  auto area = in.opt_i64("area_centi_m2", 1, kMaxUnitAreaCentiM2);
  auto developer_held = in.opt_bool("developer_held");
  in.finish();
  return app.db.write([&](Connection& c) {
    auto u = store::get_unit(c, cid, uid);
    if (!u) throw_not_found("房屋", "Unit");
    I new_area = area.value_or(u->area_centi_m2);
    bool new_dev = developer_held.value_or(u->developer_held);
    store::update_unit(c, cid, uid, new_area, new_dev);
    audit(c, app, who, cid, "unit.update", "unit:" + std::to_string(uid),
          {{"area_centi_m2_before", u->area_centi_m2},
           {"area_centi_m2", new_area},
           {"developer_held", new_dev}});
    json::object o = unit_json(*store::get_unit(c, cid, uid));
    json::array members;
    for (const auto& m : store::list_members(c, cid, uid)) members.push_back(member_json(m, true));
    o["members"] = std::move(members);
    return o;
  });
}

json::object add_member(App& app, const Caller& who, I cid, I uid, std::string_view body) {
  JsonIn in(body);
  std::string name = checked_name(in, "name");
  std::string phone_in = in.opt_str("phone", 32).value_or("");
  std::string id_in = in.opt_str("id_card", 32).value_or("");
  std::string rel_in = in.opt_str("relation", 16).value_or("owner");
  std::string phone, last4;
  if (!phone_in.empty()) {
    auto p = registry::normalize_phone(phone_in);
    if (!p)
      in.add_error("phone", "电话号码无效", "is not a valid phone number");
    else
      phone = *p;
  }
  if (!id_in.empty()) {
    auto l = registry::id_card_last4(id_in);
    if (!l)
      in.add_error("id_card", "身份证号无效", "is not a valid ID card number");
    else
      last4 = *l;
  }
  auto rel = registry::parse_relation(rel_in);
  if (!rel) in.add_error("relation", "必须是 owner 或 tenant", "must be owner or tenant");
  in.finish();
  return app.db.write([&](Connection& c) {
    auto u = store::get_unit(c, cid, uid);
    if (!u) throw_not_found("房屋", "Unit");
    auto p = store::find_person(c, cid, name, phone);
    I pid = p ? p->id : store::insert_person(c, cid, name, phone, last4, app.clock_ms());
    std::string relation(registry::to_string(*rel));
    if (!store::insert_member(c, cid, uid, pid, relation, app.clock_ms()))
      throw Error(ErrorKind::conflict, "duplicate-member", "此人已登记在这套房屋",
                  "This person is already registered for this unit");
    audit(c, app, who, cid, "unit.member.add", "unit:" + std::to_string(uid),
          {{"person_id", pid}, {"relation", relation}});
    return json::object{{"unit_id", uid},
                        {"person_id", pid},
                        {"relation", relation},
                        {"name", name},
                        {"phone", phone}};
  });
}

json::object new_invite_code(App& app, const Caller& who, I cid, I uid) {
  return app.db.write([&](Connection& c) {
    if (!store::get_unit(c, cid, uid)) throw_not_found("房屋", "Unit");
    std::string code = fresh_invite_code(c);
    store::set_invite_code(c, cid, uid, code);
    audit(c, app, who, cid, "unit.invite.renew", "unit:" + std::to_string(uid));
    return json::object{{"unit_id", uid}, {"invite_code", code}};
  });
}

json::object list_units(App& app, I cid, I after_id, I limit, bool with_id_cards) {
  limit = std::clamp<I>(limit, 1, kMaxPageSize);
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    auto units = store::list_units(c, cid, after_id, limit);
    json::array items;
    if (!units.empty()) {
      auto members = store::list_members_range(c, cid, units.front().id, units.back().id);
      std::size_t m = 0;
      for (const auto& u : units) {
        json::object o = unit_json(u);
        json::array ms;
        while (m < members.size() && members[m].unit_id < u.id) ++m;
        for (std::size_t k = m; k < members.size() && members[k].unit_id == u.id; ++k)
          ms.push_back(member_json(members[k], with_id_cards));
        o["members"] = std::move(ms);
        items.push_back(std::move(o));
      }
    }
    json::object out{{"items", std::move(items)}};
    out["next_after"] =
        static_cast<I>(units.size()) == limit ? json::value(units.back().id) : json::value(nullptr);
    return out;
  });
}

json::object get_unit(App& app, I cid, I uid, bool with_id_cards) {
  return app.db.read([&](Connection& c) {
    auto u = store::get_unit(c, cid, uid);
    if (!u) throw_not_found("房屋", "Unit");
    json::object o = unit_json(*u);
    json::array members;
    for (const auto& m : store::list_members(c, cid, uid))
      members.push_back(member_json(m, with_id_cards));
    o["members"] = std::move(members);
    return o;
  });
}

json::array invite_codes(App& app, I cid) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    json::array out;
    I after = 0;
    for (;;) {
      auto units = store::list_units(c, cid, after, kMaxPageSize);
      for (const auto& u : units)
        out.push_back(json::object{{"unit_id", u.id},
                                   {"courtyard", u.courtyard_name},
                                   {"label", u.label},
                                   {"invite_code", u.invite_code}});
      if (static_cast<I>(units.size()) < kMaxPageSize) break;
      after = units.back().id;
    }
    return out;
  });
}

namespace {

// Roles that let a person approve money, confirm others' roles or speak for the owners: one
// person never grants them alone (SPEC §4). Workers and auditors are granted at once.
bool needs_second_person(Role r) {
  return r == Role::committee || r == Role::trustee || r == Role::staff;
}

void tell_committee(Connection& c, App& app, I cid, I except, const std::string& title) {
  std::set<I> people;
  for (const auto& g : store::list_compound_grants(c, cid))
    if (g.role == "committee" && g.user_id != except) people.insert(g.user_id);
  for (I u : people)
    notify_user(c, cid, u,
                Notice{"role", title, "", "/c/" + std::to_string(cid) + "/approvals", false},
                app.clock_ms());
}

std::string role_zh(const std::string& r) {
  if (r == "committee") return "委员";
  if (r == "trustee") return "受托人";
  if (r == "staff") return "社区工作人员";
  if (r == "worker") return "服务人员";
  if (r == "auditor") return "监察人";
  return r;
}

json::object request_json(const store::RoleRequestRec& q) {
  return json::object{{"id", q.id},
                      {"user_id", q.user_id},
                      {"login", q.login},
                      {"name", q.name},
                      {"role", q.role},
                      {"action", q.action},
                      {"status", q.status},
                      {"requested_by", q.requested_by_name},
                      {"requested_at", q.requested_at_ms},
                      {"requester_id", q.requested_by}};
}

json::object requested(Connection& c, I cid, I id) {
  auto q = store::get_role_request(c, cid, id);
  XINYI_ASSERT(q.has_value());
  return request_json(*q);
}

}  // namespace

json::object list_roles(App& app, I cid) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    json::array grants;
    for (const auto& g : store::list_role_grants(c, cid))
      grants.push_back(json::object{{"id", g.id},
                                    {"user_id", g.user_id},
                                    {"login", g.login},
                                    {"name", g.name},
                                    {"role", g.role},
                                    {"since", g.since_ms},
                                    {"source", g.source},
                                    {"granted_by", g.granted_by_name},
                                    {"confirmed_by", g.confirmed_by_name}});
    json::array pending;
    for (const auto& q : store::list_pending_role_requests(c, cid))
      pending.push_back(request_json(q));
    return json::object{{"grants", std::move(grants)}, {"pending", std::move(pending)}};
  });
}

RoleOutcome grant_role(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  std::string login = in.str("login", 64);
  std::string role_s = in.str("role", 16);
  auto role = parse_role(role_s);
  if (!role_s.empty() && (!role || *role == Role::resident))
    in.add_error(
        "role",
        "必须是 committee、trustee、worker、staff、auditor 之一（住户身份通过认领房屋获得）",
        "must be one of committee, trustee, worker, staff, auditor (residents claim a unit instead)");
  in.finish();
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    auto u = store::find_user_by_login(c, login);
    if (!u) throw_not_found("用户", "User");
    if (store::has_grant(c, cid, u->id, *role))
      throw Error(ErrorKind::conflict, "role-held", "该用户已拥有此角色",
                  "The user already holds this role");
    if (u->id == who.user_id())
      throw Error(ErrorKind::conflict, "own-grant", "不能为自己授予角色",
                  "You cannot grant yourself a role");
    if (!needs_second_person(*role)) {
      store::insert_grant(c, cid, u->id, *role, who.user_id(), app.clock_ms());
      audit(c, app, who, cid, "role.grant", "user:" + std::to_string(u->id), {{"role", role_s}});
      tell_committee(c, app, cid, who.user_id(),
                     "新增" + role_zh(role_s) + "：" + mask_name(u->name));
      return RoleOutcome{
          false,
          json::object{
              {"user_id", u->id}, {"login", u->login}, {"role", role_s}, {"status", "active"}}};
    }
    if (store::has_pending_role_request(c, cid, u->id, *role))
      throw Error(ErrorKind::conflict, "grant-pending", "该角色的授予正在等待第二人确认",
                  "This grant is already waiting for a second person");
    I id =
        store::insert_grant_request(c, cid, u->id, *role, who.user_id(), app.clock_ms(), "direct");
    audit(c, app, who, cid, "role.grant_request", "user:" + std::to_string(u->id),
          {{"role", role_s}, {"request", id}});
    tell_committee(c, app, cid, who.user_id(),
                   "待确认：授予 " + mask_name(u->name) + " " + role_zh(role_s) + "角色");
    return RoleOutcome{true, requested(c, cid, id)};
  });
}

namespace {

store::RoleRequestRec pending_request(Connection& c, I cid, I request_id) {
  auto q = store::get_role_request(c, cid, request_id);
  if (!q) throw_not_found("角色申请", "Role request");
  if (q->status != "pending")
    throw Error(ErrorKind::conflict, "not-pending", "该申请已处理",
                "This request was already decided");
  return *q;
}

}  // namespace

json::object confirm_role(App& app, const Caller& who, I cid, I request_id) {
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    const auto q = pending_request(c, cid, request_id);
    // The second person is neither the one who asked nor the one who would hold the role.
    if (q.requested_by == who.user_id() || q.user_id == who.user_id())
      throw Error(ErrorKind::conflict, "second-person", "须由另一位工作人员或平台管理员确认",
                  "Another staff member or the operator must confirm this");
    I now = app.clock_ms();
    auto role = parse_role(q.role);
    XINYI_ASSERT(role.has_value());
    if (!store::insert_grant(c, cid, q.user_id, *role, q.requested_by, now))
      throw Error(ErrorKind::conflict, "role-held", "该用户已拥有此角色",
                  "The user already holds this role");
    store::confirm_grant_request(c, q, cid, who.user_id(), now);
    audit(c, app, who, cid, "role.grant", "user:" + std::to_string(q.user_id),
          {{"role", q.role}, {"request", request_id}});
    tell_committee(c, app, cid, who.user_id(),
                   "已授予 " + mask_name(q.name) + " " + role_zh(q.role) + "角色（经两人确认）");
    notify_user(c, cid, q.requested_by,
                Notice{"role", "您的角色申请已确认：" + mask_name(q.name) + " " + role_zh(q.role),
                       "", "", false},
                now);
    return requested(c, cid, request_id);
  });
}

json::object reject_role(App& app, const Caller& who, I cid, I request_id) {
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    const auto q = pending_request(c, cid, request_id);
    store::reject_role_request(c, request_id, who.user_id(), app.clock_ms());
    audit(c, app, who, cid, "role.grant_reject", "user:" + std::to_string(q.user_id),
          {{"role", q.role}, {"request", request_id}});
    return requested(c, cid, request_id);
  });
}

json::object revoke_role(App& app, const Caller& who, I cid, I grant_id) {
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    auto g = store::get_role_grant(c, cid, grant_id);
    if (!g) throw_not_found("角色", "Role");
    I now = app.clock_ms();
    store::end_role_grant(c, cid, *g, who.user_id(), now);
    audit(c, app, who, cid, "role.revoke", "user:" + std::to_string(g->user_id),
          {{"role", g->role}});
    tell_committee(c, app, cid, who.user_id(),
                   "已撤销 " + mask_name(g->name) + " 的" + role_zh(g->role) + "角色");
    return json::object{
        {"user_id", g->user_id}, {"role", g->role}, {"status", "revoked"}, {"until", now}};
  });
}

json::object public_roles(Connection& c, I cid) {
  json::array current, history;
  for (const auto& g : store::list_public_grants(c, cid))
    current.push_back(json::object{{"role", g.role},
                                   {"name", mask_name(g.name)},
                                   {"since", g.since_ms},
                                   {"source", g.source}});
  for (const auto& h : store::list_ended_roles(c, cid))
    history.push_back(json::object{
        {"role", h.role}, {"name", mask_name(h.name)}, {"since", h.from_ms}, {"until", h.to_ms}});
  return json::object{{"current", std::move(current)}, {"ended", std::move(history)}};
}

json::object list_audit(App& app, I cid, I before_id, I limit) {
  limit = std::clamp<I>(limit, 1, kMaxPageSize);
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    auto entries = store::list_audit(c, cid, before_id, limit);
    json::array items;
    for (const auto& e : entries) {
      boost::system::error_code ec;
      json::value detail = json::parse(e.detail, ec);
      items.push_back(
          json::object{{"id", e.id},
                       {"at", e.at},
                       {"user_id", e.user_id ? json::value(*e.user_id) : json::value(nullptr)},
                       {"user_name", e.user_name},
                       {"ip", e.ip},
                       {"action", e.action},
                       {"target", e.target},
                       {"detail", ec ? json::value(e.detail) : detail}});
    }
    json::object out{{"items", std::move(items)}};
    out["next_before"] = static_cast<I>(entries.size()) == limit ? json::value(entries.back().id)
                                                                 : json::value(nullptr);
    return out;
  });
}

}  // namespace xinyi::app
