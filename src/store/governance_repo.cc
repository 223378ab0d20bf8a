#include "store/governance_repo.h"

#include <boost/json.hpp>

namespace xinyi::store {

namespace {

using I = std::int64_t;

constexpr const char* kCommitteeColumns =
    "SELECT id, kind, name, status, min_size, max_size, term_from, term_to, COALESCE(vote_id, 0), "
    "COALESCE(established_at, 0) FROM committees ";

CommitteeRec committee_from(const Row& r) {
  CommitteeRec k;
  k.id = r.i64(0), k.kind = r.str(1), k.name = r.str(2), k.status = r.str(3);
  k.min_size = r.i64(4), k.max_size = r.i64(5), k.term_from = r.str(6), k.term_to = r.str(7);
  k.vote_id = r.i64(8), k.established_at_ms = r.i64(9);
  return k;
}

constexpr const char* kMemberColumns =
    "SELECT id, name, channel, resident_rep, affiliation, position, status, user_id FROM "
    "committee_members ";

std::vector<CommitteeMemberRec> members_from(const std::vector<Row>& rows) {
  std::vector<CommitteeMemberRec> out;
  for (const auto& r : rows) {
    CommitteeMemberRec m;
    m.id = r.i64(0), m.name = r.str(1), m.channel = r.str(2), m.resident_rep = r.i64(3) != 0;
    m.affiliation = r.str(4), m.position = r.str(5), m.status = r.str(6);
    m.user_id = r.opt_i64(7);
    out.push_back(std::move(m));
  }
  return out;
}

constexpr const char* kTenderColumns =
    "SELECT id, title, scope, criteria, status, closes_on, COALESCE(vote_id, 0), COALESCE(awarded_bid_id, 0) "
    "FROM tenders ";

TenderRec tender_from(const Row& r) {
  TenderRec t;
  t.id = r.i64(0), t.title = r.str(1), t.scope = r.str(2), t.criteria = r.str(3);
  t.status = r.str(4), t.closes_on = r.str(5), t.vote_id = r.i64(6), t.awarded_bid_id = r.i64(7);
  return t;
}

constexpr const char* kBidColumns =
    "SELECT id, provider, price_fen_per_m2_month, remuneration_bp, plan, documents FROM bids ";

// bids.documents: a JSON array of the hashes.
std::vector<std::string> decode_documents(const std::string& text) {
  std::vector<std::string> out;
  const boost::json::value v = boost::json::parse(text);
  for (const auto& h : v.as_array()) out.emplace_back(h.as_string());
  return out;
}
std::string encode_documents(const std::vector<std::string>& hashes) {
  boost::json::array a;
  for (const auto& h : hashes) a.push_back(boost::json::value(h));
  return boost::json::serialize(a);
}

BidRec bid_from(const Row& r) {
  return BidRec{r.i64(0), r.str(1), r.i64(2), r.i64(3), r.str(4), decode_documents(r.str(5))};
}

std::vector<BidRec> bids(Connection& c, const std::string& sql, const std::vector<Value>& args) {
  std::vector<BidRec> out;
  for (auto& r : c.query(sql, args)) out.push_back(bid_from(r));
  return out;
}

}  // namespace

// ---- Proposals.

I insert_proposal(Connection& c, I cid, const std::string& title, const std::string& body,
                  I created_by, I now_ms) {
  return c.scalar(
      "INSERT INTO proposals (compound_id, title, body, status, created_by, created_at) VALUES (?, ?, ?, 'open', ?, ?) RETURNING id",
      {cid, title, body, created_by, now_ms});
}

std::vector<ProposalRec> list_proposals(Connection& c, I cid) {
  std::vector<ProposalRec> out;
  for (
      auto& r : c.query(
          "SELECT p.id, p.title, p.body, p.status, p.created_at, (SELECT COUNT(*) FROM proposal_comments k WHERE "
          "k.proposal_id = p.id) FROM proposals p WHERE p.compound_id = ? ORDER BY p.id DESC LIMIT 500",
          {cid}))
    out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4), r.i64(5)});
  return out;
}

bool proposal_exists(Connection& c, I cid, I id) {
  return c.query_one("SELECT 1 FROM proposals WHERE compound_id = ? AND id = ?", {cid, id})
      .has_value();
}

std::optional<std::string> proposal_status(Connection& c, I cid, I id) {
  auto r = c.query_one("SELECT status FROM proposals WHERE compound_id = ? AND id = ?", {cid, id});
  if (!r) return std::nullopt;
  return r->str(0);
}

void set_proposal_status(Connection& c, I id, const std::string& status) {
  c.execute("UPDATE proposals SET status = ? WHERE id = ?", {status, id});
}

I insert_comment(Connection& c, I cid, I proposal_id, I user_id, const std::string& body,
                 I now_ms) {
  return c.scalar(
      "INSERT INTO proposal_comments (compound_id, proposal_id, user_id, body, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {cid, proposal_id, user_id, body, now_ms});
}

std::vector<CommentRec> list_comments(Connection& c, I proposal_id) {
  std::vector<CommentRec> out;
  for (
      auto& r : c.query(
          "SELECT k.id, u.name, k.body, k.created_at FROM proposal_comments k JOIN users u ON u.id = k.user_id "
          "WHERE k.proposal_id = ? ORDER BY k.id LIMIT 1000",
          {proposal_id}))
    out.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3)});
  return out;
}

// ---- Committees.

