// How the owners decide (SPEC §3 models 2 and 4, §4): proposals with discussion, owners' votes
// under Civil Code Art. 278 (domain/vote.h holds the rules), verifiable secret ballots, the
// property management committee's formation and the owners' committee's election, and choosing
// a provider by comparing bids.
//
// A vote's life: created (draft) → opened (the electorate is fixed from the registry at that
// moment and never changes) → ballots, one per owner, changeable until `closes_at` → closed
// (by the committee or staff once `closes_at` has passed, or by the first read after it): the
// tally is computed once, with its figures, and stored. A ballot after `closes_at` is refused
// even if nobody has closed the vote yet.
//
// Secrecy. For a secret vote no response and no audit entry links a voter to a choice. Each
// owner's ballot has a receipt code, shown only to that owner; once the vote closes, the
// public list of (receipt code, choice), sorted by code and without times, lets every voter
// find their ballot and anyone recount the tally. The store keeps the elector ↔ ballot link so
// a ballot can be changed (as numbered envelopes do); no endpoint reads it except the owner's
// own. For an open (non-secret) vote, the roll of who chose what is shown to the compound's
// signed-in members after the close, by unit.
//
// Paper ballots: the committee enters an owner's paper ballot with its scan as a voucher. A
// paper ballot never overwrites an online one; a later paper ballot replaces an earlier paper
// one only when asked to (`replace`).
//
// What cites a vote: a fee-rate change cites a passed vote on matter 2, 4 or 9; spending from
// the maintenance fund account (1003) cites a passed vote on matter 5; a tender's winner is the
// carried bid of its matter-4 vote; an owners' committee is established from the winners of a
// matter-3 election. `require_passed_vote` is the one check.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/public_log.h"

