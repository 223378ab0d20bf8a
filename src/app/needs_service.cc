#include "app/needs_service.h"

#include <map>

#include <set>
#include "domain/assert.h"

#include "app/notify.h"
#include "domain/ledger/merkle.h"
#include "domain/mask.h"
#include "domain/service.h"
#include "domain/text.h"
#include "domain/upload.h"
#include "store/auth_repo.h"
#include "store/governance_repo.h"
#include "store/ledger_repo.h"
#include "store/needs_repo.h"
#include "store/project_repo.h"
#include "store/registry_repo.h"
#include "store/work_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;

namespace {

constexpr std::size_t kMaxNeedChars = 1000;
constexpr std::size_t kMaxNoteChars = 500;
constexpr I kHourMs = 3600'000;

using store::NeedRec;

NeedRec require_need(Connection& c, I cid, I id) {
  auto n = store::get_need(c, cid, id);
  if (!n) throw_not_found("需求", "Need");
  return *n;
}

// A move the committee may make by hand: what the needs list allows, except taking a need back
// from a project — that is the project's to do, when it is cancelled (need_follows_project).
bool triage_may_move(service::NeedStatus from, service::NeedStatus to) {
  return service::can_move(from, to) &&
         !(from == service::NeedStatus::project && to == service::NeedStatus::open);
}

// What `who` may do with the need now, as support_need and triage_need decide it: "support"
// (a resident of the compound who did not file it, has not supported it, while it is open to
// support) and "move_to_<status>" for each move the needs list allows from where it stands
// (committee and staff, the rule of the triage route).
std::vector<std::string> need_steps(const NeedRec& n, const Caller& who, I cid, bool supported) {
  std::vector<std::string> can;
  const I me = who.user_id();
  const bool closed = n.status == "done" || n.status == "declined";
  if (needs_support_rule().allows(who.p(), cid) && me != n.filed_by && !closed && !supported)
    can.push_back("support");
  auto from = service::parse_need_status(n.status);
  if (from && needs_triage_rule().allows(who.p(), cid))
    for (auto to :
         {service::NeedStatus::service, service::NeedStatus::project, service::NeedStatus::declined,
          service::NeedStatus::done, service::NeedStatus::open})
      if (triage_may_move(*from, to))
        can.push_back("move_to_" + std::string(service::to_string(to)));
  return can;
}

NeedView need_view(Connection& c, NeedRec n, const Caller& who, I cid) {
  const I viewer = who.user_id();
  NeedView v;
  v.project_id = store::first_project_of_need(c, n.id);
  v.mine = viewer != 0 && viewer == n.filed_by;
  v.supported = viewer != 0 && store::has_supported(c, n.id, viewer);
  v.can = need_steps(n, who, cid, v.supported);
  n.filer_name = mask_name(n.filer_name);
  v.need = std::move(n);
  return v;
}

void add_event(Connection& c, I cid, I need_id, I at, const std::string& status,
               const std::string& note, I by, const std::string& role) {
  store::insert_need_event(c, cid, need_id, at, status, note, by, role);
}

NeedView need_detail(Connection& c, I cid, I id, const Caller& who) {
  NeedView v = need_view(c, require_need(c, cid, id), who, cid);
  v.timeline = store::list_need_events(c, id);
  return v;
}

}  // namespace

Rule needs_support_rule() { return Rule::in_compound({Role::resident}); }
Rule needs_triage_rule() { return Rule::in_compound({Role::committee, Role::staff}); }

std::string acting_role(const Caller& who, I cid) {
  const Principal* p = who.p();
  if (!p) return "";
  for (Role r :
       {Role::staff, Role::committee, Role::trustee, Role::worker, Role::auditor, Role::resident})
    if (p->has(cid, r)) return std::string(to_string(r));
  return p->is_admin ? "staff" : "";
}

std::vector<std::string> checked_uploads(Connection& c, I cid,
                                         const std::vector<std::string>& hashes,
                                         std::vector<FieldError>& errs) {
  if (hashes.size() > kMaxPhotos) {
    errs.push_back({"photos", "照片应为最多 9 张已上传照片的编号列表",
                    "photos must list at most 9 uploaded photos"});
    return {};
  }
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& h : hashes) {
    if (!ledger::from_hex(h) || !store::get_voucher(c, cid, h, false)) {
      errs.push_back({"photos", "有照片未上传或编号不对", "a photo was not uploaded here"});
      return {};
    }
    if (seen.insert(h).second) out.push_back(h);
  }
  return out;
}

VoucherStored upload_photo(App& app, const Caller& who, CompoundId compound,
                           const std::string& content_type, const std::string& bytes) {
  const I cid = compound.value;
  if (bytes.size() > kMaxPhotoBytes)
    throw Error(ErrorKind::too_large, "too-large", "照片超过 5 MB",
                "The photo is larger than 5 MB");
  auto sniffed = upload::sniff(content_type, bytes, false);
  if (!sniffed)
    throw Error(ErrorKind::unprocessable, "bad-photo-type", "照片只接受 JPEG 或 PNG 图片",
                "Photos must be JPEG or PNG images");
  const std::string mime = *sniffed;
  std::string sha = ledger::to_hex(ledger::sha256(bytes));
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    store::insert_voucher(c, cid, sha, mime, bytes, who.user_id(), app.clock_ms());
    audit(c, app, who, cid, "photo.upload", "voucher:" + sha,
          {{"size", static_cast<I>(bytes.size())}});
    return VoucherStored{sha, mime, static_cast<I>(bytes.size())};
  });
}

