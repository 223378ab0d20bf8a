#include "store/survey_repo.h"

#include <algorithm>

#include <boost/json.hpp>

namespace xinyi::store {

namespace {

namespace json = boost::json;

// questionnaires.questions: [{"kind", "text", "required", "options"?, "scale_max"?,
// "max_choices"?}, …]
std::string encode_questions(const std::vector<survey::Question>& qs) {
  json::array out;
  for (const auto& q : qs) {
    json::object o{{"kind", survey::to_string(q.kind)}, {"text", q.text}, {"required", q.required}};
    if (!q.options.empty()) o["options"] = json::value_from(q.options);
    if (q.kind == survey::Kind::scale) o["scale_max"] = q.scale_max;
    if (q.kind == survey::Kind::multiple && q.max_choices) o["max_choices"] = q.max_choices;
    out.push_back(std::move(o));
  }
  return json::serialize(out);
}

std::vector<survey::Question> decode_questions(const std::string& text) {
  std::vector<survey::Question> out;
  const json::value parsed = json::parse(text);
  for (const auto& v : parsed.as_array()) {
    const auto& o = v.as_object();
    survey::Question q;
    q.kind = *survey::parse_kind(o.at("kind").as_string());
    q.text = o.at("text").as_string();
    q.required = o.at("required").as_bool();
    if (auto* opts = o.if_contains("options"))
      for (const auto& x : opts->as_array()) q.options.emplace_back(x.as_string());
    if (auto* s = o.if_contains("scale_max")) q.scale_max = static_cast<int>(s->as_int64());
    if (auto* m = o.if_contains("max_choices")) q.max_choices = static_cast<int>(m->as_int64());
    out.push_back(std::move(q));
  }
  return out;
}

// survey_responses.answers: [null | {"choices": [n, …]} | {"scale": n} | {"text": "…"}, …]
std::string encode_answers(const std::vector<survey::Answer>& answers) {
  json::array out;
  for (const auto& a : answers) {
    if (a.empty())
      out.push_back(nullptr);
    else if (a.scale)
      out.push_back(json::object{{"scale", a.scale}});
    else if (!a.text.empty())
      out.push_back(json::object{{"text", a.text}});
    else
      out.push_back(json::object{{"choices", json::value_from(a.choices)}});
  }
  return json::serialize(out);
}

std::vector<survey::Answer> decode_answers(const std::string& text) {
  std::vector<survey::Answer> out;
  const json::value parsed = json::parse(text);
  for (const auto& v : parsed.as_array()) {
    survey::Answer a;
    if (v.is_object()) {
      const auto& o = v.as_object();
      if (auto* ch = o.if_contains("choices"))
        for (const auto& x : ch->as_array()) a.choices.push_back(static_cast<int>(x.as_int64()));
      if (auto* s = o.if_contains("scale")) a.scale = static_cast<int>(s->as_int64());
      if (auto* t = o.if_contains("text")) a.text = t->as_string();
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

std::optional<QuestionnaireRec> get_questionnaire(Connection& c, std::int64_t cid,
                                                  std::int64_t id) {
  auto r = c.query_one(
      "SELECT q.id, COALESCE(q.courtyard_id, 0), q.opens_at, q.closes_at, q.responses, q.title, q.description, q.audience, "
      "q.per, COALESCE(y.name, ''), q.questions FROM questionnaires q LEFT JOIN courtyards y ON y.id = q.courtyard_id "
      "WHERE q.compound_id = ? AND q.id = ?",
      {cid, id});
  if (!r) return std::nullopt;
  QuestionnaireRec q;
  q.id = r->i64(0);
  q.courtyard_id = r->i64(1);
  q.opens_at_ms = r->i64(2);
  q.closes_at_ms = r->i64(3);
  q.responses = r->i64(4);
  q.title = r->str(5);
  q.description = r->str(6);
  q.audience = r->str(7);
  q.per = r->str(8);
  q.courtyard_name = r->str(9);
  q.questions = decode_questions(r->str(10));
  return q;
}

std::vector<std::int64_t> list_questionnaire_ids(Connection& c, std::int64_t cid,
                                                 std::int64_t limit) {
  std::vector<std::int64_t> out;
  for (auto& r :
       c.query("SELECT id FROM questionnaires WHERE compound_id = ? ORDER BY id DESC LIMIT ?",
               {cid, limit}))
    out.push_back(r.i64(0));
  return out;
}

std::int64_t insert_questionnaire(Connection& c, std::int64_t cid, const NewQuestionnaire& q,
                                  std::int64_t now_ms) {
  return c
      .query_one(
          "INSERT INTO questionnaires (compound_id, title, description, audience, courtyard_id, per, opens_at, closes_at, "
          "questions, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {cid, q.title, q.description, q.audience, id_or_null(q.courtyard_id), q.per,
           q.opens_at_ms, q.closes_at_ms, encode_questions(q.questions), q.created_by, now_ms})
      ->i64(0);
}

void close_questionnaire_early(Connection& c, std::int64_t id, std::int64_t now_ms) {
  c.execute("UPDATE questionnaires SET closes_at = ? WHERE id = ? AND closes_at > ?",
            {now_ms, id, now_ms});
}

bool has_answered(Connection& c, std::int64_t questionnaire_id, const std::string& respondent) {
  return c
      .query_one("SELECT 1 FROM survey_responses WHERE questionnaire_id = ? AND respondent = ?",
                 {questionnaire_id, respondent})
      .has_value();
}

void insert_response(Connection& c, std::int64_t cid, std::int64_t questionnaire_id,
                     const NewResponse& r, std::int64_t now_ms) {
  c.execute(
      "INSERT INTO survey_responses (compound_id, questionnaire_id, respondent, user_id, unit_id, courtyard_id, answers, at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {cid, questionnaire_id, r.respondent, id_or_null(r.user_id), r.unit_id, r.courtyard_id,
       encode_answers(r.answers), now_ms});
  c.execute("UPDATE questionnaires SET responses = responses + 1 WHERE id = ?", {questionnaire_id});
}

std::vector<ResponseRec> list_responses(Connection& c, std::int64_t questionnaire_id) {
  std::vector<ResponseRec> out;
  for (
      auto& r : c.query(
          "SELECT s.answers, s.at, COALESCE(y.name, '') FROM survey_responses s LEFT JOIN courtyards y ON y.id = s.courtyard_id "
          "WHERE s.questionnaire_id = ? ORDER BY s.id",
          {questionnaire_id}))
    out.push_back({decode_answers(r.str(0)), r.i64(1), r.str(2)});
  return out;
}

std::int64_t insert_meeting(Connection& c, std::int64_t cid, const NewMeeting& m,
                            std::int64_t now_ms) {
  return c
      .query_one(
          "INSERT INTO meetings (compound_id, kind, title, held_on, place, courtyard_id, attendance, attendees, minutes, created_by, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {cid, m.kind, m.title, m.held_on, m.place, id_or_null(m.courtyard_id), m.attendance,
           m.attendees, m.minutes, m.created_by, now_ms})
      ->i64(0);
}

void insert_decision(Connection& c, std::int64_t cid, std::int64_t meeting_id, std::int64_t n,
                     const DecisionRec& d) {
  c.execute(
      "INSERT INTO meeting_decisions (compound_id, meeting_id, n, body, link_kind, link_id) VALUES (?, ?, ?, ?, ?, ?)",
      {cid, meeting_id, n, d.body, d.link_kind.empty() ? Value(nullptr) : Value(d.link_kind),
       id_or_null(d.link_id)});
}

std::vector<MeetingRec> list_meetings(Connection& c, std::int64_t cid, std::int64_t limit) {
  std::vector<MeetingRec> out;
  for (
      auto& r : c.query(
          "SELECT m.id, m.kind, m.title, m.held_on, m.place, COALESCE(y.name, ''), m.attendance, m.attendees, m.minutes "
          "FROM meetings m LEFT JOIN courtyards y ON y.id = m.courtyard_id WHERE m.compound_id = ? "
          "ORDER BY m.held_on DESC, m.id DESC LIMIT ?",
          {cid, limit})) {
    MeetingRec m{r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4),
                 r.str(5), r.i64(6), r.str(7), r.str(8), {}};
    for (
        auto& d : c.query(
            "SELECT body, COALESCE(link_kind, ''), COALESCE(link_id, 0) FROM meeting_decisions WHERE meeting_id = ? ORDER BY n",
            {m.id}))
      m.decisions.push_back({d.str(0), d.str(1), d.i64(2)});
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace xinyi::store
