#include "app/roster_import.h"

#include <map>

#include "app/registry_service.h"
#include "domain/money.h"
#include "domain/roster.h"
#include "store/registry_repo.h"

namespace xinyi::app {

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

store::AuditDetail ImportReport::audit_detail() const {
  return {{"rows", rows},
          {"courtyards_created", courtyards_created},
          {"buildings_created", buildings_created},
          {"units_created", units_created},
          {"units_existing", units_existing},
          {"persons_created", persons_created},
          {"members_added", members_added},
          {"dry_run", dry_run}};
}

namespace {

// Writes parsed roster rows into one compound, creating courtyards, buildings, units, persons
// and memberships as needed and counting each in the report. A row that contradicts what is
// stored is collected as a line error (the caller refuses the whole file).
class RosterWriter {
 public:
  RosterWriter(Connection& c, const App& app, I cid, I now, ImportReport& rep)
      : c_(c), app_(app), cid_(cid), now_(now), rep_(rep) {
    for (const auto& y : store::list_courtyards(c, cid)) courtyard_ids_[y.name] = y.id;
  }

  void write(const roster::RosterRow& row) {
    auto yid = courtyard(row);
    if (!yid) return;
    I bid = building(*yid, row.address.building);
    auto uid = unit(*yid, bid, row);
    if (!uid || row.name.empty()) return;
    I pid = person(row);
    if (store::insert_member(c_, cid_, *uid, pid, std::string(registry::to_string(row.relation)),
                             now_))
      ++rep_.members_added;
  }

  const std::vector<roster::LineError>& errors() const { return errors_; }

 private:
  // The row's courtyard; an empty column means the compound's only one (created, named after
  // the compound, when it has none yet).
  std::optional<I> courtyard(const roster::RosterRow& row) {
    std::string name = row.courtyard;
    if (name.empty()) {
      if (courtyard_ids_.size() == 1) return courtyard_ids_.begin()->second;
      if (!courtyard_ids_.empty()) {
        errors_.push_back({row.line, "本小区有多个院落，请填写“院落”列",
                           "the compound has several courtyards: fill in the courtyard column"});
        return std::nullopt;
      }
      name = store::get_compound(c_, cid_)->name;
    }
    if (auto it = courtyard_ids_.find(name); it != courtyard_ids_.end()) return it->second;
    I yid = store::insert_courtyard(c_, cid_, name, std::nullopt, now_);
    courtyard_ids_[name] = yid;
    ++rep_.courtyards_created;
    return yid;
  }

  I building(I yid, const std::string& name) {
    auto key = std::make_pair(yid, name);
    if (auto it = building_ids_.find(key); it != building_ids_.end()) return it->second;
    if (auto b = store::find_building(c_, yid, name)) return building_ids_[key] = b->id;
    ++rep_.buildings_created;
    return building_ids_[key] = store::insert_building(c_, cid_, yid, name, now_);
  }

  // The unit, registered now if new; nullopt (a line error) when it is registered with another
  // area.
  std::optional<I> unit(I yid, I bid, const roster::RosterRow& row) {
    if (auto u = store::find_unit_by_label(c_, yid, row.label)) {
      if (u->area_centi_m2 != row.area_centi_m2) {
        errors_.push_back({row.line,
                           "房屋 " + row.label + " 已登记的面积不同（" +
                               format_centi(u->area_centi_m2) + " 平方米）",
                           "unit " + row.label + " is already registered with another area"});
        return std::nullopt;
      }
      ++rep_.units_existing;
      return u->id;
    }
    std::string code = fresh_invite_code(c_, app_);
    store::NewUnit nu{cid_,
                      yid,
                      bid,
                      row.address.entrance,
                      row.address.number,
                      row.label,
                      std::string(registry::to_string(row.area_kind)),
                      code,
                      row.area_centi_m2,
                      row.developer_held};
    ++rep_.units_created;
    return store::insert_unit(c_, nu, now_);
  }

  // The person of the row, found by name and phone, or registered.
  I person(const roster::RosterRow& row) {
    auto key = std::make_pair(row.name, row.phone);
    if (auto it = person_ids_.find(key); it != person_ids_.end()) return it->second;
    if (auto p = store::find_person(c_, cid_, row.name, row.phone)) return person_ids_[key] = p->id;
    ++rep_.persons_created;
    return person_ids_[key] =
               store::insert_person(c_, cid_, row.name, row.phone, row.id_last4, now_);
  }

  Connection& c_;
  const App& app_;
  const I cid_, now_;
  ImportReport& rep_;
  std::vector<roster::LineError> errors_;
  std::map<std::string, I> courtyard_ids_;
  std::map<std::pair<I, std::string>, I> building_ids_;
  std::map<std::pair<std::string, std::string>, I> person_ids_;
};

}  // namespace

ImportReport import_roster_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                              const std::vector<roster::RosterRow>& rows,
                              const std::function<void(std::size_t, std::size_t)>& progress) {
  const I cid = compound.value;
  if (!store::get_compound(c, cid)) throw_not_found("小区", "Compound");
  ImportReport rep;
  rep.rows = static_cast<I>(rows.size());
  RosterWriter writer(c, app, cid, app.clock_ms(), rep);
  std::size_t done = 0;
  for (const auto& row : rows) {
    if (progress && (++done % 200 == 0 || done == rows.size())) progress(done, rows.size());
    writer.write(row);
  }
  if (!writer.errors().empty()) throw_line_errors(writer.errors());
  audit(c, app, who, cid, "roster.import", "compound:" + std::to_string(cid), rep.audit_detail());
  return rep;
}

ImportReport import_roster_csv(App& app, const Caller& who, CompoundId compound,
                               std::string_view bytes, bool dry_run,
                               const std::function<void(std::size_t, std::size_t)>& progress) {
  if (bytes.size() > kMaxRosterBytes)
    throw Error(ErrorKind::too_large, "too-large", "文件超过 16 MB",
                "The file is larger than 16 MB");
  auto records = csv::parse(bytes);
  auto parsed = roster::parse_roster(records);
  if (!parsed.errors.empty()) throw_line_errors(parsed.errors);

  try {
    return app.db.write([&](Connection& c) {
      ImportReport rep = import_roster_in(c, app, who, compound, parsed.rows, progress);
      if (dry_run) {
        rep.dry_run = true;
        throw DryRunDone{rep};  // rolls the transaction back
      }
      return rep;
    });
  } catch (const DryRunDone& d) {
    return d.report;
  }
}

}  // namespace xinyi::app
