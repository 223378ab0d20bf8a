#include "store/charity_repo.h"

namespace xinyi::store {

namespace {

constexpr const char* kDonationCols =
    "d.id, d.campaign_id, d.donor_name, d.anonymous, d.amount_fen, d.status, d.receipt_no, d.entry_idx, d.received_on, d.created_at, d.reason, "
    "d.user_id";

DonationRec donation_of(const Row& r) {
  DonationRec d;
  d.id = r.i64(0);
  d.campaign_id = r.opt_i64(1).value_or(0);
  d.donor_name = r.str(2);
  d.anonymous = r.i64(3) != 0;
  d.amount_fen = r.i64(4);
  d.status = r.str(5);
  d.receipt_no = r.opt_i64(6);
  d.entry_idx = r.opt_i64(7);
  d.received_on = r.opt_str(8);
  d.created_at_ms = r.i64(9);
  d.reason = r.str(10);
  d.user_id = r.opt_i64(11).value_or(0);
  return d;
}

std::vector<DonationRec> donations(Connection& c, const std::string& sql, std::int64_t cid) {
  std::vector<DonationRec> out;
  for (auto& r : c.query(sql, {cid})) out.push_back(donation_of(r));
  return out;
}

}  // namespace

// ---- Donations.

std::optional<DonationRec> get_donation(Connection& c, std::int64_t cid, std::int64_t id) {
  auto r = c.query_one(std::string("SELECT ") + kDonationCols +
                           " FROM donations d WHERE d.compound_id = ? AND d.id = ?",
                       {cid, id});
  if (!r) return std::nullopt;
  return donation_of(*r);
}

std::vector<DonationRec> list_donations(Connection& c, std::int64_t cid) {
  return donations(c,
                   std::string("SELECT ") + kDonationCols +
                       " FROM donations d WHERE d.compound_id = ? ORDER BY d.id DESC LIMIT 1000",
                   cid);
}

std::vector<DonationRec> list_received_donations(Connection& c, std::int64_t cid) {
  return donations(
      c,
      std::string("SELECT ") + kDonationCols +
          " FROM donations d WHERE d.compound_id = ? AND d.status = 'received' ORDER BY d.received_on DESC, d.id DESC LIMIT 200",
      cid);
}

std::int64_t count_received_donations(Connection& c, std::int64_t cid) {
  return c.scalar("SELECT COUNT(*) FROM donations WHERE compound_id = ? AND status = 'received'",
                  {cid});
}

std::vector<UserDonationRec> list_user_donations(Connection& c, std::int64_t user_id) {
  std::vector<UserDonationRec> out;
  for (
      auto& r : c.query(
          std::string("SELECT ") + kDonationCols +
              ", d.compound_id, cp.name, COALESCE(ca.title, '') FROM donations d JOIN compounds cp ON cp.id = d.compound_id "
              "LEFT JOIN charity_campaigns ca ON ca.id = d.campaign_id WHERE d.user_id = ? ORDER BY d.id DESC LIMIT 500",
          {user_id}))
    out.push_back({donation_of(r), r.i64(12), r.str(13), r.str(14)});
  return out;
}

std::int64_t insert_donation(Connection& c, std::int64_t cid, const NewDonation& d,
                             std::int64_t now_ms) {
  return c
      .query_one(
          "INSERT INTO donations (compound_id, campaign_id, user_id, donor_name, anonymous, amount_fen, status, created_at, decided_by) "
          "VALUES (?, ?, ?, ?, ?, ?, 'offered', ?, ?) RETURNING id",
          {cid, id_or_null(d.campaign_id), id_or_null(d.user_id), d.donor_name,
           std::int64_t{d.anonymous}, d.amount_fen, now_ms, id_or_null(d.decided_by)})
      ->i64(0);
}

std::int64_t next_donation_receipt_no(Connection& c, std::int64_t cid) {
  return c.scalar("SELECT COALESCE(MAX(receipt_no), 0) + 1 FROM donations WHERE compound_id = ?",
                  {cid});
}

void set_donation_decider(Connection& c, std::int64_t id, std::int64_t decided_by) {
  c.execute("UPDATE donations SET decided_by = ? WHERE id = ?", {decided_by, id});
}

void mark_donation_received(Connection& c, std::int64_t id, std::int64_t receipt_no,
                            std::int64_t entry_idx, const std::string& received_on,
                            std::int64_t at_ms) {
  c.execute(
      "UPDATE donations SET status = 'received', receipt_no = ?, entry_idx = ?, received_on = ?, decided_at = ? WHERE id = ?",
      {receipt_no, entry_idx, received_on, at_ms, id});
}

void mark_donation_reversed(Connection& c, std::int64_t cid, std::int64_t id) {
  c.execute(
      "UPDATE donations SET status = 'reversed' WHERE compound_id = ? AND id = ? AND "
      "status = 'received'",
      {cid, id});
}

void mark_donation_declined(Connection& c, std::int64_t id, const std::string& reason,
                            std::int64_t decided_by, std::int64_t at_ms) {
  c.execute(
      "UPDATE donations SET status = 'declined', reason = ?, decided_by = ?, decided_at = ? WHERE id = ?",
      {reason, decided_by, at_ms, id});
}

// ---- Campaigns.

bool campaign_exists(Connection& c, std::int64_t cid, std::int64_t id) {
  return c.query_one("SELECT 1 FROM charity_campaigns WHERE compound_id = ? AND id = ?", {cid, id})
      .has_value();
}

std::int64_t insert_campaign(Connection& c, std::int64_t cid, const NewCampaign& k,
                             std::int64_t now_ms) {
  return c
      .query_one(
          "INSERT INTO charity_campaigns (compound_id, title, description, fund_use, goal_fen, starts_on, ends_on, created_by, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {cid, k.title, k.description, k.fund_use, k.goal_fen, k.starts_on, k.ends_on,
           k.created_by, now_ms})
      ->i64(0);
}

