#include "app/registry_service.h"

#include <set>

#include "app/books.h"
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

using store::Connection;
using I = std::int64_t;

namespace {

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

// A unit with its members.
UnitWithMembers with_members(Connection& c, I cid, const store::UnitRec& u, bool with_id_cards) {
  return UnitWithMembers{u, store::list_members(c, cid, u.id), with_id_cards};
}

}  // namespace

std::string fresh_invite_code(Connection& c, const App& app) {
  for (int i = 0; i < 16; ++i) {
    std::string code = app.invite_code();
    if (!store::find_unit_by_invite(c, code)) return code;
  }
  throw store::StoreError("could not find a free invite code");
}

// ---- public -------------------------------------------------------------------------------

std::vector<CompoundView> public_compounds(App& app) {
  return app.db.read([&](Connection& c) {
    std::vector<CompoundView> out;
    for (auto& k : store::list_compounds(c)) {
      auto stats = store::compound_stats(c, k.id);
      out.push_back({std::move(k), stats});
    }
    return out;
  });
}

PublicCompound public_compound(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    PublicCompound v;
    v.compound = {require_compound(c, cid), store::compound_stats(c, cid)};
    for (auto& y : store::list_courtyards(c, cid)) {
      auto units = store::courtyard_unit_totals(c, y.id);
      v.courtyards.push_back({std::move(y), units});
    }
    v.petition_pmc_households = store::count_signatures(c, cid, "pmc_application");
    v.roles = public_roles(c, cid);
    return v;
  });
}

std::vector<store::RegionRec> public_regions(App& app) {
  return app.db.read([&](Connection& c) { return store::list_regions(c); });
}

// ---- operator -----------------------------------------------------------------------------

store::RegionRec create_district_in(Connection& c, App& app, const Caller& who,
                                    const std::string& name) {
  I id = unique_or_conflict("区", "District",
                            [&] { return store::insert_district(c, name, app.clock_ms()); });
  audit(c, app, who, std::nullopt, "district.create", "district:" + std::to_string(id),
        {{"name", name}});
  return store::RegionRec{"district", id, 0, name};
}

store::RegionRec create_district(App& app, const Caller& who, const std::string& name) {
  return app.db.write([&](Connection& c) { return create_district_in(c, app, who, name); });
}

store::RegionRec create_street_in(Connection& c, App& app, const Caller& who, I district_id,
                                  const std::string& name) {
  if (!store::district_exists(c, district_id)) throw_not_found("区", "District");
  I id = unique_or_conflict(
      "街道", "Street", [&] { return store::insert_street(c, district_id, name, app.clock_ms()); });
  audit(c, app, who, std::nullopt, "street.create", "street:" + std::to_string(id),
        {{"name", name}});
  return store::RegionRec{"street", id, district_id, name};
}

store::RegionRec create_street(App& app, const Caller& who, I district_id,
                               const std::string& name) {
  return app.db.write(
      [&](Connection& c) { return create_street_in(c, app, who, district_id, name); });
}

store::RegionRec create_community_in(Connection& c, App& app, const Caller& who, I street_id,
                                     const std::string& name) {
  if (!store::street_exists(c, street_id)) throw_not_found("街道", "Street");
  I id = unique_or_conflict("社区", "Community", [&] {
    return store::insert_community(c, street_id, name, app.clock_ms());
  });
  audit(c, app, who, std::nullopt, "community.create", "community:" + std::to_string(id),
        {{"name", name}});
  return store::RegionRec{"community", id, street_id, name};
}

store::RegionRec create_community(App& app, const Caller& who, I street_id,
                                  const std::string& name) {
  return app.db.write(
      [&](Connection& c) { return create_community_in(c, app, who, street_id, name); });
}

