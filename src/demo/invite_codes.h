// The demo's invite codes: while a ScopedInviteCodes lives, new units draw their codes from
// `next` instead of the random source, so one seed gives one district; the app's own source is
// back when it ends, however it ends. Like moving app.clock_ms, this is for a process that is
// not serving requests yet (the seed before `xinyi demo` serves, gen-city, the tests).
#pragma once

#include <functional>
#include <string>
#include <utility>

#include "app/app.h"

namespace xinyi::demo {

class ScopedInviteCodes {
 public:
  ScopedInviteCodes(app::App& app, std::function<std::string()> next)
      : app_(app), saved_(std::exchange(app.invite_code, std::move(next))) {}
  ~ScopedInviteCodes() { app_.invite_code = std::move(saved_); }
  ScopedInviteCodes(const ScopedInviteCodes&) = delete;
  ScopedInviteCodes& operator=(const ScopedInviteCodes&) = delete;

 private:
  app::App& app_;
  std::function<std::string()> saved_;
};

}  // namespace xinyi::demo
