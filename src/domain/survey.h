// Questionnaires (调查问卷): questions, answers and their tally. Plain values, no store.
//
// Kinds: single choice (one option), multiple choice (one or more options, at most `max_choices`
// when set), a scale (an integer 1..scale_max, e.g. satisfaction 1–5) and free text. An
// unanswered optional question is an empty Answer. The tally counts every option, the scale's
// distribution and its mean in hundredths (sum × 100 / n, half up: no floating point), and how
// many answered each question. Free-text answers are listed, never tallied.
//
// Who may answer, and how often (one answer per household or per person), is the use case's
// business (app/survey_service.h); these rules only judge one answer against one question.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xinyi::survey {

inline constexpr std::size_t kMaxQuestions = 50;
inline constexpr std::size_t kMaxOptions = 20;
inline constexpr int kMaxScale = 10;
inline constexpr std::size_t kMaxTextChars = 1000;

enum class Kind { single, multiple, scale, text };
std::string_view to_string(Kind k);
std::optional<Kind> parse_kind(std::string_view s);

struct Question {
  Kind kind = Kind::single;
  std::string text;
  std::vector<std::string> options;  // single and multiple
  int scale_max = 5;                 // scale: 1..scale_max
  int max_choices = 0;               // multiple: 0 = no limit
  bool required = true;
};

struct Answer {
  std::vector<int> choices;  // single: exactly one; multiple: one or more
  int scale = 0;             // scale: 1..scale_max
  std::string text;          // text
  bool empty() const { return choices.empty() && scale == 0 && text.empty(); }
};

// The problem with a questionnaire's questions, in Chinese and English, or nullopt.
struct Problem {
  std::string field, zh, en;
};
std::optional<Problem> check_question(const Question& q, std::size_t n);
// The problem with `a` as an answer to `q`, or nullopt.
std::optional<Problem> check_answer(const Question& q, const Answer& a, std::size_t n);

struct QuestionTally {
  std::int64_t answered = 0;
  std::vector<std::int64_t> option_counts;  // single, multiple
  std::vector<std::int64_t> scale_counts;   // scale: [0] counts 1, [scale_max-1] counts scale_max
  std::int64_t scale_sum = 0;
  std::int64_t scale_mean_centi = 0;  // the mean × 100, half up; 0 when nobody answered
};
// REQUIRES: every answer passed check_answer for its question; each response has one Answer per
// question, in order.
std::vector<QuestionTally> tally(const std::vector<Question>& qs,
                                 const std::vector<std::vector<Answer>>& responses);

}  // namespace xinyi::survey
