// Questionnaires (问卷) and their answers, and the record of meetings (会议) with their
// decisions. Lookups by id take the compound too and find nothing for another compound's id.
// Questions and answers are stored as JSON documents in their columns; the records carry them
// decoded (domain/survey.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/survey.h"
#include "store/sql.h"

namespace xinyi::store {

struct QuestionnaireRec {
  std::int64_t id = 0, courtyard_id = 0;  // courtyard 0: not one courtyard's
  std::int64_t opens_at_ms = 0, closes_at_ms = 0, responses = 0;
  std::string title, description, audience, per, courtyard_name;
  std::vector<survey::Question> questions;
};
std::optional<QuestionnaireRec> get_questionnaire(Connection& c, std::int64_t cid, std::int64_t id);
// The newest `limit` questionnaire ids of the compound, newest first.
std::vector<std::int64_t> list_questionnaire_ids(Connection& c, std::int64_t cid,
                                                 std::int64_t limit);

struct NewQuestionnaire {
  std::string title, description, audience, per;
  std::vector<survey::Question> questions;
  std::int64_t courtyard_id = 0;  // 0: none
  std::int64_t opens_at_ms = 0, closes_at_ms = 0;
  std::int64_t created_by = 0;
};
std::int64_t insert_questionnaire(Connection& c, std::int64_t cid, const NewQuestionnaire& q,
                                  std::int64_t now_ms);
// Ends a questionnaire now if it would run later (never reopens one).
void close_questionnaire_early(Connection& c, std::int64_t id, std::int64_t now_ms);

// `respondent` is "unit:<id>" (one answer per household) or "user:<id>" (one per person).
bool has_answered(Connection& c, std::int64_t questionnaire_id, const std::string& respondent);
struct NewResponse {
  std::string respondent;
  std::int64_t user_id = 0, unit_id = 0, courtyard_id = 0;
  std::vector<survey::Answer> answers;  // one per question, in order; an empty one skips it
};
// Stores the answers and counts them on the questionnaire.
void insert_response(Connection& c, std::int64_t cid, std::int64_t questionnaire_id,
                     const NewResponse& r, std::int64_t now_ms);
struct ResponseRec {
  std::vector<survey::Answer> answers;  // as stored (a sheet older than a question: fewer)
  std::int64_t at_ms = 0;
  std::string courtyard_name;
};
// Every answer sheet, in the order they came.
std::vector<ResponseRec> list_responses(Connection& c, std::int64_t questionnaire_id);

// Meetings.
struct NewMeeting {
  std::string kind, title, held_on, place, attendees, minutes;
  std::int64_t courtyard_id = 0;  // 0: none
  std::int64_t attendance = 0, created_by = 0;
};
std::int64_t insert_meeting(Connection& c, std::int64_t cid, const NewMeeting& m,
                            std::int64_t now_ms);
struct DecisionRec {
  std::string body;
  std::string link_kind;  // "" when it links nothing
  std::int64_t link_id = 0;
};
void insert_decision(Connection& c, std::int64_t cid, std::int64_t meeting_id, std::int64_t n,
                     const DecisionRec& d);
struct MeetingRec {
  std::int64_t id = 0;
  std::string kind, title, held_on, place, courtyard_name;
  std::int64_t attendance = 0;
  std::string attendees, minutes;
  std::vector<DecisionRec> decisions;
};
// The newest `limit` meetings (by date held), with their decisions in order.
std::vector<MeetingRec> list_meetings(Connection& c, std::int64_t cid, std::int64_t limit);

}  // namespace xinyi::store
