#include "http/verify_remote.h"

#include <boost/json.hpp>
#include <stdexcept>

#include "http/client.h"

namespace xinyi::http {

namespace json = boost::json;
using I = std::int64_t;

namespace {
json::value get_json(const ParsedUrl& u, const std::string& rel) {
  auto r = fetch(u.host, u.port, "GET", u.path + rel);
  if (r.status != 200)
    throw std::runtime_error("GET " + u.path + rel + " answered " + std::to_string(r.status));
  return json::parse(r.body);
}

store::HeadRec head_from(const json::value& v) {
  const auto& o = v.as_object();
  return {o.at("tree_size").as_int64(), std::string(o.at("root").as_string()),
          o.at("timestamp").as_int64(), std::string(o.at("signature").as_string())};
}
}  // namespace

RemoteVerifyResult verify_remote(const std::string& base_url,
                                 const std::optional<std::string>& since_json) {
  ParsedUrl u = parse_http_url(base_url);
  RemoteVerifyResult out;
  app::VerifyInput in;
  auto key = get_json(u, "/pubkey");
  in.compound_id = key.at("compound_id").as_int64();
  in.public_key_b64 = key.at("public_key").as_string();
  auto sth = get_json(u, "/sth");
  out.latest_head_json = json::serialize(sth);
  in.heads.push_back(head_from(sth));
  const I size = in.heads[0].tree_size;
  for (I from = 0; from < size;) {
    auto page = get_json(u, "/ledger?from=" + std::to_string(from) + "&limit=1000");
    const auto& entries = page.at("entries").as_array();
    if (entries.empty()) break;
    for (const auto& e : entries) {
      if (e.at("index").as_int64() != static_cast<I>(in.canonical.size()))
        throw std::runtime_error("the server skipped entry #" +
                                 std::to_string(in.canonical.size()));
      in.canonical.emplace_back(e.at("canonical").as_string());
      in.claimed_leaf_hex.emplace_back(e.at("leaf_hash").as_string());
    }
    from += static_cast<I>(entries.size());
  }
  if (since_json) {
    in.since = head_from(json::parse(*since_json));
    if (in.since->tree_size > 0 && in.since->tree_size <= size) {
      auto proof = get_json(u, "/proof/consistency?first=" + std::to_string(in.since->tree_size) +
                                   "&second=" + std::to_string(size));
      std::vector<ledger::Hash> path;
      for (const auto& h : proof.at("path").as_array()) {
        auto hh = ledger::from_hex(h.as_string());
        if (!hh) throw std::runtime_error("malformed consistency proof");
        path.push_back(*hh);
      }
      in.since_proof = std::move(path);
    }
  }
  auto bal = get_json(u, "/balances");
  ledger::BalanceMap reported;
  for (const auto& s : bal.at("sums").as_array())
    reported[{std::string(s.at("account").as_string()), s.at("courtyard_id").as_int64()}] +=
        s.at("amount_fen").as_int64();
  in.reported = std::move(reported);
  out.report = app::verify_log(in);
  return out;
}

}  // namespace xinyi::http
