#include "app/roster_import.h"

#include <map>

#include "app/registry_service.h"
#include "auth/crypto.h"
#include "domain/money.h"
#include "domain/roster.h"
#include "store/registry_repo.h"

namespace xinyi::app {

namespace json = boost::json;
using store::Connection;
using I = std::int64_t;

namespace {
struct DryRunDone {
  ImportReport report;
};

[[noreturn]] void throw_line_errors(const std::vector<roster::LineError>& errs) {
  std::vector<FieldError> fields;
  for (const auto& e : errs) {
    if (fields.size() >= kMaxReportedLineErrors) break;
    fields.push_back({"line " + std::to_string(e.line), e.zh, e.en});
  }
  throw Error(ErrorKind::unprocessable, "roster-invalid",
              "名册有 " + std::to_string(errs.size()) + " 行有误，未导入任何数据",
              std::to_string(errs.size()) + " rows of the roster are invalid; nothing was imported",
              std::move(fields));
}
}  // namespace

json::object ImportReport::to_json() const {
  return {{"rows", rows},
          {"courtyards_created", courtyards_created},
          {"buildings_created", buildings_created},
          {"units_created", units_created},
          {"units_existing", units_existing},
          {"persons_created", persons_created},
          {"members_added", members_added},
          {"dry_run", dry_run}};
}

ImportReport import_roster_csv(App& app, const Caller& who, I cid, std::string_view bytes,
                               bool dry_run,
                               const std::function<void(std::size_t, std::size_t)>& progress) {
  if (bytes.size() > kMaxRosterBytes)
    throw Error(ErrorKind::too_large, "too-large", "文件超过 16 MB",
                "The file is larger than 16 MB");
  auto records = csv::parse(bytes);
  auto parsed = roster::parse_roster(records);
  if (!parsed.errors.empty()) throw_line_errors(parsed.errors);

  try {
    return app.db.write([&](Connection& c) {
      if (!store::get_compound(c, cid)) throw_not_found("小区", "Compound");
      ImportReport rep;
      rep.dry_run = dry_run;
      rep.rows = static_cast<I>(parsed.rows.size());
      std::vector<roster::LineError> errors;
      const I now = app.clock_ms();
      auto courtyards = store::list_courtyards(c, cid);
      std::map<std::string, I> courtyard_ids;
      for (const auto& y : courtyards) courtyard_ids[y.name] = y.id;
      std::map<std::pair<I, std::string>, I> building_ids;
      std::map<std::pair<std::string, std::string>, I> person_ids;

      std::size_t done = 0;
      for (const auto& row : parsed.rows) {
        if (progress && (++done % 200 == 0 || done == parsed.rows.size()))
          progress(done, parsed.rows.size());
        // Courtyard.
        I yid;
        if (row.courtyard.empty()) {
          if (courtyard_ids.size() == 1)
            yid = courtyard_ids.begin()->second;
          else if (courtyard_ids.empty()) {
            std::string name = store::get_compound(c, cid)->name;
            yid = store::insert_courtyard(c, cid, name, std::nullopt, now);
            courtyard_ids[name] = yid;
            ++rep.courtyards_created;
          } else {
            errors.push_back({row.line, "本小区有多个院落，请填写“院落”列",
                              "the compound has several courtyards: fill in the courtyard column"});
            continue;
          }
        } else if (auto it = courtyard_ids.find(row.courtyard); it != courtyard_ids.end()) {
          yid = it->second;
        } else {
          yid = store::insert_courtyard(c, cid, row.courtyard, std::nullopt, now);
          courtyard_ids[row.courtyard] = yid;
          ++rep.courtyards_created;
        }
        // Building.
        I bid;
        auto bkey = std::make_pair(yid, row.address.building);
        if (auto it = building_ids.find(bkey); it != building_ids.end())
          bid = it->second;
        else if (auto b = store::find_building(c, yid, row.address.building))
          bid = building_ids[bkey] = b->id;
        else {
          bid = building_ids[bkey] = store::insert_building(c, cid, yid, row.address.building, now);
          ++rep.buildings_created;
        }
        // Unit.
        I uid;
        if (auto u = store::find_unit_by_label(c, yid, row.label)) {
          if (u->area_centi_m2 != row.area_centi_m2) {
            errors.push_back({row.line,
                              "房屋 " + row.label + " 已登记的面积不同（" +
                                  format_centi(u->area_centi_m2) + " 平方米）",
                              "unit " + row.label + " is already registered with another area"});
            continue;
          }
          uid = u->id;
          ++rep.units_existing;
        } else {
          std::string code;
          do code = auth::random_invite_code();
          while (store::find_unit_by_invite(c, code));
          store::NewUnit nu{cid,
                            yid,
                            bid,
                            row.address.entrance,
                            row.address.number,
                            row.label,
                            std::string(registry::to_string(row.area_kind)),
                            code,
                            row.area_centi_m2,
                            row.developer_held};
          uid = store::insert_unit(c, nu, now);
          ++rep.units_created;
        }
        // Person and membership.
        if (row.name.empty()) continue;
        auto pkey = std::make_pair(row.name, row.phone);
        I pid;
        if (auto it = person_ids.find(pkey); it != person_ids.end())
          pid = it->second;
        else if (auto p = store::find_person(c, cid, row.name, row.phone))
          pid = person_ids[pkey] = p->id;
        else {
          pid = person_ids[pkey] =
              store::insert_person(c, cid, row.name, row.phone, row.id_last4, now);
          ++rep.persons_created;
        }
        if (store::insert_member(c, cid, uid, pid, std::string(registry::to_string(row.relation)),
                                 now))
          ++rep.members_added;
      }
      if (!errors.empty()) throw_line_errors(errors);
      audit(c, app, who, cid, dry_run ? "roster.import.dry_run" : "roster.import",
            "compound:" + std::to_string(cid), rep.to_json());
      if (dry_run) throw DryRunDone{rep};  // rolls the transaction back
      return rep;
    });
  } catch (const DryRunDone& d) {
    return d.report;
  }
}

json::object import_roster(App& app, const Caller& who, I cid, std::string_view bytes,
                           bool dry_run) {
  return import_roster_csv(app, who, cid, bytes, dry_run).to_json();
}

}  // namespace xinyi::app