CompoundView create_compound_in(Connection& c, App& app, const Caller& who, I community_id,
                                const CompoundInput& in) {
  if (!registry::parse_model(in.model))
    throw_invalid({{"model", "必须是 hourly、committee、community_run、merged、charity 之一",
                    "must be one of hourly, committee, community_run, merged, charity"}});
  if (!store::community_exists(c, community_id)) throw_not_found("社区", "Community");
  I id = unique_or_conflict("小区", "Compound", [&] {
    return store::insert_compound(c, community_id, in.name, in.address, in.model, in.description,
                                  app.clock_ms());
  });
  ensure_books(c, id, app.clock_ms());
  audit(c, app, who, id, "compound.create", "compound:" + std::to_string(id),
        {{"name", in.name}, {"model", in.model}});
  return CompoundView{*store::get_compound(c, id), store::compound_stats(c, id)};
}

CompoundView create_compound(App& app, const Caller& who, I community_id, const CompoundInput& in) {
  return app.db.write(
      [&](Connection& c) { return create_compound_in(c, app, who, community_id, in); });
}

// ---- compound management ------------------------------------------------------------------

AreaView create_area_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                        const AreaInput& in) {
  const I cid = compound.value;
  require_compound(c, cid);
  I id = unique_or_conflict("片区", "Managed area",
                            [&] { return store::insert_area(c, cid, in.name, app.clock_ms()); });
  for (I yid : in.courtyard_ids) {
    auto y = store::get_courtyard(c, cid, yid);
    if (!y) throw_not_found("院落 " + std::to_string(yid), "Courtyard " + std::to_string(yid));
    store::update_courtyard(c, cid, yid, y->name, id);
  }
  audit(c, app, who, cid, "area.create", "area:" + std::to_string(id),
        {{"name", in.name}, {"courtyard_ids", in.courtyard_ids}});
  return AreaView{id, in.name, in.courtyard_ids};
}

AreaView create_area(App& app, const Caller& who, CompoundId compound, const AreaInput& in) {
  return app.db.write([&](Connection& c) { return create_area_in(c, app, who, compound, in); });
}

store::CourtyardRec create_courtyard_in(Connection& c, App& app, const Caller& who,
                                        CompoundId compound, const CourtyardInput& in) {
  const I cid = compound.value;
  require_compound(c, cid);
  if (in.area_id && !store::get_area_name(c, cid, *in.area_id))
    throw_not_found("片区", "Managed area");
  I id = unique_or_conflict("院落", "Courtyard", [&] {
    return store::insert_courtyard(c, cid, in.name, in.area_id, app.clock_ms());
  });
  audit(c, app, who, cid, "courtyard.create", "courtyard:" + std::to_string(id),
        {{"name", in.name}});
  return *store::get_courtyard(c, cid, id);
}

store::CourtyardRec create_courtyard(App& app, const Caller& who, CompoundId compound,
                                     const CourtyardInput& in) {
  return app.db.write(
      [&](Connection& c) { return create_courtyard_in(c, app, who, compound, in); });
}

store::CourtyardRec update_courtyard(App& app, const Caller& who, CompoundId compound, I id,
                                     const CourtyardPatch& in) {
  const I cid = compound.value;
  if (in.name && in.name->empty()) throw_invalid({{"name", "不能为空", "must not be empty"}});
  return app.db.write([&](Connection& c) {
    auto y = store::get_courtyard(c, cid, id);
    if (!y) throw_not_found("院落", "Courtyard");
    std::optional<I> new_area = y->area_id;
    if (in.area_id) {
      if (*in.area_id == 0)
        new_area.reset();
      else if (!store::get_area_name(c, cid, *in.area_id))
        throw_not_found("片区", "Managed area");
      else
        new_area = *in.area_id;
    }
    std::string new_name = in.name.value_or(y->name);
    unique_or_conflict("院落", "Courtyard", [&] {
      store::update_courtyard(c, cid, id, new_name, new_area);
      return 0;
    });
    audit(c, app, who, cid, "courtyard.update", "courtyard:" + std::to_string(id),
          {{"name", new_name}});
    return *store::get_courtyard(c, cid, id);
  });
}

