#include "demo/services.h"
#include "domain/date.h"

#include <ctime>
#include <string>

#include "app/announce_service.h"
#include "app/books.h"
#include "app/needs_service.h"
#include "app/notify.h"
#include "app/registry_service.h"
#include "app/survey_service.h"
#include "app/work_service.h"
#include "demo/books.h"
#include "demo/rng.h"
#include "domain/assert.h"
#include "domain/service.h"
#include "store/announce_repo.h"
#include "store/auth_repo.h"
#include "store/governance_repo.h"
#include "store/needs_repo.h"
#include "store/registry_repo.h"
#include "store/survey_repo.h"
#include "store/work_repo.h"

namespace xinyi::demo {

using namespace app;  // the demo is built with the product's own use cases

using store::Connection;
using I = std::int64_t;

namespace {

constexpr I kMin = 60'000, kHour = 60 * kMin, kDay = 24 * kHour;

// Milliseconds at hh:mm China time on a date.
I at(const std::string& date, int hh = 10, int mm = 0) {
  std::tm tm{};
  tm.tm_year = std::stoi(date.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(date.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(date.substr(8, 2));
  return (static_cast<I>(timegm(&tm)) + (hh - 8) * 3600 + mm * 60) * 1000;
}

struct Resident {
  I user = 0, unit = 0, courtyard = 0;
};

// Residents who have signed up (accounts without a usable password: the demo signs in only as
// the accounts in demo_accounts()), each with a claim on a unit they own.
std::vector<Resident> sign_up(Connection& c, I cid, int how_many, I now, I skip_unit) {
  std::vector<Resident> out;
  for (const auto& u : store::unclaimed_owned_units(c, cid, skip_unit)) {
    if (static_cast<int>(out.size()) >= how_many) break;
    I user = store::insert_user(c, "demo-" + std::to_string(cid) + "-" + std::to_string(u.unit_id),
                                std::nullopt, u.owner_name, "!", false, now);
    store::insert_claim(c, cid, u.unit_id, user, u.owner_person_id, "owner", now);
    out.push_back({user, u.unit_id, u.courtyard_id});
  }
  return out;
}

// A worker's account (no usable password, as above), given the worker role by the staff member
// (app::grant_role: a worker role needs no second person).
I worker_user(App& app, Connection& c, I cid, const std::string& login, const std::string& name,
              I by, I now) {
  I u = store::insert_user(c, login, std::nullopt, name, "!", false, now);
  app.clock_ms = [now] { return now; };
  XINYI_ASSERT(
      grant_role_in(c, app, demo_caller(c, by), CompoundId{cid}, {login, Role::worker}).granted);
  return u;
}

service::PlanItem plan_item(const char* code, const char* role, const char* tasks,
                            const char* standard, service::Frequency f, int visits, I minutes,
                            I rate, const char* account) {
  service::PlanItem i;
  i.code = code, i.role = role, i.tasks = tasks, i.standard = standard, i.frequency = f,
  i.visits = visits;
  i.minutes_per_visit = minutes, i.rate_fen_per_hour = rate, i.expense_account = account;
  return i;
}

std::string ymd(int y, int m, int d) { return iso_date(y, m, d); }

int weekday(int y, int m, int d) {  // 0 = Sunday
  std::tm tm{};
  tm.tm_year = y - 1900, tm.tm_mon = m - 1, tm.tm_mday = d, tm.tm_hour = 12;
  std::time_t t = timegm(&tm);
  std::tm out{};
  gmtime_r(&t, &out);
  return out.tm_wday;
}

int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

// The resident's review of a visit, as they would give it on the phone (app::review_visit).
void review(App& app, Connection& c, I cid, I log, const Resident& r, const std::string& verdict,
            const std::string& reason, I when) {
  app.clock_ms = [when] { return when; };
  review_visit_in(c, app, demo_caller(c, r.user), CompoundId{cid}, log, verdict, reason);
}

// Residents' reviews of a visit that ended at `out`: a few confirm it; about one visit in
// forty is disputed (at most eight in all, counted by `disputes`), and the committee upholds some
// and dismisses others. Recent visits are still in their review window: fewer reviews.
void review_visit(App& app, Connection& c, I cid, const DemoServicePeople& p,
                  const std::vector<Resident>& residents, I log, const char* code, I out, I now,
                  int& disputes, DemoRng& rng) {
  bool recent = out > now - 3 * kDay;  // the demo owner has not reviewed it
  int confirms = static_cast<int>(rng.uniform(0, recent ? 1 : 3));
  for (int k = 0; k < confirms; ++k) {
    const auto& r =
        residents[static_cast<std::size_t>(rng.uniform(1, static_cast<I>(residents.size()) - 1))];
    if (store::get_review(c, log, r.user)) continue;
    review(app, c, cid, log, r, "confirm", "", out + rng.uniform(1, 40) * kHour);
  }
  if (recent || !rng.chance(3) || disputes >= 8) return;
  const auto& r = residents[static_cast<std::size_t>(1 + disputes % (residents.size() - 1))];
  if (store::get_review(c, log, r.user)) return;
  bool upheld = disputes % 2 == 0;
  const char* reason = std::string(code) == "clean" ? "当天 3 栋楼道没有扫，只扫了院坝"
                       : std::string(code) == "garden" ? "草没有除，只浇了水"
                                                       : "签到时间比实际到场早了约一小时";
  review(app, c, cid, log, r, "dispute", reason, out + 20 * kHour);
  // The committee looks into it the next day (app::resolve_dispute).
  const I resolved = out + 44 * kHour;
  app.clock_ms = [resolved] { return resolved; };
  resolve_dispute_in(c, app, demo_caller(c, p.committee), CompoundId{cid},
                     store::get_review(c, log, r.user)->id, upheld ? "upheld" : "dismissed",
                     upheld ? "经核实情况属实，本次工时不计入，已提醒上门人员"
                            : "经查看照片并询问邻居，服务已完成，异议不成立");
  ++disputes;
}

// 桂湖教师院: the plan from 2025-11 and every visit since, with residents' reviews.
void hourly_service(App& app, Connection& c, I cid, const DemoServicePeople& p,
                    const std::vector<Resident>& residents, I now) {
  using F = service::Frequency;
  std::vector<service::PlanItem> items{
      plan_item("clean", "保洁员", "清扫院坝和楼道，擦拭楼梯扶手，清运垃圾桶",
                "地面无垃圾、无积水；楼道扶手无积灰；垃圾桶日产日清、周边无散落垃圾", F::per_week,
                3, 120, 2500, "5001"),
      plan_item("garden", "绿化工", "修剪草木、浇水、除草、清理枯枝落叶",
                "草坪高度不超过 10 厘米，绿篱整齐，无枯枝、无杂草成片", F::per_week, 1, 150, 3000,
                "5002"),
      plan_item("electric", "电工", "巡查公共照明和线路，维修居民报修的公共设施",
                "公共照明完好率 98% 以上；报修 24 小时内到场", F::per_month, 2, 90, 4000, "5003"),
      plan_item("manager", "项目经理", "统筹上门服务，回应民意清单，整理每月服务公示",
                "每月两次驻场；民意清单 3 日内答复；每月 5 日前公示上月服务", F::per_month, 2, 240,
                3000, "5004"),
  };
  XINYI_ASSERT(service::check_plan(items).empty());
  insert_plan(
      c, cid, "2025-11",
      "院委会根据民意清单制定，经 2025 年 10 月坝坝会讨论通过；小时单价与上门人员约定，按月公示。",
      items, p.committee, at("2025-10-20"));
  const I yard = residents.front().courtyard;
  const I zhou = worker_user(app, c, cid, "demo-worker-zhou", "周秀英", p.staff, at("2025-10-20"));
  const I wu = worker_user(app, c, cid, "demo-worker-wu", "吴志强", p.staff, at("2025-10-20"));
  const I he = worker_user(app, c, cid, "demo-worker-he", "何德明", p.staff, at("2025-10-20"));
  // Who does which item, as the trustee assigned it: a worker checks in under no other item.
  I trustee = 0;
  for (const auto& g : store::list_compound_grants(c, cid))
    if (g.role == "trustee" && !trustee) trustee = g.user_id;
  XINYI_ASSERT(trustee != 0);
  const Caller by_trustee = demo_caller(c, trustee);
  app.clock_ms = [] { return at("2025-10-20"); };
  for (auto [code, w] : {std::pair<const char*, I>{"clean", zhou},
                         {"garden", wu},
                         {"electric", p.worker},
                         {"manager", he}})
    assign_worker_in(c, app, by_trustee, CompoundId{cid},
                     {code, store::get_user(c, w)->login, true});
  struct Slot {
    const char* code;
    I worker;
    int hh, mm;
    I minutes;
    const char* done;
  };
  DemoRng rng(1105);
  const char* clean_done[] = {"清扫院坝和 1–3 栋楼道，清运垃圾桶 6 个",
                              "清扫楼道，擦拭扶手，清理院坝落叶",
                              "清扫院坝，冲洗垃圾桶站点，清理楼道小广告"};
  const char* garden_done[] = {"修剪桂花树和绿篱，清理枯枝", "草坪除草、浇水",
                               "清理落叶，修剪 2 栋窗前树枝"};
  const char* elec_done[] = {"巡查公共照明，更换 1 栋楼道声控灯 2 盏", "检修院坝路灯线路",
                             "巡查配电箱，更换 3 栋单元门灯"};
  const char* pm_done[] = {"驻场：回复民意清单 3 条，检查保洁质量",
                           "驻场：整理上月服务公示，与院委会对账",
                           "驻场：陪同居民查看屋面渗水，安排电工"};
  int disputes = 0;
  for (int y = 2025, m = 11; ymd(y, m, 1) <= china_date(now);) {
    for (int d = 1; d <= days_in(y, m); ++d) {
      int wd = weekday(y, m, d);
      std::vector<Slot> slots;
      if (wd == 1 || wd == 3 || wd == 5)
        slots.push_back(
            {"clean", zhou, 8, 30, 110 + rng.uniform(0, 20), clean_done[rng.uniform(0, 2)]});
      if (wd == 2)
        slots.push_back(
            {"garden", wu, 9, 0, 140 + rng.uniform(0, 20), garden_done[rng.uniform(0, 2)]});
      if (d == 8 || d == 22)
        slots.push_back(
            {"electric", p.worker, 14, 0, 60 + rng.uniform(0, 60), elec_done[rng.uniform(0, 2)]});
      if (d == 10 || d == 25)
        slots.push_back(
            {"manager", he, 9, 30, 230 + rng.uniform(0, 20), pm_done[rng.uniform(0, 2)]});
      for (const auto& s : slots) {
        if (rng.chance(4)) continue;  // a missed visit: delivered falls short of planned
        I in = at(ymd(y, m, d), s.hh, s.mm) + rng.uniform(-10, 10) * kMin;
        I out = in + s.minutes * kMin;
        if (out > now - 30 * kMin) continue;
        I log = check_in_core(c, cid, s.worker, yard, s.code, in);
        check_out_core(c, cid, log, out, s.done, {}, out);
        review_visit(app, c, cid, p, residents, log, s.code, out, now, disputes, rng);
      }
    }
    if (++m > 12) m = 1, ++y;
  }
}

struct NeedPlan {
  int compound;   // index into compounds
  int courtyard;  // index into the compound's courtyards
  const char* category;
  const char* body;
  const char* place;
  const char* source;
  const char* status;    // the final state
  const char* code;      // service plan item, for "service"
  const char* proposal;  // proposal title, for "project"
  const char* note;
  int days_ago;
  int supporters;
};

// Every compound's needs, in every state, filed by residents, on door-to-door visits and at
// meetings.
const NeedPlan kNeedPlans[] = {
    {0, 0, "cleaning", "3 栋 2 单元楼道每周只扫两次，扶手经常积灰", "3 栋 2 单元", "resident",
     "done", "clean", nullptr, "已纳入服务清单：楼道保洁每周 3 次，含擦拭扶手", 380, 6},
    {0, 0, "greening", "院坝东侧桂花树枝条伸到 2 栋窗户，挡光也招虫", "院坝东侧", "resident",
     "done", "garden", nullptr, "已安排绿化工修剪", 300, 3},
    {0, 0, "repairs", "1 栋楼道声控灯坏了三盏，晚上老人上下楼看不见", "1 栋楼道", "visit", "done",
     "electric", nullptr, "电工已更换 3 盏声控灯", 200, 5},
    {0, 0, "safety", "院门口路面破损，老人容易绊倒", "院门口", "meeting", "project", nullptr,
     nullptr, "纳入 2027 年院落微更新项目", 120, 8},
    {0, 0, "noise", "广场舞音响太大，晚上 9 点后还在跳", "院坝", "resident", "declined", nullptr,
     nullptr, "院坝属公共活动区域，已与舞蹈队约定 20:30 结束并降低音量，不另立项", 90, 2},
    {0, 0, "cleaning", "楼道保洁次数不够，希望增加到每周 3 次", "各栋楼道", "resident", "project",
     nullptr, "楼道保洁增至每周 3 次", "已形成议题，交全体业主表决", 40, 11},
    {0, 0, "facilities", "希望在院坝增设两张休息长椅，方便老人晒太阳", "院坝", "resident", "open",
     nullptr, nullptr, nullptr, 6, 9},
    {0, 0, "parking", "有人在楼道给电动车充电，有火灾隐患", "2 栋 1 单元", "resident", "service",
     "manager", nullptr, "项目经理每月驻场时巡查并劝导", 12, 7},
    {1, 0, "safety", "消防管网老化，喷淋和灭火器过期", "全小区", "visit", "project", nullptr,
     nullptr, "物管委已组织表决（第 4 项重大事项）", 620, 21},
    {1, 0, "repairs", "2 栋屋面漏水，顶楼三户墙面发霉", "2 栋顶楼", "resident", "project", nullptr,
     nullptr, "已表决动用专项维修资金", 560, 6},
    {1, 0, "parking", "电动自行车没有地方充电，只能拉回家", "全小区", "meeting", "done", nullptr,
     nullptr, "充电棚已建成投用", 400, 30},
    {1, 0, "facilities", "地下室闲置，希望改成老年活动室", "地下室", "meeting", "done", nullptr,
     nullptr, "老年活动室已开放", 480, 18},
    {1, 0, "noise", "夜间有货车进出装卸，影响休息", "北门", "resident", "open", nullptr, nullptr,
     nullptr, 3, 4},
    {2, 0, "safety", "文庙院没有监控，晚上有电瓶车被偷", "文庙院大门", "visit", "done", nullptr,
     nullptr, "用院落结余安装摄像头 4 个", 330, 9},
    {2, 1, "repairs", "书院街院楼梯间没有应急灯", "书院街院楼梯间", "visit", "done", nullptr,
     nullptr, "用院落结余安装应急灯", 300, 5},
    {2, 2, "other", "老房子怕火灾，希望每户有一份财产保险", "马家院", "meeting", "done", nullptr,
     nullptr, "院落结余为每户购买 100 元财产保险", 280, 12},
    {2, 0, "cleaning", "垃圾桶站点夏天有异味", "文庙院垃圾桶站", "resident", "open", nullptr,
     nullptr, nullptr, 8, 3},
    {3, 0, "safety", "燃气管道老化，闻到过煤气味", "九个院落", "questionnaire", "done", nullptr,
     nullptr, "居民众筹更换燃气管道，已验收决算", 640, 40},
    {3, 1, "safety", "电线乱拉乱接，私搭电线很多", "兰苑、竹园", "questionnaire", "project",
     nullptr, nullptr, "纳入电线改造项目", 640, 33},
    {3, 2, "facilities", "违建占了院坝，消防车进不来", "竹园、梅院", "meeting", "done", nullptr,
     nullptr, "已拆除违建约 3000 平方米", 600, 27},
    {3, 4, "parking", "九个院落合并后停车位不够", "北门片区", "questionnaire", "open", nullptr,
     nullptr, nullptr, 20, 14},
    {3, 6, "greening", "拆违后的空地希望种树、留出晾晒区", "柏院", "meeting", "service", nullptr,
     nullptr, "已纳入片区绿化养护", 200, 10},
    {4, 0, "safety", "小区大门破旧，外来人员随意进出", "南大门", "visit", "done", nullptr, nullptr,
     "公共收益支付新大门和门禁", 420, 25},
    {4, 0, "greening", "中心花园杂草多，没人管", "中心花园", "visit", "done", nullptr, nullptr,
     "绿化提升已完成", 400, 12},
    {4, 0, "facilities", "外墙斑驳，希望粉刷", "1–4 栋外墙", "meeting", "done", nullptr, nullptr,
     "墙面粉刷已完成", 380, 16},
    {4, 0, "other", "独居老人家里水管坏了，自己修不了", "3 栋", "visit", "done", nullptr, nullptr,
     "慈善基金帮扶，志愿者上门维修", 150, 0},
    {4, 0, "facilities", "希望增设无障碍坡道", "2 栋单元门", "resident", "open", nullptr, nullptr,
     nullptr, 5, 6},
};

void needs(App& app, Connection& c, const std::vector<I>& compounds, const DemoServicePeople& p,
           const std::vector<std::vector<Resident>>& residents, I now) {
  DemoRng rng(515);
  for (const auto& n : kNeedPlans) {
    I cid = compounds[static_cast<std::size_t>(n.compound)];
    const auto& rs = residents[static_cast<std::size_t>(n.compound)];
    std::vector<I> yards;
    for (const auto& y : store::list_courtyards(c, cid)) yards.push_back(y.id);
    I yard = yards[static_cast<std::size_t>(n.courtyard) % yards.size()];
    bool by_resident = std::string(n.source) == "resident";
    I filer = by_resident
                  ? rs[static_cast<std::size_t>(rng.uniform(1, static_cast<I>(rs.size()) - 1))].user
                  : (std::string(n.source) == "visit" ? p.staff : p.committee);
    if (by_resident && n.compound == 0 && n.days_ago < 10)
      filer = p.owner;  // the demo owner's own recent needs
    I filed = now - n.days_ago * kDay - rng.uniform(1, 10) * kHour;
    // Filed, supported and answered through the needs list's own use cases (app/needs_service.h).
    auto clock = [&](I ms) { app.clock_ms = [ms] { return ms; }; };
    clock(filed);
    I need = file_need_in(c, app, demo_caller(c, filer), CompoundId{cid},
                          {n.category, n.body, n.place, yard, n.source, {}});
    int supporters = 0;
    for (std::size_t k = 1; k < rs.size() && supporters < n.supporters; ++k) {
      if (rs[k].user == filer) continue;
      clock(filed + static_cast<I>(k) * kHour);
      support_need_in(c, app, demo_caller(c, rs[k].user), CompoundId{cid}, need);
      ++supporters;
    }
    std::string status = n.status;
    if (status == "open") continue;
    I answered = filed + rng.uniform(6, 72) * kHour;
    std::string first = status == "done" ? (n.code ? "service" : "project") : status;
    std::optional<I> proposal;
    if (n.proposal)
      for (const auto& pr : store::list_proposals(c, cid))
        if (pr.title == n.proposal) proposal = pr.id;
    const Caller committee = demo_caller(c, p.committee);
    clock(answered);
    triage_need_in(c, app, committee, CompoundId{cid}, need,
                   {first, status == "done" ? (n.code ? "纳入服务清单" : "纳入改造项目") : n.note,
                    n.code ? std::optional<std::string>(n.code) : std::nullopt, proposal});
    if (status == "done") {
      clock(answered + rng.uniform(3, 40) * kDay);
      triage_need_in(c, app, committee, CompoundId{cid}, need,
                     {"done", n.note, std::nullopt, std::nullopt});
    }
  }
}

survey::Question q(const char* kind, const char* text, std::vector<std::string> options = {},
                   bool required = true) {
  survey::Question out;
  out.kind = *survey::parse_kind(kind);
  out.text = text;
  out.options = std::move(options);
  out.required = required;
  return out;
}

// A questionnaire made at the desk the day before it opens (app::create_questionnaire).
I questionnaire(App& app, Connection& c, I cid, const char* title, const char* description,
                std::vector<survey::Question> qs, I opens, I closes, I by) {
  QuestionnaireInput in;
  in.title = title;
  in.description = description;
  in.audience = "compound";
  in.per = "household";
  in.questions = std::move(qs);
  in.opens_at_ms = opens;
  in.closes_at_ms = closes;
  app.clock_ms = [opens] { return opens - kDay; };
  return create_questionnaire_in(c, app, demo_caller(c, by), CompoundId{cid}, in).questionnaire.id;
}

// One answer as a resident gives it: options chosen, a scale point, or a text ("" skips).
survey::Answer choose(std::vector<int> choices) { return {std::move(choices), 0, ""}; }
survey::Answer scale(int points) { return {{}, points, ""}; }
survey::Answer text(const char* t) { return {{}, 0, t}; }

// The household's answers, given by the resident on the phone (app::answer_questionnaire).
void respond(App& app, Connection& c, I cid, I qid, const Resident& r,
             const std::vector<survey::Answer>& answers, I when) {
  app.clock_ms = [when] { return when; };
  answer_questionnaire_in(c, app, demo_caller(c, r.user), CompoundId{cid}, qid, r.unit, answers);
}

// The questionnaires and their answers: 九院合一's door-to-door survey of March 2025 (its id),
// and 桂湖教师院's satisfaction survey, open now.
I surveys(App& app, Connection& c, const std::vector<I>& compounds, const DemoServicePeople& p,
          const std::vector<std::vector<Resident>>& residents, I now, DemoRng& rng) {
  const I merged = compounds[3], teachers = compounds[0];
  // 九院合一: the door-to-door questionnaire of March 2025.
  I qid = questionnaire(
      app, c, merged, "九院合一改造需求调查",
      "入户走访时由网格员协助填写，每户一份。结果用于议事会确定改造方案。",
      {q("single", "是否同意九个院落合并为一个管理片区，统一选聘物业？",
         {"同意", "不同意", "无所谓"}),
       q("multiple", "您最希望改造哪些项目？（可多选）",
         {"更换燃气管道", "电线改造", "拆除违建", "路面硬化", "绿化", "停车位", "路灯"}),
       q("scale", "您对目前院落环境的满意度（1 很不满意，5 很满意）"),
       q("single", "燃气管道和电线改造，您是否愿意按户出资众筹一部分？",
         {"愿意", "不愿意", "看金额再定"}),
       q("text", "其他意见和建议", {}, false)},
      at("2025-03-01"), at("2025-03-31", 23, 59), p.staff);
  const char* suggestions[] = {"希望改造期间不要停气太久", "楼下违建早该拆了",
                               "老人多，路灯要亮一些",     "停车位按户分配",
                               "希望保留院子里的老黄桷树", ""};
  for (std::size_t k = 1; k < residents[3].size(); ++k) {
    const auto& r = residents[3][k];
    I agree = rng.uniform(1, 100);
    std::vector<int> wants;
    for (int k = 0; k < 7; ++k)
      if (rng.chance(k < 3 ? 80 : 35)) wants.push_back(k);
    if (wants.empty()) wants.push_back(0);
    const char* s = suggestions[rng.uniform(0, 5)];
    respond(app, c, merged, qid, r,
            {choose({agree <= 86   ? 0
                     : agree <= 94 ? 1
                                   : 2}),
             choose(wants), scale(static_cast<int>(rng.uniform(1, 3))),
             choose({rng.uniform(1, 100) <= 72 ? 0
                     : rng.chance(50)          ? 2
                                               : 1}),
             text(s)},
            at("2025-03-02") + rng.uniform(0, 27) * kDay + rng.uniform(1, 10) * kHour);
  }
  // 桂湖教师院: this year's satisfaction survey, open now (the demo owner has not answered).
  I sid = questionnaire(app, c, teachers, "2026 年度钟点服务满意度调查",
                        "请为今年的上门服务打分，结果用于院委会调整明年的服务清单。",
                        {q("scale", "保洁服务满意度"), q("scale", "绿化服务满意度"),
                         q("single", "明年楼道保洁每周几次合适？", {"2 次", "3 次", "4 次"}),
                         q("text", "对上门服务的意见", {}, false)},
                        now - 5 * kDay, now + 10 * kDay, p.committee);
  for (std::size_t k = 1; k < residents[0].size() && k <= 22; ++k)
    respond(app, c, teachers, sid, residents[0][k],
            {scale(static_cast<int>(rng.uniform(3, 5))), scale(static_cast<int>(rng.uniform(3, 5))),
             choose({rng.uniform(0, 100) < 60 ? 1
                     : rng.chance(70)         ? 0
                                              : 2}),
             survey::Answer{}},
            now - 5 * kDay + static_cast<I>(k) * 4 * kHour);

  return qid;
}

// The yard and deliberation meetings with their decisions, linked to what they decided on.
void meetings(App& app, Connection& c, const std::vector<I>& compounds, const DemoServicePeople& p,
              const std::vector<std::vector<Resident>>& residents, I qid, DemoRng& rng) {
  const I merged = compounds[3], teachers = compounds[0];
  // Meetings. 九院合一: a yard meeting in each courtyard, then the deliberation meetings.
  // Each recorded by the community staff the evening it was held (app::create_meeting).
  const Caller staff = demo_caller(c, p.staff);
  auto meeting = [&](I cid, const char* kind, const std::string& title, const std::string& date,
                     const std::string& place, I yard, I attendance, const std::string& attendees,
                     const std::string& minutes,
                     std::vector<std::tuple<std::string, std::string, I>> decisions) {
    MeetingInput in{
        kind,       title,     date,    place, yard ? std::optional<I>(yard) : std::nullopt,
        attendance, attendees, minutes, {}};
    for (const auto& [body, kind2, link] : decisions) in.decisions.push_back({body, kind2, link});
    const I recorded = at(date, 20);
    app.clock_ms = [recorded] { return recorded; };
    create_meeting_in(c, app, staff, CompoundId{cid}, in);
  };
  auto need_id = [&](I cid, const char* body) {
    return store::need_id_by_text(c, cid, body).value_or(0);
  };
  auto yards = store::list_courtyards(c, merged);
  for (std::size_t k = 0; k < yards.size(); ++k)
    meeting(
        merged, "yard", yards[k].name + "坝坝会：九院合一怎么改",
        ymd(2025, 2, static_cast<int>(8 + 2 * k)), yards[k].name + "院坝", yards[k].id,
        10 + rng.uniform(0, 8), "本院居民、网格员、社区干部",
        "网格员介绍九院合一设想，居民逐户发言。主要意见：燃气管道老化、电线私拉乱接、违建占道、停车难。会后由网格员入户填写需求调查问卷。",
        {{"同意参加九院合一需求调查，由网格员入户协助填写", "questionnaire", qid}});
  I gas = need_id(merged, "燃气管道老化，闻到过煤气味"),
    illegal = need_id(merged, "违建占了院坝，消防车进不来");
  const auto tenders = store::list_tenders(c, merged);  // newest first
  I tender = tenders.empty() ? 0 : tenders.back().id;
  struct Delib {
    const char* date;
    const char* title;
    const char* minutes;
    const char* decision;
    const char* kind;
    I link;
  };
  const Delib delibs[] = {
      {"2025-04-08", "第一次议事会：问卷结果通报",
       "通报问卷结果：86% 的住户同意合并，燃气和电线改造呼声最高。",
       "以问卷结果为依据编制改造方案初稿", "questionnaire", qid},
      {"2025-04-22", "第二次议事会：违建拆除方案",
       "逐院核对违建清单，约 3000 平方米，先拆占用消防通道的部分。",
       "违建拆除分三批进行，党员带头先拆", "need", illegal},
      {"2025-05-13", "第三次议事会：燃气管道改造", "燃气公司介绍改造方案和费用，居民讨论分摊办法。",
       "燃气管道更换采用居民众筹加政府补贴", "need", gas},
      {"2025-05-27", "第四次议事会：电线改造", "供电所介绍线路入槽方案，讨论施工时间。",
       "电线改造与燃气管道同步施工", "", 0},
      {"2025-06-17", "第五次议事会：众筹办法", "讨论每户出资标准、困难户减免、资金公示方式。",
       "众筹资金进入片区共管账户，每笔公示", "", 0},
      {"2025-07-08", "第六次议事会：物业比选办法",
       "讨论比选标准：报价、方案、老旧院落经验、酬金比例。", "公开比选物业服务企业，交业主表决",
       "tender", tender},
      {"2025-07-29", "第七次议事会：设计方案",
       "设计单位汇报片区改造设计方案，居民提出保留老黄桷树。", "修改方案：保留黄桷树，增加晾晒区",
       "", 0},
      {"2025-08-19", "第八次议事会：停车方案", "讨论停车位划线和分配办法。",
       "停车位先到先登记，每户限一个", "", 0},
      {"2025-09-09", "第九次议事会：施工安排", "确定施工顺序和临时停气安排。",
       "分院施工，每院停气不超过 3 天", "", 0},
      {"2025-09-30", "第十次议事会：设计方案定稿", "设计方案定稿，确认预算和资金来源。",
       "改造设计方案定稿，公示 7 天", "", 0},
      {"2025-11-18", "第十一次议事会：施工监督", "居民监督小组汇报施工进度和质量问题。",
       "成立居民监督小组，每周巡查", "", 0},
      {"2026-01-13", "第十二次议事会：竣工验收", "燃气和电线改造完工，逐院验收。",
       "燃气管道和电线改造通过居民验收", "need", gas},
  };
  for (const auto& d : delibs)
    meeting(merged, "deliberation", d.title, d.date, "北门片区党群服务站", 0,
            25 + rng.uniform(0, 15), "九个院落居民代表、社区、网格员、设计和施工单位", d.minutes,
            {{d.decision, d.link ? d.kind : "", d.link}});
  // 桂湖教师院: the yard meeting that adopted the service plan.
  meeting(
      teachers, "yard", "坝坝会：讨论钟点服务清单", "2025-10-12", "教师院院坝",
      residents[0].front().courtyard, 31, "居民 31 户、院委会、社区网格员",
      "院委会介绍按民意清单制定的钟点服务清单：保洁每周 3 次、绿化每周 1 次、电工每月 2 次、项目经理每月 2 次，小时单价公示。居民讨论后同意试行。",
      {{"同意自 2025 年 11 月起按服务清单提供钟点服务", "", 0},
       {"楼道保洁纳入服务清单", "need",
        need_id(teachers, "3 栋 2 单元楼道每周只扫两次，扶手经常积灰")}});
  for (std::size_t k = 1; k < compounds.size(); ++k)
    if (k != 3)
      meeting(compounds[k], "deliberation", "居民议事会：民意清单季度答复", "2026-09-20",
              "社区党群服务站", 0, 18 + rng.uniform(0, 10), "居民代表、委员会、社区",
              "逐条答复本季度民意清单，通报已办结和转入项目的需求。", {});
}

void surveys_and_meetings(App& app, Connection& c, const std::vector<I>& compounds,
                          const DemoServicePeople& p,
                          const std::vector<std::vector<Resident>>& residents, I now) {
  DemoRng rng(904);
  I qid = surveys(app, c, compounds, p, residents, now, rng);
  meetings(app, c, compounds, p, residents, qid, rng);
}

// Announcements in every compound: a water outage and a meeting notice asking households to
// confirm, some confirmed already; a courtyard's own notice and a managed area's.
void announcements(App& app, Connection& c, const std::vector<I>& compounds,
                   const DemoServicePeople& p, const std::vector<std::vector<Resident>>& residents,
                   I now) {
  const Caller committee = demo_caller(c, p.committee);
  struct Plan {
    int compound;
    int courtyard;
    bool area;
    const char* kind;
    const char* title;
    const char* body;
    bool confirm;
    bool pinned;
    int ago_h;
    int for_h;
    int confirmed_pct;
  };
  static const Plan plans[] = {
      {0, -1, false, "outage", "停水通知：二次供水水箱清洗",
       "11 月 27 日（周五）9:00–17:00 清洗二次供水水箱，全院停水，请提前储水。老人独居的住户，网格员会上门帮忙。",
       true, true, 20, 72, 55},
      {0, -1, false, "meeting", "坝坝会通知：讨论 2027 年服务清单",
       "12 月 1 日晚 7 点在院坝召开坝坝会，讨论楼道保洁是否增至每周 3 次、明年服务清单和小时单价。请每户至少来一人。",
       true, false, 60, 200, 40},
      {0, -1, false, "notice", "11 月服务公示已更新",
       "10 月的上门服务工时、居民确认率和费用已入账并公示，可在小区首页查看。", false, false, 400,
       400, 0},
      {1, -1, false, "safety", "消防通道清理通知",
       "本周六上午物管委组织清理楼道杂物和消防通道，请住户把楼道里的个人物品搬回家。", true, true,
       30, 96, 48},
      {1, -1, false, "outage", "停电通知：配电房检修",
       "11 月 28 日 8:30–12:00 配电房检修，全小区停电，电梯暂停使用。", false, false, 10, 80, 0},
      {2, 0, false, "meeting", "文庙院院落会：结余使用计划",
       "讨论用本院落结余加装 2 盏应急灯、更换摄像头。只请文庙院住户参加。", true, false, 48, 150,
       60},
      {2, 1, false, "outage", "书院街院停水通知",
       "书院街院主管道维修，11 月 26 日 14:00–18:00 停水。", false, false, 20, 40, 0},
      {3, -1, true, "meeting", "北门片区议事会：停车方案征求意见",
       "片区停车位划线方案已张贴在党群服务站，请各院落居民代表 12 月 3 日前反馈意见。", true, true,
       40, 200, 35},
      {4, -1, false, "notice", "慈善基金 11 月使用公示",
       "本月慈善基金支出 2 笔：帮扶独居老人维修水管、重阳节敬老活动。明细见小区首页账本。", false,
       false, 80, 300, 0},
      {4, -1, false, "meeting", "业主大会会议通知",
       "12 月 6 日召开业主大会，审议 2027 年度预算。请业主确认收到通知。", true, false, 24, 300,
       30},
  };
  DemoRng rng(1111);
  for (const auto& a : plans) {
    I cid = compounds[static_cast<std::size_t>(a.compound)];
    auto yards = store::list_courtyards(c, cid);
    std::optional<I> yard, area;
    if (a.courtyard >= 0) yard = yards[static_cast<std::size_t>(a.courtyard)].id;
    if (a.area) area = yards.front().area_id;
    I at = now - a.ago_h * kHour;
    app.clock_ms = [at] { return at; };
    AnnouncementInput in;
    in.title = a.title;
    in.body = a.body;
    in.kind = a.kind;
    in.courtyard_id = yard;
    in.area_id = area;
    in.confirm_required = a.confirm;
    in.pinned = a.pinned;
    in.expires_at_ms = at + a.for_h * kHour;
    I id = create_announcement_in(c, app, committee, CompoundId{cid}, in);
    // Residents (never the demo owner: he confirms in the demo himself) read and confirm.
    const auto& rs = residents[static_cast<std::size_t>(a.compound)];
    for (std::size_t k = 1; k < rs.size(); ++k) {
      if (yard && rs[k].courtyard != *yard) continue;
      if (!rng.chance(a.confirmed_pct + 20)) continue;
      bool confirmed = a.confirm && rng.chance(a.confirmed_pct * 100 / (a.confirmed_pct + 20));
      I when = at + rng.uniform(1, std::max<I>(2, a.ago_h)) * kHour / 2;
      const Caller reader = demo_caller(c, rs[k].user);
      app.clock_ms = [when] { return when; };
      read_announcement_in(c, app, reader, CompoundId{cid}, id, false);
      if (!confirmed) continue;
      const I later = when + 60'000;
      app.clock_ms = [later] { return later; };
      read_announcement_in(c, app, reader, CompoundId{cid}, id, true);
    }
  }
}

}  // namespace

void seed_demo_services(App& app, Connection& c, const std::vector<I>& compounds,
                        const DemoServicePeople& p, I now) {
  const auto saved_clock = app.clock_ms;
  XINYI_ASSERT(compounds.size() == 5);
  const int signed_up[] = {40, 30, 24, 66, 30};
  std::vector<std::vector<Resident>> residents;
  I skip = 0;  // the demo owner's first unit
  for (const auto& cl : store::list_claims(c, p.owner))
    if (!skip || cl.unit_id < skip) skip = cl.unit_id;
  for (std::size_t k = 0; k < compounds.size(); ++k) {
    auto rs = sign_up(c, compounds[k], signed_up[k], at("2025-10-01"), skip);
    // The first resident of 桂湖教师院 is the demo owner 王建国 (he reviews only what he chooses).
    if (k == 0)
      rs.insert(rs.begin(),
                Resident{p.owner, skip, store::get_unit(c, compounds[0], skip)->courtyard_id});
    else if (!rs.empty())
      rs.insert(rs.begin(), rs.front());  // index 0 is never picked at random
    residents.push_back(std::move(rs));
  }
  hourly_service(app, c, compounds[0], p, residents[0], now);
  needs(app, c, compounds, p, residents, now);
  surveys_and_meetings(app, c, compounds, p, residents, now);
  announcements(app, c, compounds, p, residents, now);
  app.clock_ms = saved_clock;
}

}  // namespace xinyi::demo
