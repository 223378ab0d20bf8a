// Routes: the charity fund: campaigns, donations, volunteers; and their JSON (issue 18: the use
// cases in app/charity_service.h take and return structs).
#include "http/routes/charity.h"

#include "http/routes/routes.h"

#include "app/charity_service.h"
#include "domain/mask.h"
#include "domain/registry.h"
#include "http/json_in.h"

namespace xinyi::http::routes {

namespace {

using I = std::int64_t;

constexpr I kMaxMinutesPerActivity = 24 * 60;
constexpr std::size_t kMaxParticipants = 500;

app::CampaignInput campaign_in(std::string_view body) {
  JsonIn in(body);
  app::CampaignInput r;
  r.title = in.str("title", 60);
  r.description = in.opt_str("description", 1000).value_or("");
  r.use = in.opt_str("use", 20).value_or("general");
  r.goal_fen = Fen{in.i64("goal_fen", 100, app::kMaxDonationFen * 100)};
  r.starts_on = in.str("starts_on", 10);
  r.ends_on = in.str("ends_on", 10);
  in.finish();
  return r;
}

app::DonationInput donation_in(std::string_view body) {
  JsonIn in(body);
  app::DonationInput r;
  r.amount_fen = Fen{in.i64("amount_fen", 100, app::kMaxDonationFen)};
  r.campaign_id = in.opt_i64("campaign_id", 1, INT64_MAX);
  r.anonymous = in.boolean("anonymous", false);
  r.donor_name = in.opt_str("donor_name", registry::kMaxNameChars);
  in.finish();
  return r;
}

// {"team_id", "title", "date", "description"?, "hours": [{"member_id", "minutes"}, …]}
app::ActivityInput activity_in(std::string_view body) {
  JsonIn in(body);
  app::ActivityInput r;
  r.team_id = in.i64("team_id", 1, INT64_MAX);
  r.title = in.str("title", 60);
  r.date = in.str("date", 10);
  r.description = in.opt_str("description", 1000).value_or("");
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
  return r;
}

// What everyone sees of a donation; `names` adds the donor's name, the reason it was declined
// and when it was offered (committee, trustee, staff, auditors).
json::object donation_json(const app::DonationView& v, bool names) {
  const store::DonationRec& d = v.donation;
  json::object o{{"id", d.id},
                 {"campaign_id", d.campaign_id ? json::value(d.campaign_id) : json::value(nullptr)},
                 {"donor", v.donor},
                 {"anonymous", d.anonymous},
                 {"amount_fen", d.amount_fen},
                 {"status", d.status},
                 {"receipt_no", v.receipt ? json::value(*v.receipt) : json::value(nullptr)},
                 {"entry_index", opt_json(d.entry_idx)},
                 {"date", v.date}};
  if (names) {
    o["donor_name"] = d.donor_name;
    o["reason"] = d.reason;
    o["created_at"] = d.created_at_ms;
  }
  return o;
}

json::object summary_json(const app::CharitySummary& s) {
  json::array uses, campaigns, list, disb;
  for (const auto& u : s.uses)
    uses.push_back(json::object{{"use", u.key},
                                {"account", u.account},
                                {"name_zh", u.name_zh},
                                {"spent_fen", u.spent_fen.value}});
  for (const auto& [k, status] : s.campaigns)
    campaigns.push_back(json::object{{"id", k.id},
                                     {"title", k.title},
                                     {"description", k.description},
                                     {"use", k.fund_use},
                                     {"goal_fen", k.goal_fen},
                                     {"starts_on", k.starts_on},
                                     {"ends_on", k.ends_on},
                                     {"raised_fen", k.raised_fen},
                                     {"donors", k.donors},
                                     {"status", status}});
  for (const auto& d : s.donations_list) list.push_back(donation_json(d, false));
  for (const auto& r : s.disbursements)
    disb.push_back(json::object{{"id", r.id},
                                {"purpose", r.purpose},
                                {"payee", r.payee},
                                {"amount_fen", r.amount_fen.value},
                                {"use", r.use},
                                {"status", r.status},
                                {"entry_index", opt_json(r.entry_index)},
                                {"date", r.date}});
  return json::object{{"balance_fen", s.balance_fen.value},
                      {"raised_fen", s.raised_fen.value},
                      {"donations", s.donations},
                      {"spent_fen", s.spent_fen.value},
                      {"uses", std::move(uses)},
                      {"campaigns", std::move(campaigns)},
                      {"donations_list", std::move(list)},
                      {"disbursements", std::move(disb)}};
}

json::object volunteers_json(const app::Volunteers& v) {
  json::array teams, acts;
  for (const auto& t : v.teams)
    teams.push_back(json::object{{"id", t.id},
                                 {"name", t.name},
                                 {"description", t.description},
                                 {"members", t.members},
                                 {"minutes", t.minutes}});
  for (const auto& a : v.activities)
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
                 {"members", v.members},
                 {"minutes", v.minutes}};
  if (v.members_list) {
    json::array list;
    for (const auto& m : *v.members_list)
      list.push_back(json::object{{"id", m.id},
                                  {"team_id", m.team_id},
                                  {"name", m.name},
                                  {"minutes", m.minutes},
                                  {"user_id", m.user_id}});
    o["members_list"] = std::move(list);
  }
  return o;
}

void add_donation_routes(Router& r) {
  r.add("GET", kPublicCompound + "/charity", Rule::anyone(), [](Ctx& x) {
    return json_response(200, summary_json(app::charity_summary(x.app, x.compound())));
  });
  r.add("POST", kCompound + "/campaigns", Rule::in_compound({C, S}), [](Ctx& x) {
    const auto in = campaign_in(x.req.body);
    const I id = app::create_campaign(x.app, x.caller, x.compound(), in);
    return json_response(201, json::object{{"id", id},
                                           {"title", in.title},
                                           {"use", in.use},
                                           {"goal_fen", in.goal_fen.value},
                                           {"starts_on", in.starts_on},
                                           {"ends_on", in.ends_on}});
  });
  r.add("POST", kCompound + "/donations", Rule::in_compound({R, C, T}), [](Ctx& x) {
    auto d = app::donate(x.app, x.caller, x.compound(), donation_in(x.req.body));
    auto o = donation_json(d.view, true);
    if (!d.received) {
      o["pay_to_zh"] =
          "请转账至本小区慈善基金专户（银行存款·慈善基金专户 1002），到账后由委员会确认并出具收据。";
      o["pay_to_en"] =
          "Transfer the money to the compound's charity fund account (1002); the committee confirms it on arrival and issues a receipt.";
    }
    return json_response(201, o);
  });
  r.add("GET", kCompound + "/donations", Rule::in_compound({C, T, S, A}), [](Ctx& x) {
    json::array out;
    for (const auto& d : app::list_donations(x.app, x.compound()))
      out.push_back(donation_json(d, true));
    return json_response(200, out);
  });
  r.add("POST", kCompound + "/donations/{id}/receive", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(
        200, donation_json(app::receive_donation(x.app, x.caller, x.compound(), x.id("id")), true));
  });
  r.add("POST", kCompound + "/donations/{id}/decline", Rule::in_compound({C, T}), [](Ctx& x) {
    return json_response(
        200, donation_json(app::decline_donation(x.app, x.caller, x.compound(), x.id("id"),
                                                 text_in(x.req.body, "reason", 200)),
                           true));
  });
}

