// Renewal projects and restricted money, as pure rules: budgets that must balance, payment
// limits counted with pending requests, the acceptance threshold at its exact boundaries, the
// steps a project may take, and the ledger refusing charity money for anything but its uses.
#include <gtest/gtest.h>

#include <random>

#include "domain/ledger/books.h"
#include "domain/project.h"

namespace xinyi::project {
namespace {

using I = std::int64_t;

bool has_field(const std::vector<FieldError>& e, const std::string& f) {
  for (const auto& x : e)
    if (x.field == f) return true;
  return false;
}

TEST(ProjectBudget, SourcesMustSumExactlyToTheLines) {
  std::vector<Line> lines{{0, "大门", "5008", 2'800'000}, {0, "绿化", "5002", 1'200'000}};
  EXPECT_TRUE(check_budget(lines, {{Source::common, 0, 4'000'000}}).empty());
  EXPECT_TRUE(has_field(check_budget(lines, {{Source::common, 0, 3'999'999}}), "funding"));
  EXPECT_TRUE(has_field(check_budget(lines, {{Source::common, 0, 4'000'001}}), "funding"));
  EXPECT_TRUE(check_budget(lines, {{Source::common, 0, 1'000'000}, {Source::subsidy, 0, 3'000'000}})
                  .empty());
}

TEST(ProjectBudget, NamesEveryBadField) {
  auto e = check_budget({{0, "", "5008", 0}},
                        {{Source::courtyard_surplus, 0, 5}, {Source::courtyard_surplus, 0, 5}});
  EXPECT_TRUE(has_field(e, "lines[0].name"));
  EXPECT_TRUE(has_field(e, "lines[0].budget_fen"));
  EXPECT_TRUE(has_field(e, "funding[0].courtyard_id"));
  EXPECT_TRUE(has_field(e, "funding[1].source"));  // the same source twice
  EXPECT_TRUE(has_field(check_budget({}, {{Source::common, 0, 1}}), "lines"));
  EXPECT_TRUE(has_field(check_budget({{0, "x", "5008", 1}}, {}), "funding"));
  // Two courtyards' surpluses are two sources.
  EXPECT_TRUE(check_budget({{0, "保险", "5005", 10}},
                           {{Source::courtyard_surplus, 1, 4}, {Source::courtyard_surplus, 2, 6}})
                  .empty());
}

TEST(ProjectBudget, CharityMoneyOnlyForItsUses) {
  // ¥5,000 of charity money can pay only the micro-renewal line (¥3,000), not the insurance.
  std::vector<Line> lines{{0, "花坛", "5008", 300'000}, {0, "保险", "5005", 200'000}};
  EXPECT_TRUE(has_field(check_budget(lines, {{Source::charity, 0, 500'000}}), "funding"));
  EXPECT_TRUE(
      check_budget(lines, {{Source::charity, 0, 300'000}, {Source::common, 0, 200'000}}).empty());
  EXPECT_FALSE(
      check_budget(lines, {{Source::charity, 0, 300'001}, {Source::common, 0, 199'999}}).empty());
}

TEST(ProjectVote, RequiredWhenTheCommonFundReachesTheThreshold) {
  EXPECT_FALSE(vote_required({{Source::common, 0, 499'999}}, 500'000));
  EXPECT_TRUE(vote_required({{Source::common, 0, 500'000}}, 500'000));
  // Money given for the purpose, or a courtyard's surplus spent by its own plan: no vote.
  EXPECT_FALSE(vote_required({{Source::crowdfunding, 0, 9'000'000},
                              {Source::subsidy, 0, 9'000'000},
                              {Source::charity, 0, 9'000'000},
                              {Source::courtyard_surplus, 3, 9'000'000}},
                             500'000));
}

PaymentCheck base() {
  PaymentCheck p;
  p.amount_fen = 100;
  p.line_budget_fen = 1'000;
  p.source_allocated_fen = 1'000;
  p.contract_fen = 1'000;
  p.line_account = "5008";
  return p;
}

TEST(ProjectPayment, EachLimitAtItsBoundary) {
  auto p = base();
  p.amount_fen = 1'000;
  EXPECT_TRUE(check_payment(p).empty());
  p.line_committed_fen = 1;  // one fen already pending on the line
  EXPECT_TRUE(has_field(check_payment(p), "amount_fen"));
  p = base();
  p.source_committed_fen = 901;
  EXPECT_TRUE(has_field(check_payment(p), "source"));
  p.source_committed_fen = 900;
  EXPECT_TRUE(check_payment(p).empty());
  p = base();
  p.source_available_fen = 99;  // crowdfunding collected so far
  EXPECT_TRUE(has_field(check_payment(p), "source"));
  p.source_available_fen = 100;
  EXPECT_TRUE(check_payment(p).empty());
  p = base();
  p.contract_committed_fen = 901;
  EXPECT_TRUE(has_field(check_payment(p), "amount_fen"));
  p = base();
  p.amount_fen = 0;
  EXPECT_FALSE(check_payment(p).empty());
}

TEST(ProjectPayment, CharityMoneyNeverPaysAnotherUse) {
  auto p = base();
  p.source = Source::charity;
  p.line_account = "5005";
  EXPECT_TRUE(has_field(check_payment(p), "source"));
  for (const char* ok : {"5008", "5009", "5010"}) {
    p.line_account = ok;
    EXPECT_TRUE(check_payment(p).empty()) << ok;
  }
}

// However requests interleave, what the checks let through never exceeds the line, the source
// or the contract.
TEST(ProjectPayment, RandomRequestsNeverOverdraw) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 200; ++round) {
    I line = 1 + rng() % 100'000, source = 1 + rng() % 100'000, contract = 1 + rng() % 100'000;
    I committed = 0;
    for (int i = 0; i < 50; ++i) {
      PaymentCheck p;
      p.amount_fen = 1 + static_cast<I>(rng() % 30'000);
      p.line_budget_fen = line;
      p.line_committed_fen = committed;
      p.source_allocated_fen = source;
      p.source_committed_fen = committed;
      p.contract_fen = contract;
      p.contract_committed_fen = committed;
      p.line_account = "5008";
      if (check_payment(p).empty()) committed += p.amount_fen;
    }
    EXPECT_LE(committed, std::min({line, source, contract}));
  }
}

TEST(Crowdfunding, PaymentsNeverExceedThePledge) {
  EXPECT_TRUE(check_pledge_payment(50'000, 0, 50'000).empty());
  EXPECT_TRUE(check_pledge_payment(50'000, 30'000, 20'000).empty());
  EXPECT_FALSE(check_pledge_payment(50'000, 30'000, 20'001).empty());
  EXPECT_FALSE(check_pledge_payment(50'000, 0, 0).empty());
}

TEST(Acceptance, TurnoutAndMajorityAtTheBoundaries) {
  // 100 households, 20% turnout: 20 answers suffice, 19 do not.
  EXPECT_TRUE(questionnaire_accepts({100, 20, 11}, 20));
  EXPECT_FALSE(questionnaire_accepts({100, 19, 19}, 20));
  // More than half of those who answered: 10 of 20 is not enough.
  EXPECT_FALSE(questionnaire_accepts({100, 20, 10}, 20));
  // 7 households, 20%: 2 answers (200 ≥ 140) suffice, 1 (100 < 140) does not.
  EXPECT_TRUE(questionnaire_accepts({7, 2, 2}, 20));
  EXPECT_FALSE(questionnaire_accepts({7, 1, 1}, 20));
  EXPECT_FALSE(questionnaire_accepts({0, 0, 0}, 20));
  EXPECT_FALSE(may_close({10, 9, 9}, 999, 1'000));
  EXPECT_TRUE(may_close({10, 10, 0}, 999, 1'000));
  EXPECT_TRUE(may_close({10, 0, 0}, 1'000, 1'000));
}

// The `can` lists: a listed step is always one the state table allows, a person is offered only
// what their role's route takes, and an anonymous visitor nothing. Random facts over every state.
TEST(ProjectSteps, NextStepsAreAllowedByTheStateTableAndTheRole) {
  std::mt19937_64 rng(18);
  const Status statuses[] = {Status::proposed,    Status::budgeted,  Status::contracted,
                             Status::in_progress, Status::accepting, Status::accepted,
                             Status::settled,     Status::cancelled};
  Principal admin{1, true, {}};
  for (int i = 0; i < 20'000; ++i) {
    Facts f;
    f.status = statuses[rng() % 8];
    f.mode = rng() % 2 ? AcceptanceMode::committee : AcceptanceMode::questionnaire;
    f.has_questionnaire = rng() % 2;
    f.lines = rng() % 3;
    f.quotes = rng() % 3;
    f.unsigned_quotes = f.quotes ? static_cast<I>(rng() % (f.quotes + 1)) : 0;
    f.contracts = f.quotes - f.unsigned_quotes;
    f.milestones = rng() % 3;
    f.open_milestones = f.milestones ? static_cast<I>(rng() % (f.milestones + 1)) : 0;
    f.paid_fen = rng() % 2 ? 0 : 100;
    f.crowdfund_goal_fen = rng() % 2 ? 0 : 5'000;
    f.crowd_unspent_fen = rng() % 2 ? 0 : 10;
    f.open_pledges = rng() % 2;
    f.caller_signed_off = rng() % 2;
    f.pending_fen = rng() % 2 ? 0 : 50;
    f.crowd_pending_fen = f.pending_fen && rng() % 2 ? 50 : 0;
    f.vote_missing = rng() % 2;
    f.committee_members = rng() % 4;
    f.signoffs_required = 2;
    f.caller_unpledged_units = rng() % 2;
    const Role role = kAllRoles[rng() % 6];
    Principal p{2, false, {{7, role}}};
    EXPECT_TRUE(next_steps(f, nullptr, 7).empty());
    EXPECT_TRUE(next_steps(f, &p, 8).empty());  // a role in another compound counts for nothing
    for (Step s : next_steps(f, &p, 7)) {
      EXPECT_TRUE(allowed(f.status, action_of(s))) << to_string(s);
      EXPECT_TRUE(who_may(s).includes(role)) << to_string(s);
      EXPECT_TRUE(possible(f, s));
    }
    std::size_t n = 0;
    for (Step s : kAllSteps) n += possible(f, s) && !members_only(s);
    // The operator is refused nothing but a member's own signature.
    EXPECT_EQ(next_steps(f, &admin, 7).size(), n);
    if (f.status == Status::settled || f.status == Status::cancelled) {
      EXPECT_EQ(n, 0u);  // nothing happens to a closed project
    }
  }
}

// What the web used to decide for itself, and got wrong: a second contractor can be signed
// while the first works; a project that paid its contractor cannot be cancelled; a member who
// signed off is not offered it again; only the trustee pays.
TEST(ProjectSteps, TheStepsThePagesOffer) {
  Facts f;
  f.status = Status::contracted;
  f.lines = 1;
  f.quotes = 2;
  f.unsigned_quotes = 1;
  f.contracts = 1;
  EXPECT_TRUE(possible(f, Step::contract));
  EXPECT_TRUE(possible(f, Step::cancel));
  f.paid_fen = 1;
  EXPECT_FALSE(possible(f, Step::cancel));
  f.unsigned_quotes = 0;
  f.contracts = 2;
  EXPECT_FALSE(possible(f, Step::contract));  // no quote left to sign
  EXPECT_FALSE(possible(f, Step::quote));     // quotes are taken before the first contract
  Principal committee{2, false, {{7, Role::committee}}};
  Principal trustee{3, false, {{7, Role::trustee}}};
  auto names = [](const std::vector<Step>& v) {
    std::string out;
    for (Step s : v) out += std::string(to_string(s)) + " ";
    return out;
  };
  EXPECT_EQ(names(next_steps(f, &committee, 7)), "add_milestone ");
  EXPECT_EQ(names(next_steps(f, &trustee, 7)), "add_milestone pay ");
  f.status = Status::accepting;
  f.mode = AcceptanceMode::committee;
  EXPECT_EQ(names(next_steps(f, &committee, 7)), "signoff send_back ");
  f.caller_signed_off = true;
  EXPECT_EQ(names(next_steps(f, &committee, 7)), "send_back ");
  Principal admin{9, true, {}};
  EXPECT_EQ(names(next_steps(f, &admin, 7)), "pay ");  // never a member's signature
  f.mode = AcceptanceMode::questionnaire;
  f.has_questionnaire = true;
  EXPECT_EQ(names(next_steps(f, &committee, 7)), "close_acceptance ");
  EXPECT_EQ(names(next_steps(f, &trustee, 7)), "pay ");
  // What the server would refuse on what is on record is not offered: acceptance with a
  // milestone open or too few members to sign, settling with a payment pending or crowdfunding
  // left to give back, refunding while a crowdfunding payment waits, a contract the owners have
  // not voted for.
  f.status = Status::in_progress;
  f.milestones = 2;
  f.open_milestones = 1;
  EXPECT_FALSE(possible(f, Step::start_acceptance));
  f.open_milestones = 0;
  EXPECT_TRUE(possible(f, Step::start_acceptance));
  f.mode = AcceptanceMode::committee;
  f.signoffs_required = 2;
  f.committee_members = 1;
  EXPECT_FALSE(possible(f, Step::start_acceptance));
  f.status = Status::accepted;
  f.pending_fen = 100;
  EXPECT_FALSE(possible(f, Step::settle));
  f.pending_fen = 0;
  f.crowd_unspent_fen = 30;
  EXPECT_FALSE(possible(f, Step::settle));
  EXPECT_TRUE(possible(f, Step::refund_crowdfunding));
  f.crowd_pending_fen = 10;
  EXPECT_FALSE(possible(f, Step::refund_crowdfunding));
  f.status = Status::budgeted;
  f.unsigned_quotes = 1;
  f.vote_missing = true;
  EXPECT_FALSE(possible(f, Step::contract));
}

TEST(ProjectSteps, EachActionOnlyWhereItBelongs) {
  EXPECT_TRUE(allowed(Status::proposed, Action::budget));
  EXPECT_FALSE(allowed(Status::contracted, Action::budget));
  EXPECT_FALSE(allowed(Status::proposed, Action::contract));   // a budget first
  EXPECT_TRUE(allowed(Status::contracted, Action::contract));  // several contractors
  EXPECT_FALSE(allowed(Status::budgeted, Action::pay));
  EXPECT_TRUE(allowed(Status::accepted, Action::pay));  // the retention after acceptance
  EXPECT_FALSE(allowed(Status::settled, Action::pay));
  EXPECT_FALSE(allowed(Status::contracted, Action::start_acceptance));
  EXPECT_TRUE(allowed(Status::in_progress, Action::start_acceptance));
  EXPECT_FALSE(allowed(Status::in_progress, Action::settle));
  EXPECT_TRUE(allowed(Status::accepted, Action::settle));
  EXPECT_TRUE(allowed(Status::in_progress, Action::cancel));
  EXPECT_FALSE(allowed(Status::accepted, Action::cancel));
  EXPECT_FALSE(allowed(Status::cancelled, Action::pledge));
  for (auto s : {Status::proposed, Status::budgeted, Status::contracted, Status::in_progress,
                 Status::accepting, Status::accepted, Status::settled, Status::cancelled})
    EXPECT_EQ(parse_status(to_string(s)), s);
}

}  // namespace
}  // namespace xinyi::project

namespace xinyi::ledger {
namespace {

Transaction spend(const char* expense, const char* cash) {
  Transaction t;
  t.date = "2026-11-01";
  t.kind = "disbursement";
  t.description = "支出";
  t.postings = {{expense, 10'000, 0}, {cash, -10'000, 0}};
  return t;
}

TEST(CharityMoney, TheLedgerRefusesEveryOtherUse) {
  const auto& chart = chart_template();
  auto ok = [&](const Transaction& t) {
    return validate(t, chart, [](std::int64_t) { return true; }).empty();
  };
  for (const char* use : {"5008", "5009", "5010"}) EXPECT_TRUE(ok(spend(use, "1002"))) << use;
  // Wages, remuneration, the payable to the trustee, and any other expense: refused.
  for (const char* other :
       {"5004", "5007", "2001", "5001", "5005", "5006", "2002", "2003", "3001", "1001"})
    EXPECT_FALSE(ok(spend(other, "1002"))) << other;
  EXPECT_TRUE(ok(spend("5011", "1002")));  // the account's own bank charges
  // The same expenses from the basic account are fine.
  for (const char* other : {"5004", "5007", "2001", "5001"})
    EXPECT_TRUE(ok(spend(other, "1001"))) << other;
  // A donation (charity account in, donations income) is fine; so is its reversal.
  Transaction d;
  d.date = "2026-11-01";
  d.kind = "journal";
  d.description = "捐赠";
  d.postings = {{"1002", 5'000, 0}, {"4005", -5'000, 0}};
  EXPECT_TRUE(ok(d));
  EXPECT_TRUE(ok(reversal_of(d, "2026-11-02", "冲正", 1)));
}

}  // namespace
}  // namespace xinyi::ledger
