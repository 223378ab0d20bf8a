// Serves the built web app (web/dist) with correct MIME types and caching:
// hashed assets under /assets/ are immutable for a year; everything else revalidates.
// A path with no file extension that names no file gets index.html (the SPA's router takes
// over). No request path can escape the root: ".." segments, NUL bytes and symlinks pointing
// outside are refused.
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/router.h"

namespace xinyi::http {

class StaticFiles {
 public:
  // `root` may be empty or missing: every request then gets a short page explaining that the
  // web app was not built.
  explicit StaticFiles(const std::string& root);

  Response serve(const std::string& decoded_path) const;
  static std::string mime_type(const std::string& path);

 private:
  std::optional<std::string> read_inside_root(const std::filesystem::path& p) const;
  std::filesystem::path root_;
  bool usable_ = false;
};

}  // namespace xinyi::http
