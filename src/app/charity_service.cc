#include "app/charity_service.h"

#include <cstdio>
#include <map>
#include <set>

#include "app/books.h"
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

DonationView view_of(store::DonationRec d, I cid) {
  DonationView v;
  v.donor = public_donor(d.donor_name, d.anonymous);
  if (d.receipt_no) v.receipt = donation_receipt(cid, *d.receipt_no);
  v.date = d.received_on ? *d.received_on : china_date(d.created_at_ms);
  v.donation = std::move(d);
  return v;
}

DonationView view_of(Connection& c, I cid, I id) {
  return view_of(*store::get_donation(c, cid, id), cid);
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

I create_campaign_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                     const CampaignInput& in) {
  const I cid = compound.value;
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
  I id = store::insert_campaign(c, cid,
                                {in.title, in.description, in.use, in.goal_fen.value, in.starts_on,
                                 in.ends_on, who.user_id()},
                                app.clock_ms());
  audit(c, app, who, cid, "charity.campaign", "campaign:" + std::to_string(id),
        {{"goal_fen", in.goal_fen.value}});
  return id;
}

I create_campaign(App& app, const Caller& who, CompoundId compound, const CampaignInput& in) {
  return app.db.write([&](Connection& c) { return create_campaign_in(c, app, who, compound, in); });
}

DonationOutcome donate_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                          const DonationInput& in) {
  const I cid = compound.value;
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
                                 in.anonymous, in.amount_fen.value, received ? who.user_id() : 0},
                                now);
  if (received) post_donation(c, cid, id, now);
  audit(c, app, who, cid, received ? "charity.donation.record" : "charity.donation.offer",
        "donation:" + std::to_string(id), {{"amount_fen", in.amount_fen.value}});
  return {id, received};
}

DonationMade donate(App& app, const Caller& who, CompoundId compound, const DonationInput& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    auto d = donate_in(c, app, who, compound, in);
    return DonationMade{view_of(c, cid, d.donation_id), d.received};
  });
}

DonationView receive_donation(App& app, const Caller& who, CompoundId compound, I id) {
  const I cid = compound.value;
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
    return view_of(c, cid, id);
  });
}

DonationView decline_donation(App& app, const Caller& who, CompoundId compound, I id,
                              const std::string& reason) {
  const I cid = compound.value;
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
    return view_of(c, cid, id);
  });
}

std::vector<DonationView> list_donations(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    std::vector<DonationView> out;
    for (auto& d : store::list_donations(c, cid)) out.push_back(view_of(std::move(d), cid));
    return out;
  });
}

std::vector<MyDonation> my_donations(App& app, const Caller& who) {
  return app.db.read([&](Connection& c) {
    std::vector<MyDonation> out;
    for (auto& r : store::list_user_donations(c, who.user_id()))
      out.push_back({view_of(std::move(r.donation), r.compound_id), r.compound_id, r.compound_name,
                     r.campaign_title});
    return out;
  });
}

CharitySummary charity_summary(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    CharitySummary out;
    out.balance_fen = Fen{store::account_balance(c, cid, "1002")};
    out.raised_fen = Fen{-store::account_balance(c, cid, "4005")};
    out.donations = store::count_received_donations(c, cid);
    for (const auto& u : kUses) {
      // Money that left the charity account for this use: the expense side of those entries.
      I s = store::charity_fund_spent_fen(c, cid, u.account);
      out.spent_fen += Fen{s};
      out.uses.push_back({u.key, u.account, u.zh, Fen{s}});
    }
    std::string today = china_date(app.clock_ms());
    for (auto& k : store::list_campaigns(c, cid)) {
      std::string status = today > k.ends_on ? "closed" : "open";
      out.campaigns.push_back({std::move(k), status});
    }
    for (auto& d : store::list_received_donations(c, cid))
      out.donations_list.push_back(view_of(std::move(d), cid));
    for (const auto& r : store::list_charity_fund_disbursements(c, cid)) {
      const std::string& acct = r.expense_account;
      std::string payee = ledger::public_payee(acct, r.payee_is_person, r.payee);
      std::string use = "other";
      for (const auto& u : kUses)
        if (acct == u.account) use = u.key;
      out.disbursements.push_back({r.id, r.purpose, payee, Fen{r.amount_fen}, use, r.status,
                                   r.entry_idx, china_date(r.at_ms)});
    }
    return out;
  });
}

// ---- volunteers -----------------------------------------------------------------------------

I create_team_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                 const std::string& name, const std::string& description) {
  const I cid = compound.value;
  require_compound(c, cid);
  if (store::team_name_taken(c, cid, name))
    throw Error(ErrorKind::conflict, "duplicate", "已有同名的志愿服务队",
                "A team of that name exists");
  I id = store::insert_team(c, cid, name, description, app.clock_ms());
  audit(c, app, who, cid, "volunteer.team", "team:" + std::to_string(id), {{"name", name}});
  return id;
}

I create_team(App& app, const Caller& who, CompoundId compound, const std::string& name,
              const std::string& description) {
  return app.db.write(
      [&](Connection& c) { return create_team_in(c, app, who, compound, name, description); });
}

I join_team(App& app, const Caller& who, CompoundId compound, I team_id) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    if (!store::team_exists(c, cid, team_id)) throw_not_found("志愿服务队", "Team");
    if (store::is_team_member(c, team_id, who.user_id()))
      throw Error(ErrorKind::conflict, "already-member", "您已是该队队员",
                  "You are already in this team");
    I id =
        store::insert_team_member(c, cid, team_id, who.user_id(), who.user->name, app.clock_ms());
    audit(c, app, who, cid, "volunteer.join", "team:" + std::to_string(team_id));
    return id;
  });
}

I add_team_member_in(Connection& c, App& app, const Caller& who, CompoundId compound, I team_id,
                     const std::string& name) {
  const I cid = compound.value;
  require_compound(c, cid);
  if (!store::team_exists(c, cid, team_id)) throw_not_found("志愿服务队", "Team");
  I id = store::insert_team_member(c, cid, team_id, 0, name, app.clock_ms());
  audit(c, app, who, cid, "volunteer.member", "team:" + std::to_string(team_id));
  return id;
}

I add_team_member(App& app, const Caller& who, CompoundId compound, I team_id,
                  const std::string& name) {
  return app.db.write(
      [&](Connection& c) { return add_team_member_in(c, app, who, compound, team_id, name); });
}

I record_activity_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                     const ActivityInput& in) {
  const I cid = compound.value;
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

I record_activity(App& app, const Caller& who, CompoundId compound, const ActivityInput& in) {
  return app.db.write([&](Connection& c) { return record_activity_in(c, app, who, compound, in); });
}

namespace {

Volunteers volunteers(App& app, I cid, bool members) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    Volunteers out;
    out.teams = store::list_teams(c, cid);
    out.activities = store::list_activities(c, cid);
    out.members = store::count_volunteers(c, cid);
    out.minutes = store::volunteer_minutes(c, cid);
    if (members) {
      out.members_list = store::list_volunteers(c, cid);
      for (auto& m : *out.members_list) m.name = mask_name(m.name);
    }
    return out;
  });
}

}  // namespace

Volunteers public_volunteers(App& app, CompoundId compound) {
  const I cid = compound.value;
  return volunteers(app, cid, false);
}
Volunteers member_volunteers(App& app, CompoundId compound) {
  const I cid = compound.value;
  return volunteers(app, cid, true);
}

}  // namespace xinyi::app