void add_volunteer_routes(Router& r) {
  r.add("GET", kPublicCompound + "/volunteers", Rule::anyone(), [](Ctx& x) {
    return json_response(200, volunteers_json(app::public_volunteers(x.app, x.compound())));
  });
  r.add("GET", kCompound + "/volunteers", Rule::in_compound({R, C, T, W, S, A}), [](Ctx& x) {
    return json_response(200, volunteers_json(app::member_volunteers(x.app, x.compound())));
  });
  r.add("POST", kCompound + "/volunteer-teams", Rule::in_compound({C, S}), [](Ctx& x) {
    JsonIn in(x.req.body);
    std::string name = in.str("name", 40);
    std::string description = in.opt_str("description", 500).value_or("");
    in.finish();
    const I id = app::create_team(x.app, x.caller, x.compound(), name, description);
    return json_response(201,
                         json::object{{"id", id}, {"name", name}, {"description", description}});
  });
  r.add("POST", kCompound + "/volunteer-teams/{id}/join", Rule::in_compound({R}), [](Ctx& x) {
    const I team = x.id("id");
    const I id = app::join_team(x.app, x.caller, x.compound(), team);
    return json_response(201, json::object{{"member_id", id}, {"team_id", team}, {"joined", true}});
  });
  r.add("POST", kCompound + "/volunteer-teams/{id}/members", Rule::in_compound({C, S}), [](Ctx& x) {
    const I team = x.id("id");
    const std::string name = text_in(x.req.body, "name", registry::kMaxNameChars);
    const I id = app::add_team_member(x.app, x.caller, x.compound(), team, name);
    return json_response(
        201, json::object{{"member_id", id}, {"team_id", team}, {"name", mask_name(name)}});
  });
  r.add("POST", kCompound + "/volunteer-activities", Rule::in_compound({C, S}), [](Ctx& x) {
    const auto in = activity_in(x.req.body);
    const I id = app::record_activity(x.app, x.caller, x.compound(), in);
    I total = 0;
    for (auto [m, minutes] : in.hours) total += minutes;
    return json_response(201, json::object{{"id", id},
                                           {"team_id", in.team_id},
                                           {"title", in.title},
                                           {"date", in.date},
                                           {"participants", static_cast<I>(in.hours.size())},
                                           {"minutes", total}});
  });
}

}  // namespace

json::array my_donations_json(const std::vector<app::MyDonation>& list) {
  json::array out;
  for (const auto& m : list) {
    auto o = donation_json(m.view, false);
    o["compound_id"] = m.compound_id;
    o["compound"] = m.compound_name;
    o["campaign"] = m.campaign_title;
    o["reason"] = m.view.donation.reason;
    out.push_back(std::move(o));
  }
  return out;
}

void add_charity_routes(Router& r) {
  add_donation_routes(r);
  add_volunteer_routes(r);
}

}  // namespace xinyi::http::routes
