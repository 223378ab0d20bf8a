#include "domain/upload.h"

namespace xinyi::upload {

std::optional<std::string> sniff(std::string_view declared, std::string_view bytes,
                                 bool allow_pdf) {
  auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  std::string_view found = starts("\xFF\xD8\xFF")         ? "image/jpeg"
                           : starts("\x89PNG\r\n\x1A\n")  ? "image/png"
                           : allow_pdf && starts("%PDF-") ? "application/pdf"
                                                          : "";
  std::string_view d = declared.substr(0, declared.find(';'));
  while (!d.empty() && d.back() == ' ') d.remove_suffix(1);
  if (found.empty() || (d != found && d != "application/octet-stream")) return std::nullopt;
  return std::string(found);
}

}  // namespace xinyi::upload
