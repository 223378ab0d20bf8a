#include "store/audit_repo.h"

#include <boost/json.hpp>

namespace xinyi::store {

namespace {
struct FieldJson {
  boost::json::value operator()(std::nullptr_t) const { return nullptr; }
  boost::json::value operator()(bool b) const { return b; }
  boost::json::value operator()(std::int64_t n) const { return n; }
  boost::json::value operator()(const std::string& s) const { return boost::json::string(s); }
  boost::json::value operator()(const std::vector<std::int64_t>& v) const {
    return boost::json::array(v.begin(), v.end());
  }
  boost::json::value operator()(const std::vector<std::string>& v) const {
    boost::json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
  }
};
}  // namespace

std::string encode_audit_detail(const AuditDetail& detail) {
  boost::json::object o;
  for (const auto& f : detail) o[f.key] = std::visit(FieldJson{}, f.value);
  return boost::json::serialize(o);
}

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
