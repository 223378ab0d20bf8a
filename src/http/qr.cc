#include "http/qr.h"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace xinyi::http {

std::string qr_svg(const std::string& text, int px) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!qr) throw std::runtime_error("cannot encode a QR code for this text");
  const int n = qr->width, quiet = 4, size = (n + 2 * quiet) * px;
  std::string path;
  path.reserve(static_cast<std::size_t>(n) * n * 4);
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x)
      if (qr->data[y * n + x] & 1)
        path += "M" + std::to_string((x + quiet) * px) + "," + std::to_string((y + quiet) * px) +
                "h" + std::to_string(px) + "v" + std::to_string(px) + "h-" + std::to_string(px) +
                "z";
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(size) +
         "\" height=\"" + std::to_string(size) + "\" viewBox=\"0 0 " + std::to_string(size) + " " +
         std::to_string(size) + "\" shape-rendering=\"crispEdges\">" +
         "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path +
         "\"/></svg>";
}

}  // namespace xinyi::http
