// Routes: decisions: proposals, votes and ballots (online and paper), committees, tenders; and
// their JSON (issue 18: the use cases in app/vote_service.h take and return structs).
#include "http/routes/routes.h"

#include "app/vote_service.h"
#include "domain/billing.h"
#include "domain/ledger/books.h"
#include "domain/ledger/merkle.h"
#include "domain/registry.h"
#include "domain/text.h"
#include "http/json_in.h"

namespace xinyi::http::routes {

namespace {

using I = std::int64_t;

constexpr std::size_t kMaxTitle = 100;
constexpr std::size_t kMaxBody = 4000;

// ---- Decoders: types, lengths and ranges (the use cases apply the rules).

// `choices`: a list of option numbers (empty abstains); the use case checks them against the
// vote's options.
std::vector<int> choices_in(JsonIn& in) {
  std::vector<int> out;
  const json::value* arr = in.get("choices");
  if (!arr || !arr->is_array()) {
    in.add_error("choices", "应为所选项的编号列表（空列表为弃权）",
                 "must be a list of option numbers (empty to abstain)");
    return out;
  }
  for (const auto& x : arr->as_array()) {
    if (!x.is_int64() || x.as_int64() < 0 || x.as_int64() > 1000) {
      in.add_error("choices", "选项编号应为从 0 起的整数", "option numbers are integers from 0");
      return {};
    }
    out.push_back(static_cast<int>(x.as_int64()));
  }
  return out;
}

app::ProposalInput proposal_in(std::string_view body) {
  JsonIn in(body);
  app::ProposalInput p{in.str("title", kMaxTitle), in.str("body", kMaxBody)};
  in.finish();
  return p;
}

// The vote, and whether to open it at once ("open").
std::pair<app::NewVote, bool> vote_in(std::string_view body) {
  JsonIn in(body);
  app::NewVote v;
  v.title = in.str("title", kMaxTitle);
  v.description = in.opt_str("description", kMaxBody).value_or("");
  v.matter = static_cast<int>(in.i64("matter", vote::kMinMatter, vote::kMaxMatter));
  v.kind = in.opt_str("kind", 10).value_or("motion");
  v.seats = static_cast<int>(in.opt_i64("seats", 1, static_cast<I>(vote::kMaxOptions)).value_or(1));
  v.secret = in.boolean("secret", true);
  v.closes_at = in.i64("closes_at", 0, INT64_MAX);
  v.proposal_id = in.opt_i64("proposal_id", 1, INT64_MAX).value_or(0);
  bool open_now = in.boolean("open", false);
  if (const json::value* opts = in.get("options")) {
    if (!opts->is_array() || opts->as_array().size() > vote::kMaxOptions) {
      in.add_error("options", "应为不超过 30 个选项的列表", "must be a list of at most 30 options");
    } else {
      for (const auto& o : opts->as_array()) {
        if (!o.is_string() || o.as_string().empty() || text::length(o.as_string()) > kMaxTitle) {
          in.add_error("options", "每个选项应为 1–100 字的文字",
                       "each option must be 1–100 characters of text");
          break;
        }
        v.options.emplace_back(o.as_string());
      }
    }
  }
  in.finish();
  return {std::move(v), open_now};
}

app::BallotInput ballot_in(std::string_view body) {
  JsonIn in(body);
  app::BallotInput b;
  b.unit_id = in.opt_i64("unit_id", 1, INT64_MAX);
  b.choices = choices_in(in);
  in.finish();
  return b;
}

app::PaperBallotInput paper_ballot_in(std::string_view body) {
  JsonIn in(body);
  app::PaperBallotInput r;
  r.unit_id = in.i64("unit_id", 1, INT64_MAX);
  r.voucher_sha256 = in.str("voucher_sha256", 64);
  r.replace = in.boolean("replace", false);
  r.choices = choices_in(in);
  in.finish();
  return r;
}

// {"entered_at": ms} as listed.
I countersign_in(std::string_view body) {
  JsonIn in(body);
  I seen = in.i64("entered_at", 0, INT64_MAX);
  in.finish();
  return seen;
}

app::CommitteeInput committee_in(std::string_view body) {
  JsonIn in(body);
  app::CommitteeInput k;
  k.kind = in.str("kind", 10);
  k.name = in.str("name", registry::kMaxNameChars);
  k.min_size = in.i64("min_size", 1, 99);
  k.max_size = in.i64("max_size", 1, 99);
  k.term_from = in.opt_str("term_from", 10).value_or("");
  k.term_to = in.opt_str("term_to", 10).value_or("");
  k.vote_id = in.opt_i64("vote_id", 1, INT64_MAX);
  in.finish();
  return k;
}

app::NomineeInput nominee_in(std::string_view body) {
  JsonIn in(body);
  app::NomineeInput m;
  m.name = in.str("name", registry::kMaxNameChars);
  m.channel = in.str("channel", 20);
  m.resident_rep = in.boolean("resident_rep", true);
  m.affiliation = in.opt_str("affiliation", 60).value_or("");
  m.position = in.opt_str("position", 30).value_or("委员");
  m.login = in.opt_str("login", 64).value_or("");
  in.finish();
  return m;
}

app::TenderInput tender_in(std::string_view body) {
  JsonIn in(body);
  app::TenderInput t;
  t.title = in.str("title", kMaxTitle);
  t.scope = in.str("scope", kMaxBody);
  t.criteria = in.str("criteria", kMaxBody);
  t.closes_on = in.str("closes_on", 10);
  if (!t.closes_on.empty() && !ledger::valid_date(t.closes_on))
    in.add_error("closes_on", "应为 YYYY-MM-DD", "must be YYYY-MM-DD");
  in.finish();
  return t;
}

app::BidInput bid_in(std::string_view body) {
  JsonIn in(body);
  app::BidInput b;
  b.provider = in.str("provider", registry::kMaxNameChars);
  b.price_fen_per_m2_month = in.i64("price_fen_per_m2_month", 0, billing::kMaxRateFenPerM2Month);
  b.remuneration_bp = in.i64("remuneration_bp", 0, 5000);
  b.plan = in.str("plan", kMaxBody);
  const json::value* d = in.get("documents");
  in.finish();
  if (!d) return b;
  if (!d->is_array() || d->as_array().size() > 20)
    throw_invalid({{"documents", "应为不超过 20 个凭证 SHA-256 的列表",
                    "must be a list of at most 20 voucher hashes"}});
  for (const auto& x : d->as_array()) {
    if (!x.is_string() || !ledger::from_hex(std::string(x.as_string())))
      throw_invalid({{"documents", "应为已上传凭证的 SHA-256",
                      "must be SHA-256 hashes of uploaded vouchers"}});
    b.documents.emplace_back(x.as_string());
  }
  return b;
}

// {"closes_at": ms, "secret"?: bool}
std::pair<I, bool> tender_vote_in(std::string_view body) {
  JsonIn in(body);
  I closes_at = in.i64("closes_at", 0, INT64_MAX);
  bool secret = in.boolean("secret", true);
  in.finish();
  return {closes_at, secret};
}

// ---- Encoders.

json::object turnout_json(const app::Turnout& t) {
  return json::object{{"voted_owners", t.voted_owners},
                      {"voted_area_centi_m2", t.voted_area_centi_m2},
                      {"paper_ballots", t.paper_counted},
                      {"paper_ballots_awaiting_countersignature", t.paper_awaiting},
                      {"total_owners", t.total_owners},
                      {"total_area_centi_m2", t.total_area_centi_m2},
                      {"quorum_owners", t.quorum_owners},
                      {"quorum_area_centi_m2", t.quorum_area_centi_m2},
                      {"quorum_met", t.quorum_met}};
}

json::array options_json(const store::VoteRec& v) {
  json::array opts;
  for (std::size_t i = 0; i < v.options.size(); ++i) {
    json::object o{{"n", static_cast<I>(i)}, {"label", v.options[i]}};
    if (v.option_bid_ids[i]) o["bid_id"] = v.option_bid_ids[i];
    opts.push_back(std::move(o));
  }
  return opts;
}

json::object vote_json(const app::VoteView& view) {
  const store::VoteRec& v = view.vote;
  json::object o{{"id", v.id},
                 {"title", v.title},
                 {"description", v.description},
                 {"matter", v.matter},
                 {"matter_zh", vote::matter_zh(v.matter)},
                 {"matter_en", vote::matter_en(v.matter)},
                 {"threshold", vote::is_special(v.matter) ? "3/4" : ">1/2"},
                 {"kind", v.kind},
                 {"seats", v.seats},
                 {"secret", v.secret},
                 {"status", v.status},
                 {"closes_at", v.closes_at_ms},
                 {"options", options_json(v)}};
  if (v.proposal_id) o["proposal_id"] = v.proposal_id;
  if (v.tender_id) o["tender_id"] = v.tender_id;
  if (view.turnout) {
    o["opens_at"] = v.opens_at_ms;
    o["turnout"] = turnout_json(*view.turnout);
  }
  if (v.status == "closed" && v.result) {
    o["closed_at"] = v.closed_at_ms;
    o["passed"] = v.passed;
    o["result"] = vote::result_json(*v.result, v.options);  // labels as this view shows them
  }
  return o;
}

json::array votes_json(const std::vector<app::VoteView>& views) {
  json::array out;
  for (const auto& v : views) out.push_back(vote_json(v));
  return out;
}

json::array proposals_json(const std::vector<app::ProposalView>& list) {
  json::array out;
  for (const auto& [p, vote_ids] : list) {
    json::array votes;
    for (I v : vote_ids) votes.push_back(v);
    out.push_back(json::object{{"id", p.id},
                               {"title", p.title},
                               {"body", p.body},
                               {"status", p.status},
                               {"created_at", p.created_at_ms},
                               {"comments", p.comments},
                               {"votes", std::move(votes)}});
  }
  return out;
}

json::array comments_json(const std::vector<store::CommentRec>& list) {
  json::array out;
  for (const auto& k : list)
    out.push_back(json::object{
        {"id", k.id}, {"author", k.author_name}, {"body", k.body}, {"at", k.created_at_ms}});
  return out;
}

json::object receipts_json(const app::VoteReceipts& r) {
  json::array list;
  for (const auto& b : r.ballots)
    list.push_back(json::object{{"receipt", b.receipt}, {"choices", texts_json(b.choices)}});
  return json::object{
      {"vote_id", r.vote.id}, {"options", options_json(r.vote)}, {"ballots", std::move(list)}};
}

json::object my_ballot_json(const app::MyStanding& m) {
  json::array mine;
  for (const auto& e : m.electors) {
    json::object o{{"units", texts_json(e.units)}, {"area_centi_m2", e.area_centi_m2}};
    o["unit_id"] = e.unit_id;
    if (e.ballot)
      o["ballot"] = json::object{{"receipt", e.ballot->receipt},
                                 {"choices", texts_json(e.ballot->choices)},
                                 {"choice_numbers", json::value_from(e.ballot->choice_numbers)},
                                 {"channel", e.ballot->channel},
                                 {"cast_at", e.ballot->cast_at_ms},
                                 {"counted", e.ballot->counted}};
    else
      o["ballot"] = nullptr;
    mine.push_back(std::move(o));
  }
  return json::object{
      {"vote_id", m.vote_id}, {"eligible", !mine.empty()}, {"electors", std::move(mine)}};
}

json::array roll_json(const std::vector<app::RollLine>& roll) {
  json::array out;
  for (const auto& r : roll)
    out.push_back(json::object{{"units", texts_json(r.units)},
                               {"choices", texts_json(r.choices)},
                               {"channel", r.channel}});
  return out;
}

json::array paper_ballots_json(const std::vector<app::PaperBallotView>& list) {
  json::array out;
  for (const auto& b : list)
    out.push_back(json::object{{"ballot", b.ballot_no},
                               {"units", texts_json(b.units)},
                               {"choices", texts_json(b.choices)},
                               {"voucher_sha256", b.voucher_sha256},
                               {"entered_at", b.entered_at_ms},
                               {"entered_by", b.entered_by},
                               {"entered_by_id", opt_json(b.entered_by_id)},
                               {"countersigned_by", b.countersigned_by},
                               {"countersigned_at", opt_json(b.countersigned_at_ms)},
                               {"counted", b.countersigned_at_ms.has_value()}});
  return out;
}

json::array committees_json(const std::vector<app::CommitteeView>& list) {
  json::array out;
  for (const auto& view : list) {
    const auto& k = view.committee;
    json::array members;
    for (const auto& m : view.members)
      members.push_back(json::object{{"name", m.name},
                                     {"channel", m.channel},
                                     {"resident_rep", m.resident_rep},
                                     {"affiliation", m.affiliation},
                                     {"position", m.position},
                                     {"status", m.status}});
    json::object o{{"id", k.id},
                   {"kind", k.kind},
                   {"name", k.name},
                   {"status", k.status},
                   {"min_size", k.min_size},
                   {"max_size", k.max_size},
                   {"term_from", k.term_from},
                   {"term_to", k.term_to},
                   {"members", std::move(members)},
                   {"resident_reps", view.resident_reps},
                   {"composition_ok", !view.breach.has_value()}};
    if (view.breach) o["composition_zh"] = view.breach->zh, o["composition_en"] = view.breach->en;
    if (k.vote_id) o["vote_id"] = k.vote_id;
    if (k.established_at_ms) o["established_at"] = k.established_at_ms;
    if (view.petition_households) o["petition_households"] = *view.petition_households;
    out.push_back(std::move(o));
  }
  return out;
}

json::array tenders_json(const std::vector<app::TenderView>& list) {
  json::array out;
  for (const auto& view : list) {
    const auto& t = view.tender;
    json::array bids;
    for (const auto& [b, monthly_fen, awarded] : view.bids)
      bids.push_back(json::object{{"id", b.id},
                                  {"provider", b.provider},
                                  {"price_fen_per_m2_month", b.price_fen_per_m2_month},
                                  {"remuneration_bp", b.remuneration_bp},
                                  {"monthly_fen", monthly_fen.value},
                                  {"plan", b.plan},
                                  {"documents", texts_json(b.documents)},
                                  {"awarded", awarded}});
    json::object o{{"id", t.id},
                   {"title", t.title},
                   {"scope", t.scope},
                   {"criteria", t.criteria},
                   {"status", t.status},
                   {"closes_on", t.closes_on},
                   {"area_centi_m2", view.area_centi_m2},
                   {"bids", std::move(bids)}};
    if (t.vote_id) o["vote_id"] = t.vote_id;
    out.push_back(std::move(o));
  }
  return out;
}

void add_public_routes(Router& r) {
  r.add("GET", kPublicCompound + "/votes", Rule::anyone(), [](Ctx& x) {
    return json_response(200, votes_json(app::list_votes(x.app, x.caller, x.compound())));
  });
  r.add("GET", kPublicCompound + "/votes/{vid}", Rule::anyone(), [](Ctx& x) {
    return json_response(200, vote_json(app::get_vote(x.app, x.caller, x.compound(), x.id("vid"))));
  });
  r.add("GET", kPublicCompound + "/votes/{vid}/receipts", Rule::anyone(), [](Ctx& x) {
    return json_response(200, receipts_json(app::vote_receipts(x.app, x.compound(), x.id("vid"))));
  });
  r.add("GET", kPublicCompound + "/proposals", Rule::anyone(), [](Ctx& x) {
    return json_response(200, proposals_json(app::list_proposals(x.app, x.compound())));
  });
  r.add("GET", kPublicCompound + "/committees", Rule::anyone(), [](Ctx& x) {
    return json_response(200, committees_json(app::list_committees(x.app, x.compound())));
  });
  r.add("GET", kPublicCompound + "/tenders", Rule::anyone(), [](Ctx& x) {
    return json_response(200, tenders_json(app::list_tenders(x.app, x.compound())));
  });
}

void add_proposal_routes(Router& r) {
  r.add("POST", kCompound + "/proposals", Rule::in_compound({R, C, S}), [](Ctx& x) {
    auto p = app::create_proposal(x.app, x.caller, x.compound(), proposal_in(x.req.body));
    return json_response(
        201,
        json::object{{"id", p.id}, {"title", p.title}, {"body", p.body}, {"status", p.status}});
  });
  r.add("GET", kCompound + "/proposals/{id}/comments", Rule::in_compound({R, C, T, S, A}),
        [](Ctx& x) {
          return json_response(200,
                               comments_json(app::list_comments(x.app, x.compound(), x.id("id"))));
        });
  r.add("POST", kCompound + "/proposals/{id}/comments", Rule::in_compound({R, C, T, S}),
        [](Ctx& x) {
          auto k = app::add_comment(x.app, x.caller, x.compound(), x.id("id"),
                                    text_in(x.req.body, "body", kMaxBody));
          return json_response(201, json::object{{"id", k.id}, {"body", k.body}});
        });
}

void add_ballot_routes(Router& r) {
  r.add("POST", kCompound + "/votes", Rule::in_compound({C, S}), [](Ctx& x) {
    auto [v, open_now] = vote_in(x.req.body);
    return json_response(201,
                         vote_json(app::create_vote(x.app, x.caller, x.compound(), v, open_now)));
  });
  r.add("POST", kCompound + "/votes/{id}/open", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(200, vote_json(app::open_vote(x.app, x.caller, x.compound(), x.id("id"))));
  });
  r.add("POST", kCompound + "/votes/{id}/close", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(200,
                         vote_json(app::close_vote(x.app, x.caller, x.compound(), x.id("id"))));
  });
  r.add("POST", kCompound + "/votes/{id}/ballot", Rule::in_compound({R}), [](Ctx& x) {
    auto b = app::cast_ballot(x.app, x.caller, x.compound(), x.id("id"), ballot_in(x.req.body));
    return json_response(200, json::object{{"vote_id", b.vote_id},
                                           {"receipt", b.receipt},
                                           {"choices", texts_json(b.choices)},
                                           {"changed", b.changed},
                                           {"cast_at", b.cast_at_ms}});
  });
  r.add("GET", kCompound + "/votes/{id}/my", Rule::in_compound({R}), [](Ctx& x) {
    return json_response(200,
                         my_ballot_json(app::my_ballot(x.app, x.caller, x.compound(), x.id("id"))));
  });
  r.add("POST", kCompound + "/votes/{id}/paper-ballots", Rule::in_compound({C}), [](Ctx& x) {
    const auto in = paper_ballot_in(x.req.body);
    const I vid = x.id("id");
    auto e = app::enter_paper_ballot(x.app, x.caller, x.compound(), vid, in);
    // The committee writes the receipt code on the paper ballot's stub for the owner. It counts
    // once a second person countersigns it.
    return json_response(201, json::object{{"vote_id", vid},
                                           {"unit_id", in.unit_id},
                                           {"ballot", e.ballot_no},
                                           {"receipt", e.receipt},
                                           {"replaced", e.replaced},
                                           {"counted", false},
                                           {"entered_at", e.entered_at_ms}});
  });
  r.add("GET", kCompound + "/votes/{id}/paper-ballots", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(
        200, paper_ballots_json(app::list_paper_ballots(x.app, x.compound(), x.id("id"))));
  });
  r.add("GET", kCompound + "/votes/{id}/paper-ballots/{ballot}/scan", Rule::in_compound({C, S}),
        [](Ctx& x) {
          return upload_response(
              app::paper_ballot_scan(x.app, x.compound(), x.id("id"), x.id("ballot")),
              "ballot-scan", "private, no-store");
        });
  r.add("POST", "/api/v1/compounds/{cid}/votes/{id}/paper-ballots/{ballot}/countersign",
        Rule::in_compound({C, S}), [](Ctx& x) {
          const I vid = x.id("id"), no = x.id("ballot");
          app::countersign_paper_ballot(x.app, x.caller, x.compound(), vid, no,
                                        countersign_in(x.req.body));
          return json_response(200,
                               json::object{{"vote_id", vid}, {"ballot", no}, {"counted", true}});
        });
  r.add("GET", kCompound + "/votes/{id}/roll", Rule::in_compound({R, C, T, S, A}), [](Ctx& x) {
    return json_response(200, roll_json(app::vote_roll(x.app, x.compound(), x.id("id"))));
  });
}

