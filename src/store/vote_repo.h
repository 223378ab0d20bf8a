// Owners' votes: the vote record and its options, the electorate fixed when it opens (electors
// and the units each speaks for), the ballots (online and paper, with the second person's
// countersignature) and the scans bound to paper ballots, and what the clock asks for (votes due
// to close or to be reminded about). Proposals, committees and tenders, which votes decide, are
// in governance_repo.h.
//
// A vote is looked up with its compound (get_vote) and finds nothing for another compound's id;
// its electors and ballots are then reached through the vote's id. Choices are stored as the
// option numbers, in the order chosen (an empty list abstains). A paper ballot counts once
// countersigned; "counted" below means an online ballot or a countersigned paper one.
//
// Issue 18: this is the SQL that was in app/vote_service.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/vote.h"
#include "store/sql.h"

namespace xinyi::store {

struct VoteRec {
  std::int64_t id = 0, compound_id = 0;
  std::int64_t proposal_id = 0, tender_id = 0;  // 0: none
  std::string title, description, kind, status;
  std::optional<vote::Result> result;  // the tally as stored at the close; nullopt before
  int matter = 9, seats = 1;
  bool secret = true, passed = false;
  std::int64_t opens_at_ms = 0, closes_at_ms = 0, closed_at_ms = 0;  // opens, closed 0: not yet
  std::int64_t total_area_centi_m2 = 0, total_owners = 0;            // fixed when it opens
  std::vector<std::string> options;                                  // labels, by option number
  std::vector<std::int64_t> option_bid_ids;  // parallel to options; 0: the option is no bid
};
// With its options.
std::optional<VoteRec> get_vote(Connection& c, std::int64_t cid, std::int64_t id);

struct NewVoteRec {
  std::int64_t proposal_id = 0, tender_id = 0;  // 0: none
  std::string title, description, kind;
  int matter = 9, seats = 1;
  bool secret = true;
  std::int64_t closes_at_ms = 0;
  std::int64_t created_by = 0;  // 0: nobody (the demo)
};
// A draft; its options are inserted next.
std::int64_t insert_vote(Connection& c, std::int64_t cid, const NewVoteRec& v, std::int64_t now_ms);
void insert_vote_option(Connection& c, std::int64_t cid, std::int64_t vote_id, std::int64_t n,
                        const std::string& label, std::int64_t bid_id);  // bid 0: none

// Published votes (not drafts) of the compound, open ones first, then by closing time, newest
// first; at most 200.
std::vector<std::int64_t> list_published_vote_ids(Connection& c, std::int64_t cid);
// The votes on a proposal, oldest first.
std::vector<std::int64_t> proposal_vote_ids(Connection& c, std::int64_t cid,
                                            std::int64_t proposal_id);

// ---- The electorate, fixed when the vote opens.

void insert_elector(Connection& c, std::int64_t cid, std::int64_t vote_id, std::int64_t no,
                    std::int64_t area_centi_m2, bool developer);
void insert_elector_unit(Connection& c, std::int64_t cid, std::int64_t vote_id,
                         std::int64_t unit_id, std::int64_t no);
void mark_vote_open(Connection& c, std::int64_t vote_id, std::int64_t opens_at_ms,
                    std::int64_t total_area_centi_m2, std::int64_t total_owners);

// The electors (other than the developer's) that `user_id` speaks for through a claim as owner
// on one of their units made before the vote opened: one row per (elector, unit), by elector.
struct OwnedElectorRec {
  std::int64_t no = 0, unit_id = 0;
};
std::vector<OwnedElectorRec> owned_electors(Connection& c, std::int64_t vote_id,
                                            std::int64_t user_id);
// The units elector `no` speaks for, by unit id.
struct ElectorUnitRec {
  std::string courtyard_name, unit_label;
};
std::vector<ElectorUnitRec> elector_units(Connection& c, std::int64_t vote_id, std::int64_t no);
struct ElectorRec {
  std::int64_t area_centi_m2 = 0;
  std::int64_t first_unit_id = 0;  // the lowest unit id it speaks for
};
// REQUIRES: elector `no` of the vote exists.
ElectorRec get_elector(Connection& c, std::int64_t vote_id, std::int64_t no);
// Every elector of the vote, by number.
struct ElectorNoRec {
  std::int64_t no = 0;
  bool developer = false;
};
std::vector<ElectorNoRec> list_electors(Connection& c, std::int64_t vote_id);
// The elector that speaks for `unit_id` in the vote, if the unit is on its roll.
std::optional<std::int64_t> elector_of_unit(Connection& c, std::int64_t vote_id,
                                            std::int64_t unit_id);

// ---- Ballots.

struct BallotRec {
  std::int64_t no = 0;
  std::string receipt;
  std::vector<int> choices;
  std::string channel;         // "online" or "paper"
  std::string voucher_sha256;  // paper: the scan; online: ""
  std::int64_t cast_at_ms = 0;
  std::optional<std::int64_t> entered_by, countersigned_by;  // paper: who entered, countersigned
  bool counted() const { return channel != "paper" || countersigned_by.has_value(); }
};
std::optional<BallotRec> get_ballot(Connection& c, std::int64_t vote_id, std::int64_t no);
bool receipt_taken(Connection& c, std::int64_t vote_id, const std::string& receipt);
// The ballot of the vote's compound, not changed yet.
void insert_ballot(Connection& c, std::int64_t vote_id, std::int64_t no, const std::string& receipt,
                   const std::vector<int>& choices, const std::string& channel,
                   const std::string& voucher_sha256, std::int64_t now_ms);
// A new choice for an existing ballot (its receipt stays); counts the change.
void update_ballot(Connection& c, std::int64_t vote_id, std::int64_t no,
                   const std::vector<int>& choices, const std::string& channel,
                   const std::string& voucher_sha256, std::int64_t now_ms);
// Records who entered the ballot (nullopt: the owner, online) and clears any countersignature.
void set_ballot_entered_by(Connection& c, std::int64_t vote_id, std::int64_t no,
                           std::optional<std::int64_t> entered_by);
void countersign_ballot(Connection& c, std::int64_t vote_id, std::int64_t no, std::int64_t by,
                        std::int64_t now_ms);

struct TurnoutRec {
  std::int64_t voted_owners = 0, voted_area_centi_m2 = 0;  // counted ballots
  std::int64_t paper_counted = 0, paper_awaiting = 0;      // paper: countersigned, not yet
};
TurnoutRec turnout(Connection& c, std::int64_t vote_id);

// The counted ballots with their electors' areas, for the tally.
struct WeightedBallotRec {
  std::int64_t area_centi_m2 = 0;
  std::vector<int> choices;
};
std::vector<WeightedBallotRec> counted_ballots(Connection& c, std::int64_t vote_id);
// The counted ballots by receipt (the public list once closed).
struct ReceiptRec {
  std::string receipt;
  std::vector<int> choices;
};
std::vector<ReceiptRec> counted_receipts(Connection& c, std::int64_t vote_id);
// The counted ballots by elector (the roll of an open vote once closed).
struct RollRec {
  std::int64_t no = 0;
  std::vector<int> choices;
  std::string channel;
};
std::vector<RollRec> counted_roll(Connection& c, std::int64_t vote_id);

// The paper ballots, by elector, at most 5000, with the names of who entered and countersigned.
struct PaperBallotRec {
  std::int64_t no = 0;
  std::vector<int> choices;
  std::string voucher_sha256;
  std::int64_t cast_at_ms = 0;
  std::string entered_by_name, countersigned_by_name;  // "": nobody
  std::optional<std::int64_t> entered_by, countersigned_at_ms;
};
std::vector<PaperBallotRec> list_paper_ballots(Connection& c, std::int64_t vote_id);

// The tally is stored once, with the options' labels as they were; the vote is closed. (Stored
// as a JSON document in votes.result; get_vote reads its figures back.)
void record_result(Connection& c, std::int64_t vote_id, const vote::Result& result,
                   const std::vector<std::string>& labels, std::int64_t now_ms);

// ---- Scans of paper ballots: a file stands for one ballot only.

struct BallotScanRec {
  std::int64_t vote_id = 0, no = 0;
};
std::optional<BallotScanRec> get_ballot_scan(Connection& c, std::int64_t cid,
                                             const std::string& sha256);
void insert_ballot_scan(Connection& c, std::int64_t cid, const std::string& sha256,
                        std::int64_t vote_id, std::int64_t no, bool secret, std::int64_t now_ms);

// ---- The clock.

struct VoteKey {
  std::int64_t compound_id = 0, vote_id = 0;
};
// Open votes whose closing time has come, soonest first, at most 20.
std::vector<VoteKey> votes_due_to_close(Connection& c, std::int64_t now_ms);
// Open votes not reminded about yet that close in (now, until], oldest first, at most 20.
std::vector<VoteKey> votes_to_remind(Connection& c, std::int64_t now_ms, std::int64_t until_ms);
// False when it was reminded about already (by another sender).
bool mark_reminded(Connection& c, std::int64_t vote_id);

// Whether an uploaded file is the scan of a paper ballot in a secret vote (now or ever: a
// replaced scan stays private too). Such a scan shows how that owner voted: never public.
bool is_secret_ballot_scan(Connection& c, std::int64_t cid, const std::string& sha256);

}  // namespace xinyi::store
