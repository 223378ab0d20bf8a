#include "domain/csv.h"

#include <gtest/gtest.h>

#include "domain/error.h"

namespace xinyi::csv {

TEST(Csv, QuotesCommasAndLineBreaks) {
  auto r = parse("a,\"b,c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",3\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields, (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(r[1].fields[1], "two\nlines");
  EXPECT_EQ(r[0].line, 1);
  EXPECT_EQ(r[1].line, 2);
}

TEST(Csv, LineNumbersCountEmbeddedBreaks) {
  auto r = parse("\"x\ny\",1\nnext,2\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].line, 3);
}

TEST(Csv, StripsBomAndTrimsCells) {
  auto r = parse("\xEF\xBB\xBF 房号 , 面积 \n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].fields, (std::vector<std::string>{"房号", "面积"}));
}

TEST(Csv, ReadsGbk) {
  // "房号,面积\n" in GBK.
  std::string gbk = "\xB7\xBF\xBA\xC5,\xC3\xE6\xBB\xFD\n";
  auto r = parse(gbk);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].fields[0], "房号");
  EXPECT_EQ(r[0].fields[1], "面积");
}

TEST(Csv, ReadsTabSeparatedUtf16) {
  // Excel's "Unicode text": UTF-16LE with BOM, tab-separated: "a\tb\n".
  std::string s(
      "\xFF\xFE"
      "a\0\t\0b\0\n\0",
      10);
  auto r = parse(s);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].fields, (std::vector<std::string>{"a", "b"}));
}

TEST(Csv, BlankRowsAreKeptButMarked) {
  auto r = parse("a,b\n,\n\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_FALSE(r[0].blank());
  EXPECT_TRUE(r[1].blank());
  EXPECT_TRUE(r[2].blank());
}

TEST(Csv, UnterminatedQuoteIsAnError) {
  try {
    parse("a,\"b\n");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.http_status(), 400);
    EXPECT_EQ(e.code(), "csv-unterminated-quote");
  }
}

TEST(Csv, GarbageBytesAreAnEncodingError) {
  EXPECT_THROW(parse(std::string("\x80\x80\xff\xff\x81", 5)), Error);
}

TEST(Csv, LimitsHold) {
  std::string wide;
  for (std::size_t i = 0; i <= kMaxCsvFields; ++i) wide += "x,";
  EXPECT_THROW(parse(wide), Error);
  EXPECT_THROW(parse(std::string(kMaxCsvFieldBytes + 10, 'x')), Error);
}

}  // namespace xinyi::csv
