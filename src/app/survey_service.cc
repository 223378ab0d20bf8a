#include "app/survey_service.h"

#include <algorithm>

#include "app/books.h"
#include "app/needs_service.h"
#include "domain/ledger/books.h"
#include "domain/survey.h"
#include "domain/text.h"

#include "store/auth_repo.h"
#include "store/governance_repo.h"
#include "store/needs_repo.h"
#include "store/registry_repo.h"
#include "store/survey_repo.h"
#include "store/vote_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;

namespace {

constexpr I kMaxSurveyLengthMs = 180LL * 24 * 3600 * 1000;

using Survey = store::QuestionnaireRec;

Survey require_survey(Connection& c, I cid, I id) {
  auto r = store::get_questionnaire(c, cid, id);
  if (!r) throw_not_found("问卷", "Questionnaire");
  return *r;
}

// An answer as stored: only what its question's kind reads.
survey::Answer as_stored(survey::Answer a, survey::Kind k) {
  if (k != survey::Kind::scale) a.scale = 0;
  if (k != survey::Kind::text) a.text.clear();
  if (k == survey::Kind::scale || k == survey::Kind::text) a.choices.clear();
  return a;
}

// The caller's units that belong to the questionnaire's audience: (unit id, courtyard id).
std::vector<std::pair<I, I>> eligible_units(Connection& c, I cid, const Survey& s, I user) {
  std::vector<std::pair<I, I>> out;
  for (const auto& cl : store::list_claims(c, user)) {
    if (cl.compound_id != cid) continue;
    if (s.audience == "courtyard" && cl.courtyard_id != s.courtyard_id) continue;
    if (s.audience == "owners" && cl.relation != "owner") continue;
    out.emplace_back(cl.unit_id, cl.courtyard_id);
  }
  return out;
}

std::string status_of(const Survey& s, I now) {
  return now < s.opens_at_ms ? "upcoming" : now < s.closes_at_ms ? "open" : "closed";
}

QuestionnaireView view_of(Connection& c, I cid, Survey s, const Caller& who, I now,
                          bool with_questions) {
  QuestionnaireView v;
  v.status = status_of(s, now);
  v.with_questions = with_questions;
  if (who.user) {
    auto units = eligible_units(c, cid, s, who.user_id());
    std::vector<I> open_units;
    bool answered_any = false;
    for (auto [unit, yard] : units) {
      std::string key = s.per == "person" ? "user:" + std::to_string(who.user_id())
                                          : "unit:" + std::to_string(unit);
      bool answered = store::has_answered(c, s.id, key);
      answered_any = answered_any || answered;
      if (!answered && s.per != "person") open_units.push_back(unit);
    }
    MyQuestionnaire mine;
    mine.eligible = !units.empty();
    mine.answered = s.per == "person" ? answered_any : (!units.empty() && open_units.empty());
    if (s.per != "person") mine.units_to_answer = std::move(open_units);
    v.mine = std::move(mine);
  }
  v.questionnaire = std::move(s);
  return v;
}

// The rules of a new questionnaire a decoder cannot see.
void check_questionnaire(const QuestionnaireInput& in, I opens) {
  std::vector<FieldError> errs;
  if (in.audience != "compound" && in.audience != "courtyard" && in.audience != "owners")
    errs.push_back({"audience",
                    "对象应为 compound（全小区）、courtyard（一个院落）或 owners（业主）",
                    "audience must be compound, courtyard or owners"});
  if (in.audience == "courtyard" && !in.courtyard_id)
    errs.push_back({"courtyard_id", "面向一个院落时请选择院落", "choose the courtyard"});
  if (in.per != "household" && in.per != "person")
    errs.push_back({"per", "应为 household（每户一份）或 person（每人一份）",
                    "per must be household or person"});
  if (in.closes_at_ms <= opens || in.closes_at_ms - opens > kMaxSurveyLengthMs)
    errs.push_back({"closes_at", "截止时间应晚于开始时间，且不超过 180 天",
                    "closes_at must follow opens_at, within 180 days"});
  if (in.questions.empty() || in.questions.size() > survey::kMaxQuestions)
    errs.push_back({"questions", "问卷应有 1–50 道题", "a questionnaire has 1–50 questions"});
  for (std::size_t n = 0; n < in.questions.size(); ++n)
    if (auto p = survey::check_question(in.questions[n], n))
      errs.push_back({p->field, p->zh, p->en});
  if (!errs.empty()) throw_invalid(std::move(errs));
}

// Whether the compound has what a meeting's decision links to (kind need, proposal, vote,
// questionnaire or tender), asked of the feature it belongs to.
bool link_exists(Connection& c, I cid, const std::string& kind, I id) {
  if (kind == "need") return store::need_exists(c, cid, id);
  if (kind == "proposal") return store::proposal_exists(c, cid, id);
  if (kind == "vote") return store::get_vote(c, cid, id).has_value();
  if (kind == "questionnaire") return store::get_questionnaire(c, cid, id).has_value();
  return store::get_tender(c, cid, id).has_value();
}

}  // namespace

