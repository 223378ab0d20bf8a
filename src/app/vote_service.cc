#include "app/vote_service.h"

#include <algorithm>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "app/books.h"
#include "app/notify.h"
#include "app/public_log.h"
#include "auth/crypto.h"
#include "domain/assert.h"
#include "domain/billing.h"
#include "domain/ledger/books.h"
#include "domain/mask.h"
#include "domain/registry.h"
#include "domain/text.h"
#include "domain/vote.h"
#include "store/auth_repo.h"
#include "store/governance_repo.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"
#include "store/vote_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;

namespace {

constexpr std::size_t kMaxTitle = 100;
constexpr std::size_t kMaxBody = 4000;
constexpr I kMaxVoteLengthMs = 90LL * 24 * 3600 * 1000;  // a vote stays open at most 90 days

using store::VoteRec;

std::optional<VoteRec> load_vote(Connection& c, I cid, I id) { return store::get_vote(c, cid, id); }

VoteRec require_vote(Connection& c, I cid, I id) {
  auto v = load_vote(c, cid, id);
  if (!v) throw_not_found("表决", "Vote");
  return *v;
}

// The number an owner count or area must reach for two thirds of `total` (ceil(2·total/3)).
I two_thirds_of(I total) { return (2 * total + 2) / 3; }

Turnout turnout_of(Connection& c, const VoteRec& v) {
  auto t = store::turnout(c, v.id);
  I owners = t.voted_owners, area = t.voted_area_centi_m2;
  return Turnout{
      owners,
      area,
      t.paper_counted,
      t.paper_awaiting,
      v.total_owners,
      v.total_area_centi_m2,
      two_thirds_of(v.total_owners),
      two_thirds_of(v.total_area_centi_m2),
      vote::two_thirds(owners, v.total_owners) && vote::two_thirds(area, v.total_area_centi_m2)};
}

VoteView view_of(Connection& c, VoteRec v) {
  VoteView out;
  if (v.status != "draft") out.turnout = turnout_of(c, v);
  out.vote = std::move(v);
  return out;
}

// Candidates in an election (matter 3) are people: their names are masked for anyone who is
// not a member of the compound (SPEC §5), as the public committee list masks members.
bool is_member(const Caller& who, I cid) {
  if (!who.p()) return false;
  if (who.p()->is_admin) return true;
  for (Role r : kAllRoles)
    if (who.p()->has(cid, r)) return true;
  return false;
}
VoteRec as_seen(VoteRec v, bool member) {
  if (v.matter == 3 && v.kind == "choice" && !member)
    for (auto& o : v.options) o = mask_name(o);
  return v;
}

const Caller& clock_caller() {
  static const Caller nobody{};
  return nobody;
}

// The electors the caller speaks for as an owner (through claims as owner on their units).
std::vector<I> my_electors(Connection& c, I vote_id, I user_id, std::optional<I> unit_id) {
  std::vector<I> out;
  for (const auto& e : store::owned_electors(c, vote_id, user_id)) {
    if (unit_id && e.unit_id != *unit_id) continue;
    if (std::find(out.begin(), out.end(), e.no) == out.end()) out.push_back(e.no);
  }
  return out;
}

std::vector<std::string> elector_labels(Connection& c, I vote_id, I no) {
  std::vector<std::string> out;
  for (const auto& u : store::elector_units(c, vote_id, no))
    out.push_back(u.courtyard_name + " " + u.unit_label);
  return out;
}

std::vector<std::string> choice_labels(const VoteRec& v, const std::vector<int>& choices) {
  std::vector<std::string> out;
  for (int ch : choices) out.push_back(v.options[static_cast<std::size_t>(ch)]);
  return out;
}
// Checks choices against the vote's options: numbers in range, each once, at most `seats`.
void check_choices(const VoteRec& v, const std::vector<int>& choices) {
  const int alternatives = static_cast<int>(v.options.size());
  std::set<int> seen;
  for (int ch : choices) {
    if (ch < 0 || ch >= alternatives)
      throw_invalid({{"choices", "选项编号应在 0–" + std::to_string(alternatives - 1) + " 之间",
                      "option numbers run from 0 to " + std::to_string(alternatives - 1)}});
    if (!seen.insert(ch).second)
      throw_invalid({{"choices", "同一选项只能选一次", "an option can be chosen once"}});
  }
  if (static_cast<int>(choices.size()) > v.seats)
    throw_invalid({{"choices", "最多可选 " + std::to_string(v.seats) + " 项",
                    "at most " + std::to_string(v.seats) + " choices"}});
}

// The rules of a vote's window: in the future, at most 90 days away.
void check_closes_at(I closes_at, I now) {
  if (closes_at <= now || closes_at > now + kMaxVoteLengthMs)
    throw_invalid({{"closes_at", "截止时间应在现在之后、90 天以内",
                    "must be in the future, within 90 days"}});
}

void require_open_for_ballots(const VoteRec& v, I now) {
  if (v.status == "draft")
    throw Error(ErrorKind::conflict, "vote-not-open", "表决尚未开始", "The vote has not opened");
  if (v.status == "closed" || now >= v.closes_at_ms)
    throw Error(ErrorKind::conflict, "vote-closed", "表决已截止，不能再投票或改票",
                "The vote has closed; ballots can no longer be cast or changed");
}

}  // namespace

// ---- Cores.

