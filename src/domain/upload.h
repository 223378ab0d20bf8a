// What an uploaded file is — decided by its first bytes, never by its name or its declared type
// alone. One rule for every upload (vouchers, ballot scans, photos).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace xinyi::upload {

// "image/jpeg", "image/png" or (when `allow_pdf`) "application/pdf" when `bytes` begin with that
// type's signature and `declared` (a Content-Type; parameters ignored) names the same type or
// is application/octet-stream; otherwise nullopt.
std::optional<std::string> sniff(std::string_view declared, std::string_view bytes, bool allow_pdf);

}  // namespace xinyi::upload