QuestionnaireView create_questionnaire_in(Connection& c, App& app, const Caller& who,
                                          CompoundId compound, const QuestionnaireInput& in) {
  const I cid = compound.value;
  const I now = app.clock_ms();
  const I opens = in.opens_at_ms.value_or(now);
  check_questionnaire(in, opens);
  require_compound(c, cid);
  if (in.courtyard_id && !store::get_courtyard(c, cid, *in.courtyard_id))
    throw_invalid({{"courtyard_id", "本小区没有这个院落", "no such courtyard in this compound"}});
  store::NewQuestionnaire nq{
      in.title, in.description,  in.audience,
      in.per,   in.questions,    in.audience == "courtyard" ? *in.courtyard_id : 0,
      opens,    in.closes_at_ms, who.user_id()};
  I id = store::insert_questionnaire(c, cid, nq, now);
  audit(c, app, who, cid, "questionnaire.create", "questionnaire:" + std::to_string(id),
        {{"audience", in.audience}, {"per", in.per}});
  return view_of(c, cid, require_survey(c, cid, id), who, now, true);
}

QuestionnaireView create_questionnaire(App& app, const Caller& who, CompoundId compound,
                                       const QuestionnaireInput& in) {
  return app.db.write(
      [&](Connection& c) { return create_questionnaire_in(c, app, who, compound, in); });
}

std::vector<QuestionnaireView> list_questionnaires(App& app, const Caller& who,
                                                   CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    std::vector<QuestionnaireView> out;
    I now = app.clock_ms();
    for (I qid : store::list_questionnaire_ids(c, cid, 200))
      out.push_back(view_of(c, cid, require_survey(c, cid, qid), who, now, false));
    return out;
  });
}

QuestionnaireView get_questionnaire(App& app, const Caller& who, CompoundId compound, I id) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    return view_of(c, cid, require_survey(c, cid, id), who, app.clock_ms(), true);
  });
}

I answer_questionnaire_in(Connection& c, App& app, const Caller& who, CompoundId compound, I id,
                          std::optional<I> unit, const std::vector<survey::Answer>& answers) {
  const I cid = compound.value;
  auto s = require_survey(c, cid, id);
  I now = app.clock_ms();
  if (now < s.opens_at_ms)
    throw Error(ErrorKind::conflict, "not-open", "问卷尚未开始",
                "The questionnaire is not open yet");
  if (now >= s.closes_at_ms)
    throw Error(ErrorKind::conflict, "closed", "问卷已截止", "The questionnaire has closed");
  auto units = eligible_units(c, cid, s, who.user_id());
  if (units.empty())
    throw Error(ErrorKind::forbidden, "not-in-audience",
                s.audience == "owners"      ? "本问卷只面向业主"
                : s.audience == "courtyard" ? "本问卷只面向" + s.courtyard_name + "的住户"
                                            : "本问卷只面向本小区住户",
                "This questionnaire is for " +
                    std::string(s.audience == "owners"      ? "owners"
                                : s.audience == "courtyard" ? "one courtyard"
                                                            : "this compound") +
                    " only");
  std::pair<I, I> chosen = units.front();
  if (unit) {
    auto it = std::find_if(units.begin(), units.end(), [&](auto& p) { return p.first == *unit; });
    if (it == units.end())
      throw_invalid({{"unit_id", "这不是您可以代表作答的房屋", "not a household you answer for"}});
    chosen = *it;
  } else if (s.per == "household") {
    for (auto& p : units)  // the first household not yet answered
      if (!store::has_answered(c, id, "unit:" + std::to_string(p.first))) {
        chosen = p;
        break;
      }
  }
  std::string key = s.per == "person" ? "user:" + std::to_string(who.user_id())
                                      : "unit:" + std::to_string(chosen.first);
  if (store::has_answered(c, id, key))
    throw Error(ErrorKind::conflict, "already-answered",
                s.per == "person" ? "您已经填过这份问卷" : "您家已经有人填过这份问卷（每户一份）",
                s.per == "person" ? "You have already answered"
                                  : "Your household has already answered (one per household)");
  if (answers.size() != s.questions.size())
    throw_invalid({{"answers", "请按题目顺序回答每一题（未答的题填 null）",
                    "answer every question in order (null for a skipped one)"}});
  std::vector<FieldError> errs;
  std::vector<survey::Answer> stored;
  for (std::size_t n = 0; n < s.questions.size(); ++n) {
    if (auto p = survey::check_answer(s.questions[n], answers[n], n))
      errs.push_back({p->field, p->zh, p->en});
    stored.push_back(as_stored(answers[n], s.questions[n].kind));
  }
  if (!errs.empty()) throw_invalid(std::move(errs));
  store::insert_response(c, cid, id, {key, who.user_id(), chosen.first, chosen.second, stored},
                         now);
  audit(c, app, who, cid, "questionnaire.answer", "questionnaire:" + std::to_string(id));
  return s.responses + 1;
}