void add_committee_routes(Router& r) {
  r.add("POST", kCompound + "/committees", Rule::in_compound({C, S}), [](Ctx& x) {
    auto k = app::create_committee(x.app, x.caller, x.compound(), committee_in(x.req.body));
    return json_response(
        201, json::object{{"id", k.id}, {"kind", k.kind}, {"name", k.name}, {"status", k.status}});
  });
  r.add("POST", kCompound + "/committees/{id}/members", Rule::in_compound({C, S}), [](Ctx& x) {
    auto m =
        app::nominate_member(x.app, x.caller, x.compound(), x.id("id"), nominee_in(x.req.body));
    return json_response(201, json::object{{"id", m.id},
                                           {"name", m.name},
                                           {"channel", m.channel},
                                           {"resident_rep", m.resident_rep}});
  });
  r.add("POST", kCompound + "/committees/{id}/establish", Rule::in_compound({S}), [](Ctx& x) {
    auto k = app::establish_committee(x.app, x.caller, x.compound(), x.id("id"));
    return json_response(
        200, json::object{{"id", k.id},
                          {"status", "serving"},
                          {"members", k.members},
                          {"resident_reps", k.resident_reps},
                          {"roles_awaiting_confirmation", k.roles_awaiting_confirmation}});
  });
  r.add("POST", kCompound + "/petitions/pmc", Rule::in_compound({R}), [](Ctx& x) {
    auto p = app::sign_petition(x.app, x.caller, x.compound());
    return json_response(
        200, json::object{{"signed_units", p.signed_units}, {"households", p.households}});
  });
}

