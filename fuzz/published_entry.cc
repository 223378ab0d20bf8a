// Any text as a published ledger entry (what a verifier downloads from an untrusted server): it
// is decoded or refused, never crashes; a decoded entry re-publishes to the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/ledger/books.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string why;
  auto t = xinyi::ledger::from_published(
      std::string_view(reinterpret_cast<const char*>(data), size), &why);
  // A document from_published accepts is exactly one that published_text would produce.
  if (t && xinyi::ledger::published_text(*t) !=
               std::string_view(reinterpret_cast<const char*>(data), size))
    std::abort();
  return 0;
}
