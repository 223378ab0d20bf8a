// The charity fund (慈善基金): donations (offered by a resident, or recorded as received by the
// committee or trustee, with their receipt numbers and ledger entries), fund-raising campaigns,
// and volunteers: teams, their members, activities and the hours given. The fund's money and
// what was paid from it are the ledger's (ledger_repo.h).
//
// Lookups by id take the compound too and find nothing for another compound's id. A donation's
// status is "offered", "received", "declined" or "reversed".
//
// Issue 18: this is the SQL that was in app/charity_service.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"

namespace xinyi::store {

// ---- Donations.

struct DonationRec {
  std::int64_t id = 0, campaign_id = 0, user_id = 0;  // campaign 0: none; user 0: not a user's
  std::string donor_name;                             // in full: the use case masks it
  bool anonymous = false;
  std::int64_t amount_fen = 0;
  std::string status;
  std::optional<std::int64_t> receipt_no, entry_idx;  // set once received
  std::optional<std::string> received_on;             // the date received
  std::int64_t created_at_ms = 0;
  std::string reason;  // why it was declined
};
std::optional<DonationRec> get_donation(Connection& c, std::int64_t cid, std::int64_t id);
// Newest first; at most 1000.
std::vector<DonationRec> list_donations(Connection& c, std::int64_t cid);
// Received ones, the latest received first; at most 200.
std::vector<DonationRec> list_received_donations(Connection& c, std::int64_t cid);
std::int64_t count_received_donations(Connection& c, std::int64_t cid);
// A user's own donations in every compound, newest first; at most 500.
struct UserDonationRec {
  DonationRec donation;
  std::int64_t compound_id = 0;
  std::string compound_name, campaign_title;  // title "": no campaign
};
std::vector<UserDonationRec> list_user_donations(Connection& c, std::int64_t user_id);

struct NewDonation {
  std::int64_t campaign_id = 0;  // 0: none
  std::int64_t user_id = 0;      // who offers it; 0: recorded for a donor by `decided_by`
  std::string donor_name;
  bool anonymous = false;
  std::int64_t amount_fen = 0;
  std::int64_t decided_by = 0;  // 0: not yet
};
// A new donation, status offered: its id.
std::int64_t insert_donation(Connection& c, std::int64_t cid, const NewDonation& d,
                             std::int64_t now_ms);
// The receipt number the compound's next received donation gets (1 for the first).
std::int64_t next_donation_receipt_no(Connection& c, std::int64_t cid);
void set_donation_decider(Connection& c, std::int64_t id, std::int64_t decided_by);
// Received on `received_on` (a date) at `at_ms`, booked as ledger entry `entry_idx`.
void mark_donation_received(Connection& c, std::int64_t id, std::int64_t receipt_no,
                            std::int64_t entry_idx, const std::string& received_on,
                            std::int64_t at_ms);
void mark_donation_declined(Connection& c, std::int64_t id, const std::string& reason,
                            std::int64_t decided_by, std::int64_t at_ms);
// Its ledger entry was reversed: a received donation becomes reversed (others stay as they are).
void mark_donation_reversed(Connection& c, std::int64_t cid, std::int64_t id);

// ---- Campaigns.

bool campaign_exists(Connection& c, std::int64_t cid, std::int64_t id);
struct NewCampaign {
  std::string title, description, fund_use;
  std::int64_t goal_fen = 0;
  std::string starts_on, ends_on;  // dates
  std::int64_t created_by = 0;
};
std::int64_t insert_campaign(Connection& c, std::int64_t cid, const NewCampaign& k,
                             std::int64_t now_ms);
struct CampaignRec {
  std::int64_t id = 0;
  std::string title, description, fund_use;
  std::int64_t goal_fen = 0;
  std::string starts_on, ends_on;
  std::int64_t raised_fen = 0, donors = 0;  // the donations received for it
};
// Newest first; at most 50.
std::vector<CampaignRec> list_campaigns(Connection& c, std::int64_t cid);

// ---- Volunteers.

bool team_name_taken(Connection& c, std::int64_t cid, const std::string& name);
bool team_exists(Connection& c, std::int64_t cid, std::int64_t team_id);
std::int64_t insert_team(Connection& c, std::int64_t cid, const std::string& name,
                         const std::string& description, std::int64_t now_ms);
bool is_team_member(Connection& c, std::int64_t team_id, std::int64_t user_id);
// Whether `member_id` is a member of the team.
bool team_has_member(Connection& c, std::int64_t team_id, std::int64_t member_id);
// A member: a user who joined (user_id), or a person the committee added by name (user_id 0).
std::int64_t insert_team_member(Connection& c, std::int64_t cid, std::int64_t team_id,
                                std::int64_t user_id, const std::string& name, std::int64_t now_ms);
std::int64_t insert_activity(Connection& c, std::int64_t cid, std::int64_t team_id,
                             const std::string& title, const std::string& held_on,
                             const std::string& description, std::int64_t now_ms);
void insert_volunteer_hours(Connection& c, std::int64_t cid, std::int64_t activity_id,
                            std::int64_t member_id, std::int64_t minutes);

struct TeamRec {
  std::int64_t id = 0;
  std::string name, description;
  std::int64_t members = 0, minutes = 0;
};
// By id.
std::vector<TeamRec> list_teams(Connection& c, std::int64_t cid);
struct ActivityRec {
  std::int64_t id = 0, team_id = 0;
  std::string team_name, title, held_on, description;
  std::int64_t participants = 0, minutes = 0;
};
// The latest held first; at most 100.
std::vector<ActivityRec> list_activities(Connection& c, std::int64_t cid);
std::int64_t count_volunteers(Connection& c, std::int64_t cid);
std::int64_t volunteer_minutes(Connection& c, std::int64_t cid);
struct VolunteerRec {
  std::int64_t id = 0, team_id = 0;
  std::string name;  // in full: the use case masks it
  std::int64_t minutes = 0;
  std::int64_t user_id = 0;  // 0: not a user
};
// By team, then member.
std::vector<VolunteerRec> list_volunteers(Connection& c, std::int64_t cid);

}  // namespace xinyi::store