store::BuildingRec create_building(App& app, const Caller& who, CompoundId compound,
                                   const BuildingInput& in) {
  const I cid = compound.value;
  const std::string name = registry::normalize_building(in.name);
  return app.db.write([&](Connection& c) {
    if (!store::get_courtyard(c, cid, in.courtyard_id)) throw_not_found("院落", "Courtyard");
    I id = unique_or_conflict("楼栋", "Building", [&] {
      return store::insert_building(c, cid, in.courtyard_id, name, app.clock_ms());
    });
    audit(c, app, who, cid, "building.create", "building:" + std::to_string(id), {{"name", name}});
    return store::BuildingRec{id, cid, in.courtyard_id, name};
  });
}

store::UnitRec create_unit(App& app, const Caller& who, CompoundId compound, const UnitInput& in) {
  const I cid = compound.value;
  if (!registry::parse_area_kind(in.area_kind))
    throw_invalid({{"area_kind", "必须是 gross 或 interior", "must be gross or interior"}});
  const std::string entrance = registry::normalize_entrance(in.entrance);
  return app.db.write([&](Connection& c) {
    auto b = store::get_building(c, cid, in.building_id);
    if (!b) throw_not_found("楼栋", "Building");
    registry::UnitAddress a{b->name, entrance, in.number};
    std::string label = registry::unit_label(a);
    store::NewUnit u{cid,
                     b->courtyard_id,
                     b->id,
                     entrance,
                     in.number,
                     label,
                     in.area_kind,
                     fresh_invite_code(c, app),
                     in.area_centi_m2,
                     in.developer_held};
    I id = unique_or_conflict("房屋", "Unit",
                              [&] { return store::insert_unit(c, u, app.clock_ms()); });
    audit(c, app, who, cid, "unit.create", "unit:" + std::to_string(id),
          {{"label", label}, {"area_centi_m2", in.area_centi_m2}});
    return *store::get_unit(c, cid, id);
  });
}

UnitWithMembers update_unit(App& app, const Caller& who, CompoundId compound, I uid,
                            const UnitPatch& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    auto u = store::get_unit(c, cid, uid);
    if (!u) throw_not_found("房屋", "Unit");
    I new_area = in.area_centi_m2.value_or(u->area_centi_m2);
    bool new_dev = in.developer_held.value_or(u->developer_held);
    store::update_unit(c, cid, uid, new_area, new_dev);
    audit(c, app, who, cid, "unit.update", "unit:" + std::to_string(uid),
          {{"area_centi_m2_before", u->area_centi_m2},
           {"area_centi_m2", new_area},
           {"developer_held", new_dev}});
    return with_members(c, cid, *store::get_unit(c, cid, uid), true);
  });
}

namespace {
// The member as it will be stored: phone normalised, the ID card's last four, the relation.
struct CheckedMember {
  std::string phone, last4;
  registry::Relation relation;
};
CheckedMember checked_member(const MemberInput& in) {
  std::vector<FieldError> errs;
  CheckedMember m{"", "", registry::Relation::owner};
  if (in.name.empty()) errs.push_back({"name", "不能为空", "must not be empty"});
  if (!in.phone.empty()) {
    if (auto p = registry::normalize_phone(in.phone))
      m.phone = *p;
    else
      errs.push_back({"phone", "电话号码无效", "is not a valid phone number"});
  }
  if (!in.id_card.empty()) {
    if (auto l = registry::id_card_last4(in.id_card))
      m.last4 = *l;
    else
      errs.push_back({"id_card", "身份证号无效", "is not a valid ID card number"});
  }
  if (auto rel = registry::parse_relation(in.relation))
    m.relation = *rel;
  else
    errs.push_back({"relation", "必须是 owner 或 tenant", "must be owner or tenant"});
  if (!errs.empty()) throw_invalid(std::move(errs));
  return m;
}
}  // namespace