I file_need_in(Connection& c, App& app, const Caller& who, CompoundId compound,
               const NeedInput& in) {
  const I cid = compound.value;
  if (!service::valid_category(in.category))
    throw_invalid(
        {{"category",
          "类别应为 cleaning、greening、repairs、safety、parking、noise、facilities 或 other",
          "category must be cleaning, greening, repairs, safety, parking, noise, facilities or other"}});
  if (in.source != "resident" && in.source != "visit" && in.source != "meeting" &&
      in.source != "questionnaire")
    throw_invalid({{"source", "来源应为 resident、visit（入户走访）、meeting 或 questionnaire",
                    "source must be resident, visit, meeting or questionnaire"}});
  const std::string role = acting_role(who, cid);
  if (in.source != "resident" && role != "committee" && role != "staff")
    throw Error(
        ErrorKind::forbidden, "not-a-collector",
        "只有委员会和社区工作人员可以代录走访或会议收集的需求",
        "Only the committee and community staff record needs gathered on visits or at meetings");
  require_compound(c, cid);
  std::vector<FieldError> errs;
  std::vector<std::string> photos = checked_uploads(c, cid, in.photos, errs);
  auto courtyard = in.courtyard_id;
  if (courtyard && !store::get_courtyard(c, cid, *courtyard))
    errs.push_back({"courtyard_id", "本小区没有这个院落", "no such courtyard in this compound"});
  if (!errs.empty()) throw_invalid(std::move(errs));
  if (!courtyard)  // a resident's need is about their own courtyard unless they say otherwise
    courtyard = store::first_claimed_courtyard(c, cid, who.user_id());
  I now = app.clock_ms();
  I id = store::insert_need(
      c, cid,
      {courtyard.value_or(0), in.category, in.place, in.body, in.source, photos, who.user_id()},
      now);
  add_event(c, cid, id, now, "open", "", who.user_id(), role);
  audit(c, app, who, cid, "need.file", "need:" + std::to_string(id),
        {{"category", in.category}, {"source", in.source}});
  return id;
}

NeedView file_need(App& app, const Caller& who, CompoundId compound, const NeedInput& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    I id = file_need_in(c, app, who, compound, in);
    return need_view(c, require_need(c, cid, id), who, cid);
  });
}

void support_need_in(Connection& c, App& app, const Caller& who, CompoundId compound, I need_id) {
  const I cid = compound.value;
  auto n = require_need(c, cid, need_id);
  if (n.filed_by == who.user_id())
    throw Error(ErrorKind::conflict, "own-need", "这是您提出的需求，已计入",
                "You filed this need; it already counts you");
  if (n.status == "done" || n.status == "declined")
    throw Error(ErrorKind::conflict, "need-closed", "该需求已办结或不予采纳，不能再附议",
                "This need is closed");
  if (!store::has_supported(c, need_id, who.user_id())) {
    store::insert_support(c, cid, need_id, who.user_id(), app.clock_ms());
    audit(c, app, who, cid, "need.support", "need:" + std::to_string(need_id));
  }
}

NeedView support_need(App& app, const Caller& who, CompoundId compound, I need_id) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    support_need_in(c, app, who, compound, need_id);
    return need_view(c, require_need(c, cid, need_id), who, cid);
  });
}

void triage_need_in(Connection& c, App& app, const Caller& who, CompoundId compound, I need_id,
                    const TriageInput& in) {
  const I cid = compound.value;
  const auto to = service::parse_need_status(in.status);
  if (!to)
    throw_invalid({{"status", "状态应为 service、project、declined、done 或 open",
                    "status must be service, project, declined, done or open"}});
  if (to == service::NeedStatus::declined && in.note.empty())
    throw_invalid({{"note", "不予采纳时请写明理由", "a declined need needs a reason"}});
  auto n = require_need(c, cid, need_id);
  auto from = service::parse_need_status(n.status);
  if (!from || !triage_may_move(*from, *to))
    throw Error(ErrorKind::conflict, "bad-move",
                "需求不能从“" + n.status + "”改为“" + in.status + "”",
                "A need cannot move from " + n.status + " to " + in.status);
  std::vector<FieldError> errs;
  if (in.service_code && !store::plan_has_item(c, cid, *in.service_code))
    errs.push_back({"service_code", "服务清单中没有这一项", "no such item in the service plan"});
  if (in.proposal_id && !store::proposal_exists(c, cid, *in.proposal_id))
    errs.push_back({"proposal_id", "本小区没有这个议题", "no such proposal in this compound"});
  if (!errs.empty()) throw_invalid(std::move(errs));
  I now = app.clock_ms();
  const std::string status(service::to_string(*to));
  store::set_need_triage(c, need_id, status, now,
                         *to == service::NeedStatus::done || *to == service::NeedStatus::declined,
                         in.service_code, in.proposal_id);
  add_event(c, cid, need_id, now, status, in.note, who.user_id(), acting_role(who, cid));
  if (n.filed_by && n.filed_by != who.user_id()) {
    static const std::map<std::string, std::string> words{{"open", "重新受理"},
                                                          {"service", "纳入服务清单"},
                                                          {"project", "转为项目"},
                                                          {"declined", "不予采纳"},
                                                          {"done", "已办结"}};
    notify_user(
        c, cid, n.filed_by,
        Notice{"need", "您提出的需求" + words.at(status) + "：" + text::truncate(n.body, 20),
               in.note, "/c/" + std::to_string(cid) + "/needs", false},
        now);
  }
  audit(c, app, who, cid, "need.triage", "need:" + std::to_string(need_id),
        {{"from", n.status}, {"to", status}});
}

