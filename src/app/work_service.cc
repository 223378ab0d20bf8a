#include "app/work_service.h"

#include <chrono>
#include <map>
#include <set>

#include "app/books.h"
#include "app/needs_service.h"
#include "app/notify.h"
#include "domain/assert.h"
#include "domain/billing.h"
#include "domain/ledger/books.h"
#include "domain/mask.h"
#include "domain/service.h"
#include "domain/text.h"
#include "store/auth_repo.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"
#include "store/work_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;
using service::PlanItem;

namespace {

constexpr I kMaxBackdateMs = 7 * service::kDayMs;  // a visit is logged within a week
constexpr std::size_t kMaxDoneChars = 500;

std::string month_of(I ms) { return china_date(ms).substr(0, 7); }

billing::Month require_month(const std::string& text, const char* field) {
  auto m = billing::Month::parse(text);
  if (!m) throw_invalid({{field, "月份应写成 2026-10", "a month is written 2026-10"}});
  return *m;
}

struct Plan {
  I id = 0, version = 0;
  std::string effective_from;
  std::vector<PlanItem> items;
};

std::vector<PlanItem> load_items(Connection& c, I plan_id) {
  std::vector<PlanItem> out;
  for (auto& r : store::list_plan_items(c, plan_id)) {
    PlanItem i;
    i.code = r.code, i.role = r.role, i.tasks = r.tasks, i.standard = r.standard;
    i.frequency = service::parse_frequency(r.frequency).value_or(service::Frequency::per_week);
    i.visits = static_cast<int>(r.visits), i.minutes_per_visit = r.minutes_per_visit,
    i.rate_fen_per_hour = r.rate_fen_per_hour;
    i.expense_account = r.expense_account;
    out.push_back(std::move(i));
  }
  return out;
}

// The plan version in effect in `month`, if any.
std::optional<Plan> plan_for(Connection& c, I cid, const std::string& month) {
  auto r = store::plan_in_effect(c, cid, month);
  if (!r) return std::nullopt;
  Plan p{r->id, r->version, r->effective_from, load_items(c, r->id)};
  return p;
}

const PlanItem* find_item(const Plan& p, const std::string& code) {
  for (const auto& i : p.items)
    if (i.code == code) return &i;
  return nullptr;
}

void refuse_if_posted(Connection& c, I cid, const std::string& month) {
  if (store::month_posted(c, cid, month))
    throw Error(ErrorKind::conflict, "month-posted", month + " 的服务工时已入账，不能再更改",
                "The service hours of " + month + " are posted; they cannot change");
}

int review_window(Connection& c, I cid) {
  return static_cast<int>(store::review_window_days(c, cid));
}

using store::WorkLogRec;

WorkLogRec require_log(Connection& c, I cid, I id) {
  auto l = store::get_work_log(c, cid, id);
  if (!l) throw_not_found("服务记录", "Visit");
  return *l;
}

service::Visit visit_of(Connection& c, I log_id, I minutes) {
  service::Visit v;
  v.minutes = minutes;
  for (const auto& r : store::count_reviews(c, log_id)) {
    int n = static_cast<int>(r.count);
    if (r.verdict == "confirm")
      v.confirmations += n;
    else if (r.resolution == "upheld")
      v.upheld_disputes += n;
    else if (r.resolution == "dismissed")
      v.dismissed_disputes += n;
    else
      v.open_disputes += n;
  }
  return v;
}

// The unit through which the caller lives in a courtyard, if they do.
std::optional<I> resident_unit(Connection& c, I cid, I user, I courtyard_id) {
  return store::first_claimed_unit_in(c, cid, user, courtyard_id);
}

VisitView visit_view(Connection& c, I cid, WorkLogRec l, int window, I viewer, I now,
                     const Plan* plan) {
  VisitView out;
  out.reviews = visit_of(c, l.id, l.minutes);
  const auto& v = out.reviews;
  std::optional<Plan> own;
  if (!plan && (own = plan_for(c, cid, l.month))) plan = &*own;
  const PlanItem* item = plan ? find_item(*plan, l.item_code) : nullptr;
  bool open = l.checked_out && !l.voided && service::review_open(l.review_from_ms, window, now);
  out.status = l.voided          ? "voided"
               : !l.checked_out  ? "in_progress"
               : v.open_disputes ? "disputed"
               : open            ? "in_review"
                                 : "settled";
  out.role = item ? item->role : l.item_code;
  out.standard = item ? item->standard : "";
  out.counts = l.checked_out && !l.voided && service::counts(v);
  out.review_until_ms = l.checked_out ? l.review_from_ms + window * service::kDayMs : 0;
  out.mine = viewer == l.worker_id;
  if (viewer) {
    out.signed_in = true;
    out.my_review = store::get_review(c, l.id, viewer);
    out.can_review = open && viewer != l.worker_id &&
                     resident_unit(c, cid, viewer, l.courtyard_id).has_value() &&
                     !(out.my_review && !out.my_review->resolution.empty());
  }
  l.worker_name = mask_name(l.worker_name);
  out.log = std::move(l);
  return out;
}

}  // namespace

