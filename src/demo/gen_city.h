// A city-sized synthetic dataset for load and scale benchmarks (`xinyi gen-city`): N
// compounds of M units each, every unit with an owner, K months of books per compound (fee
// income per courtyard, cleaning, greening, repairs, the trustee's remuneration), and for the
// last two months real bill runs, with half the households having paid the older one through
// Xinyi. Deterministic for a seed. Each compound is one write transaction, so the store is
// usable (and verifiable) at every moment of a long run.
//
// Also creates one resident account per generated district, `gen-resident` (password
// "xinyi-gen"), owner of the first unit of the first compound, for load tests of a resident's
// bills.
#pragma once

#include <cstdint>
#include <functional>

#include "app/app.h"

namespace xinyi::demo {

struct GenCityOptions {
  std::int64_t compounds = 10;
  std::int64_t units_per_compound = 500;
  std::int64_t months = 24;  // of history, ending with last month
  std::uint64_t seed = 1;
};

struct GenCityReport {
  std::int64_t compounds = 0, units = 0, entries = 0, bills = 0, payments = 0;
  std::int64_t first_compound_id = 0;
};

inline constexpr std::int64_t kMaxGenCompounds = 100'000;
inline constexpr std::int64_t kMaxGenUnits = 5'000;
inline constexpr std::int64_t kMaxGenMonths = 120;

// progress(compounds done, compounds total).
GenCityReport generate_city(app::App& app, const GenCityOptions& opt,
                            const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace xinyi::demo
