// Registry use cases: the public view of compounds, and the committee's and operator's
// management of the hierarchy, units, people and roles.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "app/app.h"
#include "store/sql.h"

namespace xinyi::app {

inline constexpr std::int64_t kMaxPageSize = 500;

// Public (masked, no sign-in).
boost::json::array public_compounds(App& app);
boost::json::object public_compound(App& app, std::int64_t cid);
boost::json::array public_regions(App& app);

// Operator.
boost::json::object create_district(App& app, const Caller& who, std::string_view body);
boost::json::object create_street(App& app, const Caller& who, std::int64_t district_id,
                                  std::string_view body);
boost::json::object create_community(App& app, const Caller& who, std::int64_t street_id,
                                     std::string_view body);
boost::json::object create_compound(App& app, const Caller& who, std::int64_t community_id,
                                    std::string_view body);

// Compound management (committee, staff).
boost::json::object create_area(App& app, const Caller& who, std::int64_t cid,
                                std::string_view body);
boost::json::object create_courtyard(App& app, const Caller& who, std::int64_t cid,
                                     std::string_view body);
boost::json::object update_courtyard(App& app, const Caller& who, std::int64_t cid, std::int64_t id,
                                     std::string_view body);
boost::json::object create_building(App& app, const Caller& who, std::int64_t cid,
                                    std::string_view body);
boost::json::object create_unit(App& app, const Caller& who, std::int64_t cid,
                                std::string_view body);
boost::json::object update_unit(App& app, const Caller& who, std::int64_t cid, std::int64_t uid,
                                std::string_view body);
boost::json::object add_member(App& app, const Caller& who, std::int64_t cid, std::int64_t uid,
                               std::string_view body);
boost::json::object new_invite_code(App& app, const Caller& who, std::int64_t cid,
                                    std::int64_t uid);
// Private reads (committee, trustee, staff, auditor): full names and phones.
// `with_id_cards`: include each person's ID card last four (not for the trustee's roster).
boost::json::object list_units(App& app, std::int64_t cid, std::int64_t after_id,
                               std::int64_t limit, bool with_id_cards = true);
boost::json::object get_unit(App& app, std::int64_t cid, std::int64_t uid,
                             bool with_id_cards = true);
// Invite codes to print (committee, staff).
boost::json::array invite_codes(App& app, std::int64_t cid);
// Roles (operator, staff grant; committee, staff, auditor read): {grants, pending}.
boost::json::object list_roles(App& app, std::int64_t cid);
// A committee, trustee or staff role given directly waits for a second person (another staff
// member or the operator, neither the asker nor the grantee): `pending` and the request.
// Worker and auditor roles are granted at once. Either way audited, and the sitting committee
// is told. Committee roles also come from an established committee (vote_service).
struct RoleOutcome {
  bool pending = false;
  boost::json::object body;
};
RoleOutcome grant_role(App& app, const Caller& who, std::int64_t cid, std::string_view body);
boost::json::object confirm_role(App& app, const Caller& who, std::int64_t cid,
                                 std::int64_t request_id);
boost::json::object reject_role(App& app, const Caller& who, std::int64_t cid,
                                std::int64_t request_id);
// Ends a grant at once (kept in the public history with its dates).
boost::json::object revoke_role(App& app, const Caller& who, std::int64_t cid,
                                std::int64_t grant_id);
// The public view: who holds which role (names masked) since when, and roles that ended.
boost::json::object public_roles(store::Connection& c, std::int64_t cid);
// Audit log (auditor, staff).
boost::json::object list_audit(App& app, std::int64_t cid, std::int64_t before_id,
                               std::int64_t limit);

// CSV roster import (committee, staff). All or nothing: any bad row → 422 listing every bad
// row by line; `dry_run` checks without writing.
boost::json::object import_roster(App& app, const Caller& who, std::int64_t cid,
                                  std::string_view csv_bytes, bool dry_run);

}  // namespace xinyi::app