// ---- plans ---------------------------------------------------------------------------------

std::pair<I, I> insert_plan(Connection& c, I cid, const std::string& from, const std::string& note,
                            const std::vector<PlanItem>& items, I by, I now) {
  I version = store::next_plan_version(c, cid);
  I plan_id = store::insert_service_plan(
      c, cid, {version, from, note, service::monthly_cost_fen(items), by}, now);
  for (std::size_t n = 0; n < items.size(); ++n) {
    const auto& i = items[n];
    store::insert_plan_item(
        c, cid, plan_id, static_cast<I>(n),
        {i.code, i.role, i.tasks, i.standard, std::string(service::to_string(i.frequency)),
         static_cast<I>(i.visits), i.minutes_per_visit, i.rate_fen_per_hour, i.expense_account});
  }
  return {plan_id, version};
}

PlanView publish_plan(App& app, const Caller& who, CompoundId compound, const PlanInput& in) {
  const I cid = compound.value;
  const std::string& from = in.effective_from;
  const std::string& note = in.note;
  const auto& items = in.items;
  {
    std::vector<FieldError> errs;
    if (!billing::Month::parse(from))
      errs.push_back({"effective_from", "月份应写成 2026-12", "a month is written 2026-12"});
    if (items.size() > service::kMaxPlanItems)
      errs.push_back({"items", "最多 50 项", "at most 50 items"});
    for (auto& fe : service::check_plan(items)) errs.push_back(fe);
    if (!errs.empty()) throw_invalid(std::move(errs));
  }
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    auto chart = store::load_chart(c, cid);
    std::vector<FieldError> errs;
    for (std::size_t n = 0; n < items.size(); ++n) {
      const auto* a = ledger::find_account(chart, items[n].expense_account);
      if (!a || a->type != ledger::AccountType::expense)
        errs.push_back({"items[" + std::to_string(n) + "].expense_account", "必须是费用科目",
                        "must be an expense account"});
    }
    if (!errs.empty()) throw_invalid(std::move(errs));
    auto last_used = store::last_used_month(c, cid);
    if (last_used && from <= *last_used)
      throw Error(
          ErrorKind::conflict, "plan-month-used",
          "新版服务清单只能从 " + *last_used + " 之后的月份起生效（该月已有服务记录）",
          "A new plan can take effect only after " + *last_used + ", which already has visits");
    if (store::plan_takes_effect_in(c, cid, from))
      throw Error(ErrorKind::conflict, "plan-exists", "该月起生效的服务清单已存在",
                  "A plan already takes effect in that month");
    I cost = service::monthly_cost_fen(items);
    auto [plan_id, version] = insert_plan(c, cid, from, note, items, who.user_id(), app.clock_ms());
    audit(c, app, who, cid, "service_plan.publish", "plan:" + std::to_string(plan_id),
          {{"version", version}, {"effective_from", from}, {"monthly_cost_fen", cost}});
    PlanView out;
    out.id = plan_id, out.version = version, out.effective_from = from, out.note = note;
    out.monthly_cost_fen = Fen{cost}, out.items = items;
    return out;
  });
}

