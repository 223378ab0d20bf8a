#include "domain/vote.h"

#include <gtest/gtest.h>

#include <random>

namespace xinyi::vote {

namespace {

// n ballots of `area` each, the first `yes` for option 0, the next `no` for option 1, the rest
// abstaining.
std::vector<BallotIn> ballots(int yes, int no, int abstain, std::int64_t area = 100) {
  std::vector<BallotIn> out;
  for (int i = 0; i < yes; ++i) out.push_back({area, {0}});
  for (int i = 0; i < no; ++i) out.push_back({area, {1}});
  for (int i = 0; i < abstain; ++i) out.push_back({area, {}});
  return out;
}

UnitIn unit(std::int64_t id, std::int64_t area, std::vector<std::string> owners,
            bool developer = false) {
  return UnitIn{id, area, developer, std::move(owners)};
}

}  // namespace

// Each row: the figures a tally sees, and what Art. 278 says of them.
struct Row {
  const char* what;
  int matter;
  std::int64_t total_area, total_owners;
  std::vector<BallotIn> ballots;
  bool quorum, passed;
};

TEST(Tally, Art278AtEveryBoundary) {
  const std::vector<Row> rows = {
      // Quorum: 2/3 of all owners AND of all area, both inclusive.
      {"exactly 2/3 of owners and area take part; all for", 9, 900, 9, ballots(6, 0, 0), true,
       true},
      {"one owner short of 2/3", 9, 900, 9, ballots(5, 0, 0), false, false},
      {"2/3 of owners but one hundredth m² short of 2/3 of area", 9, 901, 9, ballots(6, 0, 0),
       false, false},
      {"area exactly 2/3 with uneven units", 9, 1650, 3, {{1000, {0}}, {100, {0}}}, true, true},
      {"area one hundredth m² below 2/3", 9, 1651, 3, {{1000, {0}}, {100, {0}}}, false, false},
      // Ordinary matters: more than half of those taking part, in area AND in owners.
      {"exactly half of owners for fails an ordinary matter", 9, 600, 6, ballots(3, 3, 0), true,
       false},
      {"one more than half passes", 9, 700, 7, ballots(4, 3, 0), true, true},
      {"abstentions take part and count against the majority", 9, 900, 9, ballots(4, 2, 3), true,
       false},
      {"half the area for (a majority of owners) fails",
       4,
       600,
       3,
       {{200, {0}}, {100, {0}}, {300, {1}}},
       true,
       false},
      {"a majority of area but half the owners fails",
       4,
       1000,
       4,
       {{700, {0}}, {100, {0}}, {100, {1}}, {100, {1}}},
       true,
       false},
      {"151 of 301 hundredths of m² for: more than half",
       3,
       301,
       3,
       {{76, {0}}, {75, {0}}, {150, {1}}},
       true,
       true},
      {"150 of 301 hundredths of m² for: not more than half",
       3,
       301,
       3,
       {{75, {0}}, {75, {0}}, {151, {1}}},
       true,
       false},
      // Special matters (6, 7, 8): at least 3/4 of those taking part, inclusive.
      {"exactly 3/4 passes matter 6", 6, 800, 8, ballots(6, 2, 0), true, true},
      {"exactly 3/4 passes matter 7", 7, 800, 8, ballots(6, 2, 0), true, true},
      {"exactly 3/4 passes matter 8", 8, 800, 8, ballots(6, 2, 0), true, true},
      {"one owner below 3/4 fails matter 8", 8, 800, 8, ballots(5, 2, 1), true, false},
      {"the same ballots pass an ordinary matter", 5, 800, 8, ballots(5, 2, 1), true, true},
      {"3/4 of owners but area one hundredth short",
       7,
       8,
       4,
       {{2, {0}}, {2, {0}}, {1, {0}}, {3, {1}}},
       true,
       false},
      {"3/4 of owners and exactly 3/4 of area",
       7,
       8,
       4,
       {{3, {0}}, {2, {0}}, {1, {0}}, {2, {1}}},
       true,
       true},
      // Nobody votes; everyone abstains.
      {"no ballots", 9, 900, 9, {}, false, false},
      {"all abstain: quorum but nothing carried", 9, 900, 9, ballots(0, 0, 9), true, false},
  };
  for (const auto& r : rows) {
    Result res = tally(Kind::motion, r.matter, 2, 1, r.total_area, r.total_owners, r.ballots);
    EXPECT_EQ(res.quorum, r.quorum) << r.what;
    EXPECT_EQ(res.passed, r.passed) << r.what;
    EXPECT_EQ(res.special, r.matter == 6 || r.matter == 7 || r.matter == 8) << r.what;
  }
}

TEST(Tally, RecordsTheFiguresItUsed) {
  Result r =
      tally(Kind::motion, 9, 2, 1, 1000, 10,
            {{100, {0}}, {200, {0}}, {300, {1}}, {150, {}}, {50, {0}}, {100, {0}}, {10, {0}}});
  EXPECT_EQ(r.total_area, 1000);
  EXPECT_EQ(r.total_owners, 10);
  EXPECT_EQ(r.voted_area, 910);
  EXPECT_EQ(r.voted_owners, 7);
  EXPECT_EQ(r.abstain_area, 150);
  EXPECT_EQ(r.abstain_owners, 1);
  EXPECT_EQ(r.options[0].area_centi_m2, 460);
  EXPECT_EQ(r.options[0].owners, 5);
  EXPECT_EQ(r.options[1].area_centi_m2, 300);
  EXPECT_EQ(r.options[1].owners, 1);
  // 460/910 is more than half of the area; 5/7 of the owners.
  EXPECT_TRUE(r.quorum);
  EXPECT_TRUE(r.passed);
  ASSERT_EQ(r.winners, std::vector<int>{0});
}

TEST(Tally, AgainstNeverCarriesAMotion) {
  Result r = tally(Kind::motion, 9, 2, 1, 300, 3, ballots(0, 3, 0));
  EXPECT_TRUE(r.quorum);
  EXPECT_FALSE(r.options[1].carried);
  EXPECT_FALSE(r.passed);
}

TEST(Tally, ChoosingAProviderFromThreeBids) {
  // Bid 2 (index 1) has most area and a majority: it wins. Bid 0 has a plurality of owners but
  // no majority: not carried.
  std::vector<BallotIn> b = {{500, {1}}, {300, {1}}, {100, {0}}, {100, {0}}, {100, {2}}};
  Result r = tally(Kind::choice, 4, 3, 1, 1100, 5, b);
  EXPECT_TRUE(r.quorum);
  EXPECT_TRUE(r.options[1].carried == false);  // 2 of 5 owners is not more than half
  EXPECT_FALSE(r.passed);
  b.push_back({50, {1}});
  r = tally(Kind::choice, 4, 3, 1, 1200, 6, b);
  EXPECT_TRUE(r.options[1].carried == false);  // exactly half the owners (3 of 6) still fails
  b.push_back({50, {1}});
  r = tally(Kind::choice, 4, 3, 1, 1300, 7, b);
  EXPECT_TRUE(r.options[1].carried);
  EXPECT_EQ(r.winners, std::vector<int>{1});
  EXPECT_TRUE(r.passed);
}

TEST(Tally, AnElectionFillsAtMostItsSeatsRankedByArea) {
  // Five candidates, three seats; each ballot names up to three.
  std::vector<BallotIn> b = {
      {100, {0, 1, 2}}, {100, {0, 1, 3}}, {100, {0, 2, 3}}, {120, {1, 2, 3}}, {100, {4}},
  };
  Result r = tally(Kind::choice, 3, 5, 3, 520, 5, b);
  ASSERT_TRUE(r.quorum);
  // Candidate areas: 0 → 300, 1 → 320, 2 → 320, 3 → 320; owners 3 each; 4 → 100/1.
  // Four carried, three seats: the three with 320 in list order (1, 2, 3); candidate 0 is out.
  EXPECT_TRUE(r.options[0].carried);
  EXPECT_FALSE(r.options[4].carried);
  EXPECT_EQ(r.winners, (std::vector<int>{1, 2, 3}));
}

TEST(Tally, PropertyEveryBallotIsCountedOnce) {
  std::mt19937_64 rng(278);
  for (int round = 0; round < 200; ++round) {
    int n = static_cast<int>(rng() % 50);
    std::vector<BallotIn> b;
    std::int64_t area = 0, yes_area = 0, yes = 0;
    for (int i = 0; i < n; ++i) {
      std::int64_t a = 1 + static_cast<std::int64_t>(rng() % 20000);
      int pick = static_cast<int>(rng() % 3);
      b.push_back({a, pick == 2 ? std::vector<int>{} : std::vector<int>{pick}});
      area += a;
      if (pick == 0) yes_area += a, ++yes;
    }
    std::int64_t total_area = area + static_cast<std::int64_t>(rng() % 100000);
    std::int64_t total_owners = n + static_cast<std::int64_t>(rng() % 30);
    Result r =
        tally(Kind::motion, 1 + static_cast<int>(rng() % 9), 2, 1, total_area, total_owners, b);
    ASSERT_EQ(r.voted_area, area);
    ASSERT_EQ(r.voted_owners, n);
    ASSERT_EQ(r.options[0].area_centi_m2 + r.options[1].area_centi_m2 + r.abstain_area, area);
    ASSERT_EQ(r.options[0].owners + r.options[1].owners + r.abstain_owners, n);
    // The same decision in rationals, cross-multiplied differently.
    bool quorum = area * 3 >= total_area * 2 && n * 3 >= total_owners * 2 && total_owners > 0;
    bool maj = r.special ? (yes_area * 4 >= area * 3 && yes * 4 >= n * 3 && n > 0)
                         : (yes_area * 2 > area && yes * 2 > n);
    ASSERT_EQ(r.quorum, quorum);
    ASSERT_EQ(r.passed, quorum && maj);
  }
}

TEST(Electorate, OneBuyerWithThreeUnitsCountsOnce) {
  auto e = electorate({unit(1, 9000, {"p:1"}), unit(2, 8000, {"p:2"}), unit(3, 7000, {"p:1"}),
                       unit(4, 6000, {"p:1"})});
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].unit_ids, (std::vector<std::int64_t>{1, 3, 4}));
  EXPECT_EQ(e[0].area_centi_m2, 22000);
  EXPECT_EQ(e[1].unit_ids, (std::vector<std::int64_t>{2}));
  EXPECT_EQ(e[1].no, 2);
}