I answer_questionnaire(App& app, const Caller& who, CompoundId compound, I id,
                       std::optional<I> unit, const std::vector<survey::Answer>& answers) {
  return app.db.write([&](Connection& c) {
    return answer_questionnaire_in(c, app, who, compound, id, unit, answers);
  });
}

namespace {

QuestionnaireResults results(App& app, I cid, I id, bool with_texts) {
  return app.db.read([&](Connection& c) {
    auto s = require_survey(c, cid, id);
    std::vector<std::vector<survey::Answer>> rs;
    std::vector<std::vector<std::string>> texts(s.questions.size());
    for (auto& r : store::list_responses(c, id)) {
      r.answers.resize(s.questions.size());
      for (std::size_t n = 0; n < s.questions.size(); ++n)
        if (!r.answers[n].text.empty()) texts[n].push_back(r.answers[n].text);
      rs.push_back(std::move(r.answers));
    }
    auto t = survey::tally(s.questions, rs);
    QuestionnaireResults out;
    out.id = s.id, out.title = s.title, out.status = status_of(s, app.clock_ms()), out.per = s.per;
    out.responses = static_cast<I>(rs.size());
    for (std::size_t n = 0; n < s.questions.size(); ++n) {
      QuestionResult q{s.questions[n], t[n], static_cast<I>(texts[n].size()), std::nullopt};
      if (with_texts && s.questions[n].kind == survey::Kind::text) q.texts = std::move(texts[n]);
      out.questions.push_back(std::move(q));
    }
    return out;
  });
}

}  // namespace

QuestionnaireResults public_questionnaire_results(App& app, CompoundId compound, I id) {
  const I cid = compound.value;
  return results(app, cid, id, false);
}
QuestionnaireResults member_questionnaire_results(App& app, CompoundId compound, I id) {
  const I cid = compound.value;
  return results(app, cid, id, true);
}

sheet::Table questionnaire_table(App& app, CompoundId compound, I id) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    auto s = require_survey(c, cid, id);
    sheet::Table t;
    t.title = "问卷" + std::to_string(id);
    t.headers = {"序号", "时间", "院落"};
    for (std::size_t n = 0; n < s.questions.size(); ++n)
      t.headers.push_back(std::to_string(n + 1) + ". " + s.questions[n].text);
    I no = 0;
    for (auto& r : store::list_responses(c, id)) {
      std::vector<sheet::Cell> row{++no, china_date(r.at_ms), r.courtyard_name};
      r.answers.resize(s.questions.size());
      for (std::size_t n = 0; n < s.questions.size(); ++n) {
        const auto& a = r.answers[n];
        const auto& q = s.questions[n];
        if (q.kind == survey::Kind::scale)
          row.push_back(a.scale ? sheet::Cell(static_cast<I>(a.scale)) : sheet::Cell(""));
        else if (q.kind == survey::Kind::text)
          row.push_back(a.text);
        else {
          std::string labels;
          for (int ch : a.choices)
            labels += (labels.empty() ? "" : "；") + q.options[static_cast<std::size_t>(ch)];
          row.push_back(labels);
        }
      }
      t.rows.push_back(std::move(row));
    }
    return t;
  });
}

