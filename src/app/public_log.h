// The public log of a compound's books, which anyone may read and check: pages of entries,
// the signed tree heads with their witnesses' co-signatures, inclusion and consistency proofs
// (RFC 9162), balances, the monthly summary and the vouchers behind entries. Witnesses
// (community staff) register keys and co-sign heads here.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "app/app.h"

namespace xinyi::app {

inline constexpr std::int64_t kMaxLedgerPage = 1000;

// Witnesses (community staff).
boost::json::object add_witness_key(App& app, const Caller& who, std::int64_t cid,
                                    std::string_view body);
boost::json::object cosign_head(App& app, const Caller& who, std::int64_t cid,
                                std::string_view body);

// The public log.
boost::json::object ledger_page(App& app, std::int64_t cid, std::int64_t from, std::int64_t limit);
boost::json::object ledger_feed(App& app, std::int64_t cid, std::int64_t before,
                                std::int64_t limit);
boost::json::object signed_head(App& app, std::int64_t cid);
boost::json::object public_key(App& app, std::int64_t cid);
boost::json::object inclusion(App& app, std::int64_t cid, std::int64_t index,
                              std::int64_t tree_size);
boost::json::object consistency(App& app, std::int64_t cid, std::int64_t first,
                                std::int64_t second);
boost::json::object balances(App& app, std::int64_t cid, const std::string& as_of);
// For the public page's charts: income and expenses per month for the `months` months up to
// this one (China time), and the expenses of that span by account. Sums of postings, in fen.
boost::json::object monthly_summary(App& app, std::int64_t cid, std::int64_t months);
// Entry `index` of compound `cid` exists, or 404 (for pages that link to it).
void require_entry(App& app, std::int64_t cid, std::int64_t index);

struct VoucherFile {
  std::string mime, bytes;
};
// What an upload stored: the hash to cite it by, its type and size.
struct VoucherStored {
  std::string sha256, mime;
  std::int64_t size_bytes = 0;
};
VoucherFile voucher_file(App& app, std::int64_t cid, const std::string& sha256);

}  // namespace xinyi::app
