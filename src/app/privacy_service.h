// A person's rights over their personal information (PIPL Arts. 44–47): to see and take a copy
// of it, and to delete their account.
//
// Export: everything stored about the signed-in person as one JSON document — the account and
// preferences, the units they claimed with those units' bills and payments, the needs they
// filed and supported, their reviews of visits, their questionnaire answers, the notices they
// read or confirmed, their notifications and the audit entries of what they did.
//
// Deletion anonymizes, it does not erase what others rely on: the account loses its name,
// phone, login and password and every session, claim, role, notification and queued message;
// the rows that count something (a need's +1, a confirmation, a review, an answer) keep an id
// that no longer leads to a person. The books are untouched — ledger entries only ever carried
// masked names and ids — so `xinyi verify` still holds. The owners' register (the roster the
// committee keeps under the property rules) is not the account: correcting or removing a
// roster entry is a request to the committee.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "app/billing_service.h"
#include "store/personal_data_repo.h"

namespace xinyi::app {

// Issue 18: the JSON document is written in http/routes/me.cc.
struct PersonalExport {
  std::int64_t user_id = 0;
  store::PersonalData data;          // the account and every section, in the export's order
  std::vector<MyUnitAccount> bills;  // the claimed units' bills and payments
  std::int64_t exported_at_ms = 0;
};
PersonalExport export_my_data(App& app, const Caller& who);
// `password`: the current one, so a borrowed phone cannot delete an account. Answers the id of
// the account deleted.
std::int64_t delete_my_account(App& app, const Caller& who, const std::string& password);

}  // namespace xinyi::app
