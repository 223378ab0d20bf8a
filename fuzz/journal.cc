// Any text as an hledger/ledger-cli journal: the parser reports errors by line and never
// crashes; every amount it accepts is whole fen.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/ledger/journal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = xinyi::ledger::parse_journal(text);
  for (const auto& t : parsed.txns)
    if (t.date.size() != 10) std::abort();  // dates are normalised to YYYY-MM-DD
  (void)xinyi::ledger::parse_journal_amount(text.substr(0, 64));
  return 0;
}
