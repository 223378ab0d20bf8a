#include "app/charity_service.h"

#include <cstdio>
#include <map>
#include <set>

#include "app/books.h"
#include "app/json_in.h"
#include "app/needs_service.h"
#include "app/notify.h"
#include "domain/assert.h"
#include "domain/ledger/books.h"
#include "domain/mask.h"
#include "domain/money.h"
#include "domain/registry.h"
#include "domain/text.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;
namespace json = boost::json;

namespace {

constexpr I kMaxMinutesPerActivity = 24 * 60;
constexpr std::size_t kMaxParticipants = 500;

struct Use {
  const char* key;
  const char* account;
  const char* zh;
};
constexpr Use kUses[] = {{"micro_renewal", "5008", "微更新"},
                         {"aid", "5009", "帮扶困难家庭"},
                         {"public_activity", "5010", "公益活动"}};

bool valid_use(const std::string& u) {
  if (u == "general") return true;
  for (const auto& x : kUses)
    if (u == x.key) return true;
  return false;
}

std::string public_donor(const std::string& name, bool anonymous) {
  return anonymous ? "匿名" : mask_name(name);
}

json::object donation_json(const store::Row& r, I cid, bool names) {
  // id, campaign, donor_name, anonymous, amount, status, receipt_no, entry_idx, received_on,
  // created_at, reason, user_id
  json::object o{
      {"id", r.i64(0)},
      {"campaign_id", r.is_null(1) ? json::value(nullptr) : json::value(r.i64(1))},
      {"donor", public_donor(r.str(2), r.i64(3) != 0)},
      {"anonymous", r.i64(3) != 0},
      {"amount_fen", r.i64(4)},
      {"status", r.str(5)},
      {"receipt_no",
       r.is_null(6) ? json::value(nullptr) : json::value(donation_receipt(cid, r.i64(6)))},
      {"entry_index", r.is_null(7) ? json::value(nullptr) : json::value(r.i64(7))},
      {"date", r.is_null(8) ? json::value(china_date(r.i64(9))) : json::value(r.str(8))}};
  if (names) {
    o["donor_name"] = r.str(2);
    o["reason"] = r.str(10);
    o["created_at"] = r.i64(9);
  }
  return o;
}

constexpr const char* kDonationCols =
    "d.id, d.campaign_id, d.donor_name, d.anonymous, d.amount_fen, d.status, d.receipt_no, d.entry_idx, d.received_on, d.created_at, d.reason, "
    "d.user_id";

}  // namespace

std::string donation_receipt(I cid, I no) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "CD-%lld-%05lld", static_cast<long long>(cid),
                static_cast<long long>(no));
  return buf;
}

I post_donation(Connection& c, I cid, I id, I now) {
  auto d = c.query_one(
      "SELECT donor_name, anonymous, amount_fen FROM donations WHERE compound_id = ? AND id = ? AND status = 'offered'",
      {cid, id});
  XINYI_ASSERT(d.has_value());
  I no = c.scalar("SELECT COALESCE(MAX(receipt_no), 0) + 1 FROM donations WHERE compound_id = ?",
                  {cid});
  ledger::Transaction t;
  t.date = china_date(now);
  t.kind = "journal";
  t.description = "慈善基金捐赠（" + public_donor(d->str(0), d->i64(1) != 0) + "，收据 " +
                  donation_receipt(cid, no) + "）";
  t.postings = {{"1002", d->i64(2), 0}, {"4005", -d->i64(2), 0}};
  t.links = {{"donation", id}};
  Appender ap(c, cid, now);
  I idx = ap.append(std::move(t));
  ap.finish();
  c.execute(
      "UPDATE donations SET status = 'received', receipt_no = ?, entry_idx = ?, received_on = ?, decided_at = ? WHERE id = ?",
      {no, idx, china_date(now), now, id});
  return idx;
}

