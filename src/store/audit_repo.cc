#include "store/audit_repo.h"

namespace xinyi::store {

void append_audit(Connection& c, const AuditRec& e) {
  c.execute(
      "INSERT INTO audit_log (compound_id, user_id, at, ip, action, target, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {e.compound_id ? Value(*e.compound_id) : Value(nullptr),
       e.user_id ? Value(*e.user_id) : Value(nullptr), e.at, e.ip, e.action, e.target, e.detail});
}

std::vector<AuditRec> list_audit(Connection& c, std::int64_t cid, std::int64_t before_id,
                                 std::int64_t limit) {
  if (before_id <= 0) before_id = INT64_MAX;
  std::vector<AuditRec> out;
  for (auto& r :
       c.query("SELECT a.id, a.compound_id, a.user_id, a.at, a.ip, a.action, a.target, a.detail, "
               "COALESCE(u.name, '') FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
               "WHERE a.compound_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT ?",
               {cid, before_id, limit})) {
    AuditRec e;
    e.id = r.i64(0);
    e.compound_id = r.opt_i64(1);
    e.user_id = r.opt_i64(2);
    e.at = r.i64(3);
    e.ip = r.str(4);
    e.action = r.str(5);
    e.target = r.str(6);
    e.detail = r.str(7);
    e.user_name = r.str(8);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace xinyi::store
