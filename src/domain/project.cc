#include "domain/project.h"

#include <algorithm>
#include <set>
#include <utility>

#include "domain/assert.h"
#include "domain/ledger/books.h"
#include "domain/money.h"
#include "domain/text.h"

namespace xinyi::project {

namespace {
constexpr std::pair<Status, std::string_view> kStatus[] = {
    {Status::proposed, "proposed"},     {Status::budgeted, "budgeted"},
    {Status::contracted, "contracted"}, {Status::in_progress, "in_progress"},
    {Status::accepting, "accepting"},   {Status::accepted, "accepted"},
    {Status::settled, "settled"},       {Status::cancelled, "cancelled"},
};
constexpr std::pair<Source, std::string_view> kSource[] = {
    {Source::common, "common"},   {Source::courtyard_surplus, "courtyard_surplus"},
    {Source::charity, "charity"}, {Source::crowdfunding, "crowdfunding"},
    {Source::subsidy, "subsidy"},
};
}  // namespace

std::string_view to_string(Status s) {
  for (const auto& [k, v] : kStatus)
    if (k == s) return v;
  XINYI_ASSERT(false);
  return {};
}

std::optional<Status> parse_status(std::string_view s) {
  for (const auto& [k, v] : kStatus)
    if (v == s) return k;
  return std::nullopt;
}

std::string_view status_zh(Status s) {
  switch (s) {
    case Status::proposed:
      return "已立项";
    case Status::budgeted:
      return "已做预算";
    case Status::contracted:
      return "已签合同";
    case Status::in_progress:
      return "施工中";
    case Status::accepting:
      return "验收中";
    case Status::accepted:
      return "已验收";
    case Status::settled:
      return "已决算";
    case Status::cancelled:
      return "已取消";
  }
  return {};
}

bool allowed(Status s, Action a) {
  using S = Status;
  switch (a) {
    case Action::budget:
    case Action::link_vote:
    case Action::quote:
      return s == S::proposed || s == S::budgeted;
    case Action::contract:
      return s == S::budgeted || s == S::contracted;
    case Action::milestone:
      return s == S::contracted || s == S::in_progress;
    case Action::pay:
      return s == S::contracted || s == S::in_progress || s == S::accepting || s == S::accepted;
    case Action::pledge:
      return s != S::settled && s != S::cancelled;
    case Action::start_acceptance:
      return s == S::in_progress;
    case Action::signoff:
    case Action::close_acceptance:
      return s == S::accepting;
    case Action::settle:
      return s == S::accepted;
    case Action::cancel:
      return s == S::proposed || s == S::budgeted || s == S::contracted || s == S::in_progress;
  }
  return false;
}

std::string_view to_string(Source s) {
  for (const auto& [k, v] : kSource)
    if (k == s) return v;
  XINYI_ASSERT(false);
  return {};
}

std::optional<Source> parse_source(std::string_view s) {
  for (const auto& [k, v] : kSource)
    if (v == s) return k;
  return std::nullopt;
}

std::string_view cash_account(Source s) { return s == Source::charity ? "1002" : "1001"; }

std::int64_t total(const std::vector<Line>& lines) {
  std::int64_t t = 0;
  for (const auto& l : lines) t += l.budget_fen;  // each ≤ kMaxProjectFen, ≤ kMaxLines of them
  return t;
}

std::int64_t total(const std::vector<Funding>& funding) {
  std::int64_t t = 0;
  for (const auto& f : funding) t += f.amount_fen;
  return t;
}

std::vector<FieldError> check_budget(const std::vector<Line>& lines,
                                     const std::vector<Funding>& funding) {
  std::vector<FieldError> e;
  if (lines.empty() || lines.size() > kMaxLines)
    e.push_back({"lines", "预算应有 1–30 项", "a budget has 1 to 30 lines"});
  if (funding.empty() || funding.size() > kMaxSources)
    e.push_back({"funding", "资金来源应有 1–10 项", "a budget has 1 to 10 funding sources"});
  if (!e.empty()) return e;
  bool amounts_ok = true;
  std::int64_t charity_payable = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    std::string f = "lines[" + std::to_string(i) + "]";
    if (text::trim(l.name).empty() || text::length(l.name) > 60 || text::has_control(l.name))
      e.push_back({f + ".name", "名称应为 1–60 字", "name must be 1–60 characters"});
    if (l.budget_fen <= 0 || l.budget_fen > kMaxProjectFen) {
      e.push_back({f + ".budget_fen", "金额应大于 0 且不超过 10 亿元",
                   "must be positive and at most ¥1,000,000,000.00"});
      amounts_ok = false;
    }
    if (ledger::is_charity_use(l.account) && l.budget_fen > 0) charity_payable += l.budget_fen;
  }
  std::set<std::pair<Source, std::int64_t>> seen;
  std::int64_t charity = 0;
  for (std::size_t i = 0; i < funding.size(); ++i) {
    const auto& s = funding[i];
    std::string f = "funding[" + std::to_string(i) + "]";
    if (s.amount_fen <= 0 || s.amount_fen > kMaxProjectFen) {
      e.push_back({f + ".amount_fen", "金额应大于 0 且不超过 10 亿元",
                   "must be positive and at most ¥1,000,000,000.00"});
      amounts_ok = false;
    }
    if (s.source == Source::courtyard_surplus && s.courtyard_id <= 0)
      e.push_back(
          {f + ".courtyard_id", "院落结余须指明院落", "a courtyard's surplus names the courtyard"});
    if (!seen.insert({s.source, s.courtyard_id}).second)
      e.push_back({f + ".source", "同一资金来源重复", "the same source appears twice"});
    if (s.source == Source::charity && s.amount_fen > 0) charity += s.amount_fen;
  }
  if (amounts_ok && total(funding) != total(lines))
    e.push_back({"funding",
                 "资金来源合计 " + format_yuan(total(funding)) + " 与预算合计 " +
                     format_yuan(total(lines)) + " 不符",
                 "funding sums to " + format_yuan(total(funding)) + ", the lines to " +
                     format_yuan(total(lines))});
  if (amounts_ok && charity > charity_payable)
    e.push_back(
        {"funding",
         "慈善基金只能用于微更新、帮扶和公益活动：可用于这些用途的预算只有 " +
             format_yuan(charity_payable),
         "charity money pays only micro-renewal, aid and public activities: those lines come to " +
             format_yuan(charity_payable)});
  return e;
}