std::vector<CampaignRec> list_campaigns(Connection& c, std::int64_t cid) {
  std::vector<CampaignRec> out;
  for (
      auto& r : c.query(
          "SELECT ca.id, ca.title, ca.description, ca.fund_use, ca.goal_fen, ca.starts_on, ca.ends_on, "
          "COALESCE(SUM(CASE WHEN d.status = 'received' THEN d.amount_fen END), 0), "
          "COUNT(CASE WHEN d.status = 'received' THEN 1 END) FROM charity_campaigns ca "
          "LEFT JOIN donations d ON d.campaign_id = ca.id WHERE ca.compound_id = ? "
          "GROUP BY ca.id, ca.title, ca.description, ca.fund_use, ca.goal_fen, ca.starts_on, ca.ends_on ORDER BY ca.id DESC LIMIT 50",
          {cid}))
    out.push_back(
        {r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4), r.str(5), r.str(6), r.i64(7), r.i64(8)});
  return out;
}

// ---- Volunteers.

bool team_name_taken(Connection& c, std::int64_t cid, const std::string& name) {
  return c
      .query_one("SELECT 1 FROM volunteer_teams WHERE compound_id = ? AND name = ?", {cid, name})
      .has_value();
}

bool team_exists(Connection& c, std::int64_t cid, std::int64_t team_id) {
  return c
      .query_one("SELECT 1 FROM volunteer_teams WHERE compound_id = ? AND id = ?", {cid, team_id})
      .has_value();
}

std::int64_t insert_team(Connection& c, std::int64_t cid, const std::string& name,
                         const std::string& description, std::int64_t now_ms) {
  return c
      .query_one(
          "INSERT INTO volunteer_teams (compound_id, name, description, created_at) VALUES (?, ?, ?, ?) RETURNING id",
          {cid, name, description, now_ms})
      ->i64(0);
}

bool is_team_member(Connection& c, std::int64_t team_id, std::int64_t user_id) {
  return c
      .query_one("SELECT 1 FROM volunteer_members WHERE team_id = ? AND user_id = ?",
                 {team_id, user_id})
      .has_value();
}