json::object create_campaign(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  std::string title = in.str("title", 60);
  std::string description = in.opt_str("description", 1000).value_or("");
  std::string use = in.opt_str("use", 20).value_or("general");
  I goal = in.i64("goal_fen", 100, kMaxDonationFen * 100);
  std::string starts = in.str("starts_on", 10), ends = in.str("ends_on", 10);
  if (!valid_use(use))
    in.add_error("use", "用途应为 general、micro_renewal、aid 或 public_activity",
                 "use is general, micro_renewal, aid or public_activity");
  if (!ledger::valid_date(starts))
    in.add_error("starts_on", "日期无效（YYYY-MM-DD）", "not a date (YYYY-MM-DD)");
  if (!ledger::valid_date(ends) || ends < starts)
    in.add_error("ends_on", "结束日期应不早于开始日期", "must be a date on or after starts_on");
  in.finish();
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    I now = app.clock_ms();
    I id =
        c.query_one(
             "INSERT INTO charity_campaigns (compound_id, title, description, fund_use, goal_fen, starts_on, ends_on, created_by, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {cid, title, description, use, goal, starts, ends, who.user_id(), now})
            ->i64(0);
    audit(c, app, who, cid, "charity.campaign", "campaign:" + std::to_string(id),
          {{"goal_fen", goal}});
    return json::object{{"id", id},         {"title", title},      {"use", use},
                        {"goal_fen", goal}, {"starts_on", starts}, {"ends_on", ends}};
  });
}

json::object donate(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  I amount = in.i64("amount_fen", 100, kMaxDonationFen);
  auto campaign = in.opt_i64("campaign_id", 1, INT64_MAX);
  bool anonymous = in.boolean("anonymous", false);
  auto donor = in.opt_str("donor_name", registry::kMaxNameChars);
  in.finish();
  const Principal* p = who.p();
  const bool recorder = p && (p->has(cid, Role::committee) || p->has(cid, Role::trustee));
  const bool resident = p && p->has(cid, Role::resident);
  const bool named = donor && !donor->empty();
  // Money received (committee or trustee, naming the donor) or an offer (a resident).
  const bool received = recorder && named;
  if (recorder && !named && !resident)
    throw_invalid({{"donor_name", "登记收到的捐款须写明捐赠人（公示时会隐去）",
                    "name the donor (it is masked when published)"}});
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    if (campaign && !c.query_one("SELECT 1 FROM charity_campaigns WHERE compound_id = ? AND id = ?",
                                 {cid, *campaign}))
      throw_invalid({{"campaign_id", "本小区没有这次募捐", "no such campaign in this compound"}});
    I now = app.clock_ms();
    std::string name = received ? *donor : who.user->name;
    I id =
        c.query_one(
             "INSERT INTO donations (compound_id, campaign_id, user_id, donor_name, anonymous, amount_fen, status, created_at, decided_by) "
             "VALUES (?, ?, ?, ?, ?, ?, 'offered', ?, ?) RETURNING id",
             {cid, campaign ? store::Value(*campaign) : store::Value(nullptr),
              received ? store::Value(nullptr) : store::Value(who.user_id()), name, I{anonymous},
              amount, now, received ? store::Value(who.user_id()) : store::Value(nullptr)})
            ->i64(0);
    if (received) post_donation(c, cid, id, now);
    audit(c, app, who, cid, received ? "charity.donation.record" : "charity.donation.offer",
          "donation:" + std::to_string(id), {{"amount_fen", amount}});
    auto r = c.query_one(
        std::string("SELECT ") + kDonationCols + " FROM donations d WHERE d.id = ?", {id});
    auto o = donation_json(*r, cid, true);
    if (!received) {
      o["pay_to_zh"] =
          "请转账至本小区慈善基金专户（银行存款·慈善基金专户 1002），到账后由委员会确认并出具收据。";
      o["pay_to_en"] =
          "Transfer the money to the compound's charity fund account (1002); the committee confirms it on arrival and issues a receipt.";
    }
    return o;
  });
}

