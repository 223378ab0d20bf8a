// QR codes as SVG (libqrencode), for receipts and the printed notice: each opens the public
// page of one ledger entry, where anyone can check it.
#pragma once

#include <string>

namespace xinyi::http {

// An SVG image of `text` as a QR code (error correction M, 4-module quiet zone), scaled so
// one module is `module_px` pixels. Throws std::runtime_error if the text cannot be encoded.
std::string qr_svg(const std::string& text, int module_px = 4);

}  // namespace xinyi::http