I insert_vote(Connection& c, I cid, const NewVote& v, I by, I now) {
  store::NewVoteRec row;
  row.proposal_id = v.proposal_id, row.tender_id = v.tender_id;
  row.title = v.title, row.description = v.description, row.kind = v.kind;
  row.matter = v.matter, row.seats = v.seats, row.secret = v.secret;
  row.closes_at_ms = v.closes_at, row.created_by = by;
  I id = store::insert_vote(c, cid, row, now);
  std::vector<std::string> options =
      v.kind == "motion" ? std::vector<std::string>{"同意", "反对"} : v.options;
  for (std::size_t i = 0; i < options.size(); ++i) {
    I bid = i < v.option_bids.size() ? v.option_bids[i] : 0;
    store::insert_vote_option(c, cid, id, static_cast<I>(i), options[i], bid);
  }
  return id;
}

I open_vote_in(Connection& c, I cid, I vote_id, I now) {
  std::map<I, vote::UnitIn> units;
  for (const auto& u : store::list_unit_areas(c, cid))
    units[u.id] = vote::UnitIn{u.id, u.area_centi_m2, u.developer_held, {}};
  for (const auto& o : store::list_owners(c, cid)) {
    auto& keys = units[o.unit_id].owner_keys;
    keys.push_back("p:" + std::to_string(o.person_id));
    if (!o.phone.empty()) keys.push_back("tel:" + o.phone);
  }
  if (units.empty())
    throw Error(ErrorKind::conflict, "no-units", "本小区尚无房屋，无法确定投票人",
                "The compound has no units to form an electorate");
  if (units.size() > vote::kMaxElectors)
    throw Error(ErrorKind::too_large, "too-many-units", "房屋过多", "Too many units for one vote");
  std::vector<vote::UnitIn> list;
  for (auto& [id, u] : units) list.push_back(std::move(u));
  auto electors = vote::electorate(std::move(list));
  I total_area = 0;
  for (const auto& e : electors) {
    store::insert_elector(c, cid, vote_id, I{e.no}, e.area_centi_m2, e.developer);
    for (I u : e.unit_ids) store::insert_elector_unit(c, cid, vote_id, u, I{e.no});
    total_area += e.area_centi_m2;
  }
  store::mark_vote_open(c, vote_id, now, total_area, static_cast<I>(electors.size()));
  {
    auto v = require_vote(c, cid, vote_id);
    notify_units(c, cid, store::UnitAudience{},
                 Notice{"vote", "业主表决开始：" + v.title, "截止 " + china_date(v.closes_at_ms),
                        "/c/" + std::to_string(cid) + "/votes/" + std::to_string(vote_id), true},
                 now);
  }
  return static_cast<I>(electors.size());
}

std::string cast_in(Connection& c, I vote_id, I no, const std::vector<int>& choices,
                    const std::string& channel, const std::string& voucher, I now) {
  if (auto old = store::get_ballot(c, vote_id, no)) {
    store::update_ballot(c, vote_id, no, choices, channel, voucher, now);
    return old->receipt;
  }
  for (int attempt = 0;; ++attempt) {
    XINYI_ASSERT(attempt < 10);  // 32^10 codes: a clash is rare, ten in a row impossible
    std::string code = vote::receipt_code(auth::random_bytes(vote::kReceiptLength));
    if (store::receipt_taken(c, vote_id, code)) continue;
    store::insert_ballot(c, vote_id, no, code, choices, channel, voucher, now);
    return code;
  }
}

vote::Result close_vote_in(Connection& c, I cid, I vote_id, I now) {
  VoteRec v = require_vote(c, cid, vote_id);
  XINYI_ASSERT(v.status == "open");
  std::vector<vote::BallotIn> ballots;
  for (auto& b : store::counted_ballots(c, vote_id))
    ballots.push_back({b.area_centi_m2, std::move(b.choices)});
  auto kind = *vote::parse_kind(v.kind);
  auto res = vote::tally(kind, v.matter, static_cast<int>(v.options.size()), v.seats,
                         v.total_area_centi_m2, v.total_owners, ballots);
  store::record_result(c, vote_id, res, v.options, now);
  if (v.tender_id) {
    if (res.passed) {
      I bid = v.option_bid_ids[static_cast<std::size_t>(res.winners.front())];
      auto b = store::get_bid(c, cid, bid);
      XINYI_ASSERT(b.has_value());
      store::award_tender(c, v.tender_id, bid);
      // The winning bid becomes the compound's trust contract.
      store::set_trust_contract(c, cid, b->provider, b->remuneration_bp);
    } else {
      store::mark_tender_no_award(c, v.tender_id);
    }
  }
  if (v.proposal_id)
    store::set_proposal_status(c, v.proposal_id, res.passed ? "adopted" : "rejected");
  return res;
}

void require_passed_vote(Connection& c, I cid, I vote_id, std::initializer_list<int> matters,
                         const char* field) {
  auto v = load_vote(c, cid, vote_id);
  std::string names_zh, names_en;
  for (int m : matters) {
    names_zh += (names_zh.empty() ? "" : "、") + std::string("第") + std::to_string(m) + "项";
    names_en += (names_en.empty() ? "" : ", ") + std::to_string(m);
  }
  if (!v || v->status != "closed" || !v->passed ||
      std::find(matters.begin(), matters.end(), v->matter) == matters.end())
    throw_invalid({{field, "须引用本小区已通过的业主表决（事项 " + names_zh + "）",
                    "must cite a passed owners' vote of this compound on matter " + names_en}});
}

