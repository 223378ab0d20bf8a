// Where each courtyard stands (SPEC §3 model 3, §4): the trustee's remuneration booked per
// period by the contract's percentage, shared costs split between courtyards with no fen lost
// or created, and the courtyard settlement statement.
//
// Remuneration: basis points (1 % = 100) of the period's costs — expense postings dated in the
// period, except the remuneration itself and what charity money paid — rounded half up per
// courtyard, booked once per period as expense 5007 against payable-to-trustee 2001.
//
// Shared costs: a cost booked for the compound as a whole (courtyard 0) is moved onto the
// courtyards by area, by unit count or by fixed shares (largest remainder), as one entry of
// kind "allocation" whose postings show the split.
//
// Settlement: per courtyard and period — carried forward from before, fee income, other
// income, own costs, allocated costs, surplus or deficit, and carried forward after. It ties to
// the ledger: every figure is a sum of postings.
// Typed (issue 18): inputs and results are the structs below and domain/settlement.h; the JSON
// that carries them is in http/routes/billing.cc, the printed notice in report/notice_pdf.h.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "domain/settlement.h"

namespace xinyi::app {

// The trust contract's remuneration: basis points (1 % = 100) of costs, at most 50 %.
inline constexpr std::int64_t kMaxRemunerationBp = 5'000;
struct ContractTerms {
  std::int64_t remuneration_bp = 0;
};
ContractTerms set_contract(App& app, const Caller& who, CompoundId cid, const ContractTerms& t);

struct RemunerationBooked {
  std::string period;
  std::int64_t remuneration_bp = 0;
  Fen costs_fen, amount_fen;
  std::optional<std::int64_t> entry_index;  // nullopt: nothing was due
};
// 409 when the period is booked already.
RemunerationBooked book_remuneration(App& app, const Caller& who, CompoundId cid,
                                     const std::string& period);

enum class SplitRule { area, units, fixed };
const char* to_string(SplitRule r);
std::optional<SplitRule> parse_split_rule(std::string_view text);
inline constexpr std::int64_t kMaxCostShare = 1'000'000;
struct SharedCost {
  std::string description, date;  // date YYYY-MM-DD
  Fen amount_fen;
  std::string expense_account;
  SplitRule rule = SplitRule::area;
  std::map<std::int64_t, std::int64_t> fixed_shares;  // courtyard → share 0…kMaxCostShare (fixed)
};
struct CourtyardShare {
  std::int64_t courtyard_id = 0;
  std::string name;
  std::int64_t weight = 0;
  Fen amount_fen;
};
struct SharedCostBooked {
  std::int64_t entry_index = 0;
  Fen amount_fen;
  SplitRule rule = SplitRule::area;
  std::vector<CourtyardShare> split;  // every courtyard, in order; the parts add up to the amount
};
SharedCostBooked allocate_shared_cost(App& app, const Caller& who, CompoundId cid,
                                      const SharedCost& cost);

// 400 when the period is not like 2025-03, 2025-Q1 or 2025.
settle::Settlement settlement(App& app, CompoundId cid, const std::string& period);

// A courtyard's plan for spending its surplus in a year (cameras, emergency lights, insurance
// for every household …): items with planned amounts and the decision behind them. Payments
// name the item they carry out (request_disbursement's plan_item_id); each item shows planned
// against spent (executed payments only).
struct PlanItemInput {
  std::int64_t courtyard_id = 0, year = 0;
  std::string item;
  Fen planned_fen;
  std::string decision;
};
struct PlanItem {
  std::int64_t id = 0;
  PlanItemInput input;
  std::string courtyard_name;
  Fen spent_fen;
};
// The item as stored (its courtyard's name and spent_fen are not filled in).
PlanItem add_plan_item(App& app, const Caller& who, CompoundId cid, const PlanItemInput& in);
PlanItem add_plan_item_in(store::Connection& c, App& app, const Caller& who, CompoundId cid,
                          const PlanItemInput& in);
struct SurplusPlans {
  std::int64_t compound_id = 0, year = 0;
  std::vector<PlanItem> items;  // by courtyard, then in the order added
};
SurplusPlans surplus_plans(App& app, CompoundId cid, std::int64_t year);

// What the monthly notice (公示) shows for a month: income and expenses by account, month-end
// balances of the bank and cash accounts, the courtyard settlement, arrears as counts and sums,
// and the current signed tree head. Public data only; read in one transaction.
settle::MonthlyNotice notice_data(App& app, CompoundId cid, const std::string& month);

}  // namespace xinyi::app
