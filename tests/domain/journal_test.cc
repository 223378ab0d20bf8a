#include "domain/ledger/journal.h"

#include <gtest/gtest.h>

#include "domain/ledger/books.h"
#include "domain/text.h"

namespace xinyi::ledger {

TEST(JournalAmount, CnyAsPeopleWriteIt) {
  EXPECT_EQ(parse_journal_amount("1234.56"), 123456);
  EXPECT_EQ(parse_journal_amount("-1,234.56"), -123456);
  EXPECT_EQ(parse_journal_amount("¥1,234.5"), 123450);
  EXPECT_EQ(parse_journal_amount("¥-12"), -1200);
  EXPECT_EQ(parse_journal_amount("-¥12"), -1200);
  EXPECT_EQ(parse_journal_amount("1234.56 CNY"), 123456);
  EXPECT_EQ(parse_journal_amount("CNY 0.01"), 1);
  EXPECT_EQ(parse_journal_amount("12,345,678.00 RMB"), 1234567800);
  for (const char* bad : {"", "12.345", "1,23.00", "12 USD", "$12", "1e3", "--5", "abc", "1,2345"})
    EXPECT_FALSE(parse_journal_amount(bad).has_value()) << bad;
}

TEST(Journal, ReadsTheCommonSubset) {
  auto p = parse_journal(
      "; a comment\n"
      "account assets:bank\n"
      "2025/03/01 * (42) 三月物业费  ; note\n"
      "    assets:1001:银行存款·基本户    ¥1,234.56  ; courtyard:文庙院\n"
      "    revenues:物业费收入\n"
      "\n"
      "2025.3.2 利息\n"
      "\t资产:银行\t5 CNY\n"
      "    收入:利息收入  -5 CNY\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0].en;
  ASSERT_EQ(p.txns.size(), 2u);
  EXPECT_EQ(p.txns[0].date, "2025-03-01");
  EXPECT_EQ(p.txns[0].description, "三月物业费");
  EXPECT_EQ(p.txns[0].postings[0].amount_fen, 123456);
  EXPECT_EQ(p.txns[0].postings[0].courtyard, "文庙院");
  EXPECT_FALSE(p.txns[0].postings[1].amount_fen.has_value());
  EXPECT_EQ(p.txns[1].date, "2025-03-02");
  EXPECT_EQ(p.txns[1].postings[0].account, "资产:银行");
}

TEST(Journal, ErrorsNameTheirLines) {
  auto p = parse_journal(
      "2025-02-30 bad date\n"
      "    a  1\n"
      "2025-03-01 ok\n"
      "    a  12 USD\n"
      "    (virtual)  1\n"
      "    b  = 5\n"
      "include other.journal\n");
  std::vector<int> lines;
  for (const auto& e : p.errors) lines.push_back(e.line);
  EXPECT_EQ(lines, (std::vector<int>{1, 2, 4, 5, 6, 7}));  // line 2 belongs to no transaction
}

TEST(Journal, ResolveFillsTheElidedAmountAndMapsAccounts) {
  auto p = parse_journal(
      "2025-03-01 a\n    assets:1001:whatever  10\n    物业费收入\n\n"
      "2025-03-02 b\n    Bank: basic account  5\n    revenues:利息收入  -4\n\n"
      "2025-03-03 c\n    nowhere:9999  5\n    4001  -5\n\n"
      "2025-03-04 d\n    1001  5  ; courtyard:马家院\n    4001\n");
  ASSERT_TRUE(p.errors.empty());
  auto r = resolve_journal(p.txns, chart_template(), {{"文庙院", 7}}, "import");
  ASSERT_EQ(r.txns.size(), 1u);
  EXPECT_EQ(r.txns[0].postings[0].account, "1001");
  EXPECT_EQ(r.txns[0].postings[1].account, "4001");
  EXPECT_EQ(r.txns[0].postings[1].amount_fen, -1000);
  std::vector<int> lines;
  for (const auto& e : r.errors) lines.push_back(e.line);
  EXPECT_EQ(lines,
            (std::vector<int>{5, 10, 14}));  // unbalanced, unknown account, unknown courtyard
}

TEST(Journal, WhatIsWrittenReadsBackTheSame) {
  Transaction t;
  t.index = 3;
  t.date = "2025-03-01";
  t.kind = "journal";
  t.description = "含;分号的摘要";
  t.postings = {{"1001", 123456, 7}, {"4001", -123400, 7}, {"4006", -56, 0}};
  auto text = format_journal({t}, chart_template(), {{7, "文庙院"}}, "header\nline two");
  auto p = parse_journal(text);
  ASSERT_TRUE(p.errors.empty()) << p.errors[0].en << " at " << p.errors[0].line;
  auto r = resolve_journal(p.txns, chart_template(), {{"文庙院", 7}}, "journal");
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.txns.size(), 1u);
  EXPECT_EQ(r.txns[0].postings.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(r.txns[0].postings[i].account, t.postings[i].account);
    EXPECT_EQ(r.txns[0].postings[i].amount_fen, t.postings[i].amount_fen);
    EXPECT_EQ(r.txns[0].postings[i].courtyard_id, t.postings[i].courtyard_id);
  }
}

// What a message quotes of a long line, and a description shortened to fit the books, is cut
// at a whole character: a byte count would split a Chinese character and leave text that no
// JSON reader and no PostgreSQL column accepts.
TEST(Journal, MessagesAndShortenedDescriptionsCutAtAWholeCharacter) {
  std::string han;
  for (int i = 0; i < 30; ++i) han += "汉";
  auto p = parse_journal(han + " x\n\n2025-03-01 a\n    1001  " + han + "\n    4001\n");
  ASSERT_EQ(p.errors.size(), 2u);
  for (const auto& e : p.errors) {
    EXPECT_TRUE(text::is_utf8(e.zh)) << e.line;
    EXPECT_TRUE(text::is_utf8(e.en)) << e.line;
  }
  EXPECT_NE(p.errors[0].zh.find(text::truncate(han, 20)), std::string::npos);

  std::string long_han, long_ascii(250, 'a');
  for (std::size_t i = 0; i < kMaxDescriptionChars + 50; ++i) long_han += "费";
  for (const auto& description : {long_han, long_ascii}) {
    auto q = parse_journal("2025-03-01 " + description + "\n    1001  5\n    4001  -5\n");
    ASSERT_TRUE(q.errors.empty());
    auto r = resolve_journal(q.txns, chart_template(), {}, "import");
    ASSERT_TRUE(r.errors.empty());
    ASSERT_EQ(r.txns.size(), 1u);
    EXPECT_TRUE(text::is_utf8(r.txns[0].description));
    EXPECT_EQ(text::length(r.txns[0].description), kMaxDescriptionChars);
    EXPECT_TRUE(validate(r.txns[0], chart_template(), [](std::int64_t) { return true; }).empty());
  }
}

}  // namespace xinyi::ledger
