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

#include <boost/json.hpp>
#include <string_view>

#include "app/app.h"

namespace xinyi::app {

boost::json::object export_my_data(App& app, const Caller& who);
// body: {"password": "…"} — the current password, so a borrowed phone cannot delete an account.
boost::json::object delete_my_account(App& app, const Caller& who, std::string_view body);

}  // namespace xinyi::app
