#include "domain/bank.h"

#include <gtest/gtest.h>

#include "domain/text.h"

namespace xinyi::bank {

TEST(BankDate, TheWritingsBanksUse) {
  EXPECT_EQ(parse_bank_date("2025-03-01"), "2025-03-01");
  EXPECT_EQ(parse_bank_date("20250301"), "2025-03-01");
  EXPECT_EQ(parse_bank_date("2025/3/1"), "2025-03-01");
  EXPECT_EQ(parse_bank_date("2025.03.01"), "2025-03-01");
  EXPECT_EQ(parse_bank_date("2025年3月1日"), "2025-03-01");
  EXPECT_EQ(parse_bank_date("2025-03-01 10:22:03"), "2025-03-01");
  for (const char* bad : {"", "2025-02-30", "3/1/2025x", "abc", "20251301"})
    EXPECT_FALSE(parse_bank_date(bad).has_value()) << bad;
}

TEST(BankAmount, WithSeparatorsAndSigns) {
  EXPECT_EQ(parse_bank_amount("1,234.56"), 123456);
  EXPECT_EQ(parse_bank_amount("-1234.5"), -123450);
  EXPECT_EQ(parse_bank_amount("+12"), 1200);
  EXPECT_EQ(parse_bank_amount("¥1,000.00"), 100000);
  for (const char* bad : {"", "1.234", "12a", "--1"})
    EXPECT_FALSE(parse_bank_amount(bad).has_value()) << bad;
}

TEST(Statement, GbkWithTitleLinesAndSeparateColumns) {
  std::string utf8 =
      "中国银行交易流水明细\n"
      "账号：6217****1234,,,,,,\n"
      "交易日期,交易流水号,收入金额,支出金额,账户余额,对方户名,摘要\n"
      "20250301,A001,\"1,234.56\",,\"11,234.56\",张三,物业费\n"
      "2025-03-02,A002,,200.00,\"11,034.56\",李四保洁,保洁费\n"
      "合计,,1234.56,200.00,,,\n";
  auto gbk = [&] {
    // Round-trip through iconv in reverse is not available here; use the UTF-8 text directly
    // and, separately, a GBK sample of the header.
    return utf8;
  }();
  auto st = parse_statement(csv::parse(gbk));
  ASSERT_TRUE(st.errors.empty()) << st.errors[0].en;
  EXPECT_EQ(st.header_line, 3);
  ASSERT_EQ(st.lines.size(), 2u);
  EXPECT_EQ(st.lines[0].amount_fen, 123456);
  EXPECT_EQ(st.lines[0].balance_fen, 1123456);
  EXPECT_EQ(st.lines[0].serial, "A001");
  EXPECT_EQ(st.lines[1].amount_fen, -20000);
  EXPECT_EQ(st.lines[1].date, "2025-03-02");
  EXPECT_EQ(st.lines[1].counterparty, "李四保洁");
}

TEST(Statement, GbkBytes) {
  // "交易日期,交易金额\n20250301,100.00\n" in GBK.
  std::string gbk =
      "\xBD\xBB\xD2\xD7\xC8\xD5\xC6\xDA,\xBD\xBB\xD2\xD7\xBD\xF0\xB6\xEE\n20250301,100.00\n";
  auto st = parse_statement(csv::parse(gbk));
  ASSERT_TRUE(st.errors.empty()) << st.errors[0].en;
  ASSERT_EQ(st.lines.size(), 1u);
  EXPECT_EQ(st.lines[0].amount_fen, 10000);
  EXPECT_EQ(st.lines[0].serial.substr(0, 2), "h:");  // derived: the file has no serial column
}

TEST(Statement, DerivedSerialsAreStableAndDistinct) {
  std::string text = "交易日期,交易金额,摘要\n2025-03-01,100,缴费\n2025-03-01,100,缴费\n";
  auto a = parse_statement(csv::parse(text));
  auto b = parse_statement(csv::parse(text));
  ASSERT_EQ(a.lines.size(), 2u);
  EXPECT_NE(a.lines[0].serial, a.lines[1].serial);  // two identical payments are two lines
  EXPECT_EQ(a.lines[0].serial, b.lines[0].serial);  // and the same again on re-import
}

TEST(Statement, EveryBadLineIsNamed) {
  auto st = parse_statement(csv::parse(
      "日期,收入,支出,流水号\n2025-13-01,1,,a\n2025-03-01,1,2,b\n2025-03-01,,,c\n2025-03-01,x,,d\n2025-03-02,5,,e\n2025-03-03,5,,e\n"));
  std::vector<int> lines;
  for (const auto& e : st.errors) lines.push_back(e.line);
  EXPECT_EQ(lines, (std::vector<int>{2, 3, 4, 5, 7}));
}

TEST(Statement, ExplicitColumnNames) {
  StatementColumns cols;
  cols.date = "记账时间";
  cols.amount = "变动";
  auto st = parse_statement(csv::parse("记账时间,变动\n2025-03-01,-5\n"), cols);
  ASSERT_TRUE(st.errors.empty());
  EXPECT_EQ(st.lines[0].amount_fen, -500);
}

TEST(Match, SameAmountNearestDateFirst) {
  std::vector<OpenLine> lines = {{1, "2025-03-02", 500},
                                 {2, "2025-03-10", 500},
                                 {3, "2025-03-05", -700},
                                 {4, "2025-05-01", 900}};
  std::vector<OpenPosting> posts = {{10, 0, "2025-03-09", 500},
                                    {11, 0, "2025-03-01", 500},
                                    {12, 1, "2025-03-04", -700},
                                    {13, 0, "2025-03-01", 900}};
  auto m = match(lines, posts, 5);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].line_id, 1);
  EXPECT_EQ(m[0].idx, 11);
  EXPECT_EQ(m[1].line_id, 3);
  EXPECT_EQ(m[1].idx, 12);
  EXPECT_EQ(m[1].n, 1);
  EXPECT_EQ(m[2].line_id, 2);
  EXPECT_EQ(m[2].idx, 10);  // line 4 is two months from any 900 posting: left for review
}

}  // namespace xinyi::bank

namespace xinyi::bank {

// A long memo or counterparty in Chinese is cut at a whole character, never emptied: cutting at
// a byte count split a character, and the half-character text was then thrown away.
TEST(Statement, LongChineseTextIsCutAtAWholeCharacter) {
  std::string memo;
  for (int i = 0; i < 150; ++i) memo += "缴";  // 450 bytes
  std::string who;
  for (int i = 0; i < 90; ++i) who += "户";  // 270 bytes
  auto st = parse_statement(
      csv::parse("交易日期,交易金额,对方户名,摘要\n2025-03-01,100," + who + "," + memo + "\n"));
  ASSERT_EQ(st.lines.size(), 1u);
  EXPECT_EQ(st.lines[0].memo, memo);
  EXPECT_EQ(st.lines[0].counterparty, who);
  std::string longer;
  for (int i = 0; i < 450; ++i) longer += "缴";
  st = parse_statement(csv::parse("交易日期,交易金额,摘要\n2025-03-01,100," + longer + "\n"));
  ASSERT_EQ(st.lines.size(), 1u);
  EXPECT_EQ(text::length(st.lines[0].memo), 400u);
}

}  // namespace xinyi::bank
