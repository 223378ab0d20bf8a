// The public log: pages of entries, signed heads, proofs, balances, the monthly summary, the
// vouchers behind entries, and the witnesses who co-sign heads (see public_log.h).
#include "app/public_log.h"

#include <algorithm>

#include "app/books.h"
#include "auth/crypto.h"
#include "domain/assert.h"
#include "domain/date.h"
#include "domain/mask.h"
#include "store/auth_repo.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"
#include "store/vote_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;

namespace {

HeadView head_view(Connection& c, I cid, const store::HeadRec& h) {
  HeadView v;
  v.compound_id = cid;
  v.head = h;
  v.witnesses = store::list_witness_signatures(c, cid, h.tree_size);
  for (auto& w : v.witnesses) w.user_name = mask_name(w.user_name);
  return v;
}
}  // namespace

// ---- witnesses ------------------------------------------------------------------------------

WitnessKey add_witness_key(App& app, const Caller& who, CompoundId compound,
                           const std::string& key) {
  const I cid = compound.value;
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
      return WitnessKey{existing->id, key};
    }
    I id = store::insert_witness_key(c, cid, who.user_id(), key, app.clock_ms());
    audit(c, app, who, cid, "witness.key", "witness_key:" + std::to_string(id));
    return WitnessKey{id, key};
  });
}

HeadView cosign_head(App& app, const Caller& who, CompoundId compound, I key_id, I size,
                     const std::string& sig) {
  const I cid = compound.value;
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
    return head_view(c, cid, *head);
  });
}

// ---- the public log -------------------------------------------------------------------------

LedgerPage ledger_page(App& app, CompoundId compound, I from, I limit) {
  const I cid = compound.value;
  limit = std::clamp<I>(limit, 1, kMaxLedgerPage);
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    auto head = store::latest_head(c, cid);
    LedgerPage out;
    out.tree_size = head ? head->tree_size : 0;
    out.from = from;
    for (auto& e : store::list_entries(c, cid, from, limit))
      if (e.idx < out.tree_size) out.entries.push_back(std::move(e));
    return out;
  });
}

LedgerFeed ledger_feed(App& app, CompoundId compound, I before, I limit) {
  const I cid = compound.value;
  limit = std::clamp<I>(limit, 1, 200);
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    auto chart = store::load_chart(c, cid);
    std::map<I, std::string> yards;
    for (const auto& y : store::list_courtyards(c, cid)) yards[y.id] = y.name;
    LedgerFeed out;
    out.tree_size = store::ledger_size(c, cid);
    if (before <= 0 || before > out.tree_size) before = out.tree_size;
    for (const auto& e : store::list_entries_desc(c, cid, before, limit)) {
      auto t = ledger::from_published(e.canonical, nullptr);
      if (!t) continue;
      FeedItem item;
      for (const auto& p : t->postings) {
        const auto* a = ledger::find_account(chart, p.account);
        item.postings.push_back({p, a ? a->name_zh : "", a ? a->name_en : "",
                                 p.courtyard_id ? yards[p.courtyard_id] : ""});
      }
      item.entry = std::move(*t);
      item.leaf_hash = e.leaf_hash;
      item.reversed_by = store::reversed_by(c, cid, e.idx);
      out.items.push_back(std::move(item));
    }
    I next = before - static_cast<I>(out.items.size());
    if (next > 0) out.next_before = next;
    return out;
  });
}

MonthlySummary monthly_summary(App& app, CompoundId compound, I months) {
  const I cid = compound.value;
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
    MonthlySummary out;
    for (const auto& k : keys) {
      auto it = by_month.find(k);
      out.months.push_back({k, Fen{it == by_month.end() ? 0 : it->second.first},
                            Fen{it == by_month.end() ? 0 : it->second.second}});
    }
    auto chart = store::load_chart(c, cid);
    for (const auto& [code, fen] : by_account) {
      const auto* a = ledger::find_account(chart, code);
      out.expenses_by_account.push_back(
          {code, a ? a->name_zh : code, a ? a->name_en : code, Fen{fen}});
    }
    return out;
  });
}