bool vote_required(const std::vector<Funding>& funding, std::int64_t threshold_fen) {
  std::int64_t common = 0;
  for (const auto& f : funding)
    if (f.source == Source::common) common += f.amount_fen;
  return common >= threshold_fen;
}

std::vector<FieldError> check_payment(const PaymentCheck& p) {
  std::vector<FieldError> e;
  if (p.amount_fen <= 0 || p.amount_fen > kMaxProjectFen) {
    e.push_back({"amount_fen", "金额应大于 0", "must be positive"});
    return e;
  }
  if (p.source == Source::charity && !ledger::is_charity_use(p.line_account))
    e.push_back({"source", "慈善基金只能用于微更新、帮扶和公益活动",
                 "charity money pays only micro-renewal, aid and public activities"});
  if (p.line_committed_fen + p.amount_fen > p.line_budget_fen)
    e.push_back({"amount_fen",
                 "超出该项预算：预算 " + format_yuan(p.line_budget_fen) + "，已用（含待批） " +
                     format_yuan(p.line_committed_fen),
                 "over the line's budget: " + format_yuan(p.line_budget_fen) + ", committed " +
                     format_yuan(p.line_committed_fen)});
  if (p.source_committed_fen + p.amount_fen > p.source_allocated_fen)
    e.push_back({"source",
                 "超出该资金来源的安排：安排 " + format_yuan(p.source_allocated_fen) +
                     "，已用（含待批） " + format_yuan(p.source_committed_fen),
                 "over the source's allocation: " + format_yuan(p.source_allocated_fen) +
                     ", committed " + format_yuan(p.source_committed_fen)});
  if (p.source_available_fen && p.amount_fen > *p.source_available_fen)
    e.push_back({"source",
                 "该资金来源目前只有 " +
                     format_yuan(std::max<std::int64_t>(0, *p.source_available_fen)) + " 可用",
                 "the source holds only " +
                     format_yuan(std::max<std::int64_t>(0, *p.source_available_fen)) + " now"});
  if (p.contract_committed_fen + p.amount_fen > p.contract_fen)
    e.push_back({"amount_fen",
                 "超出合同金额 " + format_yuan(p.contract_fen) + "（已付及待批 " +
                     format_yuan(p.contract_committed_fen) + "）",
                 "over the contract of " + format_yuan(p.contract_fen) + " (committed " +
                     format_yuan(p.contract_committed_fen) + ")"});
  return e;
}