json::object receive_donation(App& app, const Caller& who, I cid, I id) {
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    auto d = c.query_one(
        "SELECT status, user_id, amount_fen FROM donations WHERE compound_id = ? AND id = ?",
        {cid, id});
    if (!d) throw_not_found("捐赠", "Donation");
    if (d->str(0) != "offered")
      throw Error(ErrorKind::conflict, "not-offered", "该捐赠已处理",
                  "This donation is already " + d->str(0));
    c.execute("UPDATE donations SET decided_by = ? WHERE id = ?", {who.user_id(), id});
    I now = app.clock_ms();
    post_donation(c, cid, id, now);
    if (!d->is_null(1))
      notify_user(c, cid, d->i64(1),
                  Notice{"payment", "您的捐赠 " + format_yuan(d->i64(2)) + " 元已到账，谢谢！",
                         "收据见“我的捐赠”", "/me", false},
                  now);
    audit(c, app, who, cid, "charity.donation.receive", "donation:" + std::to_string(id),
          {{"amount_fen", d->i64(2)}});
    auto r = c.query_one(
        std::string("SELECT ") + kDonationCols + " FROM donations d WHERE d.id = ?", {id});
    return donation_json(*r, cid, true);
  });
}

json::object decline_donation(App& app, const Caller& who, I cid, I id, std::string_view body) {
  JsonIn in(body);
  std::string reason = in.str("reason", 200);
  in.finish();
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    auto d =
        c.query_one("SELECT status FROM donations WHERE compound_id = ? AND id = ?", {cid, id});
    if (!d) throw_not_found("捐赠", "Donation");
    if (d->str(0) != "offered")
      throw Error(ErrorKind::conflict, "not-offered", "该捐赠已处理",
                  "This donation is already " + d->str(0));
    c.execute(
        "UPDATE donations SET status = 'declined', reason = ?, decided_by = ?, decided_at = ? WHERE id = ?",
        {reason, who.user_id(), app.clock_ms(), id});
    audit(c, app, who, cid, "charity.donation.decline", "donation:" + std::to_string(id),
          {{"reason", reason}});
    auto r = c.query_one(
        std::string("SELECT ") + kDonationCols + " FROM donations d WHERE d.id = ?", {id});
    return donation_json(*r, cid, true);
  });
}

json::array list_donations(App& app, I cid) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    json::array out;
    for (auto& r :
         c.query(std::string("SELECT ") + kDonationCols +
                     " FROM donations d WHERE d.compound_id = ? ORDER BY d.id DESC LIMIT 1000",
                 {cid}))
      out.push_back(donation_json(r, cid, true));
    return out;
  });
}

json::array my_donations(App& app, const Caller& who) {
  return app.db.read([&](Connection& c) {
    json::array out;
    for (
        auto& r : c.query(
            std::string("SELECT ") + kDonationCols +
                ", d.compound_id, cp.name, COALESCE(ca.title, '') FROM donations d JOIN compounds cp ON cp.id = d.compound_id "
                "LEFT JOIN charity_campaigns ca ON ca.id = d.campaign_id WHERE d.user_id = ? ORDER BY d.id DESC LIMIT 500",
            {who.user_id()})) {
      auto o = donation_json(r, r.i64(12), false);
      o["compound_id"] = r.i64(12);
      o["compound"] = r.str(13);
      o["campaign"] = r.str(14);
      o["reason"] = r.str(10);
      out.push_back(std::move(o));
    }
    return out;
  });
}

