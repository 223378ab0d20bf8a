// Unit rosters as communities keep them (SPEC §6): one row per unit owner, a title row or
// two above the header, merged cells left blank, blank rows at the end.
//
// parse_roster() finds the header row by its column names (Chinese or English synonyms),
// reads every data row into a RosterRow, and reports every bad row with its line number and
// reason. It never stops at the first error: the person fixing the sheet sees all of them.
// A roster is accepted only when `errors` is empty (the importer imports all or nothing).
//
// Rules:
// - A unit is named either by one column ("3栋2单元501") or by building/entrance/number
//   columns. A building or courtyard cell left blank under a merged cell takes the value
//   above it.
// - Area: two decimals at most, > 0 and ≤ 100000 m². The header says which kind
//   (建筑面积 / 套内面积); plain 面积 means 建筑面积.
// - Several rows for one unit are co-owners (or tenants); their areas must agree.
// - An owner named 开发商, or a name ending in 公司 with the 备注 saying 开发商/未售, marks the
//   unit as developer-held (no personal owner).
// - ID-card numbers are reduced to their last four characters here, before anything else
//   sees them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/csv.h"
#include "domain/registry.h"

namespace xinyi::roster {

struct RosterRow {
  int line = 0;
  std::string courtyard;  // may be empty: the importer then uses a default courtyard
  registry::UnitAddress address;
  std::string label;  // canonical unit label
  std::int64_t area_centi_m2 = 0;
  registry::AreaKind area_kind = registry::AreaKind::gross;
  bool developer_held = false;
  // The person on this row, if any (a developer-held row has none).
  std::string name;
  std::string phone;     // digits, may be empty
  std::string id_last4;  // may be empty
  registry::Relation relation = registry::Relation::owner;
};

struct LineError {
  int line = 0;
  std::string zh;
  std::string en;
};

struct Roster {
  std::vector<RosterRow> rows;
  std::vector<LineError> errors;
  int header_line = 0;
};

Roster parse_roster(const std::vector<csv::Record>& records);

}  // namespace xinyi::roster