// ---- Proposals.

store::ProposalRec create_proposal_in(Connection& c, App& app, const Caller& who,
                                      CompoundId compound, const ProposalInput& in) {
  const I cid = compound.value;
  require_compound(c, cid);
  I id = store::insert_proposal(c, cid, in.title, in.body, who.user_id(), app.clock_ms());
  audit(c, app, who, cid, "proposal.create", "proposal:" + std::to_string(id),
        {{"title", in.title}});
  store::ProposalRec p;
  p.id = id, p.title = in.title, p.body = in.body, p.status = "open";
  return p;
}

store::ProposalRec create_proposal(App& app, const Caller& who, CompoundId compound,
                                   const ProposalInput& in) {
  return app.db.write([&](Connection& c) { return create_proposal_in(c, app, who, compound, in); });
}

std::vector<ProposalView> list_proposals(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    std::vector<ProposalView> out;
    for (auto& p : store::list_proposals(c, cid)) {
      auto votes = store::proposal_vote_ids(c, cid, p.id);
      out.push_back({std::move(p), std::move(votes)});
    }
    return out;
  });
}

store::CommentRec add_comment(App& app, const Caller& who, CompoundId compound, I proposal_id,
                              const std::string& body) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    auto status = store::proposal_status(c, cid, proposal_id);
    if (!status) throw_not_found("议题", "Proposal");
    if (*status != "open")
      throw Error(ErrorKind::conflict, "proposal-closed", "该议题已有结论，不再讨论",
                  "The proposal is decided; discussion is closed");
    const I now = app.clock_ms();
    I id = store::insert_comment(c, cid, proposal_id, who.user_id(), body, now);
    audit(c, app, who, cid, "proposal.comment", "proposal:" + std::to_string(proposal_id));
    return store::CommentRec{id, "", body, now};
  });
}

std::vector<store::CommentRec> list_comments(App& app, CompoundId compound, I proposal_id) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    if (!store::proposal_exists(c, cid, proposal_id)) throw_not_found("议题", "Proposal");
    auto out = store::list_comments(c, proposal_id);
    for (auto& k : out) k.author_name = mask_name(k.author_name);
    return out;
  });
}

// ---- Votes.

namespace {
// The rules of a new vote that a decoder cannot see: kind and options, seats, distinct labels.
void check_new_vote(const NewVote& v, I now) {
  std::vector<FieldError> errs;
  if (!vote::parse_kind(v.kind))
    errs.push_back({"kind", "应为 motion（议案）或 choice（选择）", "must be motion or choice"});
  if (v.kind == "choice" && v.options.size() < 2)
    errs.push_back(
        {"options", "选择型表决至少要有两个选项", "a choice needs at least two options"});
  if (v.kind == "motion" && !v.options.empty())
    errs.push_back({"options", "议案的选项固定为同意、反对、弃权",
                    "a motion's options are fixed: for, against, abstain"});
  if (v.kind == "motion" && v.seats != 1)
    errs.push_back({"seats", "议案只有一个结果", "a motion has one outcome"});
  if (v.kind == "choice" && v.seats > static_cast<int>(v.options.size()))
    errs.push_back({"seats", "应选人数不能多于选项数", "seats cannot exceed the options"});
  std::set<std::string> distinct(v.options.begin(), v.options.end());
  if (distinct.size() != v.options.size())
    errs.push_back({"options", "选项不能重复", "options must be distinct"});
  if (v.closes_at <= now || v.closes_at > now + kMaxVoteLengthMs)
    errs.push_back(
        {"closes_at", "截止时间应在现在之后、90 天以内", "must be in the future, within 90 days"});
  if (!errs.empty()) throw_invalid(std::move(errs));
}
}  // namespace

VoteView create_vote_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                        const NewVote& v, bool open_now) {
  const I cid = compound.value;
  const I now = app.clock_ms();
  check_new_vote(v, now);
  require_compound(c, cid);
  if (v.proposal_id && !store::proposal_exists(c, cid, v.proposal_id))
    throw_not_found("议题", "Proposal");
  I id = insert_vote(c, cid, v, who.user_id(), now);
  audit(c, app, who, cid, "vote.create", "vote:" + std::to_string(id),
        {{"title", v.title}, {"matter", v.matter}});
  if (open_now) {
    I n = open_vote_in(c, cid, id, now);
    audit(c, app, who, cid, "vote.open", "vote:" + std::to_string(id), {{"electors", n}});
  }
  return view_of(c, require_vote(c, cid, id));
}

VoteView create_vote(App& app, const Caller& who, CompoundId compound, const NewVote& v,
                     bool open_now) {
  return app.db.write(
      [&](Connection& c) { return create_vote_in(c, app, who, compound, v, open_now); });
}

VoteView open_vote(App& app, const Caller& who, CompoundId compound, I vote_id) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    VoteRec v = require_vote(c, cid, vote_id);
    I now = app.clock_ms();
    if (v.status != "draft")
      throw Error(ErrorKind::conflict, "vote-opened", "表决已经开始", "The vote is already open");
    if (v.closes_at_ms <= now)
      throw Error(ErrorKind::conflict, "vote-past", "截止时间已过，请新建表决",
                  "The closing time has passed; create a new vote");
    I n = open_vote_in(c, cid, vote_id, now);
    audit(c, app, who, cid, "vote.open", "vote:" + std::to_string(vote_id), {{"electors", n}});
    return view_of(c, require_vote(c, cid, vote_id));
  });
}

