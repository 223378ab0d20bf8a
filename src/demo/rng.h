// splitmix64: a tiny deterministic generator for the demo district and the synthetic city, so
// the generated data is the same on every machine. Not for anything secret (that is libsodium).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace xinyi::demo {

class DemoRng {
 public:
  explicit DemoRng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi]. REQUIRES: lo <= hi.
  std::int64_t uniform(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool chance(std::int64_t percent) { return uniform(1, 100) <= percent; }
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& a) {
    return a[next() % N];
  }

 private:
  std::uint64_t s_;
};

}  // namespace xinyi::demo
