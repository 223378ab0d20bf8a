// Any bytes as an uploaded unit roster: the CSV reader (UTF-8 or GB18030, quotes, limits) and
// the roster rules must either parse or refuse with an xinyi::Error — never crash, hang or read
// out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/csv.h"
#include "domain/error.h"
#include "domain/roster.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    auto records = xinyi::csv::parse(std::string_view(reinterpret_cast<const char*>(data), size));
    (void)xinyi::roster::parse_roster(records);
  } catch (const xinyi::Error&) {
  }
  return 0;
}
