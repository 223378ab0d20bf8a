// The public log: pages of entries, signed heads, proofs, balances, the monthly summary, the
// vouchers behind entries, and the witnesses who co-sign heads (see public_log.h).
#include "app/public_log.h"

#include <algorithm>

#include "app/books.h"
#include "app/json_in.h"
#include "auth/crypto.h"
#include "domain/assert.h"
#include "domain/date.h"
#include "domain/mask.h"
#include "store/auth_repo.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"
#include "store/vote_repo.h"

namespace xinyi::app {

namespace json = boost::json;
using store::Connection;
using I = std::int64_t;

namespace {

json::object entry_json(const store::EntryRec& e) {
  return {{"index", e.idx}, {"leaf_hash", e.leaf_hash}, {"canonical", e.canonical}};
}

json::object head_json(Connection& c, I cid, const store::HeadRec& h) {
  json::array witnesses;
  for (const auto& w : store::list_witness_signatures(c, cid, h.tree_size))
    witnesses.push_back(json::object{{"key_id", w.key_id},
                                     {"public_key", w.public_b64},
                                     {"name", mask_name(w.user_name)},
                                     {"signature", w.signature},
                                     {"signed_at", w.signed_at}});
  return {{"compound_id", cid},
          {"tree_size", h.tree_size},
          {"root", h.root},
          {"timestamp", h.timestamp},
          {"signature", h.signature},
          {"witnesses", std::move(witnesses)},
          {"signed_message", ledger::tree_head_message(cid, h.tree_size, h.root, h.timestamp)}};
}
}  // namespace

// ---- witnesses ------------------------------------------------------------------------------

json::object add_witness_key(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  std::string key = in.str("public_key", 64);
  in.finish();
  auto raw = auth::unbase64(key);
  if (!raw || raw->size() != 32)
    throw_invalid({{"public_key", "必须是 base64 编码的 32 字节 Ed25519 公钥",
                    "must be a base64 32-byte Ed25519 public key"}});
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    // Registering the same key again is harmless and answers its id (witness tools rely on it);
    // another person's key is a conflict.
    auto existing = store::find_witness_key(c, cid, key);
    if (existing) {
      if (existing->user_id != who.user_id())
        throw Error(ErrorKind::conflict, "duplicate-key", "该公钥已由他人登记",
                    "This key is registered to someone else");
      return json::object{{"key_id", existing->id}, {"public_key", key}};
    }
    I id = store::insert_witness_key(c, cid, who.user_id(), key, app.clock_ms());
    audit(c, app, who, cid, "witness.key", "witness_key:" + std::to_string(id));
    return json::object{{"key_id", id}, {"public_key", key}};
  });
}

json::object cosign_head(App& app, const Caller& who, I cid, std::string_view body) {
  JsonIn in(body);
  I key_id = in.i64("key_id", 1, INT64_MAX);
  I size = in.i64("tree_size", 0, INT64_MAX);
  std::string sig = in.str("signature", 128);
  in.finish();
  return app.db.write([&](Connection& c) {
    auto key = store::get_witness_key(c, cid, key_id);
    if (!key || key->user_id != who.user_id()) throw_not_found("见证公钥", "Witness key");
    auto head = store::head_at(c, cid, size);
    if (!head) throw_not_found("该规模的树头", "Tree head of that size");
    if (!auth::ed25519_verify(key->public_b64,
                              ledger::tree_head_message(cid, size, head->root, head->timestamp),
                              sig))
      throw Error(ErrorKind::unprocessable, "bad-signature", "签名无法用该公钥验证",
                  "The signature does not verify with that key",
                  {{"signature", "验证失败", "does not verify"}});
    try {
      store::insert_witness_signature(c, cid, size, key_id, sig, app.clock_ms());
    } catch (const store::ConstraintError&) {
      throw Error(ErrorKind::conflict, "already-signed", "您已见证过该树头",
                  "You have already co-signed this head");
    }
    audit(c, app, who, cid, "witness.cosign", "tree_head:" + std::to_string(size));
    return head_json(c, cid, *head);
  });
}

// ---- the public log -------------------------------------------------------------------------

json::object ledger_page(App& app, I cid, I from, I limit) {
  limit = std::clamp<I>(limit, 1, kMaxLedgerPage);
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    auto head = store::latest_head(c, cid);
    json::array entries;
    I size = head ? head->tree_size : 0;
    for (const auto& e : store::list_entries(c, cid, from, limit))
      if (e.idx < size) entries.push_back(entry_json(e));
    return json::object{{"tree_size", size}, {"from", from}, {"entries", std::move(entries)}};
  });
}

