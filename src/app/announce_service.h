// Announcements (公告): the committee, the trustee and community staff post to a compound, one
// courtyard or a managed area (片区); residents see those for where they live, newest first,
// pinned ones on top, between the publish and expiry times. A notice may ask each household to
// confirm it has read it (a water outage, a meeting); the poster sees, per courtyard, how many
// households have read and confirmed — and which have not, so a grid worker knows whose door to
// knock on. A household counts as read (confirmed) when anyone who has claimed it has.
//
// Publishing notifies the audience (in-app, and by text message when confirmation is asked);
// an announcement scheduled for later is announced by `publish_due`, which the server's
// background sender calls.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"

namespace xinyi::app {

// The rules of the routes: who posts and withdraws, who reads and confirms (the residents it is
// addressed to), who sees how many households it reached. An announcement's view says, in
// "can", which of "read", "confirm", "withdraw" and "stats" its caller may do now.
Rule announcement_manage_rule();
Rule announcement_reader_rule();
Rule announcement_stats_rule();

boost::json::object create_announcement(App& app, const Caller& who, std::int64_t cid,
                                        std::string_view body);
// The same, typed, in the caller's write transaction: the announcement's id.
struct AnnouncementInput {
  std::string title, body, kind = "notice";  // kind: notice, outage, meeting, vote or safety
  std::optional<std::int64_t> courtyard_id, area_id;  // at most one; none: the whole compound
  bool confirm_required = false, pinned = false;
  std::optional<std::int64_t> publish_at_ms, expires_at_ms;  // none: now, never
  std::vector<std::string> attachments;                      // hashes of uploaded files
};
std::int64_t create_announcement_in(store::Connection& c, App& app, const Caller& who,
                                    std::int64_t cid, const AnnouncementInput& in);
boost::json::object withdraw_announcement(App& app, const Caller& who, std::int64_t cid,
                                          std::int64_t id);
// What the caller may see: residents the published, unexpired ones for their courtyards; the
// committee, trustee, staff and auditors all of them, with counts.
boost::json::array list_announcements(App& app, const Caller& who, std::int64_t cid);
boost::json::object get_announcement(App& app, const Caller& who, std::int64_t cid,
                                     std::int64_t id);
boost::json::object read_announcement(App& app, const Caller& who, std::int64_t cid,
                                      std::int64_t id, bool confirm);
void read_announcement_in(store::Connection& c, App& app, const Caller& who, std::int64_t cid,
                          std::int64_t id, bool confirm);
// Per courtyard: households in the audience, read, confirmed, and the units not yet confirmed
// (or not yet read when no confirmation is asked).
boost::json::object announcement_stats(App& app, std::int64_t cid, std::int64_t id);
// Notifies the audiences of announcements whose publish time has come; returns how many.
std::int64_t publish_due(App& app);

}  // namespace xinyi::app
