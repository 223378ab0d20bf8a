// Throttle: at most `max_failures` failures per key within `window_ms`; further attempts are
// refused until the oldest failure leaves the window. Used for sign-in (per login and per
// address) and invite-code claims. In memory, per process: a restart forgets, which only
// ever makes it more lenient. Bounded: at most kMaxKeys keys; the stalest are dropped.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace xinyi::auth {

class Throttle {
 public:
  static constexpr std::size_t kMaxKeys = 100'000;

  Throttle(int max_failures, std::int64_t window_ms) : max_(max_failures), window_ms_(window_ms) {}

  // 0 when `key` may try now, else how many milliseconds until it may.
  std::int64_t retry_after_ms(const std::string& key, std::int64_t now_ms);
  void record_failure(const std::string& key, std::int64_t now_ms);
  void reset(const std::string& key);

 private:
  void prune(std::deque<std::int64_t>& q, std::int64_t now_ms) const;

  const int max_;
  const std::int64_t window_ms_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<std::int64_t>> failures_;
};

}  // namespace xinyi::auth
