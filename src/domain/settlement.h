// What the settlement of a compound's courtyards says, and the monthly notice (公示) that
// carries it to the notice board: plain records, computed by app/settlement_service.h and
// encoded by http/ (JSON) and report/ (the printed notice).
//
// Every amount is in fen. Income figures are positive when money came in; costs positive when
// money went out. A settlement row ties: surplus = fee income + other income − own costs −
// allocated costs; carried out = carried in + surplus.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace xinyi::settle {

struct CourtyardSettlement {
  std::int64_t courtyard_id = 0;  // 0: costs booked for the compound as a whole, not yet split
  std::string name;
  std::int64_t carried_in_fen = 0, fee_income_fen = 0, other_income_fen = 0;
  std::int64_t own_costs_fen = 0, allocated_costs_fen = 0;
  std::int64_t surplus_fen() const {
    return fee_income_fen + other_income_fen - own_costs_fen - allocated_costs_fen;
  }
  std::int64_t carried_out_fen() const { return carried_in_fen + surplus_fen(); }
};

struct Settlement {
  std::int64_t compound_id = 0;
  std::string period;                           // as given: 2025-03, 2025-Q1 or 2025
  std::string from, to_before;                  // the dates it covers: [from, to_before)
  std::vector<CourtyardSettlement> courtyards;  // in courtyard order, then the compound's row
};

// One line of the notice: an account and what it booked (or holds).
struct AccountLine {
  std::string code, name;
  std::int64_t amount_fen = 0;
};

struct MonthlyNotice {
  std::int64_t compound_id = 0;
  std::string compound_name, address;
  std::string period, period_zh;  // 2025-03, 2025年3月
  std::string generated_on;       // the date in China
  std::vector<AccountLine> income, expenses;
  std::int64_t income_total_fen = 0, expense_total_fen = 0;
  std::vector<AccountLine> balances;  // bank and cash accounts at the month's end, non-zero
  std::vector<CourtyardSettlement> settlement;
  std::int64_t units_in_arrears = 0, owed_fen = 0;
  std::int64_t tree_size = 0;  // the signed head the notice cites
  std::string root_hex;
};

}  // namespace xinyi::settle