bool team_has_member(Connection& c, std::int64_t team_id, std::int64_t member_id) {
  return c
      .query_one("SELECT 1 FROM volunteer_members WHERE team_id = ? AND id = ?",
                 {team_id, member_id})
      .has_value();
}

std::int64_t insert_team_member(Connection& c, std::int64_t cid, std::int64_t team_id,
                                std::int64_t user_id, const std::string& name,
                                std::int64_t now_ms) {
  return c
      .query_one(
          "INSERT INTO volunteer_members (team_id, compound_id, user_id, name, joined_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
          {team_id, cid, id_or_null(user_id), name, now_ms})
      ->i64(0);
}

std::int64_t insert_activity(Connection& c, std::int64_t cid, std::int64_t team_id,
                             const std::string& title, const std::string& held_on,
                             const std::string& description, std::int64_t now_ms) {
  return c
      .query_one(
          "INSERT INTO volunteer_activities (team_id, compound_id, title, held_on, description, created_at) VALUES (?, ?, ?, ?, ?, ?) "
          "RETURNING id",
          {team_id, cid, title, held_on, description, now_ms})
      ->i64(0);
}

void insert_volunteer_hours(Connection& c, std::int64_t cid, std::int64_t activity_id,
                            std::int64_t member_id, std::int64_t minutes) {
  c.execute(
      "INSERT INTO volunteer_hours (activity_id, member_id, compound_id, minutes) VALUES (?, ?, ?, ?)",
      {activity_id, member_id, cid, minutes});
}

std::vector<TeamRec> list_teams(Connection& c, std::int64_t cid) {
  std::vector<TeamRec> out;
  for (
      auto& r : c.query(
          "SELECT t.id, t.name, t.description, (SELECT COUNT(*) FROM volunteer_members m WHERE m.team_id = t.id), "
          "(SELECT COALESCE(SUM(h.minutes), 0) FROM volunteer_hours h JOIN volunteer_activities a ON a.id = h.activity_id "
          "WHERE a.team_id = t.id) FROM volunteer_teams t WHERE t.compound_id = ? ORDER BY t.id",
          {cid}))
    out.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3), r.i64(4)});
  return out;
}

std::vector<ActivityRec> list_activities(Connection& c, std::int64_t cid) {
  std::vector<ActivityRec> out;
  for (
      auto& r : c.query(
          "SELECT a.id, a.team_id, t.name, a.title, a.held_on, a.description, "
          "(SELECT COUNT(*) FROM volunteer_hours h WHERE h.activity_id = a.id), "
          "(SELECT COALESCE(SUM(h.minutes), 0) FROM volunteer_hours h WHERE h.activity_id = a.id) "
          "FROM volunteer_activities a JOIN volunteer_teams t ON t.id = a.team_id WHERE a.compound_id = ? "
          "ORDER BY a.held_on DESC, a.id DESC LIMIT 100",
          {cid}))
    out.push_back({r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.str(5), r.i64(6), r.i64(7)});
  return out;
}

std::int64_t count_volunteers(Connection& c, std::int64_t cid) {
  return c.scalar("SELECT COUNT(*) FROM volunteer_members WHERE compound_id = ?", {cid});
}

std::int64_t volunteer_minutes(Connection& c, std::int64_t cid) {
  return c.scalar("SELECT COALESCE(SUM(minutes), 0) FROM volunteer_hours WHERE compound_id = ?",
                  {cid});
}

std::vector<VolunteerRec> list_volunteers(Connection& c, std::int64_t cid) {
  std::vector<VolunteerRec> out;
  for (
      auto& r : c.query(
          "SELECT m.id, m.team_id, m.name, COALESCE((SELECT SUM(h.minutes) FROM volunteer_hours h WHERE h.member_id = m.id), 0), "
          "COALESCE(m.user_id, 0) FROM volunteer_members m WHERE m.compound_id = ? ORDER BY m.team_id, m.id",
          {cid}))
    out.push_back({r.i64(0), r.i64(1), r.str(2), r.i64(3), r.i64(4)});
  return out;
}

}  // namespace xinyi::store
