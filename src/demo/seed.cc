#include "demo/seed.h"

#include <array>
#include <ctime>
#include <deque>
#include <map>
#include <set>

#include "app/auth_service.h"
#include "app/billing_service.h"
#include "app/books.h"
#include "app/registry_service.h"
#include "app/roster_import.h"
#include "auth/crypto.h"
#include "demo/books.h"
#include "demo/invite_codes.h"
#include "demo/rng.h"
#include "demo/services.h"
#include "demo/votes.h"
#include "domain/assert.h"
#include "domain/registry.h"
#include "domain/roster.h"
#include "store/auth_repo.h"
#include "store/billing_repo.h"
#include "store/notify_repo.h"
#include "store/registry_repo.h"

namespace xinyi::demo {

using namespace app;  // the demo is built with the product's own use cases

using store::Connection;
using I = std::int64_t;

namespace {

using Rng = DemoRng;

constexpr std::array<const char*, 60> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏",
    "吕", "丁", "任", "沈", "姚", "卢", "钟", "谭", "廖", "贾", "夏", "付", "邹", "熊", "向"};
constexpr std::array<const char*, 48> kGiven = {
    "建国", "秀英", "志强", "桂兰", "国华", "玉梅", "德明", "淑芬", "文静", "海燕", "小红", "明辉",
    "丽华", "永刚", "春梅", "晓东", "红梅", "家福", "世杰", "凤英", "俊",   "敏",   "伟",   "静",
    "芳",   "军",   "磊",   "洋",   "勇",   "艳",   "杰",   "娟",   "涛",   "超",   "霞",   "平",
    "刚",   "桂英", "淑珍", "玉兰", "长福", "金华", "志远", "雨欣", "子涵", "浩然", "思琪", "一鸣"};

struct CourtyardPlan {
  const char* name;
  int buildings, entrances, floors, per_floor;
};

struct CompoundPlan {
  const char* community;
  const char* name;
  const char* address;
  registry::Model model;
  const char* description;
  std::vector<CourtyardPlan> courtyards;
  const char* area;  // managed area (片区) holding every courtyard, or nullptr
  int developer_percent;
};

std::vector<CompoundPlan> plans() {
  return {
      {"升庵社区",
       "桂湖教师院",
       "新都区桂湖街道升庵路 18 号",
       registry::Model::hourly,
       "钟点式物业：没有全职物业人员，院委会按民意清单请保洁、绿化、电工和项目经理按小时上门服务，"
       "服务时间、频次和标准事先公示。经业主表决，物业费由每月每平方米 0.30 元调整为 0.50 元。",
       {{"教师院", 3, 2, 6, 2}},
       nullptr,
       0},
      {"升庵社区",
       "城北花园",
       "新都区桂湖街道城北路 233 号",
       registry::Model::committee,
       "物管委模式：未能成立业委会，38 户业主申请成立物业管理委员会；成员由街道社区推荐、业主联名推荐和自荐"
       "三种渠道产生，业主代表不少于半数。开设基本存款账户，公款不再私存，每一笔支出居民可在线实时查询。",
       {{"城北花园", 4, 2, 6, 2}},
       nullptr,
       4},
      {"南街社区",
       "南街老城院落",
       "新都区桂湖街道南街 6 号",
       registry::Model::community_run,
       "社区领办物业：社区孵化的非营利物业公司，网格员兼任物业经理和会计。物业费不涨，每个院落单独结算："
       "院落收入减去成本即为该院落结余，用于本院落的摄像头、应急灯和每户 100 元的财产保险。",
       {{"文庙院", 2, 1, 5, 2}, {"书院街院", 2, 1, 5, 2}, {"马家院", 2, 1, 5, 2}},
       nullptr,
       0},
      {"南街社区",
       "九院合一",
       "新都区桂湖街道北门大街 1–9 号",
       registry::Model::merged,
       "九院合一：九个相邻的小院落合并为一个管理片区，入户走访、问卷和坝坝会收集需求，十余次议事会确定改造方案，"
       "拆除违建约 3000 平方米，居民众筹更换燃气管道和电线，通过比选确定一家物业服务整个片区。",
       {{"桂馨院", 1, 1, 4, 2},
        {"兰苑", 1, 1, 4, 2},
        {"竹园", 1, 1, 4, 2},
        {"梅院", 1, 1, 4, 2},
        {"菊院", 1, 1, 4, 2},
        {"松院", 1, 1, 4, 2},
        {"柏院", 1, 1, 4, 2},
        {"桃院", 1, 1, 4, 2},
        {"李院", 1, 1, 4, 2}},
       "北门片区",
       0},
      {"桂湖社区",
       "锦苑小区",
       "新都区桂湖街道锦苑路 88 号",
       registry::Model::charity,
       "慈善基金：党支部、业委会和物业一体运转，入户走访形成民意清单和服务清单；小区慈善基金一周内募集 3 万元，"
       "用于微更新、帮扶困难家庭和公益活动；7 万余元公共收益用于新大门、门禁、绿化和墙面粉刷。",
       {{"锦苑", 4, 2, 7, 2}},
       nullptr,
       3},
  };
}

// November 2026 goes through the system: a bill run per compound, then most households pay
// (by WeChat Pay, bank transfer or cash at the office), some pay ahead, some not yet.
void seed_november_bills(App& app, SeedReport& rep) {
  auto saved_clock = app.clock_ms;
  std::tm tm{};
  tm.tm_year = 2026 - 1900;
  tm.tm_mon = 10;
  tm.tm_mday = 5;
  tm.tm_hour = 2;
  const std::int64_t nov5 = static_cast<std::int64_t>(timegm(&tm)) * 1000;
  app.clock_ms = [nov5] { return nov5; };
  Caller trustee;
  trustee.ip = "seed";
  trustee.user =
      app.db.read([](store::Connection& c) { return store::find_user_by_login(c, "trustee"); });
  auto ids = app.db.read([](store::Connection& c) {
    std::vector<std::int64_t> v;
    for (const auto& k : store::list_compounds(c))
      if (v.size() < 5) v.push_back(k.id);
    return v;
  });
  Rng rng(1111);
  for (auto cid : ids) {
    bill_run(app, trustee, CompoundId{cid}, "2026-11", false);
    auto units = app.db.read(  // unit, amount
        [cid](store::Connection& c) { return store::period_bills(c, cid, "2026-11"); });
    static const PayMethod methods[] = {PayMethod::wechat, PayMethod::wechat, PayMethod::wechat,
                                        PayMethod::bank,   PayMethod::alipay, PayMethod::cash};
    for (auto [unit, amount] : units) {
      if (unit == 1) continue;  // 王建国's first unit stays open: the demo shows arrears
      int roll = static_cast<int>(rng.uniform(1, 100));
      app.clock_ms = [nov5, roll] { return nov5 + (roll % 20) * 86'400'000LL; };
      if (roll > 90) continue;                             // ~10 % have not paid yet
      std::int64_t pay = roll <= 6 ? amount * 3 : amount;  // a few pay a quarter ahead
      const PayMethod method = methods[rng.uniform(0, 5)];
      record_payment(
          app, trustee, CompoundId{cid},
          {UnitId{unit}, Fen{pay}, method, "",
           std::string("2026-11-") + (roll % 20 < 9 ? "0" : "") + std::to_string(roll % 20 + 1)});
      ++rep.entries;
    }
  }
  app.clock_ms = saved_clock;
}

}  // namespace