json::object ledger_feed(App& app, I cid, I before, I limit) {
  limit = std::clamp<I>(limit, 1, 200);
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    auto chart = store::load_chart(c, cid);
    std::map<I, std::string> yards;
    for (const auto& y : store::list_courtyards(c, cid)) yards[y.id] = y.name;
    I size = store::ledger_size(c, cid);
    if (before <= 0 || before > size) before = size;
    json::array items;
    for (const auto& e : store::list_entries_desc(c, cid, before, limit)) {
      auto t = ledger::from_published(e.canonical, nullptr);
      if (!t) continue;
      json::object o = ledger::to_published(*t);
      json::array postings;
      for (const auto& p : t->postings) {
        const auto* a = ledger::find_account(chart, p.account);
        postings.push_back(
            json::object{{"account", p.account},
                         {"name_zh", a ? a->name_zh : ""},
                         {"name_en", a ? a->name_en : ""},
                         {"amount_fen", p.amount_fen},
                         {"courtyard_id", p.courtyard_id},
                         {"courtyard", p.courtyard_id ? yards[p.courtyard_id] : ""}});
      }
      o["postings"] = std::move(postings);
      o["leaf_hash"] = e.leaf_hash;
      auto by = store::reversed_by(c, cid, e.idx);
      o["reversed_by"] = by ? json::value(*by) : json::value(nullptr);
      items.push_back(std::move(o));
    }
    I next = before - static_cast<I>(items.size());
    json::object out{{"tree_size", size}, {"items", std::move(items)}};
    out["next_before"] = next > 0 ? json::value(next) : json::value(nullptr);
    return out;
  });
}

json::object monthly_summary(App& app, I cid, I months) {
  months = std::clamp<I>(months, 1, 60);
  std::string today = china_date(app.clock_ms());
  int y = std::stoi(today.substr(0, 4)), m = std::stoi(today.substr(5, 2));
  std::vector<std::string> keys;
  for (I i = months - 1; i >= 0; --i) {
    int k = (y * 12 + (m - 1)) - static_cast<int>(i);
    keys.push_back(iso_month(k / 12, k % 12 + 1));
  }
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    std::map<std::string, std::pair<I, I>> by_month;  // month → (income, expense)
    std::map<std::string, I> by_account;
    for (const auto& r : store::monthly_postings(c, cid, keys.front() + "-01")) {
      auto& mo = by_month[r.month];
      if (r.type == "income")
        mo.first -= r.amount_fen;  // income is credited: negative postings
      else {
        mo.second += r.amount_fen;
        by_account[r.account] += r.amount_fen;
      }
    }
    json::array list;
    for (const auto& k : keys) {
      auto it = by_month.find(k);
      list.push_back(json::object{{"month", k},
                                  {"income_fen", it == by_month.end() ? 0 : it->second.first},
                                  {"expense_fen", it == by_month.end() ? 0 : it->second.second}});
    }
    auto chart = store::load_chart(c, cid);
    json::array accounts;
    for (const auto& [code, fen] : by_account) {
      const auto* a = ledger::find_account(chart, code);
      accounts.push_back(json::object{{"code", code},
                                      {"name_zh", a ? a->name_zh : code},
                                      {"name_en", a ? a->name_en : code},
                                      {"amount_fen", fen}});
    }
    return json::object{{"months", std::move(list)}, {"expenses_by_account", std::move(accounts)}};
  });
}

json::object signed_head(App& app, I cid) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    auto head = store::latest_head(c, cid);
    if (!head)
      return json::object{
          {"compound_id", cid}, {"tree_size", 0},  {"root", ledger::to_hex(ledger::empty_root())},
          {"timestamp", 0},     {"signature", ""}, {"witnesses", json::array{}}};
    return head_json(c, cid, *head);
  });
}

json::object public_key(App& app, I cid) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    auto key = store::get_compound_key(c, cid);
    if (!key) throw_not_found("账本公钥", "Log key");
    return json::object{
        {"compound_id", cid}, {"algorithm", "Ed25519"}, {"public_key", key->public_b64}};
  });
}

