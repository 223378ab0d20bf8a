#include "app/survey_service.h"

#include <algorithm>

#include "app/books.h"
#include "app/json_in.h"
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

namespace json = boost::json;
using store::Connection;
using I = std::int64_t;

namespace {

constexpr I kMaxSurveyLengthMs = 180LL * 24 * 3600 * 1000;

json::object question_json(const survey::Question& q) {
  json::array opts;
  for (const auto& o : q.options) opts.push_back(json::value(o));
  json::object o{{"kind", survey::to_string(q.kind)}, {"text", q.text}, {"required", q.required}};
  if (!q.options.empty()) o["options"] = std::move(opts);
  if (q.kind == survey::Kind::scale) o["scale_max"] = q.scale_max;
  if (q.kind == survey::Kind::multiple && q.max_choices) o["max_choices"] = q.max_choices;
  return o;
}

// Reads one question; problems go to `in` under questions[n].
survey::Question read_question(const json::value& v, std::size_t n, JsonIn& in) {
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
    return q;
  }
  if (auto p = survey::check_question(q, n)) in.add_error(p->field, p->zh, p->en);
  return q;
}

std::vector<survey::Question> questions_of(const std::string& text) {
  std::vector<survey::Question> out;
  const json::value parsed = parse_json(text);  // kept alive for the loop
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

json::value answer_json(const survey::Answer& a, survey::Kind k) {
  if (a.empty()) return nullptr;
  if (k == survey::Kind::scale) return json::object{{"scale", a.scale}};
  if (k == survey::Kind::text) return json::object{{"text", a.text}};
  json::array ch;
  for (int x : a.choices) ch.push_back(x);
  return json::object{{"choices", std::move(ch)}};
}

survey::Answer answer_of(const json::value& v) {
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

struct Survey {
  I id = 0, courtyard_id = 0, opens_at = 0, closes_at = 0, responses = 0;
  std::string title, description, audience, per, courtyard;
  std::vector<survey::Question> questions;
};

Survey require_survey(Connection& c, I cid, I id) {
  auto r = store::get_questionnaire(c, cid, id);
  if (!r) throw_not_found("问卷", "Questionnaire");
  Survey s;
  s.id = r->id, s.courtyard_id = r->courtyard_id, s.opens_at = r->opens_at_ms,
  s.closes_at = r->closes_at_ms, s.responses = r->responses;
  s.title = r->title, s.description = r->description, s.audience = r->audience, s.per = r->per,
  s.courtyard = r->courtyard_name;
  s.questions = questions_of(r->questions_json);
  return s;
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
  return now < s.opens_at ? "upcoming" : now < s.closes_at ? "open" : "closed";
}

json::object survey_json(Connection& c, I cid, const Survey& s, const Caller& who, I now,
                         bool with_questions) {
  json::object o{
      {"id", s.id},
      {"title", s.title},
      {"description", s.description},
      {"audience", s.audience},
      {"courtyard_id", s.courtyard_id ? json::value(s.courtyard_id) : json::value(nullptr)},
      {"courtyard", s.courtyard},
      {"per", s.per},
      {"opens_at", s.opens_at},
      {"closes_at", s.closes_at},
      {"status", status_of(s, now)},
      {"responses", s.responses},
      {"question_count", static_cast<I>(s.questions.size())}};
  if (with_questions) {
    json::array qs;
    for (const auto& q : s.questions) qs.push_back(question_json(q));
    o["questions"] = std::move(qs);
  }
  if (who.user) {
    auto units = eligible_units(c, cid, s, who.user_id());
    json::array open_units;
    bool answered_any = false;
    for (auto [unit, yard] : units) {
      std::string key = s.per == "person" ? "user:" + std::to_string(who.user_id())
                                          : "unit:" + std::to_string(unit);
      bool answered = store::has_answered(c, s.id, key);
      answered_any = answered_any || answered;
      if (!answered && s.per != "person") open_units.push_back(unit);
    }
    o["eligible"] = !units.empty();
    o["answered"] = s.per == "person" ? answered_any : (!units.empty() && open_units.empty());
    if (s.per != "person") o["units_to_answer"] = std::move(open_units);
  }
  return o;
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

json::object create_questionnaire(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  std::string title = in.str("title", 100);
  std::string description = in.opt_str("description", 2000).value_or("");
  std::string audience = in.opt_str("audience", 12).value_or("compound");
  auto courtyard = in.opt_i64("courtyard_id", 1, INT64_MAX);
  std::string per = in.opt_str("per", 12).value_or("household");
  I now = app.clock_ms();
  I opens = in.opt_i64("opens_at", 0, INT64_MAX).value_or(now);
  I closes = in.i64("closes_at", 0, INT64_MAX);
  if (audience != "compound" && audience != "courtyard" && audience != "owners")
    in.add_error("audience", "对象应为 compound（全小区）、courtyard（一个院落）或 owners（业主）",
                 "audience must be compound, courtyard or owners");
  if (audience == "courtyard" && !courtyard)
    in.add_error("courtyard_id", "面向一个院落时请选择院落", "choose the courtyard");
  if (per != "household" && per != "person")
    in.add_error("per", "应为 household（每户一份）或 person（每人一份）",
                 "per must be household or person");
  if (closes <= opens || closes - opens > kMaxSurveyLengthMs)
    in.add_error("closes_at", "截止时间应晚于开始时间，且不超过 180 天",
                 "closes_at must follow opens_at, within 180 days");
  std::vector<survey::Question> qs;
  const json::value* qv = in.get("questions");
  if (!qv || !qv->is_array() || qv->as_array().empty() ||
      qv->as_array().size() > survey::kMaxQuestions)
    in.add_error("questions", "问卷应有 1–50 道题", "a questionnaire has 1–50 questions");
  else
    for (std::size_t n = 0; n < qv->as_array().size(); ++n)
      qs.push_back(read_question(qv->as_array()[n], n, in));
  in.finish();
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    if (courtyard && !store::get_courtyard(c, cid, *courtyard))
      throw_invalid({{"courtyard_id", "本小区没有这个院落", "no such courtyard in this compound"}});
    json::array arr;
    for (const auto& q : qs) arr.push_back(question_json(q));
    store::NewQuestionnaire nq{title,
                               description,
                               audience,
                               per,
                               json::serialize(arr),
                               audience == "courtyard" ? *courtyard : 0,
                               opens,
                               closes,
                               who.user_id()};
    I id = store::insert_questionnaire(c, cid, nq, now);
    audit(c, app, who, cid, "questionnaire.create", "questionnaire:" + std::to_string(id),
          {{"audience", audience}, {"per", per}});
    return survey_json(c, cid, require_survey(c, cid, id), who, now, true);
  });
}

json::array list_questionnaires(App& app, const Caller& who, I cid) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    json::array out;
    I now = app.clock_ms();
    for (I qid : store::list_questionnaire_ids(c, cid, 200))
      out.push_back(survey_json(c, cid, require_survey(c, cid, qid), who, now, false));
    return out;
  });
}