TEST(Electorate, DeveloperUnitsCountTogetherAsOne) {
  auto e = electorate({unit(5, 100, {}, true), unit(1, 200, {"p:1"}), unit(7, 300, {"p:9"}, true),
                       unit(3, 400, {})});
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].unit_ids, std::vector<std::int64_t>{1});
  EXPECT_EQ(e[1].unit_ids, std::vector<std::int64_t>{3});  // no recorded owner: its own elector
  EXPECT_EQ(e[2].unit_ids, (std::vector<std::int64_t>{5, 7}));
  EXPECT_TRUE(e[2].developer);
  EXPECT_EQ(e[2].area_centi_m2, 400);
}

TEST(Electorate, CoOwnersLinkUnitsTransitively) {
  // Unit 1: husband and wife; unit 2: the wife alone; unit 3: the husband's phone under another
  // person record; unit 4: somebody else.
  auto e = electorate({unit(1, 100, {"p:1", "p:2"}), unit(2, 100, {"p:2"}),
                       unit(3, 100, {"tel:13800000001"}), unit(4, 100, {"p:4"}),
                       unit(5, 100, {"p:1", "tel:13800000001"})});
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].unit_ids, (std::vector<std::int64_t>{1, 2, 3, 5}));
  EXPECT_EQ(e[1].unit_ids, std::vector<std::int64_t>{4});
}

