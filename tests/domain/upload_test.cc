#include "domain/upload.h"

#include <gtest/gtest.h>

namespace xinyi::upload {
namespace {

const std::string kPng("\x89PNG\r\n\x1A\nrest", 12), kJpeg("\xFF\xD8\xFF\xE0rest", 8),
    kPdf("%PDF-1.4 x");

TEST(Upload, TheFirstBytesDecideAndTheDeclaredTypeMustAgree) {
  EXPECT_EQ(sniff("image/png", kPng, false), "image/png");
  EXPECT_EQ(sniff("image/jpeg; charset=binary", kJpeg, false), "image/jpeg");
  EXPECT_EQ(sniff("application/octet-stream", kPdf, true), "application/pdf");
  EXPECT_EQ(sniff("application/pdf", kPdf, false), std::nullopt);  // photos: images only
  EXPECT_EQ(sniff("image/png", kJpeg, false), std::nullopt);       // declared and actual differ
  EXPECT_EQ(sniff("image/png", "<svg onload=alert(1)>", false), std::nullopt);
  EXPECT_EQ(sniff("image/png", "", true), std::nullopt);
  EXPECT_EQ(sniff("image/png", std::string("\x89PN", 3), true),
            std::nullopt);  // truncated signature
}

}  // namespace
}  // namespace xinyi::upload