std::vector<PlanView> list_plans(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    std::vector<PlanView> out;
    std::string current = month_of(app.clock_ms());
    auto in_effect = plan_for(c, cid, current);
    for (const auto& p : store::list_service_plans(c, cid))
      out.push_back(PlanView{p.id, p.version, p.effective_from, p.note, Fen{p.monthly_cost_fen},
                             p.published_at_ms, in_effect && in_effect->id == p.id,
                             load_items(c, p.id)});
    return out;
  });
}

// ---- work logs -----------------------------------------------------------------------------

I check_in_core(Connection& c, I cid, I worker, I courtyard_id, const std::string& code, I at) {
  std::string month = month_of(at);
  refuse_if_posted(c, cid, month);
  auto plan = plan_for(c, cid, month);
  if (!plan || !find_item(*plan, code))
    throw_invalid({{"item_code", "当月服务清单中没有这一项",
                    "no such item in the plan in effect that month"}});
  if (!store::get_courtyard(c, cid, courtyard_id))
    throw_invalid({{"courtyard_id", "本小区没有这个院落", "no such courtyard in this compound"}});
  return store::insert_work_log(c, cid, courtyard_id, code, worker, month, at);
}

void check_out_core(Connection& c, I cid, I log_id, I at, const std::string& done,
                    const std::vector<std::string>& photos, I recorded_at) {
  auto l = require_log(c, cid, log_id);
  XINYI_ASSERT(!l.checked_out && !l.voided);
  auto minutes = service::visit_minutes(l.checked_in_at_ms, at);
  if (!minutes)
    throw_invalid({{"checked_out_at", "离开时间应在到达后 1 分钟到 12 小时之内",
                    "check-out must be 1 minute to 12 hours after check-in"}});
  // Residents get their whole window even for a visit logged after the fact.
  store::check_out_work_log(c, log_id, at, std::max(at, recorded_at), *minutes, done, photos);
  // The courtyard's residents (never the worker) are asked to confirm; in-app only.
  auto plan = plan_for(c, cid, l.month);
  const PlanItem* item = plan ? find_item(*plan, l.item_code) : nullptr;
  notify_units(c, cid, {.courtyard_id = l.courtyard_id, .except_user_id = l.worker_id},
               Notice{"visit",
                      "上门服务待确认：" + (item ? item->role : l.item_code) + "，" +
                          std::to_string(*minutes) + " 分钟",
                      text::truncate(done, 60), "/c/" + std::to_string(cid) + "/visits", false},
               std::max(at, recorded_at));
}

namespace {

// A worker is in one place at a time: [from, to) may not overlap any other visit of theirs,
// in any compound (to = 0: still open).
void refuse_overlap(Connection& c, I worker, I from, I to, I except_log) {
  // An open-ended visit (to = 0) overlaps anything that ends after it starts.
  const I end = to == 0 ? INT64_MAX : to;
  if (auto other = store::overlapping_work_log(c, worker, from, end, except_log))
    throw Error(ErrorKind::conflict, "overlapping-visit",
                "这段时间与您的另一次上门（记录 " + std::to_string(*other) + "）重叠",
                "This overlaps another visit of yours (visit " + std::to_string(*other) + ")");
}

// The trustee decides who does which item of the plan; a worker checks in under no other.
void require_assigned(Connection& c, I cid, I worker, const std::string& code) {
  if (!store::is_assigned(c, cid, code, worker))
    throw Error(ErrorKind::unprocessable, "not-assigned",
                "受托人没有安排您做这一项服务（" + text::truncate(code, 20) + "）",
                "The trustee has not assigned you to this item (" + text::truncate(code, 20) + ")",
                {{"item_code", "未安排给您", "not assigned to you"}});
}

}  // namespace

