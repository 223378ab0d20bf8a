// Questionnaires (调查问卷) and meetings (坝坝会、议事会) — how a compound gathers what its
// residents want before it decides (SPEC §3 model 4). domain/survey.h judges answers and
// tallies them.
//
// A questionnaire has an audience (the whole compound, one courtyard, or owners only), a rule
// of one answer per household (a unit) or per person, and open and close times. An answer
// outside the times, from outside the audience, or a second one from the same household or
// person is refused (403/409) and changes nothing. Results are counts (live, public); free-text
// answers are shown to the committee, staff, trustee and auditors only, and exported with the
// table (CSV/XLSX) without names or unit numbers — only the courtyard.
//
// A meeting records its date, place, attendance, minutes and decisions; a decision may link to
// a need, a proposal, a vote, a questionnaire or a tender of the same compound, and a linked
// need's timeline notes the meeting.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "domain/sheet.h"
#include "domain/survey.h"
#include "store/survey_repo.h"

namespace xinyi::app {

// Issue 18: the use cases take and return the structs below; their JSON is in
// http/routes/surveys.cc. Decoders there check types, lengths and ranges; the use cases apply the
// rules (audience, window, each question, each answer).
struct QuestionnaireInput {
  std::string title, description;
  std::string audience = "compound";         // compound, courtyard or owners
  std::optional<std::int64_t> courtyard_id;  // required for a courtyard's
  std::string per = "household";             // household or person
  std::optional<std::int64_t> opens_at_ms;   // none: now
  std::int64_t closes_at_ms = 0;             // within 180 days of opening
  std::vector<survey::Question> questions;   // 1–50
};
// What the caller's household (or the caller) has left to do in a questionnaire.
struct MyQuestionnaire {
  bool eligible = false, answered = false;
  std::optional<std::vector<std::int64_t>> units_to_answer;  // per household only
};
struct QuestionnaireView {
  store::QuestionnaireRec questionnaire;
  std::string status;                   // upcoming, open or closed
  bool with_questions = false;          // one questionnaire's page; the list shows counts only
  std::optional<MyQuestionnaire> mine;  // signed-in callers
};
QuestionnaireView create_questionnaire(App& app, const Caller& who, CompoundId cid,
                                       const QuestionnaireInput& in);
// The same in the caller's write transaction (the demo's questionnaires are made through it).
QuestionnaireView create_questionnaire_in(store::Connection& c, App& app, const Caller& who,
                                          CompoundId cid, const QuestionnaireInput& in);
std::vector<QuestionnaireView> list_questionnaires(App& app, const Caller& who, CompoundId cid);
QuestionnaireView get_questionnaire(App& app, const Caller& who, CompoundId cid, std::int64_t id);
// One answer per question, in order (an empty Answer skips an optional one); `unit_id` names the
// household answered for when the caller speaks for several. Answers how many responses the
// questionnaire has now.
std::int64_t answer_questionnaire(App& app, const Caller& who, CompoundId cid, std::int64_t id,
                                  std::optional<std::int64_t> unit_id,
                                  const std::vector<survey::Answer>& answers);
// The same in the caller's write transaction (the demo's residents answer through it).
std::int64_t answer_questionnaire_in(store::Connection& c, App& app, const Caller& who,
                                     CompoundId cid, std::int64_t id,
                                     std::optional<std::int64_t> unit_id,
                                     const std::vector<survey::Answer>& answers);
// Counts per question. The public sees how many wrote a free text; members with a role read the
// texts too.
struct QuestionResult {
  survey::Question question;
  survey::QuestionTally tally;
  std::int64_t text_answers = 0;                  // text questions
  std::optional<std::vector<std::string>> texts;  // member view only
};
struct QuestionnaireResults {
  std::int64_t id = 0, responses = 0;
  std::string title, status, per;
  std::vector<QuestionResult> questions;
};
QuestionnaireResults public_questionnaire_results(App& app, CompoundId cid, std::int64_t id);
QuestionnaireResults member_questionnaire_results(App& app, CompoundId cid, std::int64_t id);
// One row per response, without names or unit numbers (only the courtyard).
sheet::Table questionnaire_table(App& app, CompoundId cid, std::int64_t id);

struct MeetingDecisionInput {
  std::string body;
  std::string link_kind;  // need, proposal, vote, questionnaire, tender, or "" for none
  std::int64_t link_id = 0;
};
struct MeetingInput {
  std::string kind;                   // yard, deliberation, committee, owners or hearing
  std::string title, held_on, place;  // held_on YYYY-MM-DD
  std::optional<std::int64_t> courtyard_id;
  std::int64_t attendance = 0;
  std::string attendees, minutes;
  std::vector<MeetingDecisionInput> decisions;  // at most 50
};
// The meeting as stored (its id, kind, title and date).
store::MeetingRec create_meeting(App& app, const Caller& who, CompoundId cid,
                                 const MeetingInput& in);
// The same in the caller's write transaction (the demo records its meetings through it).
store::MeetingRec create_meeting_in(store::Connection& c, App& app, const Caller& who,
                                    CompoundId cid, const MeetingInput& in);
// The public sees how many attended; the compound's members also the attendee list (names, as
// typed).
struct MeetingView {
  store::MeetingRec meeting;             // its attendees field left empty
  std::optional<std::string> attendees;  // member view only
};
std::vector<MeetingView> public_meetings(App& app, CompoundId cid);
std::vector<MeetingView> member_meetings(App& app, CompoundId cid);

}  // namespace xinyi::app
