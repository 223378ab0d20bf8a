#include "auth/throttle.h"

namespace xinyi::auth {

void Throttle::prune(std::deque<std::int64_t>& q, std::int64_t now_ms) const {
  while (!q.empty() && q.front() <= now_ms - window_ms_) q.pop_front();
}

std::int64_t Throttle::retry_after_ms(const std::string& key, std::int64_t now_ms) {
  std::lock_guard g(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  prune(it->second, now_ms);
  if (static_cast<int>(it->second.size()) < max_) return 0;
  return it->second.front() + window_ms_ - now_ms;
}

void Throttle::record_failure(const std::string& key, std::int64_t now_ms) {
  std::lock_guard g(mu_);
  if (failures_.size() >= kMaxKeys && !failures_.count(key)) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      prune(it->second, now_ms);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
    if (failures_.size() >= kMaxKeys) failures_.erase(failures_.begin());
  }
  auto& q = failures_[key];
  prune(q, now_ms);
  q.push_back(now_ms);
  while (static_cast<int>(q.size()) > max_) q.pop_front();
}

void Throttle::reset(const std::string& key) {
  std::lock_guard g(mu_);
  failures_.erase(key);
}

}  // namespace xinyi::auth