std::vector<store::AssignmentRec> list_assignments(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    return store::list_assignments(c, cid);
  });
}

std::vector<store::ItemWorkerRec> assign_worker_in(Connection& c, App& app, const Caller& who,
                                                   CompoundId compound, const AssignmentInput& in) {
  const I cid = compound.value;
  const std::string &code = in.item_code, &login = in.login;
  const bool assigned = in.assigned;
  require_compound(c, cid);
  if (!store::plan_has_item(c, cid, code))
    throw_invalid({{"item_code", "服务清单中没有这一项", "no such item in the service plan"}});
  auto u = store::find_user_by_login(c, login);
  if (!u) throw_not_found("用户", "User");
  if (!store::has_grant(c, cid, u->id, Role::worker))
    throw_invalid(
        {{"login", "此人不是本小区的服务人员", "this person is not a worker in this compound"}});
  if (assigned)
    store::assign_worker(c, cid, code, u->id, who.user_id(), app.clock_ms());
  else
    store::unassign_worker(c, cid, code, u->id);
  audit(c, app, who, cid, assigned ? "plan.assign" : "plan.unassign",
        "user:" + std::to_string(u->id), {{"item_code", code}});
  return store::list_item_workers(c, cid, code);
}

std::vector<store::ItemWorkerRec> assign_worker(App& app, const Caller& who, CompoundId compound,
                                                const AssignmentInput& in) {
  return app.db.write([&](Connection& c) { return assign_worker_in(c, app, who, compound, in); });
}

VisitView check_in(App& app, const Caller& who, CompoundId compound, const CheckInInput& in) {
  const I cid = compound.value;
  const I now = app.clock_ms();
  const I courtyard = in.courtyard_id;
  const std::string& code = in.item_code;
  const I at = in.checked_in_at_ms.value_or(now);
  const auto& out_at = in.checked_out_at_ms;
  const std::string& done = in.done;
  {
    std::vector<FieldError> errs;
    if (at > now + service::kMinuteMs || at < now - kMaxBackdateMs)
      errs.push_back({"checked_in_at", "到达时间应在最近 7 天内，且不晚于现在",
                      "check-in must be within the last 7 days and not in the future"});
    if (out_at && *out_at > now + service::kMinuteMs)
      errs.push_back(
          {"checked_out_at", "离开时间不能晚于现在", "check-out cannot be in the future"});
    if (out_at && done.empty())
      errs.push_back({"done", "请写明完成了哪些工作", "say what was done"});
    if (!errs.empty()) throw_invalid(std::move(errs));
  }
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    if (auto open = store::open_work_log(c, cid, who.user_id()))
      throw Error(ErrorKind::conflict, "already-checked-in",
                  "您还有一次上门没有签退（记录 " + std::to_string(*open) + "）",
                  "You are still checked in (visit " + std::to_string(*open) + ")");
    require_assigned(c, cid, who.user_id(), code);
    refuse_overlap(c, who.user_id(), at, out_at.value_or(0), 0);
    std::vector<FieldError> errs;
    auto photo_list = checked_uploads(c, cid, in.photos, errs);
    if (!errs.empty()) throw_invalid(std::move(errs));
    I id = check_in_core(c, cid, who.user_id(), courtyard, code, at);
    if (out_at) check_out_core(c, cid, id, *out_at, done, photo_list, now);
    audit(c, app, who, cid, "work_log.check_in", "work_log:" + std::to_string(id),
          {{"item_code", code}, {"courtyard_id", courtyard}});
    return visit_view(c, cid, require_log(c, cid, id), review_window(c, cid), who.user_id(), now,
                      nullptr);
  });
}

