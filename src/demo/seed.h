// The demo district: 新都区 › 桂湖街道 with five compounds, one per governance model of
// SPEC §3, with courtyards, buildings, units of realistic areas, owners and tenants with
// plausible (generated, fictitious) names, one owner holding several units, developer-held
// units, the 38 households applying for a property management committee, and a demo account
// for every role. Deterministic: the same data every run. Idempotent: a second run adds
// nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"

namespace xinyi::demo {

struct DemoAccount {
  std::string login, password, role_zh, role_en;
};

inline constexpr const char* kDemoPassword = "xinyi-demo";

struct SeedReport {
  bool created = false;  // false: the demo was already there
  int compounds = 0, units = 0, persons = 0;
  std::int64_t entries = 0;  // ledger entries of the demo books
};

SeedReport seed_demo(app::App& app);

// The demo's unclaimed unit for the banner: sign in as `phone` and enter `invite_code`.
struct ClaimHint {
  std::string phone, invite_code, compound, unit_label;
};
std::optional<ClaimHint> claim_hint(app::App& app);
std::vector<DemoAccount> demo_accounts();

}  // namespace xinyi::demo