BallotCast cast_ballot(App& app, const Caller& who, CompoundId compound, I vote_id,
                       const BallotInput& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    VoteRec v = require_vote(c, cid, vote_id);
    check_choices(v, in.choices);
    I now = app.clock_ms();
    require_open_for_ballots(v, now);
    auto nos = my_electors(c, vote_id, who.user_id(), in.unit_id);
    if (nos.empty())
      throw Error(ErrorKind::forbidden, "not-an-owner",
                  "只有本次表决登记在册的业主才能投票（请先认领名下房屋）",
                  "Only owners on this vote's roll can vote (claim your unit first)");
    if (nos.size() > 1)
      throw_invalid({{"unit_id", "您代表多位业主，请指明房屋",
                      "You speak for more than one owner; name the unit"}});
    auto prev = store::get_ballot(c, vote_id, nos[0]);
    // Until the close, the owner's own online ballot prevails over any paper ballot entered for
    // them (as Shenzhen's rules have it): nobody can lock an owner out by voting for them on paper.
    std::string receipt = cast_in(c, vote_id, nos[0], in.choices, "online", "", now);
    store::set_ballot_entered_by(c, vote_id, nos[0], std::nullopt);
    if (prev && prev->channel == "paper") {
      // Every owner of the units learns their paper ballot was replaced.
      notify_units(c, cid, {.vote_id = vote_id, .elector_no = nos[0]},
                   Notice{"vote", "您的纸质选票已被在线投票取代：" + v.title,
                          "如不是您本人操作，请立即联系委员会",
                          "/c/" + std::to_string(cid) + "/votes/" + std::to_string(vote_id), true},
                   now);
    }
    // The audit entry says that this person voted, never what they chose.
    audit(c, app, who, cid, "vote.ballot", "vote:" + std::to_string(vote_id),
          {{"changed", prev.has_value()}});
    return BallotCast{vote_id, receipt, choice_labels(v, in.choices), prev.has_value(), now};
  });
}

PaperBallotEntered enter_paper_ballot_in(Connection& c, App& app, const Caller& who,
                                         CompoundId compound, I vote_id,
                                         const PaperBallotInput& in) {
  const I cid = compound.value;
  VoteRec v = require_vote(c, cid, vote_id);
  check_choices(v, in.choices);
  I now = app.clock_ms();
  require_open_for_ballots(v, now);
  if (!store::get_voucher(c, cid, in.voucher_sha256, false))
    throw_not_found("选票扫描件（请先上传）", "Ballot scan (upload it first)");
  auto no = store::elector_of_unit(c, vote_id, in.unit_id);
  if (!no) throw_not_found("投票人名册中的房屋", "Unit on the vote's roll");
  auto prev = store::get_ballot(c, vote_id, *no);
  if (prev && prev->channel == "online")
    throw Error(ErrorKind::conflict, "online-ballot", "该业主已在线投票，纸质选票不能覆盖",
                "The owner has voted online; a paper ballot cannot overwrite it");
  if (prev && !in.replace)
    throw Error(ErrorKind::conflict, "paper-ballot-exists",
                "该业主已有纸质选票；如为更正，请注明替换",
                "A paper ballot is already entered; set replace to correct it");
  // The scan is bound to this one ballot: the same file cannot stand for another owner's.
  auto bound = store::get_ballot_scan(c, cid, in.voucher_sha256);
  if (bound && (bound->vote_id != vote_id || bound->no != *no))
    throw Error(ErrorKind::conflict, "scan-in-use",
                "这份扫描件已是另一张选票的凭证，请上传这张选票自己的扫描件",
                "This scan is already another ballot's; upload this ballot's own scan");
  std::string receipt = cast_in(c, vote_id, *no, in.choices, "paper", in.voucher_sha256, now);
  store::set_ballot_entered_by(c, vote_id, *no, who.user_id());
  if (!bound) store::insert_ballot_scan(c, cid, in.voucher_sha256, vote_id, *no, v.secret, now);
  // For a secret vote the audit names the unit but neither the choice nor the scan (which shows
  // it).
  store::AuditDetail detail{{"unit_id", in.unit_id}, {"replaced", prev.has_value()}};
  if (!v.secret) {
    detail.push_back({"choices", choice_labels(v, in.choices)});
    detail.push_back({"voucher_sha256", in.voucher_sha256});
  }
  audit(c, app, who, cid, "vote.paper_ballot", "vote:" + std::to_string(vote_id), detail);
  // The owner learns at once, and can still vote online until the close, which prevails.
  notify_units(c, cid, {.vote_id = vote_id, .elector_no = *no},
               Notice{"vote", "委员会为您录入了一张纸质选票：" + v.title,
                      "如不是您本人的意思，截止前在线投票即以在线投票为准。回执码 " + receipt,
                      "/c/" + std::to_string(cid) + "/votes/" + std::to_string(vote_id), true},
               now);
  return {*no, receipt, prev.has_value(), now};
}

PaperBallotEntered enter_paper_ballot(App& app, const Caller& who, CompoundId compound, I vote_id,
                                      const PaperBallotInput& in) {
  return app.db.write(
      [&](Connection& c) { return enter_paper_ballot_in(c, app, who, compound, vote_id, in); });
}