std::vector<FieldError> check_pledge_payment(std::int64_t pledged, std::int64_t paid,
                                             std::int64_t amount) {
  XINYI_ASSERT(paid >= 0 && paid <= pledged);
  if (amount <= 0) return {{"amount_fen", "金额应大于 0", "must be positive"}};
  if (paid + amount > pledged)
    return {{"amount_fen",
             "超出认筹金额：认筹 " + format_yuan(pledged) + "，已缴 " + format_yuan(paid),
             "more than pledged: pledged " + format_yuan(pledged) + ", paid " + format_yuan(paid)}};
  return {};
}

std::string_view to_string(AcceptanceMode m) {
  return m == AcceptanceMode::questionnaire ? "questionnaire" : "committee";
}

std::optional<AcceptanceMode> parse_acceptance_mode(std::string_view s) {
  if (s == "questionnaire") return AcceptanceMode::questionnaire;
  if (s == "committee") return AcceptanceMode::committee;
  return std::nullopt;
}

bool questionnaire_accepts(const AcceptanceTally& t, int min_turnout_pct) {
  XINYI_ASSERT(t.agree >= 0 && t.agree <= t.responses && t.responses >= 0 &&
               t.responses <= t.households);
  XINYI_ASSERT(min_turnout_pct >= 0 && min_turnout_pct <= 100);
  if (t.responses == 0) return false;
  return t.responses * 100 >= static_cast<std::int64_t>(min_turnout_pct) * t.households &&
         2 * t.agree > t.responses;
}

bool may_close(const AcceptanceTally& t, std::int64_t now_ms, std::int64_t closes_at_ms) {
  return now_ms >= closes_at_ms || (t.households > 0 && t.responses >= t.households);
}

std::string_view to_string(Step s) {
  switch (s) {
    case Step::budget:
      return "budget";
    case Step::link_vote:
      return "link_vote";
    case Step::quote:
      return "quote";
    case Step::contract:
      return "contract";
    case Step::add_milestone:
      return "add_milestone";
    case Step::complete_milestone:
      return "complete_milestone";
    case Step::pay:
      return "pay";
    case Step::start_acceptance:
      return "start_acceptance";
    case Step::close_acceptance:
      return "close_acceptance";
    case Step::signoff:
      return "signoff";
    case Step::send_back:
      return "send_back";
    case Step::refund_crowdfunding:
      return "refund_crowdfunding";
    case Step::settle:
      return "settle";
    case Step::cancel:
      return "cancel";
    case Step::pledge:
      return "pledge";
    case Step::record_pledge_payment:
      return "record_pledge_payment";
  }
  XINYI_ASSERT(false);
  return {};
}

