// Announcements: what the committee, the trustee or the staff post to a compound, a courtyard
// or a managed area, and who of the audience has read (and, where asked, confirmed) them.
// Lookups by id take the compound too and find nothing for another compound's id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/notify_repo.h"
#include "store/sql.h"

namespace xinyi::store {

struct AnnouncementRec {
  std::int64_t id = 0, compound_id = 0;
  std::int64_t courtyard_id = 0, area_id = 0;  // 0: not limited to one (both 0: the compound)
  std::int64_t publish_at_ms = 0, expires_at_ms = 0, withdrawn_at_ms = 0,
               created_at_ms = 0;  // 0: none
  bool confirm_required = false, pinned = false, notified = false;
  std::string kind, title, body, poster_role;
  std::vector<std::string> attachments;  // hashes of uploaded files
  std::string scope_name;  // the courtyard's or the area's name; "" for the whole compound
};

struct NewAnnouncement {
  std::int64_t courtyard_id = 0, area_id = 0;  // 0: none
  std::string kind, title, body;
  std::vector<std::string> attachments;
  bool confirm_required = false, pinned = false;
  std::int64_t publish_at_ms = 0, expires_at_ms = 0;  // expires 0: never
  std::int64_t posted_by = 0;
  std::string poster_role;
};

std::int64_t insert_announcement(Connection& c, std::int64_t cid, const NewAnnouncement& a,
                                 std::int64_t now_ms);
std::optional<AnnouncementRec> get_announcement(Connection& c, std::int64_t cid, std::int64_t id);
// Pinned first, then newest; at most `limit`.
std::vector<AnnouncementRec> list_announcements(Connection& c, std::int64_t cid,
                                                std::int64_t limit);
void mark_withdrawn(Connection& c, std::int64_t id, std::int64_t now_ms);
void mark_notified(Connection& c, std::int64_t id);
// Announcements of any compound due to be announced (not yet, not withdrawn, publish time
// reached), oldest first, at most `limit`.
bool any_due_announcement(Connection& c, std::int64_t now_ms);
std::vector<AnnouncementRec> due_announcements(Connection& c, std::int64_t now_ms,
                                               std::int64_t limit);

// The announcement's audience: its courtyard's residents, its managed area's, or everyone's.
UnitAudience audience_of(const AnnouncementRec& a);
// Whether `user` claimed a unit of the audience.
bool in_audience(Connection& c, std::int64_t cid, const AnnouncementRec& a, std::int64_t user);

struct ReadMark {
  bool confirmed = false;
};
std::optional<ReadMark> get_read_mark(Connection& c, std::int64_t announcement_id,
                                      std::int64_t user);
// Records that `user` read it (and confirmed, if `confirm`); a second read changes nothing,
// a later confirmation is added once.
void record_read(Connection& c, std::int64_t cid, std::int64_t announcement_id, std::int64_t user,
                 bool confirm, std::int64_t now_ms);

// Per unit of the audience, by courtyard name then unit: whether anyone who claimed it has read
// or confirmed.
struct UnitReach {
  std::int64_t courtyard_id = 0;
  std::string courtyard_name;
  std::int64_t unit_id = 0;
  std::string unit_label;
  bool read = false, confirmed = false;
};
std::vector<UnitReach> audience_reach(Connection& c, std::int64_t cid, const AnnouncementRec& a);

}  // namespace xinyi::store
