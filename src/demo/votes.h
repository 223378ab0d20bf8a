// The demo district's decisions (SPEC §3 models 1, 2, 4, 5): the hourly compound's vote on its
// fee rise and an open vote in progress; 城北花园's property management committee formed from
// the 38 households' petition, with its 13 major matters decided by vote; 九院合一's provider
// chosen from three bids; 锦苑小区's owners' committee elected. Ballots are generated from
// each vote's electorate (deterministic), partly on paper with a scan as the voucher.
// Runs inside the seed's write transaction, after the registry and before the books.
#pragma once

#include <cstdint>
#include <vector>

#include "app/app.h"

namespace xinyi::demo {

struct DemoVoteIds {
  std::int64_t fee_rise = 0;  // 桂湖教师院, closed and passed on 2026-04-18
  std::int64_t open = 0;      // 桂湖教师院, open now; the demo owner has not voted yet
  std::int64_t renewal = 0;   // 锦苑小区, the common-fund renewal (matter 7), passed 2025-07-25
};

struct DemoVotePeople {
  std::int64_t committee = 0, committee2 = 0, staff = 0;
};

// `compounds`: the five demo compounds in SPEC §3 order; `now`: the seed's clock.
// Paper ballots go through the product's two-person entry (app::enter_paper_ballot_in and
// countersign_paper_ballot_in, with `app`'s clock moved along and restored after).
DemoVoteIds seed_demo_votes(app::App& app, store::Connection& c,
                            const std::vector<std::int64_t>& compounds,
                            const DemoVotePeople& people, std::int64_t now, std::int64_t skip_unit);

}  // namespace xinyi::demo