json::object get_questionnaire(App& app, const Caller& who, I cid, I id) {
  return app.db.read([&](Connection& c) {
    return survey_json(c, cid, require_survey(c, cid, id), who, app.clock_ms(), true);
  });
}

I answer_questionnaire_in(Connection& c, App& app, const Caller& who, I cid, I id,
                          std::optional<I> unit, const std::vector<survey::Answer>& answers) {
  auto s = require_survey(c, cid, id);
  I now = app.clock_ms();
  if (now < s.opens_at)
    throw Error(ErrorKind::conflict, "not-open", "问卷尚未开始",
                "The questionnaire is not open yet");
  if (now >= s.closes_at)
    throw Error(ErrorKind::conflict, "closed", "问卷已截止", "The questionnaire has closed");
  auto units = eligible_units(c, cid, s, who.user_id());
  if (units.empty())
    throw Error(ErrorKind::forbidden, "not-in-audience",
                s.audience == "owners"      ? "本问卷只面向业主"
                : s.audience == "courtyard" ? "本问卷只面向" + s.courtyard + "的住户"
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
  json::array stored;
  for (std::size_t n = 0; n < s.questions.size(); ++n) {
    if (auto p = survey::check_answer(s.questions[n], answers[n], n))
      errs.push_back({p->field, p->zh, p->en});
    stored.push_back(answer_json(answers[n], s.questions[n].kind));
  }
  if (!errs.empty()) throw_invalid(std::move(errs));
  store::insert_response(
      c, cid, id, {key, who.user_id(), chosen.first, chosen.second, json::serialize(stored)}, now);
  audit(c, app, who, cid, "questionnaire.answer", "questionnaire:" + std::to_string(id));
  return s.responses + 1;
}

json::object answer_questionnaire(App& app, const Caller& who, I cid, I id, std::string_view body) {
  JsonIn in(body);
  auto unit = in.opt_i64("unit_id", 1, INT64_MAX);
  const json::value* av = in.get("answers");
  in.finish();
  // Each answer as given. Anything but a list is no answers at all, which the use case refuses
  // in its turn as a list of the wrong length (every questionnaire has at least one question).
  std::vector<survey::Answer> answers;
  if (av && av->is_array() && av->as_array().size() <= survey::kMaxQuestions)
    for (const auto& x : av->as_array()) answers.push_back(answer_of(x));
  return app.db.write([&](Connection& c) {
    I responses = answer_questionnaire_in(c, app, who, cid, id, unit, answers);
    return json::object{{"questionnaire_id", id}, {"answered", true}, {"responses", responses}};
  });
}

json::object questionnaire_results(App& app, I cid, I id, bool with_texts) {
  return app.db.read([&](Connection& c) {
    auto s = require_survey(c, cid, id);
    std::vector<std::vector<survey::Answer>> rs;
    std::vector<std::vector<std::string>> texts(s.questions.size());
    for (const auto& r : store::list_responses(c, id)) {
      std::vector<survey::Answer> one;
      const auto arr = parse_json(r.answers_json).as_array();
      for (std::size_t n = 0; n < s.questions.size(); ++n) {
        one.push_back(n < arr.size() ? answer_of(arr[n]) : survey::Answer{});
        if (!one.back().text.empty()) texts[n].push_back(one.back().text);
      }
      rs.push_back(std::move(one));
    }
    auto t = survey::tally(s.questions, rs);
    json::array qs;
    for (std::size_t n = 0; n < s.questions.size(); ++n) {
      json::object q = question_json(s.questions[n]);
      q["answered"] = t[n].answered;
      if (!t[n].option_counts.empty()) q["counts"] = json::value_from(t[n].option_counts);
      if (s.questions[n].kind == survey::Kind::scale) {
        q["counts"] = json::value_from(t[n].scale_counts);
        q["mean_centi"] = t[n].scale_mean_centi;
      }
      if (s.questions[n].kind == survey::Kind::text) {
        q["text_answers"] = static_cast<I>(texts[n].size());
        if (with_texts) q["texts"] = json::value_from(texts[n]);
      }
      qs.push_back(std::move(q));
    }
    return json::object{{"id", s.id},
                        {"title", s.title},
                        {"status", status_of(s, app.clock_ms())},
                        {"per", s.per},
                        {"responses", static_cast<I>(rs.size())},
                        {"questions", std::move(qs)}};
  });
}

json::object questionnaire_table(App& app, I cid, I id) {
  return app.db.read([&](Connection& c) {
    auto s = require_survey(c, cid, id);
    json::array headers{"序号", "时间", "院落"};
    for (std::size_t n = 0; n < s.questions.size(); ++n)
      headers.push_back(json::value(std::to_string(n + 1) + ". " + s.questions[n].text));
    json::array rows;
    I no = 0;
    for (const auto& r : store::list_responses(c, id)) {
      json::array row{++no, json::value(china_date(r.at_ms)), json::value(r.courtyard_name)};
      const auto arr = parse_json(r.answers_json).as_array();
      for (std::size_t n = 0; n < s.questions.size(); ++n) {
        auto a = n < arr.size() ? answer_of(arr[n]) : survey::Answer{};
        const auto& q = s.questions[n];
        if (q.kind == survey::Kind::scale)
          row.push_back(a.scale ? json::value(static_cast<I>(a.scale)) : json::value(""));
        else if (q.kind == survey::Kind::text)
          row.push_back(json::value(a.text));
        else {
          std::string labels;
          for (int ch : a.choices)
            labels += (labels.empty() ? "" : "；") + q.options[static_cast<std::size_t>(ch)];
          row.push_back(json::value(labels));
        }
      }
      rows.push_back(std::move(row));
    }
    return json::object{{"title", "问卷" + std::to_string(id)},
                        {"headers", std::move(headers)},
                        {"rows", std::move(rows)}};
  });
}

// ---- meetings ------------------------------------------------------------------------------

json::object create_meeting(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  std::string kind = in.str("kind", 20);
  std::string title = in.str("title", 100);
  std::string held_on = in.str("held_on", 10);
  std::string place = in.opt_str("place", 100).value_or("");
  auto courtyard = in.opt_i64("courtyard_id", 1, INT64_MAX);
  I attendance = in.opt_i64("attendance", 0, 100000).value_or(0);
  std::string attendees = in.opt_str("attendees", 500).value_or("");
  std::string minutes = in.opt_str("minutes", 10000).value_or("");
  if (kind != "yard" && kind != "deliberation" && kind != "committee" && kind != "owners" &&
      kind != "hearing")
    in.add_error(
        "kind", "会议类型应为 yard（坝坝会）、deliberation（议事会）、committee、owners 或 hearing",
        "kind must be yard, deliberation, committee, owners or hearing");
  if (!held_on.empty() && !ledger::valid_date(held_on))
    in.add_error("held_on", "日期无效", "is not a valid date");
  struct Decision {
    std::string body, link_kind;
    I link_id = 0;
  };
  std::vector<Decision> decisions;
  if (const json::value* dv = in.get("decisions")) {
    if (!dv->is_array() || dv->as_array().size() > 50)
      in.add_error("decisions", "决定应为最多 50 项的列表", "decisions is a list of at most 50");
    else
      for (std::size_t n = 0; n < dv->as_array().size(); ++n) {
        JsonIn di(dv->as_array()[n]);
        Decision d;
        d.body = di.str("body", 500);
        d.link_kind = di.opt_str("link_kind", 20).value_or("");
        d.link_id = di.opt_i64("link_id", 1, INT64_MAX).value_or(0);
        if (!d.link_kind.empty() && d.link_kind != "need" && d.link_kind != "proposal" &&
            d.link_kind != "vote" && d.link_kind != "questionnaire" && d.link_kind != "tender")
          di.add_error("link_kind", "关联应为 need、proposal、vote、questionnaire 或 tender",
                       "link_kind must be need, proposal, vote, questionnaire or tender");
        if (d.link_kind.empty() != (d.link_id == 0))
          di.add_error("link_id", "关联类型和编号要一起填", "link_kind and link_id go together");
        try {
          di.finish();
        } catch (const Error& e) {
          for (const auto& fe : e.fields())
            in.add_error("decisions[" + std::to_string(n) + "]." + fe.field, fe.zh, fe.en);
        }
        decisions.push_back(std::move(d));
      }
  }
  in.finish();
  return app.db.write([&](Connection& c) {
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
    store::NewMeeting nm{
        kind,       title,        held_on, place, attendees, minutes, courtyard.value_or(0),
        attendance, who.user_id()};
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
    return json::object{{"id", id}, {"kind", kind}, {"title", title}, {"held_on", held_on}};
  });
}

json::array list_meetings(App& app, I cid, bool with_attendees) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    json::array out;
    for (const auto& r : store::list_meetings(c, cid, 200)) {
      json::array decisions;
      for (const auto& d : r.decisions) {
        json::object o{{"body", d.body}};
        if (!d.link_kind.empty())
          o["link"] = json::object{{"kind", d.link_kind}, {"id", d.link_id}};
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
      if (with_attendees) m["attendees"] = r.attendees;
      out.push_back(std::move(m));
    }
    return out;
  });
}

}  // namespace xinyi::app
