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

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/public_log.h"
#include "domain/vote.h"
#include "store/governance_repo.h"
#include "store/vote_repo.h"

namespace xinyi::app {

// Issue 18: the use cases take and return the structs below; their JSON is in
// http/routes/votes.cc. Decoders there check types, lengths and ranges; the use cases apply the
// rules (a choice's options, a vote's window, who may act).

// ---- Proposals (议题) and their discussion.
// Each `_in` twin below is the same write in the caller's write transaction (the demo's
// proposals, committees and tender go through them).
struct ProposalInput {
  std::string title, body;
};
// The proposal as stored, "open".
store::ProposalRec create_proposal(App& app, const Caller& who, CompoundId cid,
                                   const ProposalInput& in);
store::ProposalRec create_proposal_in(store::Connection& c, App& app, const Caller& who,
                                      CompoundId cid, const ProposalInput& in);
struct ProposalView {
  store::ProposalRec proposal;
  std::vector<std::int64_t> vote_ids;  // the votes put on it
};
std::vector<ProposalView> list_proposals(App& app, CompoundId cid);
// The comment as stored (its author unnamed in the answer).
store::CommentRec add_comment(App& app, const Caller& who, CompoundId cid, std::int64_t proposal_id,
                              const std::string& body);
// Oldest first; authors' names masked.
std::vector<store::CommentRec> list_comments(App& app, CompoundId cid, std::int64_t proposal_id);

// ---- Votes.
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
// What a vote's page shows: the vote (options as this caller may see them), its turnout against
// the quorum once open, and (in vote.result) its tally once closed.
struct Turnout {
  std::int64_t voted_owners = 0, voted_area_centi_m2 = 0;
  std::int64_t paper_counted = 0, paper_awaiting = 0;  // paper ballots counted, and not yet
  std::int64_t total_owners = 0, total_area_centi_m2 = 0;
  std::int64_t quorum_owners = 0, quorum_area_centi_m2 = 0;  // two thirds of each, rounded up
  bool quorum_met = false;
};
struct VoteView {
  store::VoteRec vote;
  std::optional<Turnout> turnout;  // nullopt for a draft
};
// `open_now`: opens it at once (the electorate is fixed now).
VoteView create_vote(App& app, const Caller& who, CompoundId cid, const NewVote& v, bool open_now);
VoteView create_vote_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                        const NewVote& v, bool open_now);
VoteView open_vote(App& app, const Caller& who, CompoundId cid, std::int64_t vote_id);
struct BallotInput {
  std::optional<std::int64_t> unit_id;  // required when the caller speaks for several owners
  std::vector<int> choices;             // option numbers; empty abstains
};
struct BallotCast {
  std::int64_t vote_id = 0;
  std::string receipt;
  std::vector<std::string> choices;  // their labels
  bool changed = false;              // a ballot of the owner's was replaced
  std::int64_t cast_at_ms = 0;
};
BallotCast cast_ballot(App& app, const Caller& who, CompoundId cid, std::int64_t vote_id,
                       const BallotInput& in);
// A paper ballot (committee) with its own scan, bound to it; the owner is told at once. It
// counts only once a second person (committee or staff, not who entered it) countersigns it,
// and the owner's own online ballot before the close replaces it.
PaperBallotEntered enter_paper_ballot(App& app, const Caller& who, CompoundId cid,
                                      std::int64_t vote_id, const PaperBallotInput& in);
// The paper ballots of a vote with their scans and what they record, for the committee and
// staff who enter and countersign them (never public: a scan shows the choice).
struct PaperBallotView {
  std::int64_t ballot_no = 0;
  std::vector<std::string> units, choices;  // labels
  std::string voucher_sha256;
  std::int64_t entered_at_ms = 0;
  std::string entered_by, countersigned_by;  // names; "" when none
  std::optional<std::int64_t> entered_by_id, countersigned_at_ms;
};
std::vector<PaperBallotView> list_paper_ballots(App& app, CompoundId cid, std::int64_t vote_id);
// The scan of one paper ballot, for the committee and staff who check it (also in a secret
// vote, where the public never sees it).
VoucherFile paper_ballot_scan(App& app, CompoundId cid, std::int64_t vote_id,
                              std::int64_t ballot_no);
// `seen_entered_at_ms`: the entry time as listed, so a ballot changed meanwhile is not
// countersigned (409).
void countersign_paper_ballot(App& app, const Caller& who, CompoundId cid, std::int64_t vote_id,
                              std::int64_t ballot_no, std::int64_t seen_entered_at_ms);
VoteView close_vote(App& app, const Caller& who, CompoundId cid, std::int64_t vote_id);
// Public: the published votes (drafts are not), an election's candidates masked for anyone who
// is not a member of the compound.
std::vector<VoteView> list_votes(App& app, const Caller& who, CompoundId cid);
VoteView get_vote(App& app, const Caller& who, CompoundId cid, std::int64_t vote_id);
// Public once closed: every counted ballot as (receipt, choices), sorted by receipt.
struct ReceiptLine {
  std::string receipt;
  std::vector<std::string> choices;  // labels
};
struct VoteReceipts {
  store::VoteRec vote;  // as the public sees it
  std::vector<ReceiptLine> ballots;
};
VoteReceipts vote_receipts(App& app, CompoundId cid, std::int64_t vote_id);
// The caller's own standing and ballot (receipt and choice) in a vote: one line per owner of
// the roll the caller speaks for.
struct MyBallot {
  std::string receipt;
  std::vector<std::string> choices;  // labels
  std::vector<int> choice_numbers;
  std::string channel;  // "online" or "paper"
  std::int64_t cast_at_ms = 0;
  bool counted = false;
};
struct MyElector {
  std::vector<std::string> units;  // labels
  std::int64_t area_centi_m2 = 0, unit_id = 0;
  std::optional<MyBallot> ballot;
};
struct MyStanding {
  std::int64_t vote_id = 0;
  std::vector<MyElector> electors;  // empty: the caller is not on the roll
};
MyStanding my_ballot(App& app, const Caller& who, CompoundId cid, std::int64_t vote_id);
// Open votes only, after the close: who (by unit) chose what. 403 for a secret vote.
struct RollLine {
  std::vector<std::string> units, choices;  // labels
  std::string channel;
};
std::vector<RollLine> vote_roll(App& app, CompoundId cid, std::int64_t vote_id);