I insert_committee(Connection& c, I cid, const NewCommittee& k, I now_ms) {
  return c.scalar(
      "INSERT INTO committees (compound_id, kind, name, status, min_size, max_size, term_from, term_to, vote_id, created_by, "
      "created_at) VALUES (?, ?, ?, 'forming', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {cid, k.kind, k.name, k.min_size, k.max_size, k.term_from, k.term_to, id_or_null(k.vote_id),
       k.created_by, now_ms});
}

std::optional<CommitteeRec> get_committee(Connection& c, I cid, I id) {
  auto r =
      c.query_one(std::string(kCommitteeColumns) + "WHERE compound_id = ? AND id = ?", {cid, id});
  if (!r) return std::nullopt;
  return committee_from(*r);
}

std::vector<CommitteeRec> list_committees(Connection& c, I cid) {
  std::vector<CommitteeRec> out;
  for (auto& r :
       c.query(std::string(kCommitteeColumns) + "WHERE compound_id = ? ORDER BY id DESC", {cid}))
    out.push_back(committee_from(r));
  return out;
}

void end_serving_committees(Connection& c, I cid, const std::string& kind) {
  c.execute(
      "UPDATE committees SET status = 'ended' WHERE compound_id = ? AND kind = ? AND status = 'serving'",
      {cid, kind});
}

void mark_committee_serving(Connection& c, I id, I now_ms) {
  c.execute("UPDATE committees SET status = 'serving', established_at = ? WHERE id = ?",
            {now_ms, id});
}

I insert_committee_member(Connection& c, I cid, I committee_id, const NewCommitteeMember& m,
                          I now_ms) {
  return c.scalar(
      "INSERT INTO committee_members (committee_id, compound_id, name, channel, resident_rep, affiliation, position, status, "
      "user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'nominated', ?, ?) RETURNING id",
      {committee_id, cid, m.name, m.channel, I{m.resident_rep}, m.affiliation, m.position,
       m.user_id ? Value(*m.user_id) : Value(nullptr), now_ms});
}

std::vector<CommitteeMemberRec> list_nominees(Connection& c, I committee_id) {
  return members_from(
      c.query(std::string(kMemberColumns) + "WHERE committee_id = ? AND status = 'nominated'",
              {committee_id}));
}

std::vector<CommitteeMemberRec> list_committee_members(Connection& c, I committee_id) {
  return members_from(c.query(
      std::string(kMemberColumns) + "WHERE committee_id = ? AND status <> 'withdrawn' ORDER BY id",
      {committee_id}));
}

void mark_nominees_serving(Connection& c, I committee_id) {
  c.execute(
      "UPDATE committee_members SET status = 'serving' WHERE committee_id = ? AND status = 'nominated'",
      {committee_id});
}

// ---- Tenders.

I insert_tender(Connection& c, I cid, const std::string& title, const std::string& scope,
                const std::string& criteria, const std::string& closes_on, I created_by, I now_ms) {
  return c.scalar(
      "INSERT INTO tenders (compound_id, title, scope, criteria, status, closes_on, created_by, created_at) VALUES "
      "(?, ?, ?, ?, 'open', ?, ?, ?) RETURNING id",
      {cid, title, scope, criteria, closes_on, created_by, now_ms});
}

std::optional<TenderRec> get_tender(Connection& c, I cid, I id) {
  auto r = c.query_one(std::string(kTenderColumns) + "WHERE compound_id = ? AND id = ?", {cid, id});
  if (!r) return std::nullopt;
  return tender_from(*r);
}

std::vector<TenderRec> list_tenders(Connection& c, I cid) {
  std::vector<TenderRec> out;
  for (auto& r :
       c.query(std::string(kTenderColumns) + "WHERE compound_id = ? ORDER BY id DESC", {cid}))
    out.push_back(tender_from(r));
  return out;
}

void mark_tender_voting(Connection& c, I id, I vote_id) {
  c.execute("UPDATE tenders SET status = 'voting', vote_id = ? WHERE id = ?", {vote_id, id});
}

void award_tender(Connection& c, I id, I bid_id) {
  c.execute("UPDATE tenders SET status = 'awarded', awarded_bid_id = ? WHERE id = ?", {bid_id, id});
}

void mark_tender_no_award(Connection& c, I id) {
  c.execute("UPDATE tenders SET status = 'no_award' WHERE id = ?", {id});
}

I insert_bid(Connection& c, I cid, I tender_id, const NewBid& b, I now_ms) {
  return c.scalar(
      "INSERT INTO bids (tender_id, compound_id, provider, price_fen_per_m2_month, remuneration_bp, plan, documents, created_by, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {tender_id, cid, b.provider, b.price_fen_per_m2_month, b.remuneration_bp, b.plan,
       encode_documents(b.documents), b.created_by, now_ms});
}

std::optional<BidRec> get_bid(Connection& c, I cid, I id) {
  auto r = c.query_one(std::string(kBidColumns) + "WHERE compound_id = ? AND id = ?", {cid, id});
  if (!r) return std::nullopt;
  return bid_from(*r);
}

std::vector<BidRec> list_bids(Connection& c, I tender_id) {
  return bids(c,
              std::string(kBidColumns) + "WHERE tender_id = ? ORDER BY price_fen_per_m2_month, id",
              {tender_id});
}

std::vector<BidRec> list_bids_by_id(Connection& c, I tender_id) {
  return bids(c, std::string(kBidColumns) + "WHERE tender_id = ? ORDER BY id", {tender_id});
}

}  // namespace xinyi::store