void add_tender_routes(Router& r) {
  r.add("POST", kCompound + "/tenders", Rule::in_compound({C, S}), [](Ctx& x) {
    auto t = app::create_tender(x.app, x.caller, x.compound(), tender_in(x.req.body));
    return json_response(201, json::object{{"id", t.id}, {"title", t.title}, {"status", t.status}});
  });
  r.add("POST", kCompound + "/tenders/{id}/bids", Rule::in_compound({C, S}), [](Ctx& x) {
    auto b = app::add_bid(x.app, x.caller, x.compound(), x.id("id"), bid_in(x.req.body));
    return json_response(201, json::object{{"id", b.id},
                                           {"provider", b.provider},
                                           {"price_fen_per_m2_month", b.price_fen_per_m2_month},
                                           {"remuneration_bp", b.remuneration_bp}});
  });
  r.add("POST", kCompound + "/tenders/{id}/vote", Rule::in_compound({C, S}), [](Ctx& x) {
    auto [closes_at, secret] = tender_vote_in(x.req.body);
    return json_response(201, vote_json(app::put_tender_to_vote(x.app, x.caller, x.compound(),
                                                                x.id("id"), closes_at, secret)));
  });
}

}  // namespace

void add_votes_routes(Router& r) {
  add_public_routes(r);
  add_proposal_routes(r);
  add_ballot_routes(r);
  add_committee_routes(r);
  add_tender_routes(r);
}

}  // namespace xinyi::http::routes
