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

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "domain/survey.h"

namespace xinyi::app {

boost::json::object create_questionnaire(App& app, const Caller& who, std::int64_t cid,
                                         std::string_view body);
boost::json::array list_questionnaires(App& app, const Caller& who, std::int64_t cid);
boost::json::object get_questionnaire(App& app, const Caller& who, std::int64_t cid,
                                      std::int64_t id);
boost::json::object answer_questionnaire(App& app, const Caller& who, std::int64_t cid,
                                         std::int64_t id, std::string_view body);
// Counts per question; `with_texts` adds the free-text answers (members with a role only).
// The same, typed, in the caller's write transaction: one answer per question, in order (an
// empty Answer skips an optional one). Answers how many responses the questionnaire has now.
std::int64_t answer_questionnaire_in(store::Connection& c, App& app, const Caller& who,
                                     std::int64_t cid, std::int64_t id,
                                     std::optional<std::int64_t> unit_id,
                                     const std::vector<survey::Answer>& answers);
boost::json::object questionnaire_results(App& app, std::int64_t cid, std::int64_t id,
                                          bool with_texts);
// One row per response: title, headers and rows as for report::Table.
boost::json::object questionnaire_table(App& app, std::int64_t cid, std::int64_t id);

boost::json::object create_meeting(App& app, const Caller& who, std::int64_t cid,
                                   std::string_view body);
// `with_attendees`: the attendee list (names, as typed) for the compound's members; the public
// sees the count only.
boost::json::array list_meetings(App& app, std::int64_t cid, bool with_attendees);

}  // namespace xinyi::app
