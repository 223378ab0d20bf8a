// Where each courtyard stands (app/settlement_service.h): the trust contract's remuneration
// rate and the periods it was booked for, the courtyards' surplus plans, and the sums of
// postings the settlement statement, the remuneration and the monthly notice are made of.
//
// Every sum here is of income and expense postings (accounts of type income or expense),
// debit-positive as stored, over dates in [from, to_before) compared as text (YYYY-MM-DD).
//
// Issue 18: this is the SQL that was in app/settlement_service.cc (and ledger_service.cc's
// look-up of a plan item's courtyard).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"

namespace xinyi::store {

// The trustee's remuneration in basis points of costs (1 % = 100), a term of the contract.
void set_remuneration_bp(Connection& c, std::int64_t cid, std::int64_t bp);
std::int64_t remuneration_bp(Connection& c, std::int64_t cid);
bool remuneration_booked(Connection& c, std::int64_t cid, const std::string& period);
// entry_idx nullopt: nothing was due (no entry written).
void insert_remuneration_run(Connection& c, std::int64_t cid, const std::string& period,
                             std::int64_t costs_fen, std::int64_t amount_fen,
                             std::optional<std::int64_t> entry_idx, std::int64_t now_ms);

struct CourtyardSumRec {
  std::int64_t courtyard_id = 0;  // 0: the compound as a whole
  std::int64_t amount_fen = 0;
};
// The costs remuneration is a share of: expense debits dated in the period, except the
// remuneration itself (5007) and entries paid from charity money (that credit a charity
// account); by courtyard, in courtyard order.
std::vector<CourtyardSumRec> remunerable_costs(Connection& c, std::int64_t cid,
                                               const std::string& from,
                                               const std::string& to_before);
// Income and expense postings dated before `before`, summed by courtyard.
std::vector<CourtyardSumRec> income_and_expense_before(Connection& c, std::int64_t cid,
                                                       const std::string& before);
// Income and expense postings in the period, summed by courtyard, account type, account and
// the kind of entry they belong to ("allocation" for shared costs moved onto courtyards).
struct PeriodSumRec {
  std::int64_t courtyard_id = 0;
  bool income = false;  // else expense
  std::string account, entry_kind;
  std::int64_t amount_fen = 0;
};
std::vector<PeriodSumRec> period_sums(Connection& c, std::int64_t cid, const std::string& from,
                                      const std::string& to_before);
// Income and expense postings in the period, summed by account, in account order.
struct AccountSumRec {
  std::string account;
  std::int64_t amount_fen = 0;
};
std::vector<AccountSumRec> period_sums_by_account(Connection& c, std::int64_t cid,
                                                  const std::string& from,
                                                  const std::string& to_before);

// Surplus plans.
struct NewSurplusItem {
  std::int64_t courtyard_id = 0, year = 0, planned_fen = 0;
  std::string item, decision;
};
std::int64_t insert_plan_item(Connection& c, std::int64_t cid, const NewSurplusItem& p,
                              std::int64_t created_by, std::int64_t now_ms);
struct SurplusItemRec {
  std::int64_t id = 0, courtyard_id = 0, planned_fen = 0;
  std::int64_t spent_fen = 0;  // executed payments that name the item
  std::string courtyard_name, item, decision;
};
// A year's items, by courtyard then id.
std::vector<SurplusItemRec> list_plan_items(Connection& c, std::int64_t cid, std::int64_t year);
// The courtyard of a plan item of the compound; nullopt when there is none.
std::optional<std::int64_t> plan_item_courtyard(Connection& c, std::int64_t cid, std::int64_t id);

}  // namespace xinyi::store