// ---- meetings ------------------------------------------------------------------------------

store::MeetingRec create_meeting_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                                    const MeetingInput& in) {
  const I cid = compound.value;
  {
    std::vector<FieldError> errs;
    if (in.kind != "yard" && in.kind != "deliberation" && in.kind != "committee" &&
        in.kind != "owners" && in.kind != "hearing")
      errs.push_back(
          {"kind",
           "会议类型应为 yard（坝坝会）、deliberation（议事会）、committee、owners 或 hearing",
           "kind must be yard, deliberation, committee, owners or hearing"});
    for (std::size_t n = 0; n < in.decisions.size(); ++n) {
      const auto& d = in.decisions[n];
      const std::string f = "decisions[" + std::to_string(n) + "].";
      if (!d.link_kind.empty() && d.link_kind != "need" && d.link_kind != "proposal" &&
          d.link_kind != "vote" && d.link_kind != "questionnaire" && d.link_kind != "tender")
        errs.push_back({f + "link_kind", "关联应为 need、proposal、vote、questionnaire 或 tender",
                        "link_kind must be need, proposal, vote, questionnaire or tender"});
      if (d.link_kind.empty() != (d.link_id == 0))
        errs.push_back(
            {f + "link_id", "关联类型和编号要一起填", "link_kind and link_id go together"});
    }
    if (!errs.empty()) throw_invalid(std::move(errs));
  }
  const auto& decisions = in.decisions;
  const auto& courtyard = in.courtyard_id;
  const std::string &kind = in.kind, &title = in.title, &held_on = in.held_on;
  require_compound(c, cid);
  std::vector<FieldError> errs;
  if (courtyard && !store::get_courtyard(c, cid, *courtyard))
    errs.push_back({"courtyard_id", "本小区没有这个院落", "no such courtyard in this compound"});
  for (std::size_t n = 0; n < decisions.size(); ++n) {
    const auto& d = decisions[n];
    if (d.link_kind.empty()) continue;
    if (!link_exists(c, cid, d.link_kind, d.link_id))
      errs.push_back({"decisions[" + std::to_string(n) + "].link_id", "本小区没有这一项",
                      "no such item in this compound"});
  }
  if (!errs.empty()) throw_invalid(std::move(errs));
  I now = app.clock_ms();
  store::NewMeeting nm{kind,
                       title,
                       held_on,
                       in.place,
                       in.attendees,
                       in.minutes,
                       courtyard.value_or(0),
                       in.attendance,
                       who.user_id()};
  I id = store::insert_meeting(c, cid, nm, now);
  for (std::size_t n = 0; n < decisions.size(); ++n) {
    const auto& d = decisions[n];
    store::insert_decision(c, cid, id, static_cast<I>(n), {d.body, d.link_kind, d.link_id});
    if (d.link_kind == "need") {
      std::string status = store::get_need(c, cid, d.link_id)->status;  // checked above
      store::insert_need_event(c, cid, d.link_id, now, status,
                               "会议“" + title + "”（" + held_on + "）：" + d.body, who.user_id(),
                               acting_role(who, cid));
    }
  }
  audit(c, app, who, cid, "meeting.record", "meeting:" + std::to_string(id),
        {{"kind", kind}, {"decisions", static_cast<I>(decisions.size())}});
  store::MeetingRec out;
  out.id = id, out.kind = kind, out.title = title, out.held_on = held_on;
  return out;
}

store::MeetingRec create_meeting(App& app, const Caller& who, CompoundId compound,
                                 const MeetingInput& in) {
  return app.db.write([&](Connection& c) { return create_meeting_in(c, app, who, compound, in); });
}

namespace {

std::vector<MeetingView> meetings(App& app, I cid, bool with_attendees) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    std::vector<MeetingView> out;
    for (auto& r : store::list_meetings(c, cid, 200)) {
      MeetingView v;
      if (with_attendees) v.attendees = r.attendees;
      r.attendees.clear();
      v.meeting = std::move(r);
      out.push_back(std::move(v));
    }
    return out;
  });
}

}  // namespace

std::vector<MeetingView> public_meetings(App& app, CompoundId compound) {
  const I cid = compound.value;
  return meetings(app, cid, false);
}
std::vector<MeetingView> member_meetings(App& app, CompoundId compound) {
  const I cid = compound.value;
  return meetings(app, cid, true);
}

}  // namespace xinyi::app
