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
#include "store/charity_repo.h"
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

json::object donation_json(const store::DonationRec& d, I cid, bool names) {
  json::object o{{"id", d.id},
                 {"campaign_id", d.campaign_id ? json::value(d.campaign_id) : json::value(nullptr)},
                 {"donor", public_donor(d.donor_name, d.anonymous)},
                 {"anonymous", d.anonymous},
                 {"amount_fen", d.amount_fen},
                 {"status", d.status},
                 {"receipt_no", d.receipt_no ? json::value(donation_receipt(cid, *d.receipt_no))
                                             : json::value(nullptr)},
                 {"entry_index", d.entry_idx ? json::value(*d.entry_idx) : json::value(nullptr)},
                 {"date", d.received_on ? json::value(*d.received_on)
                                        : json::value(china_date(d.created_at_ms))}};
  if (names) {
    o["donor_name"] = d.donor_name;
    o["reason"] = d.reason;
    o["created_at"] = d.created_at_ms;
  }
  return o;
}

json::object donation_json(Connection& c, I cid, I id) {
  return donation_json(*store::get_donation(c, cid, id), cid, true);
}

}  // namespace

std::string donation_receipt(I cid, I no) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "CD-%lld-%05lld", static_cast<long long>(cid),
                static_cast<long long>(no));
  return buf;
}

I post_donation(Connection& c, I cid, I id, I now) {
  auto d = store::get_donation(c, cid, id);
  XINYI_ASSERT(d && d->status == "offered");
  I no = store::next_donation_receipt_no(c, cid);
  ledger::Transaction t;
  t.date = china_date(now);
  t.kind = "journal";
  t.description = "慈善基金捐赠（" + public_donor(d->donor_name, d->anonymous) + "，收据 " +
                  donation_receipt(cid, no) + "）";
  t.postings = {{"1002", d->amount_fen, 0}, {"4005", -d->amount_fen, 0}};
  t.links = {{"donation", id}};
  Appender ap(c, cid, now);
  I idx = ap.append(std::move(t));
  ap.finish();
  store::mark_donation_received(c, id, no, idx, china_date(now), now);
  return idx;
}

I create_campaign_in(Connection& c, App& app, const Caller& who, I cid, const CampaignInput& in) {
  std::vector<FieldError> e;
  if (!valid_use(in.use))
    e.push_back({"use", "用途应为 general、micro_renewal、aid 或 public_activity",
                 "use is general, micro_renewal, aid or public_activity"});
  if (!ledger::valid_date(in.starts_on))
    e.push_back({"starts_on", "日期无效（YYYY-MM-DD）", "not a date (YYYY-MM-DD)"});
  if (!ledger::valid_date(in.ends_on) || in.ends_on < in.starts_on)
    e.push_back({"ends_on", "结束日期应不早于开始日期", "must be a date on or after starts_on"});
  if (!e.empty()) throw_invalid(std::move(e));
  require_compound(c, cid);
  I id = store::insert_campaign(
      c, cid,
      {in.title, in.description, in.use, in.goal_fen, in.starts_on, in.ends_on, who.user_id()},
      app.clock_ms());
  audit(c, app, who, cid, "charity.campaign", "campaign:" + std::to_string(id),
        {{"goal_fen", in.goal_fen}});
  return id;
}

json::object create_campaign(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  CampaignInput r;
  r.title = in.str("title", 60);
  r.description = in.opt_str("description", 1000).value_or("");
  r.use = in.opt_str("use", 20).value_or("general");
  r.goal_fen = in.i64("goal_fen", 100, kMaxDonationFen * 100);
  r.starts_on = in.str("starts_on", 10);
  r.ends_on = in.str("ends_on", 10);
  if (!valid_use(r.use))
    in.add_error("use", "用途应为 general、micro_renewal、aid 或 public_activity",
                 "use is general, micro_renewal, aid or public_activity");
  if (!ledger::valid_date(r.starts_on))
    in.add_error("starts_on", "日期无效（YYYY-MM-DD）", "not a date (YYYY-MM-DD)");
  if (!ledger::valid_date(r.ends_on) || r.ends_on < r.starts_on)
    in.add_error("ends_on", "结束日期应不早于开始日期", "must be a date on or after starts_on");
  in.finish();
  I id = app.db.write([&](Connection& c) { return create_campaign_in(c, app, who, cid, r); });
  return json::object{{"id", id},
                      {"title", r.title},
                      {"use", r.use},
                      {"goal_fen", r.goal_fen},
                      {"starts_on", r.starts_on},
                      {"ends_on", r.ends_on}};
}

