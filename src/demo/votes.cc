#include "demo/votes.h"

#include <functional>

#include "app/ledger_service.h"
#include "app/vote_service.h"
#include "demo/books.h"
#include "demo/rng.h"
#include "domain/assert.h"
#include "store/auth_repo.h"
#include "store/governance_repo.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"
#include "store/vote_repo.h"

namespace xinyi::demo {

using namespace app;  // the demo is built with the product's own use cases

using store::Connection;
using I = std::int64_t;

namespace {

constexpr I kDay = 24LL * 3600 * 1000;

using Rng = DemoRng;

// How a vote's owners behave: who takes part (percent), and the weight of each alternative and
// of abstaining. `max_choices` > 1 for elections (each voter names up to that many).
struct Behaviour {
  I turnout = 85;
  std::vector<I> weights;  // one per alternative
  I abstain = 3;
  I paper = 30;     // percent of ballots cast on paper
  I skip_unit = 0;  // the elector holding this unit does not vote
};

constexpr I kHour = 3'600'000;

// Who runs the demo's votes: the committee member who opens them and enters paper ballots, and
// the second person (another member) who countersigns each paper ballot.
struct Tellers {
  App& app;
  Caller enters, countersigns;
  void clock(I ms) {
    app.clock_ms = [ms] { return ms; };
  }
};

// The scan of one paper ballot (a one-page PDF naming it), uploaded as its voucher.
std::string paper_scan(Connection& c, Tellers& t, I cid, I vote_id, I no) {
  std::string pdf = demo_pdf({"Paper ballot - scanned at the count",
                              "Vote " + std::to_string(vote_id) + ", ballot " + std::to_string(no),
                              "Xinyi demo"});
  return upload_voucher_in(c, t.app, t.enters, CompoundId{cid}, "application/pdf", pdf).sha256;
}

// The owner's choices, drawn from the behaviour's weights (empty: abstains).
std::vector<int> draw_choices(const Behaviour& b, int seats, Rng& rng) {
  I total_weight = b.abstain;
  for (I w : b.weights) total_weight += w;
  std::vector<int> choices;
  for (int k = 0; k < seats; ++k) {
    I pick = rng.uniform(1, total_weight);
    int chosen = -1;
    for (std::size_t i = 0; i < b.weights.size(); ++i) {
      if (pick <= b.weights[i]) {
        chosen = static_cast<int>(i);
        break;
      }
      pick -= b.weights[i];
    }
    if (chosen < 0) break;  // abstains (or names fewer candidates)
    if (std::find(choices.begin(), choices.end(), chosen) == choices.end())
      choices.push_back(chosen);
  }
  return choices;
}

// Creates and opens a vote at `opens` (app::create_vote), casts ballots by `b`, and (if `closes` ≤
// now) closes it; the result when closed. Paper ballots go through the product's two-person entry
// (app::enter_paper_ballot, then countersign_paper_ballot an hour later); online ballots are cast
// as the owners' own.
struct RunVote {
  I id = 0;
  std::optional<vote::Result> result;  // nullopt while open
};
// The ballots of vote `id` (opened at `opens`), cast by `b`, and its close if due.
RunVote cast_and_close(Connection& c, Tellers& t, I cid, I id, const NewVote& v, I opens,
                       const Behaviour& b, Rng& rng, I now) {
  RunVote out;
  out.id = id;
  I skip_no = 0;
  if (b.skip_unit)
    if (auto no = store::elector_of_unit(c, out.id, b.skip_unit)) skip_no = *no;
  // Ballots come in before the close, leaving the countersigner two hours.
  I span = std::max<I>(std::min(v.closes_at, now) - opens - 2 * kHour, 1);
  for (const auto& e : store::list_electors(c, out.id)) {
    if (e.no == skip_no || e.developer || !rng.chance(b.turnout)) continue;
    auto choices = draw_choices(b, v.seats, rng);
    bool paper = rng.chance(b.paper);
    I at = opens + rng.uniform(0, span - 1);
    if (!paper) {
      cast_in(c, out.id, e.no, choices, "online", "", at);
      continue;
    }
    t.clock(at);
    const I unit = store::get_elector(c, out.id, e.no).first_unit_id;
    auto entered =
        enter_paper_ballot_in(c, t.app, t.enters, CompoundId{cid}, out.id,
                              {unit, choices, paper_scan(c, t, cid, out.id, e.no), false});
    t.clock(at + kHour);
    countersign_paper_ballot_in(c, t.app, t.countersigns, CompoundId{cid}, out.id,
                                entered.ballot_no, entered.entered_at_ms);
  }
  if (v.closes_at <= now) out.result = close_vote_in(c, cid, out.id, v.closes_at);
  return out;
}

RunVote run_vote(Connection& c, Tellers& t, I cid, NewVote v, I opens, const Behaviour& b, Rng& rng,
                 I now) {
  t.clock(opens);
  const I id = create_vote_in(c, t.app, t.enters, CompoundId{cid}, v, true).vote.id;
  return cast_and_close(c, t, cid, id, v, opens, b, rng, now);
}

NewVote motion(std::string title, std::string description, int matter, I closes_at,
               bool secret = true) {
  NewVote v;
  v.title = std::move(title);
  v.description = std::move(description);
  v.matter = matter;
  v.closes_at = closes_at;
  v.secret = secret;
  return v;
}

// 城北花园's property management committee: set up by the community staff after the owners'
// petition, seven nominees, established (app::create_committee, nominate_member,
// establish_committee). Its two members with accounts hold the committee role already.
void committee_formation(Connection& c, Tellers& t, I cid, const DemoVotePeople& p) {
  const I formed = demo_ms("2025-02-20");
  const Caller staff = demo_caller(c, p.staff);
  t.clock(formed - 20 * kDay);
  const I k = create_committee_in(
                  c, t.app, staff, CompoundId{cid},
                  {"pmc", "城北花园物业管理委员会", 5, 9, "2025-03-01", "2028-02-29", std::nullopt})
                  .id;
  struct M {
    const char* name;
    const char* channel;
    bool rep;
    const char* affiliation;
    const char* position;
    I user;
  };
  const M members[] = {
      {"刘建华", "owners_joint", true, "业主（2栋）", "主任", p.committee},
      {"陈秀英", "self", true, "业主（4栋）", "副主任", p.committee2},
      {"杨志强", "owners_joint", true, "业主（1栋）", "委员", 0},
      {"何丽", "self", true, "业主（3栋）", "委员", 0},
      {"郑红梅", "street_community", false, "城北社区居委会", "委员", 0},
      {"马俊", "street_community", false, "桂湖派出所社区民警", "委员", 0},
      {"周晓燕", "street_community", false, "城北社区网格员", "委员", 0},
  };
  t.clock(formed - 10 * kDay);
  for (const auto& m : members)
    nominate_member_in(c, t.app, staff, CompoundId{cid}, k,
                       {m.name, m.channel, m.rep, m.affiliation, m.position,
                        m.user ? store::get_user(c, m.user)->login : ""});
  t.clock(formed);
  XINYI_ASSERT(
      establish_committee_in(c, t.app, staff, CompoundId{cid}, k).roles_awaiting_confirmation == 0);
}

// 城北花园's 13 major matters, one vote each (SPEC §4's matters 1–9).
void garden_matters(Connection& c, Tellers& t, I garden, Rng& rng, I now) {
  struct Matter {
    const char* title;
    int matter;
    const char* closes;
    I turnout;
    I yes;
    I no;
  };
  const Matter matters[] = {
      {"《城北花园业主大会议事规则》", 1, "2025-03-28", 80, 88, 8},
      {"《城北花园管理规约》", 2, "2025-04-25", 82, 85, 10},
      {"开设小区基本存款账户，公共收益统一入账", 9, "2025-05-16", 78, 92, 5},
      {"消防设施更新改造（消防管网、喷淋和灭火器）", 7, "2025-06-20", 90, 90, 6},
      {"动用专项维修资金更换 2 栋屋面防水", 5, "2025-07-18", 84, 80, 15},
      {"地下室闲置空间改建为老年活动室", 8, "2025-08-22", 91, 88, 8},
      {"小区广告位出租，收益归全体业主", 8, "2025-09-19", 90, 86, 10},
      {"选聘保洁、绿化服务单位", 4, "2025-10-24", 80, 70, 20},
      {"增设电动自行车集中充电棚", 8, "2025-12-12", 92, 90, 6},
      {"楼道杂物清理和消防通道划线", 9, "2026-02-27", 79, 90, 6},
      {"续筹专项维修资金（每平方米 20 元）", 6, "2026-05-22", 86, 62, 33},
      {"停车管理办法及收费标准", 9, "2026-07-17", 81, 75, 20},
      {"监控系统改造（22 个点位）", 9, "2026-09-25", 83, 88, 8},
  };
  for (const auto& m : matters) {
    I closes = demo_ms(m.closes);
    run_vote(c, t, garden,
             motion(m.title,
                    std::string("物管委组织的第 ") + std::to_string(&m - matters + 1) +
                        " 项重大事项表决。",
                    m.matter, closes),
             closes - 14 * kDay, Behaviour{m.turnout, {m.yes, m.no}, 100 - m.yes - m.no, 35, 0},
             rng, now);
  }
}

// 九院合一: three bids, one provider for the whole area, chosen by vote (matter 4).
void merged_tender(Connection& c, Tellers& t, I merged, const DemoVotePeople& p, Rng& rng, I now) {
  const Caller committee = demo_caller(c, p.committee);
  t.clock(demo_ms("2024-11-05"));
  const I tender =
      create_tender_in(
          c, t.app, committee, CompoundId{merged},
          {"北门片区物业服务比选",
           "九个院落合并后的北门片区：公共区域保洁、绿化养护、设施设备维修、门岗和夜间巡查。",
           "报价（每平方米每月）、服务方案和人员配置、同类老旧院落服务经验、受托人酬金比例。",
           "2024-12-01"})
          .id;
  struct B {
    const char* provider;
    I price;
    I bp;
    const char* plan;
  };
  const B bids[] = {
      {"成都锦程物业服务有限公司", 50, 800,
       "驻场 3 人（管家 1、保洁 2），电工每周 2 次上门；夜间巡查两次；每月公示服务记录。"},
      {"新都安居物业管理有限公司", 60, 1000,
       "驻场 4 人，24 小时门岗；绿化外包；维修 2 小时内响应。"},
      {"四川蓉城悦家物业有限公司", 48, 900, "驻场 2 人，保洁每天 1 次；维修按次收费；无夜间巡查。"},
  };
  t.clock(demo_ms("2024-11-20"));
  for (const auto& b : bids)
    add_bid_in(c, t.app, committee, CompoundId{merged}, tender,
               {b.provider, b.price, b.bp, b.plan, {}});
  // Put to the owners as a matter-4 choice between the three (app::put_tender_to_vote).
  const I opens = demo_ms("2024-12-02");
  t.clock(opens);
  NewVote v;
  v.closes_at = demo_ms("2024-12-20");
  const I vote =
      put_tender_to_vote_in(c, t.app, t.enters, CompoundId{merged}, tender, v.closes_at, true)
          .vote.id;
  cast_and_close(c, t, merged, vote, v, opens, Behaviour{86, {68, 18, 10}, 4, 50, 0}, rng, now);
}

// 锦苑小区: the owners' committee elected from seven candidates for five seats.
void jinyuan_election(Connection& c, Tellers& t, I jinyuan, const DemoVotePeople& p, Rng& rng,
                      I now) {
  NewVote v;
  v.title = "锦苑小区第二届业主委员会选举";
  v.description = "七名候选人，选五名委员；每张选票最多选五人（第 3 项事项）。";
  v.matter = 3;
  v.kind = "choice";
  v.seats = 5;
  v.closes_at = demo_ms("2025-06-15");
  v.options = {"黄志明", "林淑芬", "罗建国", "高玉珍", "谢文", "韩冬梅", "唐国强"};
  auto election = run_vote(c, t, jinyuan, v, demo_ms("2025-06-01"),
                           Behaviour{84, {34, 32, 30, 29, 28, 4, 3}, 1, 30, 0}, rng, now);
  // The community staff record the elected committee (app::create_committee citing the vote).
  const Caller staff = demo_caller(c, p.staff);
  t.clock(demo_ms("2025-06-16"));
  const I k = create_committee_in(c, t.app, staff, CompoundId{jinyuan},
                                  {"owners", "锦苑小区第二届业主委员会", 5, 9, "2025-07-01",
                                   "2030-06-30", election.id})
                  .id;
  const char* positions[] = {"主任", "副主任", "委员", "委员", "委员"};
  std::size_t n = 0;
  XINYI_ASSERT(election.result.has_value());
  t.clock(demo_ms("2025-06-20"));
  for (int w : election.result->winners) {
    nominate_member_in(c, t.app, staff, CompoundId{jinyuan}, k,
                       {v.options[static_cast<std::size_t>(w)], "owners_joint", true, "业主",
                        positions[std::min<std::size_t>(n, 4)], ""});
    ++n;
  }
  establish_committee_in(c, t.app, staff, CompoundId{jinyuan}, k);
  XINYI_ASSERT(n == 5);  // the demo's ballots elect a full committee
}

}  // namespace

DemoVoteIds seed_demo_votes(App& app, Connection& c, const std::vector<I>& compounds,
                            const DemoVotePeople& p, I now, I skip_unit) {
  XINYI_ASSERT(compounds.size() == 5);
  const auto saved_clock = app.clock_ms;
  Tellers t{app, demo_caller(c, p.committee), demo_caller(c, p.committee2)};
  DemoVoteIds ids;
  Rng rng(278);
  const I teachers = compounds[0], garden = compounds[1], merged = compounds[3],
          jinyuan = compounds[4];

  // 桂湖教师院: the fee rise, and an open vote the demo owner can still cast.
  ids.fee_rise =
      run_vote(
          c, t, teachers,
          motion(
              "调整物业服务费标准",
              "物业费由每月每平方米 0.30 元调整为 0.50 元，自 2026 年 5 月起执行；增加的收入用于保洁频次和绿化养护。",
              9, demo_ms("2026-04-18")),
          demo_ms("2026-04-01"), Behaviour{88, {82, 12}, 6, 40, 0}, rng, now)
          .id;
  {
    t.clock(now - 12 * kDay);
    const I pid =
        create_proposal_in(
            c, app, demo_caller(c, p.committee), CompoundId{teachers},
            {"楼道保洁增至每周 3 次",
             "多位居民在民意清单中反映楼道卫生，建议 2027 年起楼道保洁由每周 2 次增至 3 次，每月增加保洁工时约 26 小时。"})
            .id;
    NewVote v = motion("2027 年起楼道保洁增至每周 3 次",
                       "增加的工时按服务清单的小时单价结算，费用由公共基金支付，物业费标准不变。",
                       9, now + 12 * kDay);
    v.proposal_id = pid;
    ids.open = run_vote(c, t, teachers, v, now - 2 * kDay,
                        Behaviour{45, {80, 15}, 5, 20, skip_unit}, rng, now)
                   .id;
  }

  // 城北花园: the property management committee, and its 13 major matters.
  committee_formation(c, t, garden, p);
  garden_matters(c, t, garden, rng, now);
  merged_tender(c, t, merged, p, rng, now);
  jinyuan_election(c, t, jinyuan, p, rng, now);
  // 锦苑小区: ¥72,600 of the common fund for the new gate, access control, greening and wall
  // painting — renewal of common facilities, matter 7 (three quarters).
  ids.renewal =
      run_vote(
          c, t, jinyuan,
          motion(
              "小区大门、门禁、绿化与外墙焕新",
              "动用公共收益 72,600 元：新大门 28,000 元、门禁系统 19,600 元、公共区域绿化 12,000 元、外墙粉刷 13,000 元。",
              7, demo_ms("2025-07-25")),
          demo_ms("2025-07-10"), Behaviour{90, {88, 8}, 4, 40, 0}, rng, now)
          .id;
  app.clock_ms = saved_clock;
  return ids;
}

}  // namespace xinyi::demo
