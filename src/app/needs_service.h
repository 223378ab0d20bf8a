// The needs list (民意清单, SPEC §3 models 1, 4, 5): what residents ask for, in the open.
//
// A resident files a need (category, text, courtyard or place, photos); committee members and
// community staff may file one on a household's behalf from a door-to-door visit or a yard
// meeting (`source`). Other residents add their +1. The committee (or staff) triages it: into
// the service list (naming the plan item that will carry it), into a project (naming the
// proposal that starts it), or declined with a reason; a served or built need is then marked
// done. Each move is an event on the need's timeline, which the filer follows. domain/service.h
// holds the allowed moves.
//
// Who sees what. The compound's members (residents, committee, trustee, workers, staff,
// auditors) see the list with texts and places, the filer masked (王*). The public sees counts
// by category and status and response times only — a need's text can name a household.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/public_log.h"
#include "domain/error.h"
#include "store/needs_repo.h"

namespace xinyi::app {

inline constexpr std::size_t kMaxPhotos = 9;
inline constexpr std::size_t kMaxPhotoBytes = 5 * 1024 * 1024;

// A photo (JPEG or PNG, ≤ 5 MB) for a need or a work log: its sha256 to cite, type and size.
VoucherStored upload_photo(App& app, const Caller& who, CompoundId cid,
                           const std::string& content_type, const std::string& bytes);

// The rules of the routes that support (+1) and triage a need; a need's view says, in "can",
// which of these steps its caller may take now ("support", "move_to_<status>").
Rule needs_support_rule();
Rule needs_triage_rule();

// Issue 18: the use cases take and return the structs below; their JSON is in
// http/routes/needs.cc.
struct NeedInput {
  std::string category, body, place;
  std::optional<std::int64_t> courtyard_id;  // none: the filer's own courtyard
  std::string source = "resident";           // resident, visit, meeting or questionnaire
  std::vector<std::string> photos;           // hashes of uploaded photos
};
// What a member sees of a need: the need (its filer's name masked), the project that took it up,
// whether the caller filed or supported it, what the caller may do with it now ("can": "support",
// "move_to_<status>"), and (one need's page) its timeline.
struct NeedView {
  store::NeedRec need;
  std::optional<std::int64_t> project_id;
  bool mine = false, supported = false;
  std::vector<std::string> can;
  std::optional<std::vector<store::NeedEventRec>> timeline;
};
NeedView file_need(App& app, const Caller& who, CompoundId cid, const NeedInput& in);
NeedView support_need(App& app, const Caller& who, CompoundId cid, std::int64_t need_id);
// The need's page after the move, with its timeline.
struct TriageInput {
  std::string status;  // service, project, declined, done or open
  std::string note;    // required when declined
  std::optional<std::string> service_code;
  std::optional<std::int64_t> proposal_id;
};
NeedView triage_need(App& app, const Caller& who, CompoundId cid, std::int64_t need_id,
                     const TriageInput& in);
// The same writes in the caller's write transaction (the demo calls them directly). The need's id.
std::int64_t file_need_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                          const NeedInput& in);
void support_need_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                     std::int64_t need_id);
void triage_need_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                    std::int64_t need_id, const TriageInput& in);
// Members' list, newest first; `status`/`category` filter when non-empty; `mine` only the caller's.
std::vector<NeedView> list_needs(App& app, const Caller& who, CompoundId cid,
                                 const std::string& status, const std::string& category, bool mine);
// With its timeline.
NeedView get_need(App& app, const Caller& who, CompoundId cid, std::int64_t need_id);
// Public: counts by category and status, median hours to a first answer and days to done.
inline constexpr const char* kNeedStatuses[] = {"open", "service", "project", "declined", "done"};
struct NeedCounts {
  std::int64_t total = 0;
  std::vector<std::int64_t> by_status;  // parallel to kNeedStatuses
};
struct NeedsSummary {
  std::int64_t compound_id = 0, supporters = 0;
  NeedCounts all;
  std::vector<std::pair<std::string, NeedCounts>> categories;  // every category, in order
  std::int64_t answered = 0, median_hours_to_answer = 0;
  std::int64_t done = 0, median_days_to_done = 0;
};
NeedsSummary needs_summary(App& app, CompoundId cid);

// ---- cores shared with the work logs and the demo

// The photos (or attachments) a write cites: at most kMaxPhotos hashes of this compound's
// uploads, each kept once; a problem is added to `errs` (field "photos") and nothing returned.
std::vector<std::string> checked_uploads(store::Connection& c, std::int64_t cid,
                                         const std::vector<std::string>& hashes,
                                         std::vector<FieldError>& errs);
// The role a person acts in, for timelines that name a role rather than a person.
std::string acting_role(const Caller& who, std::int64_t cid);
// A renewal project took the need up (`to` = "project"), was settled ("done") or cancelled
// ("open": the need goes back on the list). Moves the need if its state allows, with a timeline
// event, and tells whoever filed it.
void need_follows_project(store::Connection& c, std::int64_t cid, std::int64_t need_id,
                          const std::string& project_title, const std::string& to,
                          const Caller& who, std::int64_t now);

}  // namespace xinyi::app