DonationOutcome donate_in(Connection& c, App& app, const Caller& who, I cid,
                          const DonationInput& in) {
  const Principal* p = who.p();
  const bool recorder = p && (p->has(cid, Role::committee) || p->has(cid, Role::trustee));
  const bool resident = p && p->has(cid, Role::resident);
  const bool named = in.donor_name && !in.donor_name->empty();
  // Money received (committee or trustee, naming the donor) or an offer (a resident).
  const bool received = recorder && named;
  if (recorder && !named && !resident)
    throw_invalid({{"donor_name", "登记收到的捐款须写明捐赠人（公示时会隐去）",
                    "name the donor (it is masked when published)"}});
  require_compound(c, cid);
  if (in.campaign_id && !store::campaign_exists(c, cid, *in.campaign_id))
    throw_invalid({{"campaign_id", "本小区没有这次募捐", "no such campaign in this compound"}});
  I now = app.clock_ms();
  std::string name = received ? *in.donor_name : who.user->name;
  I id = store::insert_donation(c, cid,
                                {in.campaign_id.value_or(0), received ? 0 : who.user_id(), name,
                                 in.anonymous, in.amount_fen, received ? who.user_id() : 0},
                                now);
  if (received) post_donation(c, cid, id, now);
  audit(c, app, who, cid, received ? "charity.donation.record" : "charity.donation.offer",
        "donation:" + std::to_string(id), {{"amount_fen", in.amount_fen}});
  return {id, received};
}

json::object donate(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  DonationInput r;
  r.amount_fen = in.i64("amount_fen", 100, kMaxDonationFen);
  r.campaign_id = in.opt_i64("campaign_id", 1, INT64_MAX);
  r.anonymous = in.boolean("anonymous", false);
  r.donor_name = in.opt_str("donor_name", registry::kMaxNameChars);
  in.finish();
  return app.db.write([&](Connection& c) {
    auto d = donate_in(c, app, who, cid, r);
    auto o = donation_json(c, cid, d.donation_id);
    if (!d.received) {
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
    auto d = store::get_donation(c, cid, id);
    if (!d) throw_not_found("捐赠", "Donation");
    if (d->status != "offered")
      throw Error(ErrorKind::conflict, "not-offered", "该捐赠已处理",
                  "This donation is already " + d->status);
    store::set_donation_decider(c, id, who.user_id());
    I now = app.clock_ms();
    post_donation(c, cid, id, now);
    if (d->user_id)
      notify_user(c, cid, d->user_id,
                  Notice{"payment", "您的捐赠 " + format_yuan(d->amount_fen) + " 元已到账，谢谢！",
                         "收据见“我的捐赠”", "/me", false},
                  now);
    audit(c, app, who, cid, "charity.donation.receive", "donation:" + std::to_string(id),
          {{"amount_fen", d->amount_fen}});
    return donation_json(c, cid, id);
  });
}

json::object decline_donation(App& app, const Caller& who, I cid, I id, std::string_view body) {
  JsonIn in(body);
  std::string reason = in.str("reason", 200);
  in.finish();
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    auto d = store::get_donation(c, cid, id);
    if (!d) throw_not_found("捐赠", "Donation");
    if (d->status != "offered")
      throw Error(ErrorKind::conflict, "not-offered", "该捐赠已处理",
                  "This donation is already " + d->status);
    store::mark_donation_declined(c, id, reason, who.user_id(), app.clock_ms());
    audit(c, app, who, cid, "charity.donation.decline", "donation:" + std::to_string(id),
          {{"reason", reason}});
    return donation_json(c, cid, id);
  });
}

json::array list_donations(App& app, I cid) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    json::array out;
    for (const auto& d : store::list_donations(c, cid)) out.push_back(donation_json(d, cid, true));
    return out;
  });
}

