#include "domain/survey.h"

#include <gtest/gtest.h>

namespace xinyi::survey {
namespace {

Answer ch(std::vector<int> c) {
  Answer a;
  a.choices = std::move(c);
  return a;
}
Answer sc(int v) {
  Answer a;
  a.scale = v;
  return a;
}
Answer tx(std::string t) {
  Answer a;
  a.text = std::move(t);
  return a;
}

Question single(std::vector<std::string> opts) {
  return Question{Kind::single, "燃气管道是否需要更换？", std::move(opts)};
}

TEST(Survey, QuestionsAreChecked) {
  EXPECT_FALSE(check_question(single({"是", "否"}), 0));
  EXPECT_EQ(check_question(single({"是"}), 2)->field, "questions[2].options");
  Question scale{Kind::scale, "满意度", {}, 11};
  EXPECT_EQ(check_question(scale, 0)->field, "questions[0].scale_max");
  Question text{Kind::text, "", {}};
  EXPECT_EQ(check_question(text, 1)->field, "questions[1].text");
  Question multi{Kind::multiple, "改造哪些？", {"燃气", "电线", "路面"}, 5, 4};
  EXPECT_EQ(check_question(multi, 0)->field, "questions[0].max_choices");
}

TEST(Survey, AnswersMustFitTheirQuestion) {
  auto q = single({"是", "否"});
  EXPECT_FALSE(check_answer(q, ch({1}), 0));
  EXPECT_TRUE(check_answer(q, ch({0, 1}), 0));
  EXPECT_TRUE(check_answer(q, ch({2}), 0));
  EXPECT_TRUE(check_answer(q, Answer{}, 0));  // required
  q.required = false;
  EXPECT_FALSE(check_answer(q, Answer{}, 0));
  Question multi{Kind::multiple, "改造哪些？", {"燃气", "电线", "路面"}, 5, 2};
  EXPECT_FALSE(check_answer(multi, ch({0, 2}), 0));
  EXPECT_TRUE(check_answer(multi, ch({0, 1, 2}), 0));
  EXPECT_TRUE(check_answer(multi, ch({1, 1}), 0));
  Question scale{Kind::scale, "满意度", {}, 5};
  EXPECT_FALSE(check_answer(scale, sc(5), 0));
  EXPECT_TRUE(check_answer(scale, sc(6), 0));
  EXPECT_TRUE(check_answer(scale, tx("很好"), 0));
  Question text{Kind::text, "建议", {}};
  EXPECT_FALSE(check_answer(text, tx("加装路灯"), 0));
  EXPECT_TRUE(check_answer(text, tx(std::string(1001, 'a')), 0));
}

TEST(Survey, TallyCountsOptionsAndTheScaleMeanInHundredths) {
  std::vector<Question> qs{
      single({"是", "否"}), Question{Kind::multiple, "改造哪些？", {"燃气", "电线", "路面"}},
      Question{Kind::scale, "满意度", {}, 5}, Question{Kind::text, "建议", {}, 5, 0, false}};
  std::vector<std::vector<Answer>> rs{
      {ch({0}), ch({0, 1}), sc(5), tx("加装路灯")},
      {ch({0}), ch({1}), sc(4), Answer{}},
      {ch({1}), ch({0, 1, 2}), sc(4), Answer{}},
  };
  auto t = tally(qs, rs);
  EXPECT_EQ(t[0].option_counts, (std::vector<std::int64_t>{2, 1}));
  EXPECT_EQ(t[1].option_counts, (std::vector<std::int64_t>{2, 3, 1}));
  EXPECT_EQ(t[2].scale_counts, (std::vector<std::int64_t>{0, 0, 0, 2, 1}));
  EXPECT_EQ(t[2].scale_mean_centi, 433);  // 13 / 3 = 4.333…
  EXPECT_EQ(t[3].answered, 1);
  EXPECT_EQ(t[0].answered, 3);
}

}  // namespace
}  // namespace xinyi::survey