std::vector<DemoAccount> demo_accounts() {
  return {
      {"admin", kDemoPassword, "系统管理员（全部小区）", "operator (all compounds)"},
      {"staff", kDemoPassword, "社区工作人员·网格员（全部小区）",
       "community staff (all compounds)"},
      {"committee", kDemoPassword, "业委会/物管委/院委会委员（全部小区）",
       "committee member (all compounds)"},
      {"committee2", kDemoPassword, "第二位委员（大额支出需两位委员批准）",
       "second committee member (large payments need two)"},
      {"trustee", kDemoPassword, "受托人·物业项目经理（全部小区）", "trustee (all compounds)"},
      {"worker", kDemoPassword, "钟点工·电工（桂湖教师院）：上门签到签退",
       "hourly worker, electrician (桂湖教师院): checks visits in and out"},
      {"auditor", kDemoPassword, "信托监察人（全部小区）",
       "trust supervisor / auditor (all compounds)"},
      {"13800000001", kDemoPassword, "业主 王建国（桂湖教师院两套房）",
       "owner 王建国 (two units in 桂湖教师院)"},
      {"13800000002", kDemoPassword, "租户 李晓梅（城北花园）", "tenant 李晓梅 (城北花园)"},
      {"13800000003", kDemoPassword, "业主 陈玉兰（锦苑小区，尚未认领，可用邀请码认领）",
       "owner 陈玉兰 (锦苑小区, not yet claimed: try the invite code)"},
  };
}

