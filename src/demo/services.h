// The demo's needs lists, service plan, work logs, questionnaires and meetings (SPEC §3 models
// 1, 4, 5), written through the same cores as the API, in the seed's transaction.
//
// 桂湖教师院 (hourly service) gets its plan (cleaner, gardener, electrician, project manager)
// from 2025-11, a year of visits with residents' confirmations and a few disputes (resolved
// both ways), and visits this month still in their review window for the demo owner to
// confirm. Its monthly postings are made by the demo books (demo_books.cc) in date order, as
// `post_month_core` would be called on the 6th of each following month. 九院合一 gets its
// questionnaire and twelve yard and deliberation meetings; every compound gets needs in every
// state, filed by its residents, on door-to-door visits and at meetings.
#pragma once

#include <cstdint>
#include <vector>

#include "app/app.h"
#include "store/sql.h"

namespace xinyi::demo {

struct DemoServicePeople {
  std::int64_t staff = 0, committee = 0, worker = 0, owner = 0;  // owner: 王建国
};

// `compounds`: the five demo compounds in SPEC §3 order.
// Residents' reviews of visits and the committee's rulings on disputes go through the use cases
// (app::review_visit_in, resolve_dispute_in) with `app`'s clock, restored after.
void seed_demo_services(app::App& app, store::Connection& c,
                        const std::vector<std::int64_t>& compounds, const DemoServicePeople& people,
                        std::int64_t now);

}  // namespace xinyi::demo
