#include "domain/survey.h"

#include <algorithm>

#include "domain/assert.h"
#include "domain/text.h"

namespace xinyi::survey {

std::string_view to_string(Kind k) {
  switch (k) {
    case Kind::single:
      return "single";
    case Kind::multiple:
      return "multiple";
    case Kind::scale:
      return "scale";
    case Kind::text:
      return "text";
  }
  return "single";
}

std::optional<Kind> parse_kind(std::string_view s) {
  for (auto k : {Kind::single, Kind::multiple, Kind::scale, Kind::text})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::optional<Problem> check_question(const Question& q, std::size_t n) {
  std::string f = "questions[" + std::to_string(n) + "]";
  if (q.text.empty()) return Problem{f + ".text", "题目不能为空", "the question text is required"};
  bool choice = q.kind == Kind::single || q.kind == Kind::multiple;
  if (choice && (q.options.size() < 2 || q.options.size() > kMaxOptions))
    return Problem{f + ".options", "选择题应有 2–20 个选项", "a choice question has 2–20 options"};
  if (choice)
    for (const auto& o : q.options)
      if (o.empty()) return Problem{f + ".options", "选项不能为空", "an option is empty"};
  if (!choice && !q.options.empty())
    return Problem{f + ".options", "只有选择题有选项", "only choice questions have options"};
  if (q.kind == Kind::scale && (q.scale_max < 2 || q.scale_max > kMaxScale))
    return Problem{f + ".scale_max", "量表最高分应为 2–10", "a scale runs to 2–10"};
  if (q.max_choices < 0 ||
      (q.kind == Kind::multiple && q.max_choices > static_cast<int>(q.options.size())))
    return Problem{f + ".max_choices", "最多可选项数超出选项数", "max_choices exceeds the options"};
  return std::nullopt;
}

std::optional<Problem> check_answer(const Question& q, const Answer& a, std::size_t n) {
  std::string f = "answers[" + std::to_string(n) + "]";
  if (a.empty()) {
    if (q.required)
      return Problem{f, "第 " + std::to_string(n + 1) + " 题必答",
                     "question " + std::to_string(n + 1) + " is required"};
    return std::nullopt;
  }
  switch (q.kind) {
    case Kind::single:
    case Kind::multiple: {
      if (a.scale != 0 || !a.text.empty())
        return Problem{f, "选择题请选择选项", "choose options for a choice question"};
      if (q.kind == Kind::single && a.choices.size() != 1)
        return Problem{f, "单选题只能选一项", "choose exactly one option"};
      if (q.kind == Kind::multiple && q.max_choices > 0 &&
          static_cast<int>(a.choices.size()) > q.max_choices)
        return Problem{f, "最多选 " + std::to_string(q.max_choices) + " 项",
                       "at most " + std::to_string(q.max_choices) + " options"};
      std::vector<int> seen;
      for (int ch : a.choices) {
        if (ch < 0 || ch >= static_cast<int>(q.options.size()))
          return Problem{f, "没有这个选项", "no such option"};
        if (std::find(seen.begin(), seen.end(), ch) != seen.end())
          return Problem{f, "同一选项只能选一次", "an option is chosen twice"};
        seen.push_back(ch);
      }
      return std::nullopt;
    }
    case Kind::scale:
      if (!a.choices.empty() || !a.text.empty() || a.scale < 1 || a.scale > q.scale_max)
        return Problem{f, "请选择 1–" + std::to_string(q.scale_max) + " 分",
                       "choose 1 to " + std::to_string(q.scale_max)};
      return std::nullopt;
    case Kind::text:
      if (!a.choices.empty() || a.scale != 0) return Problem{f, "请填写文字", "write an answer"};
      if (text::length(a.text) > kMaxTextChars)
        return Problem{f, "回答最多 1000 字", "at most 1,000 characters"};
      return std::nullopt;
  }
  return std::nullopt;
}

std::vector<QuestionTally> tally(const std::vector<Question>& qs,
                                 const std::vector<std::vector<Answer>>& responses) {
  std::vector<QuestionTally> out(qs.size());
  for (std::size_t i = 0; i < qs.size(); ++i) {
    out[i].option_counts.assign(qs[i].options.size(), 0);
    if (qs[i].kind == Kind::scale)
      out[i].scale_counts.assign(static_cast<std::size_t>(qs[i].scale_max), 0);
  }
  for (const auto& r : responses) {
    XINYI_ASSERT(r.size() == qs.size());
    for (std::size_t i = 0; i < qs.size(); ++i) {
      const Answer& a = r[i];
      XINYI_ASSERT(!check_answer(qs[i], a, i));
      if (a.empty()) continue;
      ++out[i].answered;
      for (int ch : a.choices) ++out[i].option_counts[static_cast<std::size_t>(ch)];
      if (qs[i].kind == Kind::scale) {
        ++out[i].scale_counts[static_cast<std::size_t>(a.scale - 1)];
        out[i].scale_sum += a.scale;
      }
    }
  }
  for (std::size_t i = 0; i < qs.size(); ++i)
    if (qs[i].kind == Kind::scale && out[i].answered > 0)
      out[i].scale_mean_centi = (out[i].scale_sum * 100 + out[i].answered / 2) / out[i].answered;
  return out;
}

}  // namespace xinyi::survey