json::array my_donations(App& app, const Caller& who) {
  return app.db.read([&](Connection& c) {
    json::array out;
    for (const auto& r : store::list_user_donations(c, who.user_id())) {
      auto o = donation_json(r.donation, r.compound_id, false);
      o["compound_id"] = r.compound_id;
      o["compound"] = r.compound_name;
      o["campaign"] = r.campaign_title;
      o["reason"] = r.donation.reason;
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
      I s = store::charity_fund_spent_fen(c, cid, u.account);
      spent += s;
      uses.push_back(json::object{
          {"use", u.key}, {"account", u.account}, {"name_zh", u.zh}, {"spent_fen", s}});
    }
    json::array campaigns;
    std::string today = china_date(app.clock_ms());
    for (const auto& k : store::list_campaigns(c, cid))
      campaigns.push_back(json::object{{"id", k.id},
                                       {"title", k.title},
                                       {"description", k.description},
                                       {"use", k.fund_use},
                                       {"goal_fen", k.goal_fen},
                                       {"starts_on", k.starts_on},
                                       {"ends_on", k.ends_on},
                                       {"raised_fen", k.raised_fen},
                                       {"donors", k.donors},
                                       {"status", today > k.ends_on ? "closed" : "open"}});
    json::array list;
    for (const auto& d : store::list_received_donations(c, cid))
      list.push_back(donation_json(d, cid, false));
    json::array disb;
    for (const auto& r : store::list_charity_fund_disbursements(c, cid)) {
      const std::string& acct = r.expense_account;
      std::string payee = acct == ledger::kAidAccount ? std::string(ledger::kAidPayee)
                          : r.payee_is_person         ? mask_name(r.payee)
                                                      : r.payee;
      std::string use = "other";
      for (const auto& u : kUses)
        if (acct == u.account) use = u.key;
      disb.push_back(json::object{
          {"id", r.id},
          {"purpose", r.purpose},
          {"payee", payee},
          {"amount_fen", r.amount_fen},
          {"use", use},
          {"status", r.status},
          {"entry_index", r.entry_idx ? json::value(*r.entry_idx) : json::value(nullptr)},
          {"date", china_date(r.at_ms)}});
    }
    return json::object{{"balance_fen", balance},
                        {"raised_fen", raised},
                        {"donations", store::count_received_donations(c, cid)},
                        {"spent_fen", spent},
                        {"uses", std::move(uses)},
                        {"campaigns", std::move(campaigns)},
                        {"donations_list", std::move(list)},
                        {"disbursements", std::move(disb)}};
  });
}

// ---- volunteers -----------------------------------------------------------------------------

I create_team_in(Connection& c, App& app, const Caller& who, I cid, const std::string& name,
                 const std::string& description) {
  require_compound(c, cid);
  if (store::team_name_taken(c, cid, name))
    throw Error(ErrorKind::conflict, "duplicate", "已有同名的志愿服务队",
                "A team of that name exists");
  I id = store::insert_team(c, cid, name, description, app.clock_ms());
  audit(c, app, who, cid, "volunteer.team", "team:" + std::to_string(id), {{"name", name}});
  return id;
}

json::object create_team(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  std::string name = in.str("name", 40);
  std::string description = in.opt_str("description", 500).value_or("");
  in.finish();
  I id = app.db.write(
      [&](Connection& c) { return create_team_in(c, app, who, cid, name, description); });
  return json::object{{"id", id}, {"name", name}, {"description", description}};
}

json::object join_team(App& app, const Caller& who, I cid, I team_id) {
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    if (!store::team_exists(c, cid, team_id)) throw_not_found("志愿服务队", "Team");
    if (store::is_team_member(c, team_id, who.user_id()))
      throw Error(ErrorKind::conflict, "already-member", "您已是该队队员",
                  "You are already in this team");
    I id =
        store::insert_team_member(c, cid, team_id, who.user_id(), who.user->name, app.clock_ms());
    audit(c, app, who, cid, "volunteer.join", "team:" + std::to_string(team_id));
    return json::object{{"member_id", id}, {"team_id", team_id}, {"joined", true}};
  });
}

I add_team_member_in(Connection& c, App& app, const Caller& who, I cid, I team_id,
                     const std::string& name) {
  require_compound(c, cid);
  if (!store::team_exists(c, cid, team_id)) throw_not_found("志愿服务队", "Team");
  I id = store::insert_team_member(c, cid, team_id, 0, name, app.clock_ms());
  audit(c, app, who, cid, "volunteer.member", "team:" + std::to_string(team_id));
  return id;
}

