// What is stored about one person, across every feature's tables, for their rights under PIPL
// Arts. 45 and 47: a copy of all of it (read_personal_data) and the deletion of their account
// (anonymize_person).
//
// This is the one repository that reads and writes other features' tables on purpose: a
// person's export must name every table that holds them, in one place a reviewer can check
// against the schema. Each section is a table of named columns whose cells are integers, text or
// NULL, in the names the export document uses (app/privacy_service.h describes the document).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"

namespace xinyi::store {

struct PersonalAccountRec {
  std::string login, phone, name;  // phone "": none
  std::int64_t created_at_ms = 0;
  bool large_text = false, sms = true;  // sms: text messages not opted out of
};

// One section of the export: its name ("claims", "roles", …), column names and rows, each row
// as many cells as there are columns.
struct PersonalSection {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};

struct PersonalData {
  PersonalAccountRec account;
  std::vector<PersonalSection> sections;  // in the export's order
};

// nullopt: no such user. The activity section holds the newest 1000 audit entries.
std::optional<PersonalData> read_personal_data(Connection& c, std::int64_t user_id);

// Deletes the account's sessions, claims, roles, queued messages, notifications and follows;
// keeps their donations and volunteer hours without their name; and empties the account itself
// (login "deleted-<id>", no phone, name, password or messages), marked deleted at `now_ms`.
// The rows that count something (a +1, a confirmation, a review, an answer) keep the id.
void anonymize_person(Connection& c, std::int64_t user_id, std::int64_t now_ms);

}  // namespace xinyi::store
