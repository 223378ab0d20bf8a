// Strong ids: a compound's id cannot be passed where a unit's or a project's is expected.
//
// Ids are the store's int64 primary keys. In the use cases' inputs, results and signatures they
// travel as one of these types, made explicitly from the number (`CompoundId{7}`) where a path
// or a record hands one over, and read back with `.value` where SQL or JSON needs the number.
// Nothing converts implicitly: `bill_run(app, who, unit_id, ...)` does not compile.
#pragma once

#include <compare>
#include <cstdint>
#include <ostream>

namespace xinyi {

template <class Tag>
struct Id {
  std::int64_t value = 0;  // 0: none (the store's ids start at 1)

  constexpr Id() = default;
  constexpr explicit Id(std::int64_t id) : value(id) {}
  constexpr explicit operator bool() const { return value != 0; }
  friend constexpr auto operator<=>(Id, Id) = default;
  friend std::ostream& operator<<(std::ostream& out, Id id) { return out << id.value; }
};

using CompoundId = Id<struct CompoundTag>;
using CourtyardId = Id<struct CourtyardTag>;
using UnitId = Id<struct UnitTag>;
using ProjectId = Id<struct ProjectTag>;

}  // namespace xinyi