MemberAdded add_member_in(Connection& c, App& app, const Caller& who, CompoundId compound, I uid,
                          const MemberInput& in) {
  const I cid = compound.value;
  const CheckedMember m = checked_member(in);
  auto u = store::get_unit(c, cid, uid);
  if (!u) throw_not_found("房屋", "Unit");
  auto p = store::find_person(c, cid, in.name, m.phone);
  I pid = p ? p->id : store::insert_person(c, cid, in.name, m.phone, m.last4, app.clock_ms());
  std::string relation(registry::to_string(m.relation));
  if (!store::insert_member(c, cid, uid, pid, relation, app.clock_ms()))
    throw Error(ErrorKind::conflict, "duplicate-member", "此人已登记在这套房屋",
                "This person is already registered for this unit");
  audit(c, app, who, cid, "unit.member.add", "unit:" + std::to_string(uid),
        {{"person_id", pid}, {"relation", relation}});
  return MemberAdded{uid, pid, relation, in.name, m.phone};
}

MemberAdded add_member(App& app, const Caller& who, CompoundId compound, I uid,
                       const MemberInput& in) {
  checked_member(in);  // a bad body is refused before the write lock is taken
  return app.db.write([&](Connection& c) { return add_member_in(c, app, who, compound, uid, in); });
}

InviteCode new_invite_code(App& app, const Caller& who, CompoundId compound, I uid) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    if (!store::get_unit(c, cid, uid)) throw_not_found("房屋", "Unit");
    std::string code = fresh_invite_code(c, app);
    store::set_invite_code(c, cid, uid, code);
    audit(c, app, who, cid, "unit.invite.renew", "unit:" + std::to_string(uid));
    return InviteCode{uid, code};
  });
}

UnitPage list_units(App& app, CompoundId compound, I after_id, I limit, bool with_id_cards) {
  const I cid = compound.value;
  limit = std::clamp<I>(limit, 1, kMaxPageSize);
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    auto units = store::list_units(c, cid, after_id, limit);
    UnitPage page;
    if (!units.empty()) {
      auto members = store::list_members_range(c, cid, units.front().id, units.back().id);
      std::size_t m = 0;
      for (auto& u : units) {
        UnitWithMembers v{u, {}, with_id_cards};
        while (m < members.size() && members[m].unit_id < u.id) ++m;
        for (std::size_t k = m; k < members.size() && members[k].unit_id == u.id; ++k)
          v.members.push_back(members[k]);
        page.items.push_back(std::move(v));
      }
    }
    if (static_cast<I>(units.size()) == limit) page.next_after = units.back().id;
    return page;
  });
}

UnitWithMembers get_unit(App& app, CompoundId compound, I uid, bool with_id_cards) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    auto u = store::get_unit(c, cid, uid);
    if (!u) throw_not_found("房屋", "Unit");
    return with_members(c, cid, *u, with_id_cards);
  });
}

std::vector<store::UnitRec> invite_codes(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    std::vector<store::UnitRec> out;
    I after = 0;
    for (;;) {
      auto units = store::list_units(c, cid, after, kMaxPageSize);
      out.insert(out.end(), units.begin(), units.end());
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

store::RoleRequestRec requested(Connection& c, I cid, I id) {
  auto q = store::get_role_request(c, cid, id);
  XINYI_ASSERT(q.has_value());
  return *q;
}

}  // namespace

RolesView list_roles(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    return RolesView{store::list_role_grants(c, cid), store::list_pending_role_requests(c, cid)};
  });
}

