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

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "store/announce_repo.h"

namespace xinyi::app {

// The rules of the routes: who posts and withdraws, who reads and confirms (the residents it is
// addressed to), who sees how many households it reached. An announcement's view says, in
// "can", which of "read", "confirm", "withdraw" and "stats" its caller may do now.
Rule announcement_manage_rule();
Rule announcement_reader_rule();
Rule announcement_stats_rule();

// Issue 18: the use cases take and return the structs below; their JSON is in
// http/routes/announcements.cc.
struct AnnouncementInput {
  std::string title, body, kind = "notice";  // kind: notice, outage, meeting, vote or safety
  std::optional<std::int64_t> courtyard_id, area_id;  // at most one; none: the whole compound
  bool confirm_required = false, pinned = false;
  std::optional<std::int64_t> publish_at_ms, expires_at_ms;  // none: now, never
  std::vector<std::string> attachments;                      // hashes of uploaded files
};
// How many households of the audience it reached, per courtyard; `not_reached` (the stats page
// only) lists the units not yet confirmed (or not yet read when no confirmation is asked).
struct CourtyardReach {
  std::int64_t courtyard_id = 0;
  std::string name;
  std::int64_t households = 0, read = 0, confirmed = 0;
  std::optional<std::vector<std::string>> not_reached;
};
struct Reach {
  std::int64_t households = 0, read = 0, confirmed = 0;
  std::vector<CourtyardReach> courtyards;
};
// An announcement as the caller sees it: its status now, the caller's own read mark (signed in),
// what the caller may do ("read", "confirm", "withdraw", "stats"), and for those who manage
// announcements how many households it reached.
struct AnnouncementView {
  store::AnnouncementRec announcement;
  std::string status;  // published, scheduled, expired or withdrawn
  bool signed_in = false;
  std::optional<store::ReadMark> mark;
  std::vector<std::string> can;
  std::optional<Reach> counts;
};
AnnouncementView create_announcement(App& app, const Caller& who, CompoundId cid,
                                     const AnnouncementInput& in);
// The same in the caller's write transaction: the announcement's id.
std::int64_t create_announcement_in(store::Connection& c, App& app, const Caller& who,
                                    CompoundId cid, const AnnouncementInput& in);
AnnouncementView withdraw_announcement(App& app, const Caller& who, CompoundId cid,
                                       std::int64_t id);
// What the caller may see: residents the published, unexpired ones for their courtyards; the
// committee, trustee, staff and auditors all of them, with counts.
std::vector<AnnouncementView> list_announcements(App& app, const Caller& who, CompoundId cid);
AnnouncementView get_announcement(App& app, const Caller& who, CompoundId cid, std::int64_t id);
AnnouncementView read_announcement(App& app, const Caller& who, CompoundId cid, std::int64_t id,
                                   bool confirm);
void read_announcement_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                          std::int64_t id, bool confirm);
// Per courtyard: households in the audience, read, confirmed, and the units not yet confirmed
// (or not yet read when no confirmation is asked).
struct AnnouncementStats {
  std::int64_t id = 0;
  bool confirm_required = false;
  Reach reach;  // with not_reached
};
AnnouncementStats announcement_stats(App& app, CompoundId cid, std::int64_t id);
// Notifies the audiences of announcements whose publish time has come; returns how many.
std::int64_t publish_due(App& app);

}  // namespace xinyi::app
