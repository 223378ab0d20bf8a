#include "demo/gen_city.h"

#include <ctime>
#include <map>

#include "app/billing_service.h"
#include "app/books.h"
#include "app/registry_service.h"
#include "app/roster_import.h"
#include "auth/crypto.h"
#include "demo/invite_codes.h"
#include "demo/rng.h"
#include "domain/assert.h"
#include "domain/billing.h"
#include "domain/registry.h"
#include "domain/roster.h"
#include "store/auth_repo.h"
#include "store/billing_repo.h"
#include "store/registry_repo.h"
#include "store/settlement_repo.h"

namespace xinyi::demo {

using namespace app;  // the demo is built with the product's own use cases

using store::Connection;
using I = std::int64_t;

namespace {

using Rng = DemoRng;

constexpr I kRateFen = 50;  // ¥0.50 per m² per month
constexpr I kUnitsPerCourtyard = 120;
constexpr I kUnitsPerBuilding = 24;  // 6 floors × 2 entrances × 2

billing::Month this_month(I now_ms) {
  std::time_t t = static_cast<std::time_t>(now_ms / 1000 + 8 * 3600);  // China time
  std::tm tm{};
  gmtime_r(&t, &tm);
  return billing::Month{tm.tm_year + 1900, tm.tm_mon + 1};
}

// Compound `k`'s courtyards, buildings, units and owners, registered through the roster import
// (the first unit of the first compound claimed by the generated resident), and each
// courtyard's area.
void gen_units(Connection& c, App& app, const Caller& system, const GenCityOptions& opt, Rng& rng,
               I cid, I k, const std::string& password, I now, std::map<I, I>& yard_area,
               std::vector<I>& units) {
  std::vector<roster::RosterRow> rows;
  std::map<std::string, I> area_of_yard;
  for (I u = 0; u < opt.units_per_compound; ++u) {
    roster::RosterRow row;
    row.line = static_cast<int>(u + 1);
    row.courtyard = "第" + std::to_string(u / kUnitsPerCourtyard + 1) + "院";
    I in_b = u % kUnitsPerBuilding;
    row.address = {std::to_string((u % kUnitsPerCourtyard) / kUnitsPerBuilding + 1) + "栋",
                   std::to_string(in_b / 12 + 1) + "单元",
                   std::to_string((in_b % 12) / 2 + 1) + "0" + std::to_string(in_b % 2 + 1)};
    row.label = registry::unit_label(row.address);
    row.area_centi_m2 = rng.uniform(5500, 13500);
    row.name = "业主" + std::to_string(u + 1);
    area_of_yard[row.courtyard] += row.area_centi_m2;
    rows.push_back(std::move(row));
  }
  // Synthetic invite codes: unique by construction ("G" and the unit's number in base 32).
  I next = k * opt.units_per_compound;
  ScopedInviteCodes codes(app, [&next] {
    std::string code = "G";
    for (I n = next++, i = 0; i < 7; ++i, n /= 32)
      code.push_back(registry::kInviteAlphabet[static_cast<std::size_t>(n % 32)]);
    return code;
  });
  import_roster_in(c, app, system, CompoundId{cid}, rows);
  for (const auto& y : store::list_courtyards(c, cid)) yard_area[y.id] = area_of_yard[y.name];
  for (const auto& u : store::list_units(c, cid, 0, kMaxGenUnits)) units.push_back(u.id);
  XINYI_ASSERT(static_cast<I>(units.size()) == opt.units_per_compound);
  if (k == 0) {  // an account for load tests, its unit claimed (no use case makes accounts yet)
    I user = store::insert_user(c, "gen-resident" + std::to_string(opt.seed), std::nullopt,
                                "生成住户", password, false, now);
    I person = store::list_members(c, cid, units.front()).front().person_id;
    store::insert_claim(c, cid, units.front(), user, person, "owner", now);
  }
}

// The books before billing went through Xinyi: a month's fee income and costs per courtyard.
void gen_history(Connection& c, Rng& rng, I cid, billing::Month first, billing::Month last, I now,
                 const std::map<I, I>& yard_area, GenCityReport& rep) {
  Appender ap(c, cid, now);
  for (billing::Month m = first; m < last.plus(-1); m = m.plus(1)) {
    std::string day = m.str() + "-25";
    for (const auto& [y, area] : yard_area) {
      I due = billing::fee_amount(kRateFen, area, 1);
      I got = due * rng.uniform(88, 97) / 100;
      ledger::Transaction t;
      t.date = day;
      t.kind = "journal";
      t.description = m.str() + " 物业费收入";
      t.postings = {{"1001", got, y}, {"4001", -got, y}};
      ap.append(t);
      ledger::Transaction costs;
      costs.date = day;
      costs.kind = "journal";
      costs.description = m.str() + " 保洁、绿化和维修（应付受托人）";
      I clean = got * 45 / 100, green = got * 20 / 100, repair = got * rng.uniform(5, 20) / 100;
      costs.postings = {{"5001", clean, y},
                        {"5002", green, y},
                        {"5003", repair, y},
                        {"2001", -(clean + green + repair), y}};
      ap.append(costs);
      rep.entries += 2;
    }
  }
  ap.finish();
}

// The last two months through Xinyi: bill runs, and half the households pay the older one.
void gen_billing(Connection& c, App& app, const Caller& system, I cid, billing::Month last,
                 const std::map<I, I>& yard_area, const std::vector<I>& units, GenCityReport& rep) {
  for (billing::Month m : {last.plus(-1), last}) {
    auto r = bill_run_in(c, app, system, CompoundId{cid}, billing::Period{m, 1}, false);
    rep.bills += r.bills;
    rep.entries += static_cast<I>(yard_area.size());
    if (m == last) break;
    for (std::size_t i = 0; i < units.size(); i += 2) {
      I owed = 0;
      for (const auto& bill : store::open_bills(c, cid, units[i]))
        owed += bill.amount_fen - bill.paid_fen;
      if (owed <= 0) continue;
      record_payment_in(c, app, system, CompoundId{cid},
                        {UnitId{units[i]}, Fen{owed}, PayMethod::wechat,
                         "GEN" + std::to_string(units[i]), m.plus(1).str() + "-05"});
      ++rep.payments;
      ++rep.entries;
    }
  }
}

}  // namespace

GenCityReport generate_city(App& app, const GenCityOptions& opt,
                            const std::function<void(std::size_t, std::size_t)>& progress) {
  XINYI_ASSERT(opt.compounds >= 1 && opt.compounds <= kMaxGenCompounds);
  XINYI_ASSERT(opt.units_per_compound >= 1 && opt.units_per_compound <= kMaxGenUnits);
  XINYI_ASSERT(opt.months >= 2 && opt.months <= kMaxGenMonths);
  GenCityReport rep;
  Rng rng(opt.seed);
  const I now = app.clock_ms();
  const billing::Month last = this_month(now).plus(-1);
  const billing::Month first = last.plus(static_cast<int>(-(opt.months - 1)));
  const std::string password = auth::hash_password("xinyi-gen");
  Caller system;
  system.ip = "gen-city";

  const std::string district_name = "生成市" + std::to_string(opt.seed);
  I district = app.db.write([&](Connection& c) {
    if (store::find_district(c, district_name))
      throw Error(ErrorKind::conflict, "exists", "该种子的数据已生成",
                  "A city with this seed is already generated");
    return create_district_in(c, app, system, district_name).id;
  });
  I street = 0, community = 0;
  for (I k = 0; k < opt.compounds; ++k) {
    app.db.write([&](Connection& c) {
      if (k % 50 == 0) {
        const std::string n = std::to_string(k / 50 + 1);
        street = create_street_in(c, app, system, district, "第" + n + "街道").id;
        community = create_community_in(c, app, system, street, "第" + n + "社区").id;
      }
      I cid = create_compound_in(
                  c, app, system, community,
                  {"小区" + std::to_string(k + 1), "生成地址 " + std::to_string(k + 1) + " 号",
                   "hourly", "合成数据，用于压力测试"})
                  .compound.id;
      if (k == 0) rep.first_compound_id = cid;
      set_billing_from_in(c, app, system, CompoundId{cid}, last.plus(-1));
      store::set_remuneration_bp(c, cid, 800);  // no use case yet: issue 24 puts it to a vote
      set_fee_rate_in(c, app, system, CompoundId{cid},
                      {{}, first.str(), kRateFen, "物业服务合同约定的收费标准", "", 0});
      std::map<I, I> yard_area;  // courtyard → its area
      std::vector<I> units;
      gen_units(c, app, system, opt, rng, cid, k, password, now, yard_area, units);
      gen_history(c, rng, cid, first, last, now, yard_area, rep);
      gen_billing(c, app, system, cid, last, yard_area, units, rep);
      rep.units += opt.units_per_compound;
      ++rep.compounds;
    });
    if (progress)
      progress(static_cast<std::size_t>(k + 1), static_cast<std::size_t>(opt.compounds));
    // A bulk load outruns PostgreSQL's autovacuum: without fresh statistics its cached plans
    // keep the sequential scans chosen when the tables were empty, and each compound costs more
    // than the last. (SQLite plans each statement's first step from the indexes alone.)
    if ((k + 1) % 20 == 0) store::refresh_statistics(app.db);
  }
  return rep;
}

}  // namespace xinyi::demo