json::object charity_summary(App& app, I cid) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    I balance = store::account_balance(c, cid, "1002");
    I raised = -store::account_balance(c, cid, "4005");
    json::array uses;
    I spent = 0;
    for (const auto& u : kUses) {
      // Money that left the charity account for this use: the expense side of those entries.
      I s = c.scalar(
          "SELECT COALESCE(SUM(e.amount_fen), 0) FROM postings e WHERE e.compound_id = ? AND e.account = ? AND EXISTS "
          "(SELECT 1 FROM postings b WHERE b.compound_id = e.compound_id AND b.idx = e.idx AND b.account = '1002' AND b.amount_fen < 0)",
          {cid, std::string(u.account)});
      spent += s;
      uses.push_back(json::object{
          {"use", u.key}, {"account", u.account}, {"name_zh", u.zh}, {"spent_fen", s}});
    }
    json::array campaigns;
    std::string today = china_date(app.clock_ms());
    for (
        auto& r : c.query(
            "SELECT ca.id, ca.title, ca.description, ca.fund_use, ca.goal_fen, ca.starts_on, ca.ends_on, "
            "COALESCE(SUM(CASE WHEN d.status = 'received' THEN d.amount_fen END), 0), "
            "COUNT(CASE WHEN d.status = 'received' THEN 1 END) FROM charity_campaigns ca "
            "LEFT JOIN donations d ON d.campaign_id = ca.id WHERE ca.compound_id = ? "
            "GROUP BY ca.id, ca.title, ca.description, ca.fund_use, ca.goal_fen, ca.starts_on, ca.ends_on ORDER BY ca.id DESC LIMIT 50",
            {cid}))
      campaigns.push_back(json::object{{"id", r.i64(0)},
                                       {"title", r.str(1)},
                                       {"description", r.str(2)},
                                       {"use", r.str(3)},
                                       {"goal_fen", r.i64(4)},
                                       {"starts_on", r.str(5)},
                                       {"ends_on", r.str(6)},
                                       {"raised_fen", r.i64(7)},
                                       {"donors", r.i64(8)},
                                       {"status", today > r.str(6) ? "closed" : "open"}});
    json::array list;
    for (
        auto& r : c.query(
            std::string("SELECT ") + kDonationCols +
                " FROM donations d WHERE d.compound_id = ? AND d.status = 'received' ORDER BY d.received_on DESC, d.id DESC LIMIT 200",
            {cid}))
      list.push_back(donation_json(r, cid, false));
    json::array disb;
    for (
        auto& r : c.query(
            "SELECT id, purpose, payee, payee_is_person, amount_fen, expense_account, status, entry_idx, COALESCE(decided_at, requested_at) "
            "FROM disbursements WHERE compound_id = ? AND cash_account = '1002' AND status <> 'rejected' AND reverses_idx IS NULL "
            "ORDER BY id DESC LIMIT 200",
            {cid})) {
      std::string acct = r.str(5);
      std::string payee = acct == ledger::kAidAccount ? std::string(ledger::kAidPayee)
                          : r.i64(3)                  ? mask_name(r.str(2))
                                                      : r.str(2);
      std::string use = "other";
      for (const auto& u : kUses)
        if (acct == u.account) use = u.key;
      disb.push_back(
          json::object{{"id", r.i64(0)},
                       {"purpose", r.str(1)},
                       {"payee", payee},
                       {"amount_fen", r.i64(4)},
                       {"use", use},
                       {"status", r.str(6)},
                       {"entry_index", r.is_null(7) ? json::value(nullptr) : json::value(r.i64(7))},
                       {"date", china_date(r.i64(8))}});
    }
    return json::object{
        {"balance_fen", balance},
        {"raised_fen", raised},
        {"donations",
         c.scalar("SELECT COUNT(*) FROM donations WHERE compound_id = ? AND status = 'received'",
                  {cid})},
        {"spent_fen", spent},
        {"uses", std::move(uses)},
        {"campaigns", std::move(campaigns)},
        {"donations_list", std::move(list)},
        {"disbursements", std::move(disb)}};
  });
}

// ---- volunteers -----------------------------------------------------------------------------

json::object create_team(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  std::string name = in.str("name", 40);
  std::string description = in.opt_str("description", 500).value_or("");
  in.finish();
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    if (c.query_one("SELECT 1 FROM volunteer_teams WHERE compound_id = ? AND name = ?",
                    {cid, name}))
      throw Error(ErrorKind::conflict, "duplicate", "已有同名的志愿服务队",
                  "A team of that name exists");
    I id =
        c.query_one(
             "INSERT INTO volunteer_teams (compound_id, name, description, created_at) VALUES (?, ?, ?, ?) RETURNING id",
             {cid, name, description, app.clock_ms()})
            ->i64(0);
    audit(c, app, who, cid, "volunteer.team", "team:" + std::to_string(id), {{"name", name}});
    return json::object{{"id", id}, {"name", name}, {"description", description}};
  });
}