std::vector<PaperBallotView> list_paper_ballots(App& app, CompoundId compound, I vote_id) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    VoteRec v = require_vote(c, cid, vote_id);
    std::vector<PaperBallotView> out;
    for (const auto& b : store::list_paper_ballots(c, vote_id))
      out.push_back(PaperBallotView{b.no, elector_labels(c, vote_id, b.no),
                                    choice_labels(v, b.choices), b.voucher_sha256, b.cast_at_ms,
                                    b.entered_by_name, b.countersigned_by_name, b.entered_by,
                                    b.countersigned_at_ms});
    return out;
  });
}

VoucherFile paper_ballot_scan(App& app, CompoundId compound, I vote_id, I ballot_no) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_vote(c, cid, vote_id);
    auto b = store::get_ballot(c, vote_id, ballot_no);
    if (!b || b->channel != "paper") throw_not_found("纸质选票", "Paper ballot");
    auto v = store::get_voucher(c, cid, b->voucher_sha256, true);
    if (!v) throw_not_found("选票扫描件", "Ballot scan");
    return VoucherFile{v->mime, v->bytes};
  });
}

void countersign_paper_ballot_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                                 I vote_id, I ballot_no, I seen_entered_at_ms) {
  const I cid = compound.value;
  VoteRec v = require_vote(c, cid, vote_id);
  I now = app.clock_ms();
  require_open_for_ballots(v, now);
  auto b = store::get_ballot(c, vote_id, ballot_no);
  if (!b || b->channel != "paper") throw_not_found("纸质选票", "Paper ballot");
  if (b->cast_at_ms != seen_entered_at_ms)
    throw Error(ErrorKind::conflict, "ballot-changed",
                "这张选票在您查看后被更改过，请重新核对扫描件",
                "This ballot changed after you looked at it; check its scan again");
  if (!b->entered_by)
    throw Error(ErrorKind::conflict, "second-person", "这张选票没有录入人记录，请重新录入后再复核",
                "This ballot has no recorded enterer; enter it again first");
  if (b->countersigned_by)
    throw Error(ErrorKind::conflict, "already-countersigned", "这张选票已经复核过了",
                "This ballot is already countersigned");
  if (b->entered_by && *b->entered_by == who.user_id())
    throw Error(ErrorKind::conflict, "second-person", "须由录入人以外的另一位委员或工作人员复核",
                "Someone other than the person who entered it must countersign");
  store::countersign_ballot(c, vote_id, ballot_no, who.user_id(), now);
  audit(c, app, who, cid, "vote.paper_countersign", "vote:" + std::to_string(vote_id),
        {{"ballot", ballot_no}});
}

void countersign_paper_ballot(App& app, const Caller& who, CompoundId compound, I vote_id,
                              I ballot_no, I seen_entered_at_ms) {
  // The countersignature is for the ballot as the signer saw it (its entry time, as listed):
  // a ballot replaced meanwhile is not countersigned by a click on the old one.
  app.db.write([&](Connection& c) {
    countersign_paper_ballot_in(c, app, who, compound, vote_id, ballot_no, seen_entered_at_ms);
  });
}

VoteView close_vote(App& app, const Caller& who, CompoundId compound, I vote_id) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    VoteRec v = require_vote(c, cid, vote_id);
    I now = app.clock_ms();
    if (v.status == "draft")
      throw Error(ErrorKind::conflict, "vote-not-open", "表决尚未开始", "The vote has not opened");
    if (v.status == "closed")
      throw Error(ErrorKind::conflict, "vote-closed", "表决已经结束", "The vote is already closed");
    if (now < v.closes_at_ms)
      throw Error(ErrorKind::conflict, "vote-running", "未到截止时间，不能提前结束表决",
                  "The vote cannot close before its closing time");
    auto res = close_vote_in(c, cid, vote_id, now);
    audit(c, app, who, cid, "vote.close", "vote:" + std::to_string(vote_id),
          {{"passed", res.passed}});
    return view_of(c, require_vote(c, cid, vote_id));
  });
}

std::vector<VoteView> list_votes(App& app, const Caller& who, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    std::vector<VoteView> out;
    for (I id : store::list_published_vote_ids(c, cid))
      out.push_back(view_of(c, as_seen(require_vote(c, cid, id), is_member(who, cid))));
    return out;
  });
}

VoteView get_vote(App& app, const Caller& who, CompoundId compound, I vote_id) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    VoteRec v = as_seen(require_vote(c, cid, vote_id), is_member(who, cid));
    if (v.status == "draft") throw_not_found("表决", "Vote");  // drafts are not public
    return view_of(c, std::move(v));
  });
}

VoteReceipts vote_receipts(App& app, CompoundId compound, I vote_id) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    VoteRec v = as_seen(require_vote(c, cid, vote_id), false);  // public
    if (v.status != "closed")
      throw Error(ErrorKind::conflict, "vote-running", "表决结束后公布选票回执",
                  "Receipts are published when the vote closes");
    VoteReceipts out;
    for (const auto& r : store::counted_receipts(c, vote_id))
      out.ballots.push_back({r.receipt, choice_labels(v, r.choices)});
    out.vote = std::move(v);
    return out;
  });
}

