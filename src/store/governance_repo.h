// What owners' votes decide and who prepares them: proposals (议题) with their discussion, the
// committees (the property management committee and the owners' committee) with their members,
// and tenders for a provider with their bids. The votes themselves are in vote_repo.h.
//
// Lookups by id take the compound too and find nothing for another compound's id; the writes
// by id below come after such a lookup. Statuses are stored as their names ("open", "forming",
// "serving", "voting", ...); the use cases (app/vote_service.cc) decide the transitions.
//
// Issue 18: this is the SQL that was in app/vote_service.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"

namespace xinyi::store {

// ---- Proposals and their discussion.

struct ProposalRec {
  std::int64_t id = 0;
  std::string title, body, status;
  std::int64_t created_at_ms = 0;
  std::int64_t comments = 0;  // how many
};
std::int64_t insert_proposal(Connection& c, std::int64_t cid, const std::string& title,
                             const std::string& body, std::int64_t created_by, std::int64_t now_ms);
// Newest first, at most 500.
std::vector<ProposalRec> list_proposals(Connection& c, std::int64_t cid);
bool proposal_exists(Connection& c, std::int64_t cid, std::int64_t id);
std::optional<std::string> proposal_status(Connection& c, std::int64_t cid, std::int64_t id);
void set_proposal_status(Connection& c, std::int64_t id, const std::string& status);

struct CommentRec {
  std::int64_t id = 0;
  std::string author_name;  // the account's name, unmasked
  std::string body;
  std::int64_t created_at_ms = 0;
};
std::int64_t insert_comment(Connection& c, std::int64_t cid, std::int64_t proposal_id,
                            std::int64_t user_id, const std::string& body, std::int64_t now_ms);
// Oldest first, at most 1000.
std::vector<CommentRec> list_comments(Connection& c, std::int64_t proposal_id);

// ---- Committees and their members.

struct CommitteeRec {
  std::int64_t id = 0;
  std::string kind, name, status;  // kind "pmc" or "owners"
  std::int64_t min_size = 0, max_size = 0;
  std::string term_from, term_to;      // YYYY-MM-DD or ""
  std::int64_t vote_id = 0;            // the election it comes from; 0: none
  std::int64_t established_at_ms = 0;  // 0: not yet
};
struct NewCommittee {
  std::string kind, name;
  std::int64_t min_size = 0, max_size = 0;
  std::string term_from, term_to;
  std::int64_t vote_id = 0;  // 0: none
  std::int64_t created_by = 0;
};
// Forming.
std::int64_t insert_committee(Connection& c, std::int64_t cid, const NewCommittee& k,
                              std::int64_t now_ms);
std::optional<CommitteeRec> get_committee(Connection& c, std::int64_t cid, std::int64_t id);
// Newest first.
std::vector<CommitteeRec> list_committees(Connection& c, std::int64_t cid);
// The serving committee of this kind (if any) ends; committee `id` and its nominees serve.
void end_serving_committees(Connection& c, std::int64_t cid, const std::string& kind);
void mark_committee_serving(Connection& c, std::int64_t id, std::int64_t now_ms);

struct CommitteeMemberRec {
  std::int64_t id = 0;
  std::string name, channel;
  bool resident_rep = false;
  std::string affiliation, position, status;
  std::optional<std::int64_t> user_id;  // the member's account, when named
};
struct NewCommitteeMember {
  std::string name, channel;
  bool resident_rep = true;
  std::string affiliation, position;
  std::optional<std::int64_t> user_id;
};
// Nominated.
std::int64_t insert_committee_member(Connection& c, std::int64_t cid, std::int64_t committee_id,
                                     const NewCommitteeMember& m, std::int64_t now_ms);
std::vector<CommitteeMemberRec> list_nominees(Connection& c, std::int64_t committee_id);
// All but the withdrawn, in nomination order.
std::vector<CommitteeMemberRec> list_committee_members(Connection& c, std::int64_t committee_id);
void mark_nominees_serving(Connection& c, std::int64_t committee_id);

// ---- Tenders and bids.

struct TenderRec {
  std::int64_t id = 0;
  std::string title, scope, criteria, status, closes_on;
  std::int64_t vote_id = 0, awarded_bid_id = 0;  // 0: none
};
std::int64_t insert_tender(Connection& c, std::int64_t cid, const std::string& title,
                           const std::string& scope, const std::string& criteria,
                           const std::string& closes_on, std::int64_t created_by,
                           std::int64_t now_ms);
std::optional<TenderRec> get_tender(Connection& c, std::int64_t cid, std::int64_t id);
// Newest first.
std::vector<TenderRec> list_tenders(Connection& c, std::int64_t cid);
void mark_tender_voting(Connection& c, std::int64_t id, std::int64_t vote_id);
void award_tender(Connection& c, std::int64_t id, std::int64_t bid_id);
void mark_tender_no_award(Connection& c, std::int64_t id);

struct BidRec {
  std::int64_t id = 0;
  std::string provider;
  std::int64_t price_fen_per_m2_month = 0, remuneration_bp = 0;
  std::string plan;
  std::vector<std::string> documents;  // the documents' SHA-256 (hex)
};
struct NewBid {
  std::string provider;
  std::int64_t price_fen_per_m2_month = 0, remuneration_bp = 0;
  std::string plan;
  std::vector<std::string> documents;  // SHA-256 (hex) of uploaded vouchers
  std::int64_t created_by = 0;
};
// Throws ConstraintError when the provider has bid on the tender already.
std::int64_t insert_bid(Connection& c, std::int64_t cid, std::int64_t tender_id, const NewBid& b,
                        std::int64_t now_ms);
std::optional<BidRec> get_bid(Connection& c, std::int64_t cid, std::int64_t id);
// Cheapest first (then oldest), as the public compares them.
std::vector<BidRec> list_bids(Connection& c, std::int64_t tender_id);
// Oldest first, as a tender's vote numbers its options.
std::vector<BidRec> list_bids_by_id(Connection& c, std::int64_t tender_id);

}  // namespace xinyi::store
