#include "store/unit_condition.h"

namespace xinyi::store {

std::pair<std::string, std::vector<Value>> unit_condition(const UnitAudience& to) {
  std::string cond = "1 = 1";
  std::vector<Value> args;
  auto add = [&](const char* sql, std::vector<Value> more) {
    cond += std::string(" AND ") + sql;
    args.insert(args.end(), more.begin(), more.end());
  };
  if (to.courtyard_id) add("u.courtyard_id = ?", {to.courtyard_id});
  if (to.area_id)
    add("u.courtyard_id IN (SELECT id FROM courtyards WHERE area_id = ?)", {to.area_id});
  if (to.unit_id) add("u.id = ?", {to.unit_id});
  if (to.bill_run_id) add("u.id IN (SELECT unit_id FROM bills WHERE run_id = ?)", {to.bill_run_id});
  if (to.vote_id && to.unballoted_only)
    add("cl.relation = 'owner' AND u.id IN (SELECT eu.unit_id FROM vote_elector_units eu WHERE "
        "eu.vote_id = ? AND NOT EXISTS (SELECT 1 FROM ballots b WHERE b.vote_id = eu.vote_id AND "
        "b.no = eu.no))",
        {to.vote_id});
  else if (to.vote_id && to.elector_no)
    add("cl.relation = 'owner' AND u.id IN (SELECT unit_id FROM vote_elector_units WHERE "
        "vote_id = ? AND no = ?)",
        {to.vote_id, to.elector_no});
  else if (to.vote_id)
    add("cl.relation = 'owner' AND u.id IN (SELECT unit_id FROM vote_elector_units WHERE "
        "vote_id = ?)",
        {to.vote_id});
  if (to.except_user_id) add("cl.user_id <> ?", {to.except_user_id});
  return {cond, args};
}

}  // namespace xinyi::store
