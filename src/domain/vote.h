// Owners' votes (SPEC §4; Civil Code Art. 278; SPC interpretation on building ownership,
// Arts. 8–9) and the property management committee's composition rule. Pure rules over values.
//
// The electorate. A vote's electorate is fixed when it opens, from the registry: every unit of
// the compound (or of the courtyards the vote is for) with its exclusive area. Owners are
// counted by units, one unit one owner, except that
//   - all units of one buyer count as one owner: units that share an owner (the same person, or
//     persons with the same phone number) form one elector, transitively;
//   - the developer's unsold or undelivered units (`developer_held`) count together as one owner.
// A unit with no recorded owner is an elector of its own: it counts in the totals, and only a
// paper ballot entered by the committee can speak for it.
//
// The tally. Anyone who casts a ballot, abstention included, takes part.
//   quorum:  3·area(taking part) ≥ 2·area(all)  AND  3·owners(taking part) ≥ 2·owners(all)
//   matters 6, 7, 8 (special):  4·area(for) ≥ 3·area(taking part) AND 4·owners(for) ≥
//   3·owners(taking part) other matters (ordinary):   2·area(for) > area(taking part)   AND
//   2·owners(for) > owners(taking part)
// Integer arithmetic only (128-bit products); the result keeps every figure the rule used.
//
// Kinds of vote.
//   motion:  options "for", "against", "abstain"; it passes when the quorum is met and "for"
//            meets the matter's threshold.
//   choice:  alternatives (bids, candidates) and an abstention; a ballot names up to `seats`
//            alternatives, or abstains. Each alternative that meets the threshold is carried;
//            the winners are the carried ones ranked by area, then owners, then list order,
//            at most `seats` of them (an election of committee members has seats > 1; choosing
//            a provider has seats = 1). It passes when the quorum is met and one is carried.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xinyi::vote {

inline constexpr int kMinMatter = 1;
inline constexpr int kMaxMatter = 9;
inline constexpr std::size_t kMaxOptions = 30;
inline constexpr std::size_t kMaxElectors = 200'000;

// The matter names of Art. 278 (1-based), in Chinese and in English.
std::string_view matter_zh(int matter);
std::string_view matter_en(int matter);
// Matters 6, 7 and 8 need three quarters; the others more than half.
bool is_special(int matter);

enum class Kind { motion, choice };
std::string_view to_string(Kind k);
std::optional<Kind> parse_kind(std::string_view s);

// One unit as the registry holds it when the vote opens.
struct UnitIn {
  std::int64_t unit_id = 0;
  std::int64_t area_centi_m2 = 0;
  bool developer_held = false;
  std::vector<std::string>
      owner_keys;  // one key per recorded owner ("p:17", "tel:138…"), any order
};

// One owner for the purpose of the vote.
struct Elector {
  int no = 0;                      // 1-based, in order of each elector's first unit id
  std::int64_t area_centi_m2 = 0;  // sum of its units' areas
  bool developer = false;
  std::vector<std::int64_t> unit_ids;  // ascending
};

// Groups units into electors by the headcount rules above. Units are taken in ascending id.
// REQUIRES: unit ids distinct; areas > 0; at most kMaxElectors units.
std::vector<Elector> electorate(std::vector<UnitIn> units);

// A cast ballot, reduced to what the tally needs. `choices` are 0-based indexes into the
// vote's alternatives (for a motion: 0 = for, 1 = against); empty means abstain.
struct BallotIn {
  std::int64_t area_centi_m2 = 0;
  std::vector<int> choices;
};

struct OptionTally {
  std::int64_t area_centi_m2 = 0;
  std::int64_t owners = 0;
  bool carried = false;  // meets the matter's threshold against those taking part
};

struct Result {
  std::int64_t total_area = 0, total_owners = 0;
  std::int64_t voted_area = 0, voted_owners = 0;  // taking part, abstentions included
  std::int64_t abstain_area = 0, abstain_owners = 0;
  bool quorum_area = false, quorum_owners = false, quorum = false;
  bool special = false;  // the threshold used: 3/4 (true) or more than 1/2 (false)
  std::vector<OptionTally> options;
  std::vector<int> winners;  // indexes of the carried alternatives, best first, ≤ seats
  bool passed = false;
};

// The tally as one document, each option with its label: what a vote stores at its close and
// what its page shows (with the labels as that view shows them).
boost::json::object result_json(const Result& r, const std::vector<std::string>& labels);

// Whether the part meets the matter's threshold against the whole (see above).
bool meets(bool special, std::int64_t part, std::int64_t whole);
// Whether `part` is at least two thirds of `whole`.
bool two_thirds(std::int64_t part, std::int64_t whole);

// Tallies ballots. `alternatives` is the number of options that can be chosen (2 for a motion);
// for a motion only option 0 ("for") can carry it.
// REQUIRES: every choice index < alternatives; at most `seats` choices per ballot, distinct.
Result tally(Kind kind, int matter, int alternatives, int seats, std::int64_t total_area,
             std::int64_t total_owners, const std::vector<BallotIn>& ballots);

// The property management committee (物管委): resident representatives at least half of the
// members; an odd number of members within [min_size, max_size]. Returns the broken rule in
// Chinese and English, or nullopt.
struct Breach {
  std::string zh, en;
};
std::optional<Breach> check_committee(int members, int resident_representatives, int min_size,
                                      int max_size);

// Nomination channels for committee members (SPEC §3 model 2).
enum class Channel { street_community, owners_joint, self };
std::string_view to_string(Channel c);
std::optional<Channel> parse_channel(std::string_view s);

// A receipt code for a ballot: `kReceiptLength` characters from the invite alphabet, from the
// given random bytes (at least kReceiptLength of them).
inline constexpr std::size_t kReceiptLength = 10;
std::string receipt_code(std::string_view random_bytes);

}  // namespace xinyi::vote
