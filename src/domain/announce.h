// Announcements (公告): the kinds a notice may be, in the order the posting form offers them.
#pragma once

#include <algorithm>
#include <iterator>
#include <string_view>

namespace xinyi::announce {

// notice: a general notice; outage: water, power or gas cut (停水停电); meeting: a meeting
// called; vote: an owners' vote; safety: a safety warning.
inline constexpr std::string_view kKinds[] = {"notice", "outage", "meeting", "vote", "safety"};

inline bool valid_kind(std::string_view k) {
  return std::find(std::begin(kKinds), std::end(kKinds), k) != std::end(kKinds);
}

}  // namespace xinyi::announce