json::object join_team(App& app, const Caller& who, I cid, I team_id) {
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    if (!c.query_one("SELECT 1 FROM volunteer_teams WHERE compound_id = ? AND id = ?",
                     {cid, team_id}))
      throw_not_found("志愿服务队", "Team");
    if (c.query_one("SELECT 1 FROM volunteer_members WHERE team_id = ? AND user_id = ?",
                    {team_id, who.user_id()}))
      throw Error(ErrorKind::conflict, "already-member", "您已是该队队员",
                  "You are already in this team");
    I id =
        c.query_one(
             "INSERT INTO volunteer_members (team_id, compound_id, user_id, name, joined_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
             {team_id, cid, who.user_id(), who.user->name, app.clock_ms()})
            ->i64(0);
    audit(c, app, who, cid, "volunteer.join", "team:" + std::to_string(team_id));
    return json::object{{"member_id", id}, {"team_id", team_id}, {"joined", true}};
  });
}

json::object add_team_member(App& app, const Caller& who, I cid, I team_id, std::string_view body) {
  JsonIn in(body);
  std::string name = in.str("name", registry::kMaxNameChars);
  in.finish();
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    if (!c.query_one("SELECT 1 FROM volunteer_teams WHERE compound_id = ? AND id = ?",
                     {cid, team_id}))
      throw_not_found("志愿服务队", "Team");
    I id =
        c.query_one(
             "INSERT INTO volunteer_members (team_id, compound_id, name, joined_at) VALUES (?, ?, ?, ?) RETURNING id",
             {team_id, cid, name, app.clock_ms()})
            ->i64(0);
    audit(c, app, who, cid, "volunteer.member", "team:" + std::to_string(team_id));
    return json::object{{"member_id", id}, {"team_id", team_id}, {"name", mask_name(name)}};
  });
}

json::object record_activity(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  I team = in.i64("team_id", 1, INT64_MAX);
  std::string title = in.str("title", 60);
  std::string date = in.str("date", 10);
  std::string description = in.opt_str("description", 1000).value_or("");
  if (!ledger::valid_date(date))
    in.add_error("date", "日期无效（YYYY-MM-DD）", "not a date (YYYY-MM-DD)");
  std::vector<std::pair<I, I>> hours;
  const json::value* hv = in.get("hours");
  if (!hv || !hv->is_array() || hv->as_array().empty() || hv->as_array().size() > kMaxParticipants)
    in.add_error("hours", "请列出参加的队员及时长（1–500 人）",
                 "list the members who took part with their minutes (1–500)");
  else
    for (std::size_t i = 0; i < hv->as_array().size(); ++i) {
      JsonIn hi(hv->as_array()[i]);
      I m = hi.i64("member_id", 1, INT64_MAX);
      I minutes = hi.i64("minutes", 1, kMaxMinutesPerActivity);
      try {
        hi.finish();
      } catch (const Error& e) {
        for (const auto& f : e.fields())
          in.add_error("hours[" + std::to_string(i) + "]." + f.field, f.zh, f.en);
      }
      hours.emplace_back(m, minutes);
    }
  in.finish();
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    if (!c.query_one("SELECT 1 FROM volunteer_teams WHERE compound_id = ? AND id = ?", {cid, team}))
      throw_invalid({{"team_id", "本小区没有这支志愿服务队", "no such team in this compound"}});
    std::set<I> seen;
    for (std::size_t i = 0; i < hours.size(); ++i)
      if (!seen.insert(hours[i].first).second ||
          !c.query_one("SELECT 1 FROM volunteer_members WHERE team_id = ? AND id = ?",
                       {team, hours[i].first}))
        throw_invalid({{"hours[" + std::to_string(i) + "].member_id", "不是该队队员，或重复",
                        "not a member of this team, or repeated"}});
    I id =
        c.query_one(
             "INSERT INTO volunteer_activities (team_id, compound_id, title, held_on, description, created_at) VALUES (?, ?, ?, ?, ?, ?) "
             "RETURNING id",
             {team, cid, title, date, description, app.clock_ms()})
            ->i64(0);
    I total = 0;
    for (auto [m, minutes] : hours) {
      c.execute(
          "INSERT INTO volunteer_hours (activity_id, member_id, compound_id, minutes) VALUES (?, ?, ?, ?)",
          {id, m, cid, minutes});
      total += minutes;
    }
    audit(c, app, who, cid, "volunteer.activity", "activity:" + std::to_string(id),
          {{"minutes", total}});
    return json::object{{"id", id},
                        {"team_id", team},
                        {"title", title},
                        {"date", date},
                        {"participants", static_cast<I>(hours.size())},
                        {"minutes", total}};
  });
}

