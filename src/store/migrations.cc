#include "store/migrations.h"

#include <ctime>
#include <string>

namespace xinyi::store {

namespace {

struct Migration {
  int version;
  const char* name;
  const char* sql;  // portable SQL; {{ID}} becomes the engine's auto-increment primary key
};

// Timestamps are BIGINT milliseconds since the Unix epoch (UTC), set by the application.
// {{BLOB}} becomes the engine's byte-string type.
constexpr Migration kMigrations[] = {
    {1, "registry, people, sign-in, roles, audit", R"SQL(
CREATE TABLE districts (
  id {{ID}},
  name TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE TABLE streets (
  id {{ID}},
  district_id BIGINT NOT NULL REFERENCES districts(id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (district_id, name)
);
CREATE TABLE communities (
  id {{ID}},
  street_id BIGINT NOT NULL REFERENCES streets(id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (street_id, name)
);
CREATE TABLE compounds (
  id {{ID}},
  community_id BIGINT NOT NULL REFERENCES communities(id),
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  model TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (community_id, name)
);
CREATE TABLE managed_areas (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (compound_id, name)
);
CREATE TABLE courtyards (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  area_id BIGINT REFERENCES managed_areas(id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (compound_id, name)
);
CREATE TABLE buildings (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  courtyard_id BIGINT NOT NULL REFERENCES courtyards(id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (courtyard_id, name)
);
CREATE TABLE units (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  courtyard_id BIGINT NOT NULL REFERENCES courtyards(id),
  building_id BIGINT NOT NULL REFERENCES buildings(id),
  entrance TEXT NOT NULL DEFAULT '',
  number TEXT NOT NULL,
  label TEXT NOT NULL,
  area_centi_m2 BIGINT NOT NULL CHECK (area_centi_m2 > 0),
  area_kind TEXT NOT NULL,
  developer_held BIGINT NOT NULL DEFAULT 0,
  invite_code TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  UNIQUE (courtyard_id, label)
);
CREATE INDEX units_by_compound ON units (compound_id, id);
CREATE TABLE persons (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  id_last4 TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX persons_by_phone ON persons (compound_id, phone);
CREATE TABLE unit_members (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  person_id BIGINT NOT NULL REFERENCES persons(id),
  relation TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (unit_id, person_id, relation)
);
CREATE INDEX unit_members_by_person ON unit_members (person_id);
CREATE TABLE users (
  id {{ID}},
  login TEXT NOT NULL UNIQUE,
  phone TEXT UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  is_admin BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  password_changed_at BIGINT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE TABLE role_grants (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  granted_by BIGINT,
  created_at BIGINT NOT NULL,
  UNIQUE (compound_id, user_id, role)
);
CREATE INDEX role_grants_by_user ON role_grants (user_id);
CREATE TABLE claims (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  person_id BIGINT NOT NULL REFERENCES persons(id),
  relation TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (unit_id, user_id)
);
CREATE INDEX claims_by_user ON claims (user_id);
CREATE TABLE petition_signatures (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  kind TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  signed_at BIGINT NOT NULL,
  UNIQUE (compound_id, kind, unit_id)
);
CREATE TABLE audit_log (
  id {{ID}},
  compound_id BIGINT,
  user_id BIGINT,
  at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_compound ON audit_log (compound_id, id);
)SQL"},
    {2, "ledger: books, Merkle log, signed heads, vouchers, co-managed disbursements", R"SQL(
ALTER TABLE compounds ADD COLUMN approval_threshold_fen BIGINT NOT NULL DEFAULT 500000;
CREATE TABLE compound_keys (
  compound_id BIGINT PRIMARY KEY REFERENCES compounds(id),
  public_key TEXT NOT NULL,
  secret_key TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE accounts (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  code TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  type TEXT NOT NULL,
  cash BIGINT NOT NULL,
  charity BIGINT NOT NULL,
  trustee_pay BIGINT NOT NULL,
  PRIMARY KEY (compound_id, code)
);
CREATE TABLE ledger_entries (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  idx BIGINT NOT NULL,
  date TEXT NOT NULL,
  kind TEXT NOT NULL,
  description TEXT NOT NULL,
  canonical TEXT NOT NULL,
  leaf_hash TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  reverses BIGINT,
  PRIMARY KEY (compound_id, idx)
);
CREATE TABLE postings (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  idx BIGINT NOT NULL,
  n BIGINT NOT NULL,
  account TEXT NOT NULL,
  courtyard_id BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  date TEXT NOT NULL,
  PRIMARY KEY (compound_id, idx, n)
);
CREATE INDEX postings_by_account ON postings (compound_id, account, courtyard_id, date);
CREATE TABLE merkle_nodes (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  level BIGINT NOT NULL,
  idx BIGINT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (compound_id, level, idx)
);
CREATE TABLE tree_heads (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  tree_size BIGINT NOT NULL,
  root TEXT NOT NULL,
  timestamp BIGINT NOT NULL,
  signature TEXT NOT NULL,
  PRIMARY KEY (compound_id, tree_size)
);
CREATE TABLE witness_keys (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  public_key TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (compound_id, public_key)
);
CREATE TABLE witness_signatures (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  tree_size BIGINT NOT NULL,
  key_id BIGINT NOT NULL REFERENCES witness_keys(id),
  signature TEXT NOT NULL,
  signed_at BIGINT NOT NULL,
  PRIMARY KEY (compound_id, tree_size, key_id)
);
CREATE TABLE vouchers (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  sha256 TEXT NOT NULL,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  data {{BLOB}} NOT NULL,
  uploaded_by BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (compound_id, sha256)
);
CREATE TABLE disbursements (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  status TEXT NOT NULL,
  payee TEXT NOT NULL,
  payee_is_person BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
  purpose TEXT NOT NULL,
  expense_account TEXT NOT NULL,
  cash_account TEXT NOT NULL,
  courtyard_id BIGINT NOT NULL,
  vouchers TEXT NOT NULL,
  requested_by BIGINT NOT NULL REFERENCES users(id),
  requested_at BIGINT NOT NULL,
  decided_at BIGINT,
  reason TEXT NOT NULL DEFAULT '',
  entry_idx BIGINT
);
CREATE INDEX disbursements_by_compound ON disbursements (compound_id, id);
CREATE TABLE disbursement_approvals (
  disbursement_id BIGINT NOT NULL REFERENCES disbursements(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (disbursement_id, user_id)
);
)SQL"},
    {3, "journal imports; bank accounts and statement lines", R"SQL(
CREATE TABLE journal_imports (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  file_sha256 TEXT NOT NULL,
  entries_done BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (compound_id, file_sha256)
);
CREATE TABLE bank_accounts (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  bank TEXT NOT NULL,
  number_last4 TEXT NOT NULL,
  kind TEXT NOT NULL,
  ledger_account TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (compound_id, ledger_account)
);
CREATE TABLE bank_lines (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  bank_account_id BIGINT NOT NULL REFERENCES bank_accounts(id),
  serial TEXT NOT NULL,
  date TEXT NOT NULL,
  amount_fen BIGINT NOT NULL,
  balance_fen BIGINT,
  counterparty TEXT NOT NULL,
  memo TEXT NOT NULL,
  imported_at BIGINT NOT NULL,
  matched_idx BIGINT,
  matched_n BIGINT,
  match_kind TEXT,
  UNIQUE (bank_account_id, serial),
  UNIQUE (compound_id, matched_idx, matched_n)
);
CREATE INDEX bank_lines_by_date ON bank_lines (compound_id, bank_account_id, date);
)SQL"},
    {4, "running balances per account and courtyard, and per day", R"SQL(
CREATE TABLE balance_totals (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  account TEXT NOT NULL,
  courtyard_id BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  PRIMARY KEY (compound_id, account, courtyard_id)
);
CREATE TABLE balance_days (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  account TEXT NOT NULL,
  courtyard_id BIGINT NOT NULL,
  date TEXT NOT NULL,
  amount_fen BIGINT NOT NULL,
  PRIMARY KEY (compound_id, account, courtyard_id, date)
);
INSERT INTO balance_totals (compound_id, account, courtyard_id, amount_fen)
  SELECT compound_id, account, courtyard_id, SUM(amount_fen) FROM postings GROUP BY compound_id, account, courtyard_id;
INSERT INTO balance_days (compound_id, account, courtyard_id, date, amount_fen)
  SELECT compound_id, account, courtyard_id, date, SUM(amount_fen) FROM postings GROUP BY compound_id, account, courtyard_id, date;
)SQL"},
    {5, "lighter postings index; leaf hashes live only in ledger_entries", R"SQL(
DROP INDEX postings_by_account;
CREATE INDEX postings_by_account ON postings (compound_id, account);
DELETE FROM merkle_nodes WHERE level = 0;
)SQL"},
    {6, "fees: rate schedules, bill runs, bills, payments", R"SQL(
CREATE TABLE fee_rates (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  courtyard_id BIGINT NOT NULL,
  effective_from TEXT NOT NULL,
  rate_fen BIGINT NOT NULL CHECK (rate_fen >= 0),
  decision TEXT NOT NULL,
  document_sha256 TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  UNIQUE (compound_id, courtyard_id, effective_from)
);
CREATE TABLE bill_runs (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  period TEXT NOT NULL,
  bills BIGINT NOT NULL,
  total_fen BIGINT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE TABLE bills (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  courtyard_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  run_id BIGINT NOT NULL REFERENCES bill_runs(id),
  period TEXT NOT NULL,
  first_month TEXT NOT NULL,
  amount_fen BIGINT NOT NULL CHECK (amount_fen >= 0),
  paid_fen BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX bills_by_unit ON bills (compound_id, unit_id, first_month);
CREATE TABLE bill_lines (
  bill_id BIGINT NOT NULL REFERENCES bills(id),
  n BIGINT NOT NULL,
  from_month TEXT NOT NULL,
  to_month TEXT NOT NULL,
  months BIGINT NOT NULL,
  rate_fen BIGINT NOT NULL,
  area_centi_m2 BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  PRIMARY KEY (bill_id, n)
);
CREATE TABLE billed_months (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  month TEXT NOT NULL,
  bill_id BIGINT NOT NULL REFERENCES bills(id),
  PRIMARY KEY (unit_id, month)
);
CREATE TABLE payments (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  receipt_no BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
  method TEXT NOT NULL,
  reference TEXT NOT NULL,
  paid_on TEXT NOT NULL,
  entry_idx BIGINT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  UNIQUE (compound_id, receipt_no)
);
CREATE INDEX payments_by_unit ON payments (compound_id, unit_id);
ALTER TABLE compounds ADD COLUMN billing_from TEXT NOT NULL DEFAULT '';
CREATE TABLE payment_allocations (
  payment_id BIGINT NOT NULL REFERENCES payments(id),
  bill_id BIGINT NOT NULL REFERENCES bills(id),
  amount_fen BIGINT NOT NULL,
  PRIMARY KEY (payment_id, bill_id)
);
)SQL"},
    {7, "trustee remuneration by contract; one remuneration entry per period", R"SQL(
ALTER TABLE compounds ADD COLUMN remuneration_bp BIGINT NOT NULL DEFAULT 0;
CREATE TABLE remuneration_runs (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  period TEXT NOT NULL,
  costs_fen BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  entry_idx BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (compound_id, period)
);
)SQL"},
    {8, "per-household purchases: the units a disbursement covers", R"SQL(
CREATE TABLE disbursement_units (
  disbursement_id BIGINT NOT NULL REFERENCES disbursements(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  per_unit_fen BIGINT NOT NULL,
  PRIMARY KEY (disbursement_id, unit_id)
);
CREATE INDEX disbursement_units_by_unit ON disbursement_units (unit_id);
)SQL"},
    {9, "plans for spending a courtyard's surplus", R"SQL(
CREATE TABLE surplus_plans (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  courtyard_id BIGINT NOT NULL REFERENCES courtyards(id),
  year BIGINT NOT NULL,
  item TEXT NOT NULL,
  planned_fen BIGINT NOT NULL CHECK (planned_fen > 0),
  decision TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
ALTER TABLE disbursements ADD COLUMN plan_item_id BIGINT;
)SQL"},
    {10, "owners' votes (Art. 278), proposals, committees, tenders and bids; the maintenance fund",
     R"SQL(
CREATE TABLE proposals (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX proposals_by_compound ON proposals (compound_id, id);
CREATE TABLE proposal_comments (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  proposal_id BIGINT NOT NULL REFERENCES proposals(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX proposal_comments_by_proposal ON proposal_comments (proposal_id, id);
CREATE TABLE votes (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  proposal_id BIGINT REFERENCES proposals(id),
  tender_id BIGINT,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  matter BIGINT NOT NULL CHECK (matter BETWEEN 1 AND 9),
  kind TEXT NOT NULL,
  seats BIGINT NOT NULL,
  secret BIGINT NOT NULL,
  status TEXT NOT NULL,
  opens_at BIGINT,
  closes_at BIGINT NOT NULL,
  total_area BIGINT NOT NULL DEFAULT 0,
  total_owners BIGINT NOT NULL DEFAULT 0,
  result TEXT NOT NULL DEFAULT '',
  passed BIGINT NOT NULL DEFAULT 0,
  closed_at BIGINT,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX votes_by_compound ON votes (compound_id, id);
CREATE TABLE vote_options (
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  n BIGINT NOT NULL,
  label TEXT NOT NULL,
  bid_id BIGINT,
  PRIMARY KEY (vote_id, n)
);
CREATE TABLE vote_electors (
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  no BIGINT NOT NULL,
  area_centi_m2 BIGINT NOT NULL,
  developer BIGINT NOT NULL,
  PRIMARY KEY (vote_id, no)
);
CREATE TABLE vote_elector_units (
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  no BIGINT NOT NULL,
  PRIMARY KEY (vote_id, unit_id)
);
CREATE TABLE ballots (
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  no BIGINT NOT NULL,
  receipt TEXT NOT NULL,
  choices TEXT NOT NULL,
  channel TEXT NOT NULL,
  voucher_sha256 TEXT NOT NULL DEFAULT '',
  cast_at BIGINT NOT NULL,
  changes BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (vote_id, no),
  UNIQUE (vote_id, receipt)
);
CREATE TABLE committees (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  min_size BIGINT NOT NULL,
  max_size BIGINT NOT NULL,
  term_from TEXT NOT NULL DEFAULT '',
  term_to TEXT NOT NULL DEFAULT '',
  vote_id BIGINT REFERENCES votes(id),
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  established_at BIGINT
);
CREATE TABLE committee_members (
  id {{ID}},
  committee_id BIGINT NOT NULL REFERENCES committees(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  name TEXT NOT NULL,
  channel TEXT NOT NULL,
  resident_rep BIGINT NOT NULL,
  affiliation TEXT NOT NULL DEFAULT '',
  position TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE TABLE tenders (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  title TEXT NOT NULL,
  scope TEXT NOT NULL,
  criteria TEXT NOT NULL,
  status TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  vote_id BIGINT REFERENCES votes(id),
  awarded_bid_id BIGINT,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE TABLE bids (
  id {{ID}},
  tender_id BIGINT NOT NULL REFERENCES tenders(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  provider TEXT NOT NULL,
  price_fen_per_m2_month BIGINT NOT NULL CHECK (price_fen_per_m2_month >= 0),
  remuneration_bp BIGINT NOT NULL CHECK (remuneration_bp BETWEEN 0 AND 5000),
  plan TEXT NOT NULL,
  documents TEXT NOT NULL DEFAULT '[]',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  UNIQUE (tender_id, provider)
);
ALTER TABLE compounds ADD COLUMN trustee_name TEXT NOT NULL DEFAULT '';
ALTER TABLE fee_rates ADD COLUMN vote_id BIGINT;
ALTER TABLE disbursements ADD COLUMN vote_id BIGINT;
INSERT INTO accounts (compound_id, code, name_zh, name_en, type, cash, charity, trustee_pay)
  SELECT compound_id, '1003', '银行存款·维修资金专户', 'Bank: maintenance fund account', 'asset', 1, 0, 0
  FROM compound_keys;
INSERT INTO accounts (compound_id, code, name_zh, name_en, type, cash, charity, trustee_pay)
  SELECT compound_id, '3003', '专项维修资金', 'Maintenance fund', 'fund', 0, 0, 0
  FROM compound_keys;
)SQL"},
    {11, "indexes for city scale: buildings and owners by compound, reversals", R"SQL(
CREATE INDEX buildings_by_compound ON buildings (compound_id);
CREATE INDEX unit_members_by_compound ON unit_members (compound_id, relation, unit_id);
CREATE INDEX ledger_reversals ON ledger_entries (compound_id, reverses, idx) WHERE reverses IS NOT NULL;
)SQL"},
    {12,
     "every row of a compound names its compound (so the data can be distributed by compound); billed months by compound",
     R"SQL(
CREATE INDEX billed_months_by_compound ON billed_months (compound_id, month);
ALTER TABLE bill_lines ADD COLUMN compound_id BIGINT NOT NULL DEFAULT 0;
UPDATE bill_lines SET compound_id = (SELECT b.compound_id FROM bills b WHERE b.id = bill_lines.bill_id);
ALTER TABLE payment_allocations ADD COLUMN compound_id BIGINT NOT NULL DEFAULT 0;
UPDATE payment_allocations SET compound_id = (SELECT p.compound_id FROM payments p WHERE p.id = payment_allocations.payment_id);
ALTER TABLE vote_options ADD COLUMN compound_id BIGINT NOT NULL DEFAULT 0;
UPDATE vote_options SET compound_id = (SELECT v.compound_id FROM votes v WHERE v.id = vote_options.vote_id);
ALTER TABLE vote_electors ADD COLUMN compound_id BIGINT NOT NULL DEFAULT 0;
UPDATE vote_electors SET compound_id = (SELECT v.compound_id FROM votes v WHERE v.id = vote_electors.vote_id);
ALTER TABLE vote_elector_units ADD COLUMN compound_id BIGINT NOT NULL DEFAULT 0;
UPDATE vote_elector_units SET compound_id = (SELECT v.compound_id FROM votes v WHERE v.id = vote_elector_units.vote_id);
ALTER TABLE ballots ADD COLUMN compound_id BIGINT NOT NULL DEFAULT 0;
UPDATE ballots SET compound_id = (SELECT v.compound_id FROM votes v WHERE v.id = ballots.vote_id);
)SQL"},
    {13,
     "the needs list, the service plan, work logs and their reviews, service postings, questionnaires, meetings",
     R"SQL(
CREATE TABLE needs (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  courtyard_id BIGINT REFERENCES courtyards(id),
  category TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  photos TEXT NOT NULL DEFAULT '[]',
  source TEXT NOT NULL DEFAULT 'resident',
  filed_by BIGINT REFERENCES users(id),
  filed_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  responded_at BIGINT,
  closed_at BIGINT,
  service_code TEXT,
  proposal_id BIGINT REFERENCES proposals(id),
  supporters BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX needs_by_compound ON needs (compound_id, status, id);
CREATE TABLE need_supports (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  need_id BIGINT NOT NULL REFERENCES needs(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  at BIGINT NOT NULL,
  PRIMARY KEY (need_id, user_id)
);
CREATE TABLE need_events (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  need_id BIGINT NOT NULL REFERENCES needs(id),
  at BIGINT NOT NULL,
  status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  by_user BIGINT,
  by_role TEXT NOT NULL DEFAULT ''
);
CREATE INDEX need_events_by_need ON need_events (need_id, id);
CREATE TABLE service_plans (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  version BIGINT NOT NULL,
  effective_from TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  monthly_cost_fen BIGINT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  UNIQUE (compound_id, version),
  UNIQUE (compound_id, effective_from)
);
CREATE TABLE plan_items (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  plan_id BIGINT NOT NULL REFERENCES service_plans(id),
  n BIGINT NOT NULL,
  code TEXT NOT NULL,
  role TEXT NOT NULL,
  tasks TEXT NOT NULL DEFAULT '',
  standard TEXT NOT NULL DEFAULT '',
  frequency TEXT NOT NULL,
  visits BIGINT NOT NULL,
  minutes_per_visit BIGINT NOT NULL,
  rate_fen_per_hour BIGINT NOT NULL CHECK (rate_fen_per_hour > 0),
  expense_account TEXT NOT NULL,
  UNIQUE (plan_id, code)
);
CREATE TABLE work_logs (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  courtyard_id BIGINT NOT NULL REFERENCES courtyards(id),
  item_code TEXT NOT NULL,
  worker_id BIGINT NOT NULL REFERENCES users(id),
  month TEXT NOT NULL,
  checked_in_at BIGINT NOT NULL,
  checked_out_at BIGINT,
  review_from BIGINT,
  minutes BIGINT,
  done TEXT NOT NULL DEFAULT '',
  photos TEXT NOT NULL DEFAULT '[]',
  voided BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX work_logs_by_month ON work_logs (compound_id, month, item_code);
CREATE INDEX work_logs_by_worker ON work_logs (worker_id, id);
CREATE TABLE visit_reviews (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  log_id BIGINT NOT NULL REFERENCES work_logs(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  verdict TEXT NOT NULL CHECK (verdict IN ('confirm', 'dispute')),
  reason TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL,
  resolution TEXT,
  resolution_note TEXT NOT NULL DEFAULT '',
  resolved_by BIGINT,
  resolved_at BIGINT,
  UNIQUE (log_id, user_id)
);
CREATE INDEX visit_reviews_by_log ON visit_reviews (log_id);
CREATE TABLE service_postings (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  period TEXT NOT NULL,
  minutes BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  entry_idx BIGINT,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (compound_id, period)
);
ALTER TABLE compounds ADD COLUMN review_window_days BIGINT NOT NULL DEFAULT 3;
CREATE TABLE questionnaires (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  audience TEXT NOT NULL,
  courtyard_id BIGINT REFERENCES courtyards(id),
  per TEXT NOT NULL,
  opens_at BIGINT NOT NULL,
  closes_at BIGINT NOT NULL,
  questions TEXT NOT NULL,
  responses BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE TABLE survey_responses (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  questionnaire_id BIGINT NOT NULL REFERENCES questionnaires(id),
  respondent TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  unit_id BIGINT REFERENCES units(id),
  courtyard_id BIGINT,
  answers TEXT NOT NULL,
  at BIGINT NOT NULL,
  UNIQUE (questionnaire_id, respondent)
);
CREATE TABLE meetings (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  courtyard_id BIGINT REFERENCES courtyards(id),
  attendance BIGINT NOT NULL DEFAULT 0,
  attendees TEXT NOT NULL DEFAULT '',
  minutes TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX meetings_by_compound ON meetings (compound_id, held_on);
CREATE TABLE meeting_decisions (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  n BIGINT NOT NULL,
  body TEXT NOT NULL,
  link_kind TEXT,
  link_id BIGINT
);
)SQL"},
    {14, "announcements and their reads, notifications, the outbound queue, personal preferences",
     R"SQL(
CREATE TABLE announcements (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  courtyard_id BIGINT REFERENCES courtyards(id),
  area_id BIGINT REFERENCES managed_areas(id),
  kind TEXT NOT NULL DEFAULT 'notice',
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  attachments TEXT NOT NULL DEFAULT '[]',
  confirm_required BIGINT NOT NULL DEFAULT 0,
  pinned BIGINT NOT NULL DEFAULT 0,
  publish_at BIGINT NOT NULL,
  expires_at BIGINT,
  posted_by BIGINT,
  poster_role TEXT NOT NULL,
  notified BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  withdrawn_at BIGINT
);
CREATE INDEX announcements_by_compound ON announcements (compound_id, publish_at);
CREATE TABLE announcement_reads (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  announcement_id BIGINT NOT NULL REFERENCES announcements(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  read_at BIGINT NOT NULL,
  confirmed_at BIGINT,
  PRIMARY KEY (announcement_id, user_id)
);
CREATE TABLE notifications (
  id {{ID}},
  compound_id BIGINT REFERENCES compounds(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX notifications_by_user ON notifications (user_id, id);
CREATE TABLE outbox (
  id {{ID}},
  compound_id BIGINT,
  user_id BIGINT NOT NULL REFERENCES users(id),
  notification_id BIGINT NOT NULL REFERENCES notifications(id),
  channel TEXT NOT NULL,
  address TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued',
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
ALTER TABLE users ADD COLUMN large_text BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN sms_opt_out BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN wechat_opt_out BIGINT NOT NULL DEFAULT 0;
ALTER TABLE votes ADD COLUMN reminded BIGINT NOT NULL DEFAULT 0;
)SQL"},
    {15, "a deleted account keeps its id (for the books and tallies) and loses its person", R"SQL(
ALTER TABLE users ADD COLUMN deleted_at BIGINT;
)SQL"},
    {16, "idempotency keys: a retried write is applied once", R"SQL(
CREATE TABLE idempotency_keys (
  user_id BIGINT NOT NULL,
  key TEXT NOT NULL,
  path TEXT NOT NULL,
  status BIGINT,
  body TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, key)
);
)SQL"},
    {17, "charity fund, renewal projects, crowdfunding, volunteers", R"SQL(
UPDATE accounts SET trustee_pay = 1 WHERE code = '2001';
CREATE TABLE charity_campaigns (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  fund_use TEXT NOT NULL,
  goal_fen BIGINT NOT NULL CHECK (goal_fen > 0),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE TABLE donations (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  campaign_id BIGINT REFERENCES charity_campaigns(id),
  user_id BIGINT REFERENCES users(id),
  donor_name TEXT NOT NULL,
  anonymous BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
  status TEXT NOT NULL,
  receipt_no BIGINT,
  entry_idx BIGINT,
  received_on TEXT,
  reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  decided_by BIGINT,
  decided_at BIGINT,
  UNIQUE (compound_id, receipt_no)
);
CREATE INDEX donations_by_compound ON donations (compound_id, status, id);
CREATE INDEX donations_by_user ON donations (user_id);
CREATE TABLE projects (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  courtyard_id BIGINT REFERENCES courtyards(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  acceptance_mode TEXT NOT NULL,
  signoffs_required BIGINT NOT NULL,
  min_turnout_pct BIGINT NOT NULL,
  crowdfund_goal_fen BIGINT NOT NULL DEFAULT 0,
  need_id BIGINT,
  proposal_id BIGINT,
  vote_id BIGINT,
  questionnaire_id BIGINT,
  outcome TEXT,
  settled_on TEXT,
  cancel_reason TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX projects_by_compound ON projects (compound_id, id);
CREATE TABLE project_lines (
  id {{ID}},
  project_id BIGINT NOT NULL REFERENCES projects(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  position BIGINT NOT NULL,
  name TEXT NOT NULL,
  account TEXT NOT NULL,
  budget_fen BIGINT NOT NULL,
  retired BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX project_lines_by_project ON project_lines (project_id);
CREATE TABLE project_funding (
  project_id BIGINT NOT NULL REFERENCES projects(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  source TEXT NOT NULL,
  courtyard_id BIGINT NOT NULL DEFAULT 0,
  amount_fen BIGINT NOT NULL,
  PRIMARY KEY (project_id, source, courtyard_id)
);
CREATE TABLE project_quotes (
  id {{ID}},
  project_id BIGINT NOT NULL REFERENCES projects(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  contractor TEXT NOT NULL,
  amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
  note TEXT NOT NULL DEFAULT '',
  vouchers TEXT NOT NULL DEFAULT '[]',
  signed_on TEXT,
  contract_vouchers TEXT NOT NULL DEFAULT '[]',
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE TABLE project_milestones (
  id {{ID}},
  project_id BIGINT NOT NULL REFERENCES projects(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  title TEXT NOT NULL,
  due_on TEXT,
  done_on TEXT,
  note TEXT NOT NULL DEFAULT '',
  photos TEXT NOT NULL DEFAULT '[]',
  created_at BIGINT NOT NULL
);
CREATE TABLE project_signoffs (
  project_id BIGINT NOT NULL REFERENCES projects(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  at BIGINT NOT NULL,
  PRIMARY KEY (project_id, user_id)
);
CREATE TABLE project_followers (
  project_id BIGINT NOT NULL REFERENCES projects(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  at BIGINT NOT NULL,
  PRIMARY KEY (project_id, user_id)
);
CREATE TABLE project_events (
  id {{ID}},
  project_id BIGINT NOT NULL REFERENCES projects(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX project_events_by_project ON project_events (project_id, id);
CREATE TABLE pledges (
  id {{ID}},
  project_id BIGINT NOT NULL REFERENCES projects(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  user_id BIGINT REFERENCES users(id),
  amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
  paid_fen BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (project_id, unit_id)
);
CREATE TABLE pledge_payments (
  id {{ID}},
  pledge_id BIGINT NOT NULL REFERENCES pledges(id),
  project_id BIGINT NOT NULL REFERENCES projects(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
  entry_idx BIGINT NOT NULL,
  refund_idx BIGINT,
  recorded_by BIGINT,
  at BIGINT NOT NULL
);
CREATE INDEX pledge_payments_by_project ON pledge_payments (project_id);
ALTER TABLE disbursements ADD COLUMN project_id BIGINT;
ALTER TABLE disbursements ADD COLUMN project_line_id BIGINT;
ALTER TABLE disbursements ADD COLUMN funding_source TEXT;
ALTER TABLE disbursements ADD COLUMN project_quote_id BIGINT;
CREATE INDEX disbursements_by_project ON disbursements (project_id);
CREATE TABLE volunteer_teams (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (compound_id, name)
);
CREATE TABLE volunteer_members (
  id {{ID}},
  team_id BIGINT NOT NULL REFERENCES volunteer_teams(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  user_id BIGINT REFERENCES users(id),
  name TEXT NOT NULL,
  joined_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX volunteer_members_once ON volunteer_members (team_id, user_id);
CREATE TABLE volunteer_activities (
  id {{ID}},
  team_id BIGINT NOT NULL REFERENCES volunteer_teams(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE TABLE volunteer_hours (
  activity_id BIGINT NOT NULL REFERENCES volunteer_activities(id),
  member_id BIGINT NOT NULL REFERENCES volunteer_members(id),
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  minutes BIGINT NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
  PRIMARY KEY (activity_id, member_id)
);
)SQL"},
    {18,
     "separation of duties: reversal requests, confirmed role grants, countersigned paper ballots",
     R"SQL(
ALTER TABLE idempotency_keys ADD COLUMN request_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE disbursements ADD COLUMN reverses_idx BIGINT;
ALTER TABLE payments ADD COLUMN reversed_idx BIGINT;
ALTER TABLE role_grants ADD COLUMN confirmed_by BIGINT;
ALTER TABLE role_grants ADD COLUMN source TEXT NOT NULL DEFAULT 'direct';
CREATE TABLE role_requests (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('grant', 'revoke')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
  requested_by BIGINT NOT NULL REFERENCES users(id),
  requested_at BIGINT NOT NULL,
  decided_by BIGINT,
  decided_at BIGINT,
  reason TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'direct'
);
CREATE INDEX role_requests_by_compound ON role_requests (compound_id, status, id);
CREATE TABLE role_history (
  id {{ID}},
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  from_ms BIGINT NOT NULL,
  to_ms BIGINT NOT NULL,
  revoked_by BIGINT
);
ALTER TABLE ballots ADD COLUMN entered_by BIGINT;
ALTER TABLE ballots ADD COLUMN countersigned_by BIGINT;
ALTER TABLE ballots ADD COLUMN countersigned_at BIGINT;
CREATE TABLE ballot_scans (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  sha256 TEXT NOT NULL,
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  no BIGINT NOT NULL,
  secret BIGINT NOT NULL,
  entered_at BIGINT NOT NULL,
  PRIMARY KEY (compound_id, sha256)
);
-- What earlier versions left: a payment reversed then kept its allocations as paid and its
-- prepayment as usable; a cancelled project's refunded pledges kept their paid amount; paper
-- ballots entered before countersignatures existed count as they did (countersigned_by 0).
UPDATE payments SET reversed_idx = (SELECT MIN(e.idx) FROM ledger_entries e WHERE e.compound_id = payments.compound_id
  AND e.reverses = payments.entry_idx) WHERE reversed_idx IS NULL AND EXISTS (SELECT 1 FROM ledger_entries e
  WHERE e.compound_id = payments.compound_id AND e.reverses = payments.entry_idx);
UPDATE bills SET paid_fen = paid_fen - (SELECT COALESCE(SUM(a.amount_fen), 0) FROM payment_allocations a JOIN payments p
  ON p.id = a.payment_id WHERE a.bill_id = bills.id AND p.reversed_idx IS NOT NULL);
UPDATE pledges SET paid_fen = (SELECT COALESCE(SUM(x.amount_fen), 0) FROM pledge_payments x WHERE x.pledge_id = pledges.id
  AND x.refund_idx IS NULL);
UPDATE ballots SET countersigned_by = 0, countersigned_at = cast_at WHERE channel = 'paper';
CREATE TABLE plan_item_workers (
  compound_id BIGINT NOT NULL REFERENCES compounds(id),
  item_code TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  assigned_by BIGINT,
  assigned_at BIGINT NOT NULL,
  PRIMARY KEY (compound_id, item_code, user_id)
);
)SQL"},
};

std::string render(const char* sql, Dialect d) {
  std::string s(sql);
  const std::string id = d == Dialect::sqlite
                             ? "INTEGER PRIMARY KEY"
                             : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
  for (std::size_t p; (p = s.find("{{ID}}")) != std::string::npos;) s.replace(p, 6, id);
  const std::string blob = d == Dialect::sqlite ? "BLOB" : "BYTEA";
  for (std::size_t p; (p = s.find("{{BLOB}}")) != std::string::npos;) s.replace(p, 8, blob);
  return s;
}

}  // namespace

int latest_schema_version() { return kMigrations[std::size(kMigrations) - 1].version; }

MigrationReport migrate(Database& db) {
  MigrationReport report;
  db.write([](Connection& c) {
    c.exec_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
  });
  report.from_version = static_cast<int>(db.read(
      [](Connection& c) { return c.scalar("SELECT MAX(version) FROM schema_migrations"); }));
  if (report.from_version > latest_schema_version())
    throw StoreError("the store has schema version " + std::to_string(report.from_version) +
                     ", newer than this binary knows (" + std::to_string(latest_schema_version()) +
                     ")");
  report.to_version = report.from_version;
  for (const auto& m : kMigrations) {
    if (m.version <= report.from_version) continue;
    db.write([&](Connection& c) {
      // Re-check inside the write lock: another process may have migrated meanwhile.
      if (c.scalar("SELECT COUNT(*) FROM schema_migrations WHERE version = ?",
                   {std::int64_t{m.version}}))
        return;
      c.exec_script(render(m.sql, c.dialect()));
      c.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                {std::int64_t{m.version}, std::string(m.name),
                 static_cast<std::int64_t>(std::time(nullptr)) * 1000});
    });
    report.to_version = m.version;
  }
  return report;
}

}  // namespace xinyi::store