RoleOutcome grant_role_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                          const RoleInput& in) {
  const I cid = compound.value;
  if (in.role == Role::resident)
    throw_invalid({{"role", "住户身份通过认领房屋获得", "residents claim a unit instead"}});
  const std::string& login = in.login;
  const std::string role_s(to_string(in.role));
  require_compound(c, cid);
  auto u = store::find_user_by_login(c, login);
  if (!u) throw_not_found("用户", "User");
  if (store::has_grant(c, cid, u->id, in.role))
    throw Error(ErrorKind::conflict, "role-held", "该用户已拥有此角色",
                "The user already holds this role");
  if (u->id == who.user_id())
    throw Error(ErrorKind::conflict, "own-grant", "不能为自己授予角色",
                "You cannot grant yourself a role");
  if (!needs_second_person(in.role)) {
    store::insert_grant(c, cid, u->id, in.role, who.user_id(), app.clock_ms());
    audit(c, app, who, cid, "role.grant", "user:" + std::to_string(u->id), {{"role", role_s}});
    tell_committee(c, app, cid, who.user_id(),
                   "新增" + role_zh(role_s) + "：" + mask_name(u->name));
    return RoleOutcome{false, RoleGranted{u->id, u->login, role_s}, std::nullopt};
  }
  if (store::has_pending_role_request(c, cid, u->id, in.role))
    throw Error(ErrorKind::conflict, "grant-pending", "该角色的授予正在等待第二人确认",
                "This grant is already waiting for a second person");
  I id =
      store::insert_grant_request(c, cid, u->id, in.role, who.user_id(), app.clock_ms(), "direct");
  audit(c, app, who, cid, "role.grant_request", "user:" + std::to_string(u->id),
        {{"role", role_s}, {"request", id}});
  tell_committee(c, app, cid, who.user_id(),
                 "待确认：授予 " + mask_name(u->name) + " " + role_zh(role_s) + "角色");
  return RoleOutcome{true, std::nullopt, requested(c, cid, id)};
}

RoleOutcome grant_role(App& app, const Caller& who, CompoundId compound, const RoleInput& in) {
  return app.db.write([&](Connection& c) { return grant_role_in(c, app, who, compound, in); });
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

store::RoleRequestRec confirm_role_in(Connection& c, App& app, const Caller& who,
                                      CompoundId compound, I request_id) {
  const I cid = compound.value;
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
              Notice{"role", "您的角色申请已确认：" + mask_name(q.name) + " " + role_zh(q.role), "",
                     "", false},
              now);
  return requested(c, cid, request_id);
}

store::RoleRequestRec confirm_role(App& app, const Caller& who, CompoundId compound, I request_id) {
  return app.db.write(
      [&](Connection& c) { return confirm_role_in(c, app, who, compound, request_id); });
}

store::RoleRequestRec reject_role(App& app, const Caller& who, CompoundId compound, I request_id) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    const auto q = pending_request(c, cid, request_id);
    store::reject_role_request(c, request_id, who.user_id(), app.clock_ms());
    audit(c, app, who, cid, "role.grant_reject", "user:" + std::to_string(q.user_id),
          {{"role", q.role}, {"request", request_id}});
    return requested(c, cid, request_id);
  });
}

RoleRevoked revoke_role(App& app, const Caller& who, CompoundId compound, I grant_id) {
  const I cid = compound.value;
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
    return RoleRevoked{g->user_id, g->role, now};
  });
}

PublicRoles public_roles(Connection& c, I cid) {
  PublicRoles v{store::list_public_grants(c, cid), store::list_ended_roles(c, cid)};
  for (auto& g : v.current) {  // the public sees the role, the masked name and the dates only
    g.name = mask_name(g.name);
    g.id = g.user_id = 0;
    g.login.clear();
    g.granted_by_name.clear();
    g.confirmed_by_name.clear();
  }
  for (auto& h : v.ended) h.name = mask_name(h.name);
  return v;
}

AuditPage list_audit(App& app, CompoundId compound, I before_id, I limit) {
  const I cid = compound.value;
  limit = std::clamp<I>(limit, 1, kMaxPageSize);
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    AuditPage page;
    page.items = store::list_audit(c, cid, before_id, limit);
    if (static_cast<I>(page.items.size()) == limit) page.next_before = page.items.back().id;
    return page;
  });
}

}  // namespace xinyi::app