NeedView triage_need(App& app, const Caller& who, CompoundId compound, I need_id,
                     const TriageInput& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    triage_need_in(c, app, who, compound, need_id, in);
    return need_detail(c, cid, need_id, who);
  });
}

void need_follows_project(Connection& c, I cid, I need_id, const std::string& title,
                          const std::string& to_text, const Caller& who, I now) {
  auto n = require_need(c, cid, need_id);
  auto from = service::parse_need_status(n.status);
  auto to = service::parse_need_status(to_text);
  XINYI_ASSERT(to == service::NeedStatus::project || to == service::NeedStatus::done ||
               to == service::NeedStatus::open);
  static const std::map<std::string, std::pair<std::string, std::string>> words{
      {"project", {"已立项：", "转为项目："}},
      {"done", {"项目已决算：", "已办结："}},
      {"open", {"项目已取消：", "重新受理（项目取消）："}}};
  const auto& [note_prefix, title_prefix] = words.at(to_text);
  if (!from || !service::can_move(*from, *to)) return;
  bool closed = *to == service::NeedStatus::done;
  store::set_need_status(c, need_id, to_text, now, closed);
  add_event(c, cid, need_id, now, to_text, note_prefix + title, who.user_id(),
            acting_role(who, cid));
  if (n.filed_by && n.filed_by != who.user_id())
    notify_user(c, cid, n.filed_by,
                Notice{"need", "您提出的需求" + title_prefix + text::truncate(n.body, 20),
                       note_prefix + title, "/c/" + std::to_string(cid) + "/needs", false},
                now);
}

std::vector<NeedView> list_needs(App& app, const Caller& who, CompoundId compound,
                                 const std::string& status, const std::string& category,
                                 bool mine) {
  const I cid = compound.value;
  if (!status.empty() && !service::parse_need_status(status))
    throw_invalid({{"status", "没有这种状态", "no such status"}});
  if (!category.empty() && !service::valid_category(category))
    throw_invalid({{"category", "没有这种类别", "no such category"}});
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    std::vector<NeedView> out;
    for (auto& n : store::list_needs(c, cid, {status, category, mine ? who.user_id() : 0}))
      out.push_back(need_view(c, std::move(n), who, cid));
    return out;
  });
}

NeedView get_need(App& app, const Caller& who, CompoundId compound, I need_id) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) { return need_detail(c, cid, need_id, who); });
}

NeedsSummary needs_summary(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    NeedsSummary out;
    out.compound_id = cid;
    std::map<std::string, std::map<std::string, I>> counts;
    for (const auto& r : store::count_needs(c, cid)) {
      counts[r.category][r.status] = r.needs;
      out.all.total += r.needs;
      out.supporters += r.supporters;
    }
    for (auto cat : service::kNeedCategories) {
      NeedCounts n;
      for (const char* st : kNeedStatuses) {
        I k = counts[std::string(cat)][st];
        n.by_status.push_back(k);
        n.total += k;
      }
      out.categories.emplace_back(std::string(cat), std::move(n));
    }
    for (const char* st : kNeedStatuses) {
      I k = 0;
      for (auto& [cat, m] : counts) k += m.count(st) ? m.at(st) : 0;
      out.all.by_status.push_back(k);
    }
    std::vector<I> answer_hours, done_days;
    for (const auto& r : store::answered_need_times(c, cid)) {
      answer_hours.push_back((r.responded_at_ms - r.filed_at_ms + kHourMs / 2) / kHourMs);
      if (r.status == "done" && r.closed_at_ms)
        done_days.push_back((*r.closed_at_ms - r.filed_at_ms + 12 * kHourMs) / (24 * kHourMs));
    }
    out.answered = static_cast<I>(answer_hours.size());
    out.median_hours_to_answer = service::median(answer_hours);
    out.done = static_cast<I>(done_days.size());
    out.median_days_to_done = service::median(done_days);
    return out;
  });
}

}  // namespace xinyi::app
