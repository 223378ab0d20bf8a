// Routes: questionnaires and meetings; and their JSON (issue 18: the use cases in
// app/survey_service.h take and return structs).
#include "http/routes/routes.h"

#include <algorithm>

#include "app/survey_service.h"
#include "domain/ledger/books.h"
#include "domain/text.h"
#include "http/json_in.h"

namespace xinyi::http::routes {

namespace {

using I = std::int64_t;

// One question: {"kind", "text", "required"?, "options"?, "scale_max"?, "max_choices"?}; problems
// go to `in` under questions[n].
survey::Question question_in(const json::value& v, std::size_t n, JsonIn& in) {
  survey::Question q;
  std::string f = "questions[" + std::to_string(n) + "]";
  JsonIn qi(v);
  std::string kind = qi.str("kind", 10);
  q.text = qi.str("text", 200);
  q.required = qi.boolean("required", true);
  q.scale_max = static_cast<int>(qi.opt_i64("scale_max", 0, 100).value_or(5));
  q.max_choices = static_cast<int>(qi.opt_i64("max_choices", 0, 100).value_or(0));
  auto k = survey::parse_kind(kind);
  if (!kind.empty() && !k)
    qi.add_error("kind", "题型应为 single、multiple、scale 或 text",
                 "kind must be single, multiple, scale or text");
  q.kind = k.value_or(survey::Kind::single);
  if (const json::value* opts = qi.get("options")) {
    if (!opts->is_array())
      qi.add_error("options", "选项应为文字列表", "options must be a list of texts");
    else
      for (const auto& o : opts->as_array()) {
        if (!o.is_string() || text::length(o.as_string()) > 100) {
          qi.add_error("options", "每个选项应为 100 字以内的文字",
                       "each option is a text of at most 100 characters");
          break;
        }
        q.options.push_back(text::trim(std::string(o.as_string())));
      }
  }
  try {
    qi.finish();
  } catch (const Error& e) {
    for (const auto& fe : e.fields()) in.add_error(f + "." + fe.field, fe.zh, fe.en);
  }
  return q;
}

app::QuestionnaireInput questionnaire_in(std::string_view body) {
  JsonIn in(body);
  app::QuestionnaireInput q;
  q.title = in.str("title", 100);
  q.description = in.opt_str("description", 2000).value_or("");
  q.audience = in.opt_str("audience", 12).value_or("compound");
  q.courtyard_id = in.opt_i64("courtyard_id", 1, INT64_MAX);
  q.per = in.opt_str("per", 12).value_or("household");
  q.opens_at_ms = in.opt_i64("opens_at", 0, INT64_MAX);
  q.closes_at_ms = in.i64("closes_at", 0, INT64_MAX);
  const json::value* qv = in.get("questions");
  if (!qv || !qv->is_array() || qv->as_array().empty() ||
      qv->as_array().size() > survey::kMaxQuestions)
    in.add_error("questions", "问卷应有 1–50 道题", "a questionnaire has 1–50 questions");
  else
    for (std::size_t n = 0; n < qv->as_array().size(); ++n)
      q.questions.push_back(question_in(qv->as_array()[n], n, in));
  in.finish();
  return q;
}

// One answer as given: {"choices": [n, …]}, {"scale": n}, {"text": "…"} or null (skipped).
// Values out of range become -1, which the use case refuses with the question's own message.
survey::Answer answer_in(const json::value& v) {
  survey::Answer a;
  if (!v.is_object()) return a;
  const auto& o = v.as_object();
  if (auto* ch = o.if_contains("choices"); ch && ch->is_array())
    for (const auto& x : ch->as_array())
      a.choices.push_back(x.is_int64() ? static_cast<int>(std::clamp<I>(x.as_int64(), -1, 1000))
                                       : -1);
  if (auto* s = o.if_contains("scale"); s && s->is_int64())
    a.scale = static_cast<int>(std::clamp<I>(s->as_int64(), -1, 1000));
  if (auto* t = o.if_contains("text"); t && t->is_string())
    a.text = text::trim(std::string(t->as_string()));
  return a;
}

// {"unit_id"?, "answers": [answer, …]}. Anything but a list is no answers at all, which the use
// case refuses in its turn as a list of the wrong length (every questionnaire has a question).
std::pair<std::optional<I>, std::vector<survey::Answer>> answers_in(std::string_view body) {
  JsonIn in(body);
  auto unit = in.opt_i64("unit_id", 1, INT64_MAX);
  const json::value* av = in.get("answers");
  in.finish();
  std::vector<survey::Answer> answers;
  if (av && av->is_array() && av->as_array().size() <= survey::kMaxQuestions)
    for (const auto& x : av->as_array()) answers.push_back(answer_in(x));
  return {unit, std::move(answers)};
}

app::MeetingInput meeting_in(std::string_view body) {
  JsonIn in(body);
  app::MeetingInput m;
  m.kind = in.str("kind", 20);
  m.title = in.str("title", 100);
  m.held_on = in.str("held_on", 10);
  m.place = in.opt_str("place", 100).value_or("");
  m.courtyard_id = in.opt_i64("courtyard_id", 1, INT64_MAX);
  m.attendance = in.opt_i64("attendance", 0, 100000).value_or(0);
  m.attendees = in.opt_str("attendees", 500).value_or("");
  m.minutes = in.opt_str("minutes", 10000).value_or("");
  if (!m.held_on.empty() && !ledger::valid_date(m.held_on))
    in.add_error("held_on", "日期无效", "is not a valid date");
  if (const json::value* dv = in.get("decisions")) {
    if (!dv->is_array() || dv->as_array().size() > 50)
      in.add_error("decisions", "决定应为最多 50 项的列表", "decisions is a list of at most 50");
    else
      for (std::size_t n = 0; n < dv->as_array().size(); ++n) {
        JsonIn di(dv->as_array()[n]);
        app::MeetingDecisionInput d;
        d.body = di.str("body", 500);
        d.link_kind = di.opt_str("link_kind", 20).value_or("");
        d.link_id = di.opt_i64("link_id", 1, INT64_MAX).value_or(0);
        try {
          di.finish();
        } catch (const Error& e) {
          for (const auto& fe : e.fields())
            in.add_error("decisions[" + std::to_string(n) + "]." + fe.field, fe.zh, fe.en);
        }
        m.decisions.push_back(std::move(d));
      }
  }
  in.finish();
  return m;
}

json::object question_json(const survey::Question& q) {
  json::object o{{"kind", survey::to_string(q.kind)}, {"text", q.text}, {"required", q.required}};
  if (!q.options.empty()) o["options"] = json::value_from(q.options);
  if (q.kind == survey::Kind::scale) o["scale_max"] = q.scale_max;
  if (q.kind == survey::Kind::multiple && q.max_choices) o["max_choices"] = q.max_choices;
  return o;
}

json::object questionnaire_json(const app::QuestionnaireView& v) {
  const store::QuestionnaireRec& s = v.questionnaire;
  json::object o{
      {"id", s.id},
      {"title", s.title},
      {"description", s.description},
      {"audience", s.audience},
      {"courtyard_id", s.courtyard_id ? json::value(s.courtyard_id) : json::value(nullptr)},
      {"courtyard", s.courtyard_name},
      {"per", s.per},
      {"opens_at", s.opens_at_ms},
      {"closes_at", s.closes_at_ms},
      {"status", v.status},
      {"responses", s.responses},
      {"question_count", static_cast<I>(s.questions.size())}};
  if (v.with_questions) {
    json::array qs;
    for (const auto& q : s.questions) qs.push_back(question_json(q));
    o["questions"] = std::move(qs);
  }
  if (v.mine) {
    o["eligible"] = v.mine->eligible;
    o["answered"] = v.mine->answered;
    if (v.mine->units_to_answer) o["units_to_answer"] = json::value_from(*v.mine->units_to_answer);
  }
  return o;
}

json::object results_json(const app::QuestionnaireResults& r) {
  json::array qs;
  for (const auto& [question, t, text_answers, texts] : r.questions) {
    json::object q = question_json(question);
    q["answered"] = t.answered;
    if (!t.option_counts.empty()) q["counts"] = json::value_from(t.option_counts);
    if (question.kind == survey::Kind::scale) {
      q["counts"] = json::value_from(t.scale_counts);
      q["mean_centi"] = t.scale_mean_centi;
    }
    if (question.kind == survey::Kind::text) {
      q["text_answers"] = text_answers;
      if (texts) q["texts"] = json::value_from(*texts);
    }
    qs.push_back(std::move(q));
  }
  return json::object{{"id", r.id},   {"title", r.title},         {"status", r.status},
                      {"per", r.per}, {"responses", r.responses}, {"questions", std::move(qs)}};
}

json::array meetings_json(const std::vector<app::MeetingView>& list) {
  json::array out;
  for (const auto& [r, attendees] : list) {
    json::array decisions;
    for (const auto& d : r.decisions) {
      json::object o{{"body", d.body}};
      if (!d.link_kind.empty()) o["link"] = json::object{{"kind", d.link_kind}, {"id", d.link_id}};
      decisions.push_back(std::move(o));
    }
    json::object m{{"id", r.id},
                   {"kind", r.kind},
                   {"title", r.title},
                   {"held_on", r.held_on},
                   {"place", r.place},
                   {"courtyard", r.courtyard_name},
                   {"attendance", r.attendance},
                   {"minutes", r.minutes},
                   {"decisions", std::move(decisions)}};
    if (attendees) m["attendees"] = *attendees;
    out.push_back(std::move(m));
  }
  return out;
}

json::array questionnaires_json(const std::vector<app::QuestionnaireView>& list) {
  json::array out;
  for (const auto& v : list) out.push_back(questionnaire_json(v));
  return out;
}

}  // namespace

void add_surveys_routes(Router& r) {
  r.add("GET", kPublicCompound + "/questionnaires", Rule::anyone(), [](Ctx& x) {
    return json_response(
        200, questionnaires_json(app::list_questionnaires(x.app, x.caller, x.compound())));
  });
  r.add("GET", kPublicCompound + "/questionnaires/{qid}", Rule::anyone(), [](Ctx& x) {
    return json_response(200, questionnaire_json(app::get_questionnaire(
                                  x.app, x.caller, x.compound(), x.id("qid"))));
  });
  r.add("GET", kPublicCompound + "/questionnaires/{qid}/results", Rule::anyone(), [](Ctx& x) {
    return json_response(
        200, results_json(app::public_questionnaire_results(x.app, x.compound(), x.id("qid"))));
  });
  r.add("GET", kPublicCompound + "/meetings", Rule::anyone(), [](Ctx& x) {
    return json_response(200, meetings_json(app::public_meetings(x.app, x.compound())));
  });
  r.add("POST", kCompound + "/questionnaires", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, questionnaire_json(app::create_questionnaire(
                                  x.app, x.caller, x.compound(), questionnaire_in(x.req.body))));
  });
  r.add("POST", kCompound + "/questionnaires/{id}/answers", Rule::in_compound({R}), [](Ctx& x) {
    const I id = x.id("id");
    auto [unit, answers] = answers_in(x.req.body);
    const I responses = app::answer_questionnaire(x.app, x.caller, x.compound(), id, unit, answers);
    return json_response(
        201, json::object{{"questionnaire_id", id}, {"answered", true}, {"responses", responses}});
  });
  r.add("GET", kCompound + "/questionnaires/{id}/results", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) {
          return json_response(200, results_json(app::member_questionnaire_results(
                                        x.app, x.compound(), x.id("id"))));
        });
  r.add("GET", kCompound + "/questionnaires/{id}/export/{file}", Rule::in_compound({C, T, S, A}),
        [](Ctx& x) {
          auto [what, ext] = split_export(x.params.at("file"));
          if (what != "responses") throw_not_found("导出类型", "Export");
          return table_response(app::questionnaire_table(x.app, x.compound(), x.id("id")), ext,
                                "questionnaire-" + std::to_string(x.id("id")));
        });
  r.add("GET", kCompound + "/meetings", Rule::in_compound({R, C, T, W, S, A}), [](Ctx& x) {
    return json_response(200, meetings_json(app::member_meetings(x.app, x.compound())));
  });
  r.add("POST", kCompound + "/meetings", Rule::in_compound({C, S}), [](Ctx& x) {
    auto m = app::create_meeting(x.app, x.caller, x.compound(), meeting_in(x.req.body));
    return json_response(
        201,
        json::object{{"id", m.id}, {"kind", m.kind}, {"title", m.title}, {"held_on", m.held_on}});
  });
}

}  // namespace xinyi::http::routes