VisitView check_out(App& app, const Caller& who, CompoundId compound, I log_id,
                    const CheckOutInput& in) {
  const I cid = compound.value;
  const I now = app.clock_ms();
  const I at = in.checked_out_at_ms.value_or(now);
  const std::string& done = in.done;
  if (at > now + service::kMinuteMs)
    throw_invalid(
        {{"checked_out_at", "离开时间不能晚于现在", "check-out cannot be in the future"}});
  return app.db.write([&](Connection& c) {
    auto l = require_log(c, cid, log_id);
    if (l.worker_id != who.user_id()) throw_forbidden();
    if (l.checked_out || l.voided)
      throw Error(ErrorKind::conflict, "already-checked-out", "这次上门已经签退",
                  "This visit is already checked out");
    refuse_if_posted(c, cid, l.month);
    refuse_overlap(c, l.worker_id, l.checked_in_at_ms, at, log_id);
    std::vector<FieldError> errs;
    auto photo_list = checked_uploads(c, cid, in.photos, errs);
    if (!errs.empty()) throw_invalid(std::move(errs));
    check_out_core(c, cid, log_id, at, done, photo_list, now);
    audit(c, app, who, cid, "work_log.check_out", "work_log:" + std::to_string(log_id));
    return visit_view(c, cid, require_log(c, cid, log_id), review_window(c, cid), who.user_id(),
                      now, nullptr);
  });
}

VisitView void_log(App& app, const Caller& who, CompoundId compound, I log_id,
                   const std::string& reason) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    auto l = require_log(c, cid, log_id);
    std::string role = acting_role(who, cid);
    if (l.worker_id != who.user_id() && role != "committee" && role != "staff") throw_forbidden();
    if (l.voided)
      throw Error(ErrorKind::conflict, "already-voided", "这条记录已作废",
                  "This visit is already void");
    refuse_if_posted(c, cid, l.month);
    store::void_work_log(c, log_id);
    audit(c, app, who, cid, "work_log.void", "work_log:" + std::to_string(log_id),
          {{"reason", reason}});
    return visit_view(c, cid, require_log(c, cid, log_id), review_window(c, cid), who.user_id(),
                      app.clock_ms(), nullptr);
  });
}

std::vector<VisitView> list_visits(App& app, const Caller& who, CompoundId compound,
                                   const std::string& month, bool to_review, bool mine) {
  const I cid = compound.value;
  if (!month.empty()) require_month(month, "month");
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    I now = app.clock_ms();
    int window = review_window(c, cid);
    store::WorkLogFilter f;
    f.month = month;
    if (mine) f.worker_id = who.user_id();
    if (to_review)
      f.reviewer_id = who.user_id(), f.review_from_after_ms = now - window * service::kDayMs;
    std::map<std::string, std::optional<Plan>> plans;
    std::vector<VisitView> out;
    for (auto& l : store::list_work_logs(c, cid, f)) {
      if (!plans.count(l.month)) plans[l.month] = plan_for(c, cid, l.month);
      const auto& p = plans[l.month];
      out.push_back(
          visit_view(c, cid, std::move(l), window, who.user_id(), now, p ? &*p : nullptr));
    }
    return out;
  });
}

void review_visit_in(Connection& c, App& app, const Caller& who, CompoundId compound, I log_id,
                     const std::string& verdict, const std::string& reason) {
  const I cid = compound.value;
  if (verdict != "confirm" && verdict != "dispute")
    throw_invalid(
        {{"verdict", "应为 confirm（确认）或 dispute（有异议）", "must be confirm or dispute"}});
  if (verdict == "dispute" && reason.empty())
    throw_invalid({{"reason", "提出异议请写明理由", "a dispute needs a reason"}});
  auto l = require_log(c, cid, log_id);
  I now = app.clock_ms();
  if (l.worker_id == who.user_id())
    throw Error(ErrorKind::forbidden, "own-visit", "不能确认自己的上门服务",
                "You cannot review your own visit");
  auto unit = resident_unit(c, cid, who.user_id(), l.courtyard_id);
  if (!unit)
    throw Error(ErrorKind::forbidden, "not-this-courtyard", "只有本院落的居民可以确认或提出异议",
                "Only residents of this courtyard review its visits");
  if (l.voided || !l.checked_out)
    throw Error(ErrorKind::conflict, "not-reviewable", "这次上门尚未签退或已作废",
                "This visit is not checked out or is void");
  int window = review_window(c, cid);
  if (!service::review_open(l.review_from_ms, window, now))
    throw Error(
        ErrorKind::conflict, "review-closed",
        "确认期已过（签退后 " + std::to_string(window) + " 天内）",
        "The review window (" + std::to_string(window) + " days after check-out) has closed");
  auto prior = store::get_review(c, log_id, who.user_id());
  if (prior && !prior->resolution.empty())
    throw Error(ErrorKind::conflict, "review-resolved", "您的异议已由委员会处理，不能再更改",
                "Your dispute was resolved; it cannot change");
  if (prior)
    store::update_review(c, prior->id, verdict, reason, now);
  else
    store::insert_review(c, cid, log_id, who.user_id(), *unit, verdict, reason, now);
  audit(c, app, who, cid, "work_log.review", "work_log:" + std::to_string(log_id),
        {{"verdict", verdict}});
}

