// Any bytes and any declared type as an upload: the verdict is one of the three accepted types
// or a refusal, and an accepted file really begins with its type's signature.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/upload.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  // The first line is the declared Content-Type, the rest the file.
  auto nl = all.find('\n');
  std::string_view declared = nl == std::string_view::npos ? std::string_view() : all.substr(0, nl);
  std::string_view bytes = nl == std::string_view::npos ? all : all.substr(nl + 1);
  for (bool pdf : {false, true}) {
    auto mime = xinyi::upload::sniff(declared, bytes, pdf);
    if (!mime) continue;
    if (*mime == "image/png" && bytes.substr(0, 8) != std::string_view("\x89PNG\r\n\x1A\n", 8))
      std::abort();
    if (*mime == "image/jpeg" && bytes.substr(0, 3) != "\xFF\xD8\xFF") std::abort();
    if (*mime == "application/pdf" && (!pdf || bytes.substr(0, 5) != "%PDF-")) std::abort();
  }
  return 0;
}