namespace xinyi::app {

// Proposals (议题) and their discussion.
boost::json::object create_proposal(App& app, const Caller& who, std::int64_t cid,
                                    std::string_view body);
boost::json::array list_proposals(App& app, std::int64_t cid);
boost::json::object add_comment(App& app, const Caller& who, std::int64_t cid,
                                std::int64_t proposal_id, std::string_view body);
boost::json::array list_comments(App& app, std::int64_t cid,
                                 std::int64_t proposal_id);  // names masked

// Votes.
boost::json::object create_vote(App& app, const Caller& who, std::int64_t cid,
                                std::string_view body);
boost::json::object open_vote(App& app, const Caller& who, std::int64_t cid, std::int64_t vote_id);
boost::json::object cast_ballot(App& app, const Caller& who, std::int64_t cid, std::int64_t vote_id,
                                std::string_view body);
// A paper ballot (committee) with its own scan, bound to it; the owner is told at once. It
// counts only once a second person (committee or staff, not who entered it) countersigns it,
// and the owner's own online ballot before the close replaces it.
boost::json::object enter_paper_ballot(App& app, const Caller& who, std::int64_t cid,
                                       std::int64_t vote_id, std::string_view body);
// The paper ballots of a vote with their scans and what they record, for the committee and
// staff who enter and countersign them (never public: a scan shows the choice).
boost::json::array list_paper_ballots(App& app, std::int64_t cid, std::int64_t vote_id);
// The scan of one paper ballot, for the committee and staff who check it (also in a secret
// vote, where the public never sees it).
VoucherFile paper_ballot_scan(App& app, std::int64_t cid, std::int64_t vote_id,
                              std::int64_t ballot_no);
// body: {"entered_at": ms} as listed, so a ballot changed meanwhile is not countersigned (409).
boost::json::object countersign_paper_ballot(App& app, const Caller& who, std::int64_t cid,
                                             std::int64_t vote_id, std::int64_t ballot_no,
                                             std::string_view body);
boost::json::object close_vote(App& app, const Caller& who, std::int64_t cid, std::int64_t vote_id);
// Public: the vote, its turnout against the quorum while open, its result once closed.
boost::json::array list_votes(App& app, const Caller& who, std::int64_t cid);
boost::json::object get_vote(App& app, const Caller& who, std::int64_t cid, std::int64_t vote_id);
// Public once closed: every counted ballot as (receipt, choices), sorted by receipt.
boost::json::object vote_receipts(App& app, std::int64_t cid, std::int64_t vote_id);
// The caller's own standing and ballot (receipt and choice) in a vote.
boost::json::object my_ballot(App& app, const Caller& who, std::int64_t cid, std::int64_t vote_id);
// Open votes only, after the close: who (by unit) chose what. 403 for a secret vote.
boost::json::array vote_roll(App& app, std::int64_t cid, std::int64_t vote_id);

// Committees.
boost::json::object create_committee(App& app, const Caller& who, std::int64_t cid,
                                     std::string_view body);
boost::json::object sign_petition(App& app, const Caller& who, std::int64_t cid);
boost::json::object nominate_member(App& app, const Caller& who, std::int64_t cid,
                                    std::int64_t committee_id, std::string_view body);
boost::json::object establish_committee(App& app, const Caller& who, std::int64_t cid,
                                        std::int64_t committee_id);
boost::json::array list_committees(App& app, std::int64_t cid);  // public, names masked

// Choosing a provider (比选).
boost::json::object create_tender(App& app, const Caller& who, std::int64_t cid,
                                  std::string_view body);
boost::json::object add_bid(App& app, const Caller& who, std::int64_t cid, std::int64_t tender_id,
                            std::string_view body);
boost::json::object put_tender_to_vote(App& app, const Caller& who, std::int64_t cid,
                                       std::int64_t tender_id, std::string_view body);
boost::json::array list_tenders(App& app, std::int64_t cid);  // public: bids side by side

// ---- Cores, inside the caller's write transaction (used by the use cases above and the demo).

struct NewVote {
  std::string title, description;
  int matter = 9;
  std::string kind = "motion";       // "motion" or "choice"
  std::vector<std::string> options;  // choice: the alternatives; motion: ignored (for, against)
  std::vector<std::int64_t> option_bids;  // parallel to options when the vote decides a tender
  int seats = 1;
  bool secret = true;
  std::int64_t closes_at = 0;  // ms
  std::int64_t proposal_id = 0, tender_id = 0;
};
std::int64_t insert_vote(store::Connection& c, std::int64_t cid, const NewVote& v, std::int64_t by,
                         std::int64_t now);
// Fixes the electorate; returns the number of electors.
std::int64_t open_vote_in(store::Connection& c, std::int64_t cid, std::int64_t vote_id,
                          std::int64_t now);
// Casts (or changes) elector `no`'s ballot; returns the receipt code. `choices` are option
// indexes; empty abstains.
std::string cast_in(store::Connection& c, std::int64_t vote_id, std::int64_t no,
                    const std::vector<int>& choices, const std::string& channel,
                    const std::string& voucher, std::int64_t now);
// A paper ballot entered by a committee member or staff, with its own scan: it counts once a
// second person countersigns it (countersign_paper_ballot_in). Checks what enter_paper_ballot
// checks.
struct PaperBallotInput {
  std::int64_t unit_id = 0;  // a unit of the owner on the vote's roll
  std::vector<int> choices;  // option indexes; empty abstains
  std::string voucher_sha256;
  bool replace = false;  // correcting a paper ballot already entered
};
struct PaperBallotEntered {
  std::int64_t ballot_no = 0;
  std::string receipt;
  bool replaced = false;
  std::int64_t entered_at_ms = 0;
};
PaperBallotEntered enter_paper_ballot_in(store::Connection& c, App& app, const Caller& who,
                                         std::int64_t cid, std::int64_t vote_id,
                                         const PaperBallotInput& in);
// `seen_entered_at_ms`: the entry time of the ballot as the countersigner saw it.
void countersign_paper_ballot_in(store::Connection& c, App& app, const Caller& who,
                                 std::int64_t cid, std::int64_t vote_id, std::int64_t ballot_no,
                                 std::int64_t seen_entered_at_ms);
// Tallies and closes; applies what the result decides (a tender's award).
boost::json::object close_vote_in(store::Connection& c, std::int64_t cid, std::int64_t vote_id,
                                  std::int64_t now);

// Closes the votes whose time is up (at most 20 a call, each in its own transaction), with the
// tally as it stands and an audit entry "by clock"; returns how many it closed. The background
// sender (http/outbound.h) calls it every few seconds, so no read ever writes. A ballot after
// `closes_at` is refused whether or not the vote was closed yet.
std::int64_t close_due_votes(App& app);

// Votes closing within a day: tells every owner who has not voted yet, once per vote (the
// server's background sender calls this). Returns how many votes it reminded about.
std::int64_t remind_closing_votes(App& app);

// Throws 422 naming `field` unless `vote_id` is a closed, passed vote of this compound on one
// of `matters`.
void require_passed_vote(store::Connection& c, std::int64_t cid, std::int64_t vote_id,
                         std::initializer_list<int> matters, const char* field);

}  // namespace xinyi::app
