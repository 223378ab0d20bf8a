// Any bytes as a bank statement export: parsed or refused with an xinyi::Error; amounts that
// parse are exact integers in fen.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/bank.h"
#include "domain/csv.h"
#include "domain/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto records = xinyi::csv::parse(text);
    (void)xinyi::bank::parse_statement(records);
  } catch (const xinyi::Error&) {
  }
  (void)xinyi::bank::parse_bank_amount(text.substr(0, 64));
  (void)xinyi::bank::parse_bank_date(text.substr(0, 32));
  return 0;
}
