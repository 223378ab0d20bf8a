// The demo district's books: 22 months (2025-01 … 2026-10) of history for each of the five
// compounds, true to its model (SPEC §3): fee income (received, then from 2025-11 billed and
// paid through Xinyi), hourly services,
// the provider's fees and remuneration, repairs and renewal projects, the charity fund's week
// of donations and its uses, crowdfunding and subsidies, disbursements approved by the trustee
// and committee members with PDF receipts as vouchers, one reversal, one pending and one
// rejected request. Deterministic. Runs inside the seed's write transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/app.h"

namespace xinyi::demo {

struct DemoPeople {
  std::int64_t trustee = 0, committee = 0, committee2 = 0;
  std::int64_t fee_rise_vote = 0;  // the owners' vote the hourly compound's 2026-05 rate cites
  std::int64_t renewal_vote = 0;   // the charity compound's common-fund renewal (matter 7)
};

// A demo person as the use cases see a signed-in caller: the account and its roles.
app::Caller demo_caller(store::Connection& c, std::int64_t user_id);

// Helpers shared by the demo's parts: a one-page PDF (ASCII text) as a viewable voucher, and
// 10:00 China time on a YYYY-MM-DD date in milliseconds.
std::string demo_pdf(const std::vector<std::string>& lines);
std::int64_t demo_ms(const std::string& date);

// `compounds`: the five demo compounds in SPEC §3 order. Returns the number of entries written.
// From November 2025 fees go through Xinyi: a bill run every month and households' payments
// (85–95 % within the month, a few ahead, a few chronically behind); before that, the fee
// income that arrived is in the books as received. `app`'s clock is moved along the history
// while it runs and restored after.
std::int64_t seed_demo_books(app::App& app, store::Connection& c,
                             const std::vector<std::int64_t>& compounds, const DemoPeople& people);

}  // namespace xinyi::demo