json::object volunteers(App& app, I cid, bool members) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    json::array teams, acts, list;
    for (
        auto& r : c.query(
            "SELECT t.id, t.name, t.description, (SELECT COUNT(*) FROM volunteer_members m WHERE m.team_id = t.id), "
            "(SELECT COALESCE(SUM(h.minutes), 0) FROM volunteer_hours h JOIN volunteer_activities a ON a.id = h.activity_id "
            "WHERE a.team_id = t.id) FROM volunteer_teams t WHERE t.compound_id = ? ORDER BY t.id",
            {cid}))
      teams.push_back(json::object{{"id", r.i64(0)},
                                   {"name", r.str(1)},
                                   {"description", r.str(2)},
                                   {"members", r.i64(3)},
                                   {"minutes", r.i64(4)}});
    for (
        auto& r : c.query(
            "SELECT a.id, a.team_id, t.name, a.title, a.held_on, a.description, "
            "(SELECT COUNT(*) FROM volunteer_hours h WHERE h.activity_id = a.id), "
            "(SELECT COALESCE(SUM(h.minutes), 0) FROM volunteer_hours h WHERE h.activity_id = a.id) "
            "FROM volunteer_activities a JOIN volunteer_teams t ON t.id = a.team_id WHERE a.compound_id = ? "
            "ORDER BY a.held_on DESC, a.id DESC LIMIT 100",
            {cid}))
      acts.push_back(json::object{{"id", r.i64(0)},
                                  {"team_id", r.i64(1)},
                                  {"team", r.str(2)},
                                  {"title", r.str(3)},
                                  {"date", r.str(4)},
                                  {"description", r.str(5)},
                                  {"participants", r.i64(6)},
                                  {"minutes", r.i64(7)}});
    json::object o{
        {"teams", std::move(teams)},
        {"activities", std::move(acts)},
        {"members",
         c.scalar("SELECT COUNT(*) FROM volunteer_members WHERE compound_id = ?", {cid})},
        {"minutes",
         c.scalar("SELECT COALESCE(SUM(minutes), 0) FROM volunteer_hours WHERE compound_id = ?",
                  {cid})}};
    if (members) {
      for (
          auto& r : c.query(
              "SELECT m.id, m.team_id, m.name, COALESCE((SELECT SUM(h.minutes) FROM volunteer_hours h WHERE h.member_id = m.id), 0), "
              "COALESCE(m.user_id, 0) FROM volunteer_members m WHERE m.compound_id = ? ORDER BY m.team_id, m.id",
              {cid}))
        list.push_back(json::object{{"id", r.i64(0)},
                                    {"team_id", r.i64(1)},
                                    {"name", mask_name(r.str(2))},
                                    {"minutes", r.i64(3)},
                                    {"user_id", r.i64(4)}});
      o["members_list"] = std::move(list);
    }
    return o;
  });
}

}  // namespace xinyi::app