MyStanding my_ballot(App& app, const Caller& who, CompoundId compound, I vote_id) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    VoteRec v = require_vote(c, cid, vote_id);
    MyStanding out{vote_id, {}};
    for (I no : my_electors(c, vote_id, who.user_id(), std::nullopt)) {
      auto elector = store::get_elector(c, vote_id, no);
      MyElector e{elector_labels(c, vote_id, no), elector.area_centi_m2, elector.first_unit_id,
                  std::nullopt};
      if (auto b = store::get_ballot(c, vote_id, no))
        e.ballot = MyBallot{b->receipt,    choice_labels(v, b->choices),
                            b->choices,    b->channel,
                            b->cast_at_ms, b->counted()};
      out.electors.push_back(std::move(e));
    }
    return out;
  });
}

std::vector<RollLine> vote_roll(App& app, CompoundId compound, I vote_id) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    VoteRec v = require_vote(c, cid, vote_id);
    if (v.secret)
      throw Error(ErrorKind::forbidden, "secret-ballot", "无记名表决不公开个人选择",
                  "A secret vote does not show who chose what");
    if (v.status != "closed")
      throw Error(ErrorKind::conflict, "vote-running", "表决结束后公布投票记录",
                  "The roll is shown when the vote closes");
    std::vector<RollLine> out;
    for (const auto& r : store::counted_roll(c, vote_id))
      out.push_back({elector_labels(c, vote_id, r.no), choice_labels(v, r.choices), r.channel});
    return out;
  });
}

// ---- Committees.

store::CommitteeRec create_committee_in(Connection& c, App& app, const Caller& who,
                                        CompoundId compound, const CommitteeInput& in) {
  const I cid = compound.value;
  std::vector<FieldError> errs;
  if (in.kind != "pmc" && in.kind != "owners")
    errs.push_back({"kind", "应为 pmc（物管委）或 owners（业委会）", "must be pmc or owners"});
  if (in.min_size > in.max_size)
    errs.push_back({"max_size", "上限不能小于下限", "must not be below min_size"});
  if (in.kind == "owners" && !in.vote_id)
    errs.push_back({"vote_id", "业委会须由选举产生（第 3 项事项的表决）",
                    "an owners' committee comes from an election (a matter-3 vote)"});
  if (!errs.empty()) throw_invalid(std::move(errs));
  require_compound(c, cid);
  if (in.vote_id) require_passed_vote(c, cid, *in.vote_id, {3}, "vote_id");
  store::NewCommittee k{in.kind,
                        in.name,
                        in.min_size,
                        in.max_size,
                        in.term_from,
                        in.term_to,
                        in.vote_id.value_or(0),
                        who.user_id()};
  I id = store::insert_committee(c, cid, k, app.clock_ms());
  audit(c, app, who, cid, "committee.create", "committee:" + std::to_string(id),
        {{"kind", in.kind}, {"name", in.name}});
  store::CommitteeRec out;
  out.id = id, out.kind = in.kind, out.name = in.name, out.status = "forming";
  return out;
}

store::CommitteeRec create_committee(App& app, const Caller& who, CompoundId compound,
                                     const CommitteeInput& in) {
  return app.db.write(
      [&](Connection& c) { return create_committee_in(c, app, who, compound, in); });
}

PetitionSigned sign_petition(App& app, const Caller& who, CompoundId compound) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    I signed_units = 0;
    for (const auto& cl : store::list_claims(c, who.user_id())) {
      if (cl.compound_id != cid || cl.relation != "owner") continue;
      if (store::has_signature(c, cid, "pmc_application", cl.unit_id)) continue;
      store::insert_signature(c, cid, "pmc_application", cl.unit_id, app.clock_ms());
      ++signed_units;
    }
    if (signed_units == 0)
      throw Error(ErrorKind::conflict, "nothing-to-sign", "您名下没有尚未签名的房屋（仅业主可签）",
                  "No unit of yours is left to sign for (owners only)");
    audit(c, app, who, cid, "petition.sign", "petition:pmc_application", {{"units", signed_units}});
    return PetitionSigned{signed_units, store::count_signatures(c, cid, "pmc_application")};
  });
}

store::CommitteeMemberRec nominate_member_in(Connection& c, App& app, const Caller& who,
                                             CompoundId compound, I committee_id,
                                             const NomineeInput& in) {
  const I cid = compound.value;
  std::vector<FieldError> errs;
  if (!vote::parse_channel(in.channel))
    errs.push_back(
        {"channel",
         "应为 street_community（街道社区推荐）、owners_joint（业主联名推荐）或 self（自荐）",
         "must be street_community, owners_joint or self"});
  if (auto e = registry::check_name("name", in.name)) errs.push_back(*e);
  if (!errs.empty()) throw_invalid(std::move(errs));
  auto k = store::get_committee(c, cid, committee_id);
  if (!k) throw_not_found("委员会", "Committee");
  if (k->status != "forming")
    throw Error(ErrorKind::conflict, "committee-formed", "委员会已成立，不再提名",
                "The committee is formed; nominations are closed");
  std::optional<I> user;
  if (!in.login.empty()) {
    auto u = store::find_user_by_login(c, in.login);
    if (!u) throw_invalid({{"login", "没有这个账号", "No such account"}});
    user = u->id;
  }
  I id =
      store::insert_committee_member(c, cid, committee_id,
                                     store::NewCommitteeMember{in.name, in.channel, in.resident_rep,
                                                               in.affiliation, in.position, user},
                                     app.clock_ms());
  audit(c, app, who, cid, "committee.nominate", "committee:" + std::to_string(committee_id),
        {{"member", id}, {"channel", in.channel}});
  return store::CommitteeMemberRec{
      id,          mask_name(in.name), in.channel, in.resident_rep, in.affiliation,
      in.position, "nominated",        user};
}

