// The compound's charity fund (慈善基金) and its volunteers (志愿服务): SPEC §3 model 5.
//
// A donation is money in the charity fund's own bank account (1002), booked to donations
// income (4005) — both restricted: the ledger refuses any entry that spends them on anything but
// the approved uses (micro-renewal 5008, aid 5009, public activities 5010), and above all on the
// trustee (ledger::validate). Spending goes through the co-managed disbursement flow like any
// other money; aid is published without the household.
//
// A resident offers a donation online (they then transfer it); the committee or trustee
// confirms the money arrived, which posts the ledger entry and issues a receipt number. Money
// handed over in person is recorded as received at once. The public list shows each donation
// with the donor's name masked (王*) or 匿名; the person sees their own with receipts.
//
// Volunteers: teams, members (a resident joins; the committee adds people without an account)
// and activities with each member's minutes. The public sees teams, activities and hours; no
// member's name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/app.h"
#include "store/charity_repo.h"

namespace xinyi::app {

inline constexpr std::int64_t kMaxDonationFen = 100'000'000;  // ¥1,000,000.00 at once

// The receipt number of a compound's `no`-th donation: CD-<compound>-00001.
std::string donation_receipt(std::int64_t cid, std::int64_t no);
// Money of an offered donation arrived: posts its entry (1002 ← 4005, the donor masked or 匿名)
// dated `now`, numbers its receipt, marks it received. In the caller's write transaction;
// returns the entry's index.
std::int64_t post_donation(store::Connection& c, std::int64_t cid, std::int64_t donation_id,
                           std::int64_t now);

// Issue 18: the use cases take and return the structs below; their JSON is in
// http/routes/charity.cc.
struct CampaignInput {
  std::string title, description,
      use = "general";  // use: general, micro_renewal, aid, public_activity
  Fen goal_fen;
  std::string starts_on, ends_on;  // YYYY-MM-DD
};
struct DonationInput {
  Fen amount_fen;
  std::optional<std::int64_t> campaign_id;
  bool anonymous = false;
  std::optional<std::string> donor_name;  // a recorder naming the donor: received at once
};
struct ActivityInput {
  std::int64_t team_id = 0;
  std::string title, date, description;                      // date: YYYY-MM-DD
  std::vector<std::pair<std::int64_t, std::int64_t>> hours;  // (member id, minutes)
};
// A donation as shown: `donor` is the name masked (王*) or 匿名; the receipt once received; the
// date it was received (or offered). Who may see `donation.donor_name` and `reason`: the
// committee, trustee, staff and auditors (list_donations), not the public.
struct DonationView {
  store::DonationRec donation;
  std::string donor;
  std::optional<std::string> receipt;  // CD-<compound>-00001
  std::string date;
};
// The campaign's id.
std::int64_t create_campaign(App& app, const Caller& who, CompoundId cid, const CampaignInput& in);
// Residents offer; committee/trustee record money received (with `donor_name`).
struct DonationMade {
  DonationView view;
  bool received = false;  // false: an offer, waiting for the money
};
DonationMade donate(App& app, const Caller& who, CompoundId cid, const DonationInput& in);
DonationView receive_donation(App& app, const Caller& who, CompoundId cid, std::int64_t id);
DonationView decline_donation(App& app, const Caller& who, CompoundId cid, std::int64_t id,
                              const std::string& reason);
// Committee, trustee, staff, auditors: names and every status.
std::vector<DonationView> list_donations(App& app, CompoundId cid);
struct MyDonation {
  DonationView view;
  std::int64_t compound_id = 0;
  std::string compound_name, campaign_title;
};
std::vector<MyDonation> my_donations(App& app, const Caller& who);
// Public: the fund's balance, campaigns, donations (masked) and spending by use.
struct FundUse {
  std::string key, account, name_zh;
  Fen spent_fen;
};
struct CampaignView {
  store::CampaignRec campaign;
  std::string status;  // open or closed
};
struct FundDisbursement {
  std::int64_t id = 0;
  std::string purpose, payee;  // a person payee masked; aid shows no household
  Fen amount_fen;
  std::string use, status;
  std::optional<std::int64_t> entry_index;
  std::string date;
};
struct CharitySummary {
  std::int64_t donations = 0;
  Fen balance_fen, raised_fen, spent_fen;
  std::vector<FundUse> uses;
  std::vector<CampaignView> campaigns;
  std::vector<DonationView> donations_list;  // received, masked
  std::vector<FundDisbursement> disbursements;
};
CharitySummary charity_summary(App& app, CompoundId cid);
// The team's id.
std::int64_t create_team(App& app, const Caller& who, CompoundId cid, const std::string& name,
                         const std::string& description);
// The member's id.
std::int64_t join_team(App& app, const Caller& who, CompoundId cid, std::int64_t team_id);
std::int64_t add_team_member(App& app, const Caller& who, CompoundId cid, std::int64_t team_id,
                             const std::string& name);
// The activity's id.
std::int64_t record_activity(App& app, const Caller& who, CompoundId cid, const ActivityInput& in);
// Teams, activities and hours for everyone; the compound's members also see the members (names
// masked).
struct Volunteers {
  std::vector<store::TeamRec> teams;
  std::vector<store::ActivityRec> activities;
  std::int64_t members = 0, minutes = 0;
  std::optional<std::vector<store::VolunteerRec>> members_list;
};
Volunteers public_volunteers(App& app, CompoundId cid);
Volunteers member_volunteers(App& app, CompoundId cid);
// ---- The same writes in the caller's write transaction (the demo calls them directly).
std::int64_t create_campaign_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                                const CampaignInput& in);
struct DonationOutcome {
  std::int64_t donation_id = 0;
  bool received = false;  // false: an offer, waiting for the money
};
DonationOutcome donate_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                          const DonationInput& in);
std::int64_t create_team_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                            const std::string& name, const std::string& description);
// A member without an account, by name: the member's id.
std::int64_t add_team_member_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                                std::int64_t team_id, const std::string& name);
std::int64_t record_activity_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                                const ActivityInput& in);

}  // namespace xinyi::app