VisitView review_visit(App& app, const Caller& who, CompoundId compound, I log_id,
                       const std::string& verdict, const std::string& reason) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    review_visit_in(c, app, who, compound, log_id, verdict, reason);
    I now = app.clock_ms();
    int window = review_window(c, cid);
    auto l = require_log(c, cid, log_id);
    auto plan = plan_for(c, cid, l.month);
    return visit_view(c, cid, std::move(l), window, who.user_id(), now, plan ? &*plan : nullptr);
  });
}

std::vector<store::DisputeRec> list_disputes(App& app, CompoundId compound, bool open_only) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    auto out = store::list_disputes(c, cid, open_only);
    for (auto& d : out) d.resident_name = mask_name(d.resident_name);
    return out;
  });
}

I resolve_dispute_in(Connection& c, App& app, const Caller& who, CompoundId compound, I review_id,
                     const std::string& resolution, const std::string& note) {
  const I cid = compound.value;
  if (resolution != "upheld" && resolution != "dismissed")
    throw_invalid({{"resolution", "应为 upheld（异议成立，本次不计）或 dismissed（异议不成立）",
                    "must be upheld or dismissed"}});
  auto r = store::get_reviewed_visit(c, cid, review_id);
  if (!r || r->verdict != "dispute") throw_not_found("异议", "Dispute");
  if (!r->resolution.empty())
    throw Error(ErrorKind::conflict, "already-resolved", "该异议已处理",
                "This dispute is already resolved");
  refuse_if_posted(c, cid, r->month);
  I now = app.clock_ms();
  store::resolve_review(c, review_id, resolution, note, who.user_id(), now);
  audit(c, app, who, cid, "work_log.resolve", "work_log:" + std::to_string(r->log_id),
        {{"review", review_id}, {"resolution", resolution}});
  notify_user(c, cid, store::review_author(c, review_id),
              Notice{"visit",
                     std::string("您对上门服务的异议") +
                         (resolution == "upheld" ? "成立，本次工时不计入" : "经核实不成立"),
                     note, "/c/" + std::to_string(cid) + "/visits", false},
              now);
  return r->log_id;
}

DisputeResolved resolve_dispute(App& app, const Caller& who, CompoundId compound, I review_id,
                                const std::string& resolution, const std::string& note) {
  return app.db.write([&](Connection& c) {
    I log_id = resolve_dispute_in(c, app, who, compound, review_id, resolution, note);
    return DisputeResolved{review_id, log_id, resolution, note, app.clock_ms()};
  });
}

void set_review_window(App& app, const Caller& who, CompoundId compound, I days) {
  const I cid = compound.value;
  if (days < 1 || days > service::kMaxWindowDays)
    throw_invalid({{"days", "应为 1–" + std::to_string(service::kMaxWindowDays) + " 天",
                    "must be 1–" + std::to_string(service::kMaxWindowDays) + " days"}});
  app.db.write([&](Connection& c) {
    require_compound(c, cid);
    store::set_review_window_days(c, cid, days);
    audit(c, app, who, cid, "work_log.window", "compound:" + std::to_string(cid), {{"days", days}});
  });
}