store::CommitteeMemberRec nominate_member(App& app, const Caller& who, CompoundId compound,
                                          I committee_id, const NomineeInput& in) {
  return app.db.write(
      [&](Connection& c) { return nominate_member_in(c, app, who, compound, committee_id, in); });
}

CommitteeEstablished establish_committee_in(Connection& c, App& app, const Caller& who,
                                            CompoundId compound, I committee_id) {
  const I cid = compound.value;
  auto k = store::get_committee(c, cid, committee_id);
  if (!k) throw_not_found("委员会", "Committee");
  if (k->status != "forming")
    throw Error(ErrorKind::conflict, "committee-formed", "委员会已成立",
                "The committee is already formed");
  auto members = store::list_nominees(c, committee_id);
  int n = static_cast<int>(members.size()), reps = 0;
  for (auto& m : members) reps += m.resident_rep;
  if (auto breach = vote::check_committee(n, reps, static_cast<int>(k->min_size),
                                          static_cast<int>(k->max_size)))
    throw Error(ErrorKind::unprocessable, "committee-composition", breach->zh, breach->en);
  if (k->kind == "pmc" && store::count_signatures(c, cid, "pmc_application") == 0)
    throw Error(ErrorKind::unprocessable, "no-petition", "物管委须有业主联名申请",
                "A property management committee needs the owners' petition");
  if (k->kind == "owners") {
    // Every member must be a winner of the election it cites.
    VoteRec v = require_vote(c, cid, k->vote_id);
    XINYI_ASSERT(v.result.has_value());  // create_committee cited a closed, passed vote
    std::set<std::string> winners;
    for (int w : v.result->winners) winners.insert(v.options[static_cast<std::size_t>(w)]);
    for (auto& m : members)
      if (!winners.count(m.name))
        throw Error(ErrorKind::unprocessable, "not-elected", "成员须为选举中当选的候选人",
                    "Every member must be a winner of the election");
  }
  I now = app.clock_ms();
  // The committee this one succeeds ends. Its members' committee roles are not revoked here:
  // community staff revoke them (a role may rest on more than this committee).
  store::end_serving_committees(c, cid, k->kind);
  store::mark_committee_serving(c, committee_id, now);
  store::mark_nominees_serving(c, committee_id);
  // Members with an account get the committee role once a second person (another staff
  // member or the operator) confirms it, as any approving role: one account that establishes
  // a committee of its own nominees does not thereby hold the owners' side.
  I asked = 0;
  for (auto& m : members)
    if (auto u = m.user_id) {
      if (store::has_grant(c, cid, *u, Role::committee) ||
          store::has_pending_role_request(c, cid, *u, Role::committee))
        continue;
      store::insert_grant_request(c, cid, *u, Role::committee, who.user_id(), now, "committee");
      ++asked;
    }
  audit(c, app, who, cid, "committee.establish", "committee:" + std::to_string(committee_id),
        {{"members", n}, {"resident_reps", reps}, {"roles_awaiting_confirmation", asked}});
  return CommitteeEstablished{committee_id, n, reps, asked};
}

CommitteeEstablished establish_committee(App& app, const Caller& who, CompoundId compound,
                                         I committee_id) {
  return app.db.write(
      [&](Connection& c) { return establish_committee_in(c, app, who, compound, committee_id); });
}

std::vector<CommitteeView> list_committees(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    std::vector<CommitteeView> out;
    for (auto& k : store::list_committees(c, cid)) {
      CommitteeView view;
      view.members = store::list_committee_members(c, k.id);
      for (auto& m : view.members) {
        m.name = mask_name(m.name);
        view.resident_reps += m.resident_rep;
      }
      view.breach = vote::check_committee(
          static_cast<int>(view.members.size()), static_cast<int>(view.resident_reps),
          static_cast<int>(k.min_size), static_cast<int>(k.max_size));
      if (k.kind == "pmc")
        view.petition_households = store::count_signatures(c, cid, "pmc_application");
      view.committee = std::move(k);
      out.push_back(std::move(view));
    }
    return out;
  });
}

// ---- Tenders.

store::TenderRec create_tender_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                                  const TenderInput& in) {
  const I cid = compound.value;
  require_compound(c, cid);
  I id = store::insert_tender(c, cid, in.title, in.scope, in.criteria, in.closes_on, who.user_id(),
                              app.clock_ms());
  audit(c, app, who, cid, "tender.create", "tender:" + std::to_string(id), {{"title", in.title}});
  store::TenderRec t;
  t.id = id, t.title = in.title, t.scope = in.scope, t.criteria = in.criteria;
  t.status = "open", t.closes_on = in.closes_on;
  return t;
}

store::TenderRec create_tender(App& app, const Caller& who, CompoundId compound,
                               const TenderInput& in) {
  return app.db.write([&](Connection& c) { return create_tender_in(c, app, who, compound, in); });
}