namespace {

// Fresh phones, names and invite codes for the generated roster: deterministic, each unique.
struct RosterRng {
  Rng rng{20250301};
  std::set<std::string> phones{"13800000001", "13800000002", "13800000003"}, codes;
  std::string phone() {
    for (;;) {
      std::string p = std::string("1") + "35789"[rng.uniform(0, 4)] +
                      std::to_string(rng.uniform(100000000, 999999999));
      if (phones.insert(p).second) return p;
    }
  }
  std::string name() { return std::string(rng.pick(kSurnames)) + rng.pick(kGiven); }
  std::string code() {
    for (;;) {
      std::string s;
      for (std::size_t i = 0; i < registry::kInviteCodeLength; ++i)
        s.push_back(registry::kInviteAlphabet[rng.next() % registry::kInviteAlphabet.size()]);
      if (codes.insert(s).second) return s;
    }
  }
};

struct Registry {
  I district = 0;
  std::vector<I> compound_ids;                     // in plans() order
  std::map<std::string, std::vector<I>> units_of;  // compound name → unit ids
};

// The roster rows of one unit: its owner (and now and then a spouse on the deed or a tenant),
// or the bare unit when a developer holds it.
void household_rows(RosterRng& r, roster::RosterRow unit, std::vector<roster::RosterRow>& rows,
                    SeedReport& rep) {
  if (unit.developer_held) {
    rows.push_back(std::move(unit));
    return;
  }
  auto person = [&](std::string id_last4, registry::Relation relation) {
    roster::RosterRow row = unit;
    row.phone = r.phone();  // drawn phone first, then the name: the order the seed always had
    row.name = r.name();
    row.id_last4 = std::move(id_last4);
    row.relation = relation;
    rows.push_back(std::move(row));
    ++rep.persons;
  };
  person(std::to_string(r.rng.uniform(1000, 9999)), registry::Relation::owner);
  if (r.rng.chance(12)) person("", registry::Relation::owner);  // a spouse on the deed
  if (r.rng.chance(8)) person("", registry::Relation::tenant);  // let to a tenant
}

// A courtyard's buildings, entrances, floors and units with their households, as roster rows;
// each new unit's invite code is drawn here, in the seed's order, and queued for app.invite_code.
void courtyard_rows(RosterRng& r, const CompoundPlan& plan, const CourtyardPlan& yp,
                    std::vector<roster::RosterRow>& rows, std::deque<std::string>& codes,
                    SeedReport& rep) {
  for (int b = 1; b <= yp.buildings; ++b) {
    std::string bname = std::to_string(b) + "栋";
    // One floor plan per position: the same flat type stacks up the floors.
    std::vector<I> plan_area;
    for (int e = 0; e < yp.entrances * yp.per_floor; ++e)
      plan_area.push_back(r.rng.uniform(5500, 13500));
    for (int e = 1; e <= yp.entrances; ++e) {
      std::string entrance = yp.entrances > 1 ? std::to_string(e) + "单元" : "";
      for (int f = 1; f <= yp.floors; ++f) {
        for (int k = 1; k <= yp.per_floor; ++k) {
          roster::RosterRow unit;
          unit.courtyard = yp.name;
          unit.address = {bname, entrance, std::to_string(f) + "0" + std::to_string(k)};
          unit.label = registry::unit_label(unit.address);
          unit.area_centi_m2 = plan_area[(e - 1) * yp.per_floor + (k - 1)];
          unit.developer_held = plan.developer_percent && r.rng.chance(plan.developer_percent);
          codes.push_back(r.code());
          ++rep.units;
          household_rows(r, std::move(unit), rows, rep);
        }
      }
    }
  }
}

// The district and its five compounds as plans() has them, built with the registry's use cases
// and the roster import, as an operator and a committee would.
Registry seed_registry(Connection& c, App& app, const Caller& system, SeedReport& rep) {
  Registry reg;
  RosterRng r;
  reg.district = create_district_in(c, app, system, "新都区").id;
  I street = create_street_in(c, app, system, reg.district, "桂湖街道").id;
  std::map<std::string, I> communities;
  std::deque<std::string> codes;
  ScopedInviteCodes queued(app, [&codes] {
    XINYI_ASSERT(!codes.empty());
    std::string code = std::move(codes.front());
    codes.pop_front();
    return code;
  });
  for (const auto& plan : plans()) {
    auto [it, fresh] = communities.try_emplace(plan.community, 0);
    if (fresh) it->second = create_community_in(c, app, system, street, plan.community).id;
    CompoundInput k{plan.name, plan.address, std::string(registry::to_string(plan.model)),
                    plan.description};
    I cid = create_compound_in(c, app, system, it->second, k).compound.id;
    reg.compound_ids.push_back(cid);
    ++rep.compounds;
    std::optional<I> area;
    if (plan.area) area = create_area_in(c, app, system, CompoundId{cid}, {plan.area, {}}).id;
    std::vector<roster::RosterRow> rows;
    for (const auto& yp : plan.courtyards) {
      create_courtyard_in(c, app, system, CompoundId{cid}, {yp.name, area});
      courtyard_rows(r, plan, yp, rows, codes, rep);
    }
    import_roster_in(c, app, system, CompoundId{cid}, rows);
    XINYI_ASSERT(codes.empty());  // every unit drew the code queued for it
    for (const auto& u : store::list_units(c, cid, 0, 100'000))
      reg.units_of[plan.name].push_back(u.id);
  }
  return reg;
}

// The demo's own people: 王建国 owns two units of 桂湖教师院 (one buyer, one owner in a vote),
// 李晓梅 rents in 城北花园, 陈玉兰 owns in 锦苑小区 without a claim yet; the 38 households of
// 城北花园 who applied for a property management committee; the demo accounts with their roles in
// every compound and their claims. Returns the accounts' ids in demo_accounts() order and
// 王建国's units.
std::pair<std::vector<I>, std::vector<I>> seed_people(Connection& c, App& app, const Caller& system,
                                                      Registry& reg,
                                                      const std::vector<std::string>& hashes,
                                                      SeedReport& rep, I now) {
  const I teachers = reg.compound_ids[0], garden = reg.compound_ids[1],
          jinyuan = reg.compound_ids[4];
  // Entered at the desk as a committee would (ID card numbers made up; only the last four are
  // kept).
  const auto& tu = reg.units_of["桂湖教师院"];
  std::vector<I> wang_units{tu[0], tu[13]};
  for (I u : wang_units)
    add_member_in(c, app, system, CompoundId{teachers}, u,
                  {"王建国", "13800000001", "510114195001010012", "owner"});
  const I li_unit = reg.units_of["城北花园"][20];
  add_member_in(c, app, system, CompoundId{garden}, li_unit,
                {"李晓梅", "13800000002", "", "tenant"});
  add_member_in(c, app, system, CompoundId{jinyuan}, reg.units_of["锦苑小区"][5],
                {"陈玉兰", "13800000003", "510114195203152046", "owner"});
  rep.persons += 3;
  const auto& gu = reg.units_of["城北花园"];
  for (int i = 0, n = 0; n < 38; i += 2) {
    auto members = store::list_members(c, garden, gu[i]);
    if (members.empty()) continue;  // developer-held units cannot sign
    store::insert_signature(c, garden, "pmc_application", gu[i], now - (38 - n) * 3600'000LL);
    ++n;
  }
  auto accounts = demo_accounts();
  std::vector<I> user_ids;
  const char* names[] = {"平台管理员", "周网格", "刘委员", "陈委员", "赵经理",
                         "孙师傅",     "吴监察", "王建国", "李晓梅", "陈玉兰"};
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const auto& a = accounts[i];
    std::optional<std::string> phone;
    if (a.login.size() == 11 && a.login[0] == '1') phone = a.login;
    user_ids.push_back(store::insert_user(c, a.login, phone, names[i], hashes[i], i == 0, now));
  }
  // The roles, as the product gives them: the operator asks and the compound's staff member
  // confirms a committee or trustee role (app::grant_role, confirm_role); auditor and worker
  // roles are granted at once. The first staff member of a compound has no second person to
  // confirm them yet (onboarding a compound is issue 24), so that grant goes in directly.
  const Caller admin = demo_caller(c, user_ids[0]);
  auto login_of = [&](std::size_t i) { return accounts[i].login; };
  for (I cid : reg.compound_ids) {
    store::insert_grant(c, cid, user_ids[1], Role::staff, user_ids[0], now);
    const Caller staff = demo_caller(c, user_ids[1]);
    for (auto [i, role] :
         {std::pair{2, Role::committee}, {3, Role::committee}, {4, Role::trustee}}) {
      auto asked = grant_role_in(c, app, admin, CompoundId{cid}, {login_of(i), role});
      XINYI_ASSERT(asked.pending && asked.request);
      confirm_role_in(c, app, staff, CompoundId{cid}, asked.request->id);
    }
    XINYI_ASSERT(
        !grant_role_in(c, app, admin, CompoundId{cid}, {login_of(6), Role::auditor}).pending);
  }
  grant_role_in(c, app, admin, CompoundId{teachers}, {login_of(5), Role::worker});
  // They claimed their units with the paper invite codes in January 2025, long before any vote
  // the demo opens (a claim made during a vote does not speak in it).
  const auto saved_clock = app.clock_ms;
  app.clock_ms = [] { return I{1'736'467'200'000}; };  // 2025-01-10
  auto claim = [&](I user, I cid, I unit) {
    const auto claimed =
        claim_unit_in(c, app, demo_caller(c, user), store::get_unit(c, cid, unit)->invite_code);
    XINYI_ASSERT(claimed && claimed->unit_id == unit);
  };
  for (I u : wang_units) claim(user_ids[7], teachers, u);
  claim(user_ids[8], garden, li_unit);
  app.clock_ms = saved_clock;
  return {user_ids, wang_units};
}

}  // namespace

SeedReport seed_demo(App& app) {
  SeedReport rep;
  bool exists =
      app.db.read([&](Connection& c) { return store::find_district(c, "新都区").has_value(); });
  if (exists) return rep;

  // Hash before the write transaction: argon2id is deliberately slow.
  const std::string pw_hash = auth::hash_password(kDemoPassword);
  std::vector<std::string> hashes;
  for (std::size_t i = 0; i < demo_accounts().size(); ++i)
    hashes.push_back(i == 0 ? pw_hash : auth::hash_password(kDemoPassword));

  Caller system;
  system.ip = "seed";
  app.db.write([&](Connection& c) {
    if (store::find_district(c, "新都区")) return;  // seeded meanwhile by another process
    rep.created = true;
    const I now = app.clock_ms();
    auto reg = seed_registry(c, app, system, rep);
    auto [user_ids, wang_units] = seed_people(c, app, system, reg, hashes, rep, now);
    const auto& ids = reg.compound_ids;
    auto votes = seed_demo_votes(app, c, ids, DemoVotePeople{user_ids[2], user_ids[3], user_ids[1]},
                                 now, wang_units[0]);
    seed_demo_services(app, c, ids,
                       DemoServicePeople{user_ids[1], user_ids[2], user_ids[5], user_ids[7]}, now);
    rep.entries = seed_demo_books(
        app, c, ids,
        DemoPeople{user_ids[4], user_ids[2], user_ids[3], votes.fee_rise, votes.renewal});
    audit(c, app, system, std::nullopt, "demo.seed", "district:" + std::to_string(reg.district),
          {{"compounds", rep.compounds}, {"units", rep.units}});
  });
  if (rep.created) {
    seed_november_bills(app, rep);
    // The history's notifications were read and its text messages sent long ago.
    app.db.write([&](store::Connection& c) {
      store::mark_history_delivered(c, app.clock_ms() - 10 * 86'400'000LL);
    });
  }
  return rep;
}

std::optional<ClaimHint> claim_hint(App& app) {
  constexpr const char* kPhone =
      "13800000003";  // an owner on the roster with no unit claimed online
  auto r = app.db.read(
      [&](store::Connection& c) { return store::invite_of_phone(c, std::string(kPhone)); });
  if (!r) return std::nullopt;
  return ClaimHint{kPhone, r->invite_code, r->compound_name, r->label};
}

}  // namespace xinyi::demo