// ---- the month: planned against delivered, and its posting ----------------------------------

namespace {

struct MonthData {
  std::optional<Plan> plan;
  std::vector<std::string> codes;                             // plan order, then unplanned codes
  std::map<std::string, std::vector<service::Visit>> visits;  // by item code
  std::map<std::pair<std::string, I>, I> counted_by_yard;  // (code, courtyard) → counted minutes
  I in_progress = 0, open_disputes = 0, last_review_until = 0;
};

MonthData load_month(Connection& c, I cid, const std::string& month) {
  MonthData d;
  d.plan = plan_for(c, cid, month);
  if (d.plan)
    for (const auto& i : d.plan->items) d.codes.push_back(i.code);
  int window = review_window(c, cid);
  for (const auto& r : store::list_month_visits(c, cid, month)) {
    const std::string& code = r.item_code;
    if (std::find(d.codes.begin(), d.codes.end(), code) == d.codes.end()) d.codes.push_back(code);
    if (!r.review_from_ms) {
      ++d.in_progress;
      continue;
    }
    auto v = visit_of(c, r.id, r.minutes);
    d.open_disputes += v.open_disputes;
    d.last_review_until =
        std::max(d.last_review_until, *r.review_from_ms + window * service::kDayMs);
    if (service::counts(v)) d.counted_by_yard[{code, r.courtyard_id}] += v.minutes;
    d.visits[code].push_back(v);
  }
  return d;
}

}  // namespace

ServiceMonth service_month(App& app, CompoundId compound, const std::string& month_text) {
  const I cid = compound.value;
  require_month(month_text, "month");
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    auto d = load_month(c, cid, month_text);
    ServiceMonth out;
    out.compound_id = cid, out.month = month_text;
    if (d.plan) out.plan_version = d.plan->version;
    auto& t = out.total;
    I confirmed = 0;
    for (const auto& code : d.codes) {
      const PlanItem* item = d.plan ? find_item(*d.plan, code) : nullptr;
      auto m = service::summarize(item, 0, d.visits[code]);
      t.planned_minutes += m.planned_minutes, t.planned_cost_fen += m.planned_cost_fen,
          t.delivered_minutes += m.delivered_minutes;
      t.counted_minutes += m.counted_minutes, t.cost_fen += m.cost_fen, t.visits += m.visits,
          confirmed += m.confirmed_visits;
      out.items.push_back(
          {code, item ? item->role : code, item != nullptr, item ? item->rate_fen_per_hour : 0, m});
    }
    t.confirmed_visits = confirmed;
    t.confirmation_permille = service::permille(confirmed, t.visits);
    out.in_progress = d.in_progress, out.open_disputes = d.open_disputes;
    out.review_until_ms = d.last_review_until;
    out.posting = store::get_service_posting(c, cid, month_text);
    I now = app.clock_ms();
    if (!out.posting) {
      if (month_text >= month_of(now)) out.blockers.push_back("month_not_over");
      if (d.in_progress) out.blockers.push_back("visits_in_progress");
      if (now < d.last_review_until) out.blockers.push_back("review_window_open");
      if (d.open_disputes) out.blockers.push_back("open_disputes");
    }
    return out;
  });
}

std::vector<ServiceMonth> service_months(App& app, CompoundId compound, I months) {
  auto last = *billing::Month::parse(month_of(app.clock_ms()));
  std::vector<ServiceMonth> series;
  for (I k = months - 1; k >= 0; --k)
    series.push_back(service_month(app, compound, last.plus(-static_cast<int>(k)).str()));
  return series;
}