json::object inclusion(App& app, I cid, I index, I tree_size) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    I size = store::ledger_size(c, cid);
    if (tree_size < 1 || tree_size > size || index < 0 || index >= tree_size)
      throw Error(ErrorKind::bad_request, "bad-proof-range",
                  "需要 0 ≤ index < tree_size ≤ " + std::to_string(size),
                  "Need 0 ≤ index < tree_size ≤ " + std::to_string(size));
    store::StoreNodes nodes(c, cid);
    json::array path;
    for (const auto& h : ledger::inclusion_proof(nodes, index, tree_size))
      path.push_back(json::value(ledger::to_hex(h)));
    return json::object{{"index", index},
                        {"tree_size", tree_size},
                        {"leaf_hash", ledger::to_hex(nodes.node(0, index))},
                        {"path", std::move(path)}};
  });
}

json::object consistency(App& app, I cid, I first, I second) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    I size = store::ledger_size(c, cid);
    if (first < 0 || second > size || first > second)
      throw Error(ErrorKind::bad_request, "bad-proof-range",
                  "需要 0 ≤ first ≤ second ≤ " + std::to_string(size),
                  "Need 0 ≤ first ≤ second ≤ " + std::to_string(size));
    store::StoreNodes nodes(c, cid);
    json::array path;
    if (first > 0)
      for (const auto& h : ledger::consistency_proof(nodes, first, second))
        path.push_back(json::value(ledger::to_hex(h)));
    return json::object{{"first", first}, {"second", second}, {"path", std::move(path)}};
  });
}

json::object balances(App& app, I cid, const std::string& as_of) {
  if (!as_of.empty() && !ledger::valid_date(as_of))
    throw Error(ErrorKind::bad_request, "bad-date", "日期无效（应为 YYYY-MM-DD）",
                "Invalid date (expected YYYY-MM-DD)");
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    auto chart = store::load_chart(c, cid);
    auto sums = store::balances(c, cid, as_of);
    std::map<std::string, I> by_account;
    std::map<I, std::map<std::string, I>> by_courtyard;
    json::array flat;
    for (const auto& s : sums) {
      by_account[s.account] += s.amount_fen;
      by_courtyard[s.courtyard_id][s.account] += s.amount_fen;
      flat.push_back(json::object{
          {"account", s.account}, {"courtyard_id", s.courtyard_id}, {"amount_fen", s.amount_fen}});
    }
    json::array accounts;
    for (const auto& a : chart)
      accounts.push_back(
          json::object{{"code", a.code},
                       {"name_zh", a.name_zh},
                       {"name_en", a.name_en},
                       {"type", ledger::to_string(a.type)},
                       {"cash", a.cash},
                       {"charity", a.charity},
                       {"trustee_pay", a.trustee_pay},
                       {"balance_fen", by_account.count(a.code) ? by_account[a.code] : 0}});
    json::array yards;
    for (const auto& y : store::list_courtyards(c, cid)) {
      json::array accs;
      I income = 0, expense = 0;
      for (const auto& [code, amt] : by_courtyard[y.id]) {
        accs.push_back(json::object{{"code", code}, {"balance_fen", amt}});
        const auto* a = ledger::find_account(chart, code);
        if (a && a->type == ledger::AccountType::income) income -= amt;
        if (a && a->type == ledger::AccountType::expense) expense += amt;
      }
      yards.push_back(json::object{{"id", y.id},
                                   {"name", y.name},
                                   {"income_fen", income},
                                   {"expense_fen", expense},
                                   {"surplus_fen", income - expense},
                                   {"accounts", std::move(accs)}});
    }
    return json::object{{"compound_id", cid},
                        {"as_of", as_of.empty() ? json::value(nullptr) : json::value(as_of)},
                        {"tree_size", store::ledger_size(c, cid)},
                        {"accounts", std::move(accounts)},
                        {"courtyards", std::move(yards)},
                        {"sums", std::move(flat)}};
  });
}

void require_entry(App& app, std::int64_t cid, std::int64_t index) {
  app.db.read([&](store::Connection& c) {
    if (!store::get_entry(c, cid, index)) throw_not_found("账目", "Entry");
  });
}

VoucherFile voucher_file(App& app, I cid, const std::string& sha) {
  return app.db.read([&](Connection& c) {
    auto v = store::get_voucher(c, cid, sha, true);
    // The scan of a paper ballot in a secret vote shows how that owner voted: never public.
    // A replaced scan stays private too: every scan ever entered for a secret ballot is listed.
    if (!v || store::is_secret_ballot_scan(c, cid, sha)) throw_not_found("凭证", "Voucher");
    return VoucherFile{v->mime, v->bytes};
  });
}

}  // namespace xinyi::app