HeadView signed_head(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    auto head = store::latest_head(c, cid);
    if (!head) return HeadView{cid, std::nullopt, {}};
    return head_view(c, cid, *head);
  });
}

std::string public_key(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    auto key = store::get_compound_key(c, cid);
    if (!key) throw_not_found("账本公钥", "Log key");
    return key->public_b64;
  });
}

Proof inclusion(App& app, CompoundId compound, I index, I tree_size) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    I size = store::ledger_size(c, cid);
    if (tree_size < 1 || tree_size > size || index < 0 || index >= tree_size)
      throw Error(ErrorKind::bad_request, "bad-proof-range",
                  "需要 0 ≤ index < tree_size ≤ " + std::to_string(size),
                  "Need 0 ≤ index < tree_size ≤ " + std::to_string(size));
    store::StoreNodes nodes(c, cid);
    Proof out{index, tree_size, ledger::to_hex(nodes.node(0, index)), {}};
    for (const auto& h : ledger::inclusion_proof(nodes, index, tree_size))
      out.path.push_back(ledger::to_hex(h));
    return out;
  });
}

Proof consistency(App& app, CompoundId compound, I first, I second) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    I size = store::ledger_size(c, cid);
    if (first < 0 || second > size || first > second)
      throw Error(ErrorKind::bad_request, "bad-proof-range",
                  "需要 0 ≤ first ≤ second ≤ " + std::to_string(size),
                  "Need 0 ≤ first ≤ second ≤ " + std::to_string(size));
    store::StoreNodes nodes(c, cid);
    Proof out{first, second, "", {}};
    if (first > 0)
      for (const auto& h : ledger::consistency_proof(nodes, first, second))
        out.path.push_back(ledger::to_hex(h));
    return out;
  });
}

Balances balances(App& app, CompoundId compound, const std::string& as_of) {
  const I cid = compound.value;
  if (!as_of.empty() && !ledger::valid_date(as_of))
    throw Error(ErrorKind::bad_request, "bad-date", "日期无效（应为 YYYY-MM-DD）",
                "Invalid date (expected YYYY-MM-DD)");
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    Balances out;
    out.compound_id = cid;
    if (!as_of.empty()) out.as_of = as_of;
    out.tree_size = store::ledger_size(c, cid);
    auto chart = store::load_chart(c, cid);
    out.sums = store::balances(c, cid, as_of);
    std::map<std::string, I> by_account;
    std::map<I, std::map<std::string, I>> by_courtyard;
    for (const auto& s : out.sums) {
      by_account[s.account] += s.amount_fen;
      by_courtyard[s.courtyard_id][s.account] += s.amount_fen;
    }
    for (const auto& a : chart)
      out.accounts.push_back({a, Fen{by_account.count(a.code) ? by_account[a.code] : 0}});
    for (const auto& y : store::list_courtyards(c, cid)) {
      CourtyardBalances yard{y.id, y.name, Fen{0}, Fen{0}, {}};
      for (const auto& [code, amt] : by_courtyard[y.id]) {
        yard.accounts.emplace_back(code, amt);
        const auto* a = ledger::find_account(chart, code);
        if (a && a->type == ledger::AccountType::income) yard.income_fen -= Fen{amt};
        if (a && a->type == ledger::AccountType::expense) yard.expense_fen += Fen{amt};
      }
      out.courtyards.push_back(std::move(yard));
    }
    return out;
  });
}

void require_entry(App& app, CompoundId compound, std::int64_t index) {
  const std::int64_t cid = compound.value;
  app.db.read([&](store::Connection& c) {
    if (!store::get_entry(c, cid, index)) throw_not_found("账目", "Entry");
  });
}

VoucherFile voucher_file(App& app, CompoundId compound, const std::string& sha) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    auto v = store::get_voucher(c, cid, sha, true);
    // The scan of a paper ballot in a secret vote shows how that owner voted: never public.
    // A replaced scan stays private too: every scan ever entered for a secret ballot is listed.
    if (!v || store::is_secret_ballot_scan(c, cid, sha)) throw_not_found("凭证", "Voucher");
    return VoucherFile{v->mime, v->bytes};
  });
}

}  // namespace xinyi::app
