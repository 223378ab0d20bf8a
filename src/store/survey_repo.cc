#include "store/survey_repo.h"

namespace xinyi::store {

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
  q.questions_json = r->str(10);
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
           q.opens_at_ms, q.closes_at_ms, q.questions_json, q.created_by, now_ms})
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
       r.answers_json, now_ms});
  c.execute("UPDATE questionnaires SET responses = responses + 1 WHERE id = ?", {questionnaire_id});
}

std::vector<ResponseRec> list_responses(Connection& c, std::int64_t questionnaire_id) {
  std::vector<ResponseRec> out;
  for (
      auto& r : c.query(
          "SELECT s.answers, s.at, COALESCE(y.name, '') FROM survey_responses s LEFT JOIN courtyards y ON y.id = s.courtyard_id "
          "WHERE s.questionnaire_id = ? ORDER BY s.id",
          {questionnaire_id}))
    out.push_back({r.str(0), r.i64(1), r.str(2)});
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
