// The needs list (民意清单): the needs residents (or, on their behalf, the committee and staff)
// file, who supports each (+1), and each need's timeline of events. Statuses are stored as
// their domain names (service::to_string) and the use cases parse them; photos as the JSON list
// app/needs_service.cc writes.
//
// A need is looked up with its compound (get_need) and finds nothing for another compound's id;
// its supporters and events are then reached through the need's id. Meetings' decisions and
// renewal projects move needs and add to their timelines through here too.
//
// Issue 18: this is the SQL that was in app/needs_service.cc (and what survey_service.cc and
// project_service.cc wrote or read of needs).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"

namespace xinyi::store {

struct NeedRec {
  std::int64_t id = 0, courtyard_id = 0, filed_by = 0;                  // courtyard, filer 0: none
  std::int64_t filed_at_ms = 0, responded_at_ms = 0, closed_at_ms = 0;  // 0: not yet
  std::int64_t proposal_id = 0;                                         // 0: none
  std::int64_t supporters = 0;
  std::string category, place, body, source, status;
  std::vector<std::string> photos;         // hashes of uploaded photos
  std::string service_code;                // the plan item that carries it; "": none
  std::string courtyard_name, filer_name;  // "": none; the name in full (the use case masks it)
};
std::optional<NeedRec> get_need(Connection& c, std::int64_t cid, std::int64_t id);
bool need_exists(Connection& c, std::int64_t cid, std::int64_t id);

struct NeedFilter {
  std::string status, category;  // "": any
  std::int64_t filed_by = 0;     // 0: anyone's
};
// Newest first; at most 500.
std::vector<NeedRec> list_needs(Connection& c, std::int64_t cid, const NeedFilter& f);

struct NewNeed {
  std::int64_t courtyard_id = 0;  // 0: none
  std::string category, place, body, source;
  std::vector<std::string> photos;
  std::int64_t filed_by = 0;
};
// A new need, status open: its id.
std::int64_t insert_need(Connection& c, std::int64_t cid, const NewNeed& n, std::int64_t now_ms);

// The committee's triage: the new status, answered now if not answered before, closed now when
// `closed` (else not closed), and the plan item or proposal that takes it up (nullopt: as
// before).
void set_need_triage(Connection& c, std::int64_t id, const std::string& status, std::int64_t now_ms,
                     bool closed, const std::optional<std::string>& service_code,
                     const std::optional<std::int64_t>& proposal_id);
// A move made by a renewal project: the same, without naming a plan item or proposal.
void set_need_status(Connection& c, std::int64_t id, const std::string& status, std::int64_t now_ms,
                     bool closed);

bool has_supported(Connection& c, std::int64_t need_id, std::int64_t user_id);
// Records the +1 and counts it on the need. REQUIRES: not has_supported.
void insert_support(Connection& c, std::int64_t cid, std::int64_t need_id, std::int64_t user_id,
                    std::int64_t at_ms);

struct NeedEventRec {
  std::int64_t at_ms = 0;
  std::string status, note, by_role;
};
// The timeline, in order.
std::vector<NeedEventRec> list_need_events(Connection& c, std::int64_t need_id);
// `by` 0: nobody (the demo); `by_role` the role they acted in ("" none).
void insert_need_event(Connection& c, std::int64_t cid, std::int64_t need_id, std::int64_t at_ms,
                       const std::string& status, const std::string& note, std::int64_t by,
                       const std::string& by_role);

// For the public summary: how many needs (and supporters) per category and status.
struct NeedCountRec {
  std::string category, status;
  std::int64_t needs = 0, supporters = 0;
};
std::vector<NeedCountRec> count_needs(Connection& c, std::int64_t cid);
// When each answered need was filed, answered and (if it was) closed, with its status.
struct NeedTimesRec {
  std::int64_t filed_at_ms = 0, responded_at_ms = 0;
  std::optional<std::int64_t> closed_at_ms;
  std::string status;
};
std::vector<NeedTimesRec> answered_need_times(Connection& c, std::int64_t cid);

// The first need of the compound with exactly this text; nullopt when none.
std::optional<std::int64_t> need_id_by_text(Connection& c, std::int64_t cid,
                                            const std::string& body);

}  // namespace xinyi::store
