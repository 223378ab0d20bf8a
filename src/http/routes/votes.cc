// Routes: decisions: proposals, votes and ballots (online and paper), committees, tenders.
#include "http/routes/routes.h"

#include "app/vote_service.h"

namespace xinyi::http::routes {

void add_votes_routes(Router& r) {
  r.add("GET", kPublicCompound + "/votes", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::list_votes(x.app, x.caller, x.id("id"))); });
  r.add("GET", kPublicCompound + "/votes/{vid}", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::get_vote(x.app, x.caller, x.id("id"), x.id("vid")));
  });
  r.add("GET", kPublicCompound + "/votes/{vid}/receipts", Rule::anyone(), [](Ctx& x) {
    return json_response(200, app::vote_receipts(x.app, x.id("id"), x.id("vid")));
  });
  r.add("GET", kPublicCompound + "/proposals", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::list_proposals(x.app, x.id("id"))); });
  r.add("GET", kPublicCompound + "/committees", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::list_committees(x.app, x.id("id"))); });
  r.add("GET", kPublicCompound + "/tenders", Rule::anyone(),
        [](Ctx& x) { return json_response(200, app::list_tenders(x.app, x.id("id"))); });
  r.add("POST", kCompound + "/proposals", Rule::in_compound({R, C, S}), [](Ctx& x) {
    return json_response(201, app::create_proposal(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("GET", kCompound + "/proposals/{id}/comments", Rule::in_compound({R, C, T, S, A}),
        [](Ctx& x) {
          return json_response(200, app::list_comments(x.app, x.id("cid"), x.id("id")));
        });
  r.add("POST", kCompound + "/proposals/{id}/comments", Rule::in_compound({R, C, T, S}),
        [](Ctx& x) {
          return json_response(
              201, app::add_comment(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
        });
  r.add("POST", kCompound + "/votes", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::create_vote(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", kCompound + "/votes/{id}/open", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(200, app::open_vote(x.app, x.caller, x.id("cid"), x.id("id")));
  });
  r.add("POST", kCompound + "/votes/{id}/close", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(200, app::close_vote(x.app, x.caller, x.id("cid"), x.id("id")));
  });
  r.add("POST", kCompound + "/votes/{id}/ballot", Rule::in_compound({R}), [](Ctx& x) {
    return json_response(200,
                         app::cast_ballot(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("GET", kCompound + "/votes/{id}/my", Rule::in_compound({R}), [](Ctx& x) {
    return json_response(200, app::my_ballot(x.app, x.caller, x.id("cid"), x.id("id")));
  });
  r.add("POST", kCompound + "/votes/{id}/paper-ballots", Rule::in_compound({C}), [](Ctx& x) {
    return json_response(
        201, app::enter_paper_ballot(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("GET", kCompound + "/votes/{id}/paper-ballots", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(200, app::list_paper_ballots(x.app, x.id("cid"), x.id("id")));
  });
  r.add("GET", kCompound + "/votes/{id}/paper-ballots/{ballot}/scan", Rule::in_compound({C, S}),
        [](Ctx& x) {
          return upload_response(
              app::paper_ballot_scan(x.app, x.id("cid"), x.id("id"), x.id("ballot")), "ballot-scan",
              "private, no-store");
        });
  r.add("POST", "/api/v1/compounds/{cid}/votes/{id}/paper-ballots/{ballot}/countersign",
        Rule::in_compound({C, S}), [](Ctx& x) {
          return json_response(
              200, app::countersign_paper_ballot(x.app, x.caller, x.id("cid"), x.id("id"),
                                                 x.id("ballot"), x.req.body));
        });
  r.add("GET", kCompound + "/votes/{id}/roll", Rule::in_compound({R, C, T, S, A}),
        [](Ctx& x) { return json_response(200, app::vote_roll(x.app, x.id("cid"), x.id("id"))); });
  r.add("POST", kCompound + "/committees", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::create_committee(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", kCompound + "/committees/{id}/members", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(
        201, app::nominate_member(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("POST", kCompound + "/committees/{id}/establish", Rule::in_compound({S}), [](Ctx& x) {
    return json_response(200, app::establish_committee(x.app, x.caller, x.id("cid"), x.id("id")));
  });
  r.add("POST", kCompound + "/petitions/pmc", Rule::in_compound({R}), [](Ctx& x) {
    return json_response(200, app::sign_petition(x.app, x.caller, x.id("cid")));
  });
  r.add("POST", kCompound + "/tenders", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::create_tender(x.app, x.caller, x.id("cid"), x.req.body));
  });
  r.add("POST", kCompound + "/tenders/{id}/bids", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(201, app::add_bid(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
  r.add("POST", kCompound + "/tenders/{id}/vote", Rule::in_compound({C, S}), [](Ctx& x) {
    return json_response(
        201, app::put_tender_to_vote(x.app, x.caller, x.id("cid"), x.id("id"), x.req.body));
  });
}

}  // namespace xinyi::http::routes