Action action_of(Step s) {
  switch (s) {
    case Step::budget:
      return Action::budget;
    case Step::link_vote:
      return Action::link_vote;
    case Step::quote:
      return Action::quote;
    case Step::contract:
      return Action::contract;
    case Step::add_milestone:
    case Step::complete_milestone:
      return Action::milestone;
    case Step::pay:
      return Action::pay;
    case Step::start_acceptance:
      return Action::start_acceptance;
    case Step::close_acceptance:
      return Action::close_acceptance;
    case Step::signoff:
    case Step::send_back:
      return Action::signoff;
    case Step::refund_crowdfunding:
    case Step::settle:
      return Action::settle;
    case Step::cancel:
      return Action::cancel;
    case Step::pledge:
    case Step::record_pledge_payment:
      return Action::pledge;
  }
  XINYI_ASSERT(false);
  return Action::budget;
}

Rule who_may(Step s) {
  using R = Role;
  switch (s) {
    // The committee proposes and the staff supervise; the trustee, who pays, quotes and
    // reports progress but never shapes the budget it pays against.
    case Step::budget:
    case Step::link_vote:
    case Step::contract:
    case Step::start_acceptance:
    case Step::close_acceptance:
    case Step::cancel:
      return Rule::in_compound({R::committee, R::staff});
    case Step::quote:
    case Step::add_milestone:
    case Step::complete_milestone:
      return Rule::in_compound({R::committee, R::trustee, R::staff});
    case Step::pay:
    case Step::refund_crowdfunding:
      return Rule::in_compound({R::trustee});
    // Acceptance by signature is the owners' representatives' alone.
    case Step::signoff:
    case Step::send_back:
      return Rule::in_compound({R::committee});
    case Step::settle:
    case Step::record_pledge_payment:
      return Rule::in_compound({R::committee, R::trustee});
    case Step::pledge:
      return Rule::in_compound({R::resident});
  }
  XINYI_ASSERT(false);
  return Rule::admin();
}

bool possible(const Facts& f, Step step) {
  XINYI_ASSERT(f.unsigned_quotes <= f.quotes && f.contracts <= f.quotes);
  XINYI_ASSERT(f.open_milestones <= f.milestones);
  if (!allowed(f.status, action_of(step))) return false;
  const bool committee_mode = f.mode == AcceptanceMode::committee;
  switch (step) {
    case Step::budget:
    case Step::link_vote:
      return true;
    case Step::start_acceptance:
      return f.milestones > 0 && f.open_milestones == 0 &&
             (!committee_mode || f.committee_members >= f.signoffs_required);
    case Step::settle:
      return f.pending_fen == 0 && f.crowd_unspent_fen <= 0;
    case Step::quote:
      return f.quotes < static_cast<std::int64_t>(kMaxQuotes);
    case Step::contract:
      return f.lines > 0 && f.unsigned_quotes > 0 && !f.vote_missing;
    case Step::add_milestone:
      return f.milestones < static_cast<std::int64_t>(kMaxMilestones);
    case Step::complete_milestone:
      return f.open_milestones > 0;
    case Step::pay:
      return f.lines > 0 && f.contracts > 0;
    case Step::close_acceptance:
      return !committee_mode && f.has_questionnaire;
    case Step::signoff:
      return committee_mode && !f.caller_signed_off;
    case Step::send_back:
      return committee_mode;
    case Step::refund_crowdfunding:
      return f.crowd_unspent_fen > 0 && f.crowd_pending_fen == 0;
    case Step::cancel:
      return f.paid_fen == 0;
    case Step::pledge:
      return f.crowdfund_goal_fen > 0 && f.caller_unpledged_units > 0;
    case Step::record_pledge_payment:
      return f.open_pledges > 0;
  }
  XINYI_ASSERT(false);
  return false;
}

bool members_only(Step s) { return s == Step::signoff || s == Step::send_back; }

std::vector<Step> next_steps(const Facts& f, const Principal* p, std::int64_t compound_id) {
  std::vector<Step> out;
  for (Step s : kAllSteps) {
    if (!possible(f, s) || !who_may(s).allows(p, compound_id)) continue;
    if (members_only(s) && !(p && p->has(compound_id, Role::committee))) continue;
    out.push_back(s);
  }
  return out;
}

}  // namespace xinyi::project