ServicePosted post_month_core(Connection& c, I cid, const std::string& month, I now, I by) {
  require_month(month, "period");
  refuse_if_posted(c, cid, month);
  auto blocked = [&](std::string code, std::string zh, std::string en) {
    throw Error(ErrorKind::conflict, std::move(code), std::move(zh), std::move(en));
  };
  if (month >= month_of(now))
    blocked("month-not-over", month + " 还没有结束", month + " is not over yet");
  auto d = load_month(c, cid, month);
  if (!d.plan)
    blocked("no-plan", month + " 没有生效的服务清单", "No service plan was in effect in " + month);
  if (d.in_progress)
    blocked("visits-in-progress",
            month + " 还有 " + std::to_string(d.in_progress) + " 次上门未签退（请签退或作废）",
            std::to_string(d.in_progress) + " visits of " + month +
                " are not checked out (check out or void them)");
  if (now < d.last_review_until)
    blocked("review-window-open", "居民确认期到 " + china_date(d.last_review_until) + " 才结束",
            "Residents may review visits until " + china_date(d.last_review_until));
  if (d.open_disputes)
    blocked("open-disputes", "还有 " + std::to_string(d.open_disputes) + " 个异议待委员会处理",
            std::to_string(d.open_disputes) + " disputes await the committee");
  ledger::Transaction t;
  auto m = *billing::Month::parse(month);
  // Dated the month's last day, so the month's settlement and charts carry its cost.
  unsigned last_day = static_cast<unsigned>(std::chrono::year_month_day_last{
      std::chrono::year{m.year} / std::chrono::month{static_cast<unsigned>(m.month)} /
      std::chrono::last}
                                                .day());
  t.date = m.str() + "-" + std::to_string(last_day);
  t.kind = "service";
  std::string summary;
  I total = 0, minutes = 0;
  for (const auto& code : d.codes) {
    const PlanItem* item = find_item(*d.plan, code);
    if (!item) continue;  // a code dropped from the plan cannot have visits (check-in requires it)
    auto sm = service::summarize(item, 0, d.visits[code]);
    if (sm.cost_fen == 0) continue;
    std::vector<I> yards, weights;
    for (const auto& [key, mins] : d.counted_by_yard)
      if (key.first == code) yards.push_back(key.second), weights.push_back(mins);
    auto parts = billing::allocate(sm.cost_fen, weights);
    for (std::size_t k = 0; k < yards.size(); ++k) {
      if (parts[k] == 0) continue;
      t.postings.push_back({item->expense_account, parts[k], yards[k]});
      t.postings.push_back({"2001", -parts[k], yards[k]});
    }
    total += sm.cost_fen;
    minutes += sm.counted_minutes;
    std::string hours =
        std::to_string(sm.counted_minutes / 60) +
        (sm.counted_minutes % 60 ? "." + std::to_string(sm.counted_minutes % 60 * 100 / 60 / 10)
                                 : "");
    summary += (summary.empty() ? "" : "，") + item->role + " " + hours + " 小时";
  }
  t.description = std::to_string(m.year) + "年" + std::to_string(m.month) +
                  "月 钟点服务工时（经居民确认期）：" + summary;
  if (text::length(t.description) > ledger::kMaxDescriptionChars)
    t.description =
        std::to_string(m.year) + "年" + std::to_string(m.month) + "月 钟点服务工时（经居民确认期）";
  t.links = {{"service_month", m.year * 100 + m.month}};
  std::optional<I> idx;
  if (total > 0) {
    XINYI_ASSERT(t.postings.size() <= ledger::kMaxPostings);
    Appender ap(c, cid, now);
    idx = ap.append(std::move(t));
    ap.finish();
  }
  store::insert_service_posting(c, cid, {month, minutes, total, idx, by}, now);
  return ServicePosted{month, minutes, Fen{total}, idx};
}

ServicePosted post_service_month(App& app, const Caller& who, CompoundId compound,
                                 const std::string& period) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    auto out = post_month_core(c, cid, period, app.clock_ms(), who.user_id());
    audit(c, app, who, cid, "service.post", "period:" + period,
          {{"amount_fen", out.amount_fen}, {"minutes", out.minutes}});
    return out;
  });
}

}  // namespace xinyi::app