json::object add_team_member(App& app, const Caller& who, I cid, I team_id, std::string_view body) {
  JsonIn in(body);
  std::string name = in.str("name", registry::kMaxNameChars);
  in.finish();
  I id = app.db.write(
      [&](Connection& c) { return add_team_member_in(c, app, who, cid, team_id, name); });
  return json::object{{"member_id", id}, {"team_id", team_id}, {"name", mask_name(name)}};
}

I record_activity_in(Connection& c, App& app, const Caller& who, I cid, const ActivityInput& in) {
  if (!ledger::valid_date(in.date))
    throw_invalid({{"date", "日期无效（YYYY-MM-DD）", "not a date (YYYY-MM-DD)"}});
  if (in.hours.empty() || in.hours.size() > kMaxParticipants)
    throw_invalid({{"hours", "请列出参加的队员及时长（1–500 人）",
                    "list the members who took part with their minutes (1–500)"}});
  require_compound(c, cid);
  if (!store::team_exists(c, cid, in.team_id))
    throw_invalid({{"team_id", "本小区没有这支志愿服务队", "no such team in this compound"}});
  std::set<I> seen;
  for (std::size_t i = 0; i < in.hours.size(); ++i) {
    const auto [member, minutes] = in.hours[i];
    if (!seen.insert(member).second || !store::team_has_member(c, in.team_id, member))
      throw_invalid({{"hours[" + std::to_string(i) + "].member_id", "不是该队队员，或重复",
                      "not a member of this team, or repeated"}});
    if (minutes < 1 || minutes > kMaxMinutesPerActivity)
      throw_invalid(
          {{"hours[" + std::to_string(i) + "].minutes", "时长超出范围", "minutes out of range"}});
  }
  I id =
      store::insert_activity(c, cid, in.team_id, in.title, in.date, in.description, app.clock_ms());
  I total = 0;
  for (auto [m, minutes] : in.hours) {
    store::insert_volunteer_hours(c, cid, id, m, minutes);
    total += minutes;
  }
  audit(c, app, who, cid, "volunteer.activity", "activity:" + std::to_string(id),
        {{"minutes", total}});
  return id;
}

json::object record_activity(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  ActivityInput r;
  r.team_id = in.i64("team_id", 1, INT64_MAX);
  r.title = in.str("title", 60);
  r.date = in.str("date", 10);
  r.description = in.opt_str("description", 1000).value_or("");
  if (!ledger::valid_date(r.date))
    in.add_error("date", "日期无效（YYYY-MM-DD）", "not a date (YYYY-MM-DD)");
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
      r.hours.emplace_back(m, minutes);
    }
  in.finish();
  I id = app.db.write([&](Connection& c) { return record_activity_in(c, app, who, cid, r); });
  I total = 0;
  for (auto [m, minutes] : r.hours) total += minutes;
  return json::object{{"id", id},
                      {"team_id", r.team_id},
                      {"title", r.title},
                      {"date", r.date},
                      {"participants", static_cast<I>(r.hours.size())},
                      {"minutes", total}};
}

json::object volunteers(App& app, I cid, bool members) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    json::array teams, acts, list;
    for (const auto& t : store::list_teams(c, cid))
      teams.push_back(json::object{{"id", t.id},
                                   {"name", t.name},
                                   {"description", t.description},
                                   {"members", t.members},
                                   {"minutes", t.minutes}});
    for (const auto& a : store::list_activities(c, cid))
      acts.push_back(json::object{{"id", a.id},
                                  {"team_id", a.team_id},
                                  {"team", a.team_name},
                                  {"title", a.title},
                                  {"date", a.held_on},
                                  {"description", a.description},
                                  {"participants", a.participants},
                                  {"minutes", a.minutes}});
    json::object o{{"teams", std::move(teams)},
                   {"activities", std::move(acts)},
                   {"members", store::count_volunteers(c, cid)},
                   {"minutes", store::volunteer_minutes(c, cid)}};
    if (members) {
      for (const auto& m : store::list_volunteers(c, cid))
        list.push_back(json::object{{"id", m.id},
                                    {"team_id", m.team_id},
                                    {"name", mask_name(m.name)},
                                    {"minutes", m.minutes},
                                    {"user_id", m.user_id}});
      o["members_list"] = std::move(list);
    }
    return o;
  });
}

}  // namespace xinyi::app
