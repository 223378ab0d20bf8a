// The monthly notice (公示) as an A4 PDF for the notice board, in Chinese (libharu, with the
// PDF standard's Chinese fonts, so no font file ships with Xinyi; readers substitute their own
// Song/Hei face). The content comes from app::notice_data(); a QR code opens the public page.
#pragma once

#include <string>

#include "domain/settlement.h"

namespace xinyi::report {

// `data`: what app::notice_data() returns. `public_url`: what the QR code opens.
// `large`: the large-type edition (A3, every letter 41 % larger) for the notice board and
// elderly readers. Throws std::runtime_error if the PDF cannot be produced.
std::string notice_pdf(const settle::MonthlyNotice& data, const std::string& public_url,
                       bool large = false);

}  // namespace xinyi::report
