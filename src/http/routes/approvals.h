// The JSON of the co-managed queue, shared by the routes that answer with a request or an entry
// (approvals, the ledger's reversals, a project's payments).
#pragma once

#include <string>
#include <vector>

#include "app/ledger_service.h"
#include "http/json_in.h"
#include "http/routes/routes.h"

namespace xinyi::http::routes {

// A request in the queue, as the view (public or members') has it.
json::object disbursement_json(const app::DisbursementView& v);
// An entry as stored: {index, leaf_hash, canonical}.
json::object entry_json(const store::EntryRec& e);
// The optional "vouchers" field: at most 20 SHA-256 hashes in hex (lower-cased); a bad list is a
// field error on `in`. Whether each was uploaded here is the use case's to check.
std::vector<std::string> voucher_hashes_in(JsonIn& in);

}  // namespace xinyi::http::routes