// ---- Committees.
struct CommitteeInput {
  std::string kind, name;  // kind "pmc" (物管委) or "owners" (业委会)
  std::int64_t min_size = 0, max_size = 0;
  std::string term_from, term_to;       // YYYY-MM-DD or ""
  std::optional<std::int64_t> vote_id;  // the matter-3 election an owners' committee comes from
};
// The committee as stored, "forming".
store::CommitteeRec create_committee(App& app, const Caller& who, CompoundId cid,
                                     const CommitteeInput& in);
store::CommitteeRec create_committee_in(store::Connection& c, App& app, const Caller& who,
                                        CompoundId cid, const CommitteeInput& in);
struct PetitionSigned {
  std::int64_t signed_units = 0, households = 0;  // by this call; in all
};
PetitionSigned sign_petition(App& app, const Caller& who, CompoundId cid);
struct NomineeInput {
  std::string name, channel;  // channel: street_community, owners_joint or self
  bool resident_rep = true;
  std::string affiliation, position = "委员";
  std::string login;  // the nominee's account, "" when none
};
// The nominee as stored, the name masked.
store::CommitteeMemberRec nominate_member(App& app, const Caller& who, CompoundId cid,
                                          std::int64_t committee_id, const NomineeInput& in);
store::CommitteeMemberRec nominate_member_in(store::Connection& c, App& app, const Caller& who,
                                             CompoundId cid, std::int64_t committee_id,
                                             const NomineeInput& in);
struct CommitteeEstablished {
  std::int64_t id = 0, members = 0, resident_reps = 0;
  std::int64_t roles_awaiting_confirmation = 0;  // committee roles a second person confirms
};
CommitteeEstablished establish_committee(App& app, const Caller& who, CompoundId cid,
                                         std::int64_t committee_id);
CommitteeEstablished establish_committee_in(store::Connection& c, App& app, const Caller& who,
                                            CompoundId cid, std::int64_t committee_id);
struct CommitteeView {
  store::CommitteeRec committee;
  std::vector<store::CommitteeMemberRec> members;  // names masked
  std::int64_t resident_reps = 0;
  std::optional<vote::Breach> breach;               // what its composition lacks, if anything
  std::optional<std::int64_t> petition_households;  // a property management committee's
};
std::vector<CommitteeView> list_committees(App& app, CompoundId cid);  // public, names masked

// ---- Choosing a provider (比选).
struct TenderInput {
  std::string title, scope, criteria, closes_on;  // closes_on: YYYY-MM-DD
};
// The tender as stored, "open".
store::TenderRec create_tender(App& app, const Caller& who, CompoundId cid, const TenderInput& in);
store::TenderRec create_tender_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                                  const TenderInput& in);
struct BidInput {
  std::string provider;
  std::int64_t price_fen_per_m2_month = 0, remuneration_bp = 0;
  std::string plan;
  std::vector<std::string> documents;  // SHA-256 of uploaded vouchers, at most 20
};
store::BidRec add_bid(App& app, const Caller& who, CompoundId cid, std::int64_t tender_id,
                      const BidInput& in);
store::BidRec add_bid_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                         std::int64_t tender_id, const BidInput& in);
// Puts the bids to the owners as a matter-4 choice, opened at once.
VoteView put_tender_to_vote(App& app, const Caller& who, CompoundId cid, std::int64_t tender_id,
                            std::int64_t closes_at_ms, bool secret);
VoteView put_tender_to_vote_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                               std::int64_t tender_id, std::int64_t closes_at_ms, bool secret);
struct BidView {
  store::BidRec bid;
  Fen monthly_fen;  // what the compound would pay a month for its whole area
  bool awarded = false;
};
struct TenderView {
  store::TenderRec tender;
  std::int64_t area_centi_m2 = 0;  // the compound's
  std::vector<BidView> bids;       // cheapest first
};
std::vector<TenderView> list_tenders(App& app, CompoundId cid);  // public: bids side by side

// ---- Cores, inside the caller's write transaction (used by the use cases above and the demo).

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
PaperBallotEntered enter_paper_ballot_in(store::Connection& c, App& app, const Caller& who,
                                         CompoundId cid, std::int64_t vote_id,
                                         const PaperBallotInput& in);
// `seen_entered_at_ms`: the entry time of the ballot as the countersigner saw it.
void countersign_paper_ballot_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                                 std::int64_t vote_id, std::int64_t ballot_no,
                                 std::int64_t seen_entered_at_ms);
// Tallies and closes; applies what the result decides (a tender's award).
vote::Result close_vote_in(store::Connection& c, std::int64_t cid, std::int64_t vote_id,
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