TEST(Committee, CompositionRule) {
  EXPECT_FALSE(check_committee(7, 4, 5, 11));
  EXPECT_FALSE(check_committee(5, 3, 5, 11));
  EXPECT_TRUE(check_committee(6, 4, 5, 11));    // even
  EXPECT_TRUE(check_committee(7, 3, 5, 11));    // representatives fewer than half
  EXPECT_TRUE(check_committee(3, 3, 5, 11));    // too few
  EXPECT_TRUE(check_committee(13, 13, 5, 11));  // too many
  EXPECT_FALSE(check_committee(11, 6, 5, 11));
}

TEST(Receipt, CodesUseTheUnambiguousAlphabet) {
  std::string bytes(10, '\0');
  for (int i = 0; i < 10; ++i) bytes[static_cast<std::size_t>(i)] = static_cast<char>(i * 37);
  std::string code = receipt_code(bytes);
  EXPECT_EQ(code.size(), kReceiptLength);
  EXPECT_EQ(code.find_first_of("01IO"), std::string::npos);
}

TEST(Matters, NamesAndThresholds) {
  EXPECT_EQ(matter_zh(5), "使用建筑物及其附属设施的维修资金");
  EXPECT_TRUE(is_special(6) && is_special(7) && is_special(8));
  EXPECT_FALSE(is_special(5) || is_special(9) || is_special(1));
  EXPECT_EQ(matter_en(10), "");
}

}  // namespace xinyi::vote