store::BidRec add_bid_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                         I tender_id, const BidInput& in) {
  const I cid = compound.value;
  auto t = store::get_tender(c, cid, tender_id);
  if (!t) throw_not_found("比选", "Tender");
  if (t->status != "open")
    throw Error(ErrorKind::conflict, "tender-closed", "比选已进入表决或已结束，不再接受报价",
                "The tender is no longer taking bids");
  for (const auto& h : in.documents)
    if (!store::get_voucher(c, cid, h, false))
      throw_not_found("投标文件（请先上传）", "Bid document (upload it first)");
  I id = 0;
  try {
    id = store::insert_bid(c, cid, tender_id,
                           store::NewBid{in.provider, in.price_fen_per_m2_month, in.remuneration_bp,
                                         in.plan, in.documents, who.user_id()},
                           app.clock_ms());
  } catch (const store::ConstraintError&) {
    throw Error(ErrorKind::conflict, "bid-exists", "该服务商已报价",
                "This provider has already bid");
  }
  audit(c, app, who, cid, "tender.bid", "tender:" + std::to_string(tender_id),
        {{"bid", id}, {"provider", in.provider}});
  return store::BidRec{id,      in.provider, in.price_fen_per_m2_month, in.remuneration_bp,
                       in.plan, in.documents};
}

store::BidRec add_bid(App& app, const Caller& who, CompoundId compound, I tender_id,
                      const BidInput& in) {
  return app.db.write(
      [&](Connection& c) { return add_bid_in(c, app, who, compound, tender_id, in); });
}

VoteView put_tender_to_vote_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                               I tender_id, I closes_at_ms, bool secret) {
  const I cid = compound.value;
  const I now = app.clock_ms();
  check_closes_at(closes_at_ms, now);
  auto t = store::get_tender(c, cid, tender_id);
  if (!t) throw_not_found("比选", "Tender");
  if (t->status != "open")
    throw Error(ErrorKind::conflict, "tender-closed", "比选已进入表决或已结束",
                "The tender is already voted on or ended");
  NewVote v;
  v.title = "选聘物业服务：" + t->title;
  v.description = "在各家报价中选择一家（第 4 项事项：选聘物业服务企业）";
  v.matter = 4;
  v.kind = "choice";
  v.secret = secret;
  v.closes_at = closes_at_ms;
  v.tender_id = tender_id;
  for (const auto& b : store::list_bids_by_id(c, tender_id)) {
    v.options.push_back(b.provider);
    v.option_bids.push_back(b.id);
  }
  if (v.options.size() < 2)
    throw Error(ErrorKind::unprocessable, "too-few-bids", "至少要有两家报价才能比选",
                "A tender needs at least two bids");
  I id = insert_vote(c, cid, v, who.user_id(), now);
  I n = open_vote_in(c, cid, id, now);
  store::mark_tender_voting(c, tender_id, id);
  audit(c, app, who, cid, "tender.vote", "tender:" + std::to_string(tender_id),
        {{"vote", id}, {"electors", n}});
  return view_of(c, require_vote(c, cid, id));
}

VoteView put_tender_to_vote(App& app, const Caller& who, CompoundId compound, I tender_id,
                            I closes_at_ms, bool secret) {
  return app.db.write([&](Connection& c) {
    return put_tender_to_vote_in(c, app, who, compound, tender_id, closes_at_ms, secret);
  });
}

std::vector<TenderView> list_tenders(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    I area = store::units_area_centi_m2(c, cid);
    std::vector<TenderView> out;
    for (auto& t : store::list_tenders(c, cid)) {
      TenderView view;
      view.area_centi_m2 = area;
      for (auto& b : store::list_bids(c, t.id)) {
        const I monthly = billing::fee_amount(b.price_fen_per_m2_month, area, 1);
        const bool awarded = b.id == t.awarded_bid_id;
        view.bids.push_back({std::move(b), Fen{monthly}, awarded});
      }
      view.tender = std::move(t);
      out.push_back(std::move(view));
    }
    return out;
  });
}

I close_due_votes(App& app) {
  const I now = app.clock_ms();
  // A read first: the sender calls this every few seconds.
  auto due = app.db.read([&](Connection& c) { return store::votes_due_to_close(c, now); });
  I closed = 0;
  for (auto [cid, vid] : due) {
    // One transaction per vote, and a vote that cannot be closed (logged, tried again next
    // round) never holds up the others.
    try {
      closed += app.db.write([&](Connection& c) -> I {
        auto v = require_vote(c, cid, vid);
        if (v.status != "open" || v.closes_at_ms > now)
          return 0;  // closed meanwhile by the committee
        auto res = close_vote_in(c, cid, vid, now);
        audit(c, app, clock_caller(), cid, "vote.close", "vote:" + std::to_string(vid),
              {{"passed", res.passed}, {"by", "clock"}});
        return 1;
      });
    } catch (const std::exception& e) {
      spdlog::warn("closing vote {} of compound {}: {}", vid, cid, e.what());
    }
  }
  return closed;
}

I remind_closing_votes(App& app) {
  constexpr I kDay = 24 * 3600'000LL;
  const I now = app.clock_ms();
  // A read first: the sender calls this every few seconds.
  auto due = app.db.read([&](Connection& c) { return store::votes_to_remind(c, now, now + kDay); });
  for (auto [cid, vid] : due)
    app.db.write([&](Connection& c) {
      auto v = require_vote(c, cid, vid);
      if (!store::mark_reminded(c, vid)) return;
      // Owners whose elector has no ballot yet; nobody learns anyone else's standing.
      notify_units(c, cid, {.vote_id = vid, .unballoted_only = true},
                   Notice{"vote", "表决即将截止，您还没有投票：" + v.title,
                          "截止 " + china_date(v.closes_at_ms),
                          "/c/" + std::to_string(cid) + "/votes/" + std::to_string(vid), true},
                   now);
    });
  return static_cast<I>(due.size());
}

}  // namespace xinyi::app
