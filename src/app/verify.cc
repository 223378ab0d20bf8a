#include "app/verify.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "auth/crypto.h"
#include "store/registry_repo.h"
#include "store/workflow_repo.h"

namespace xinyi::app {

using I = std::int64_t;

namespace {
VerifyReport fail(VerifyReport r, std::string msg) {
  r.ok = false;
  r.message = std::move(msg);
  return r;
}

std::string fen(I v) { return format_yuan(v); }

// The workflow tables each point at ledger entries; here each is checked against the entry it
// points to (the books are the truth: an edited amount, status or link is a mismatch). The
// first mismatch, in words, or nothing.
struct Books {
  const std::vector<ledger::Transaction>& tx;
  const ledger::Transaction* at(I idx) const {
    return idx >= 0 && idx < static_cast<I>(tx.size()) ? &tx[idx] : nullptr;
  }
  static I sum(const ledger::Transaction& t, std::string_view account) {
    I s = 0;
    for (const auto& p : t.postings)
      if (p.account == account) s += p.amount_fen;
    return s;
  }
  static bool links(const ledger::Transaction& t, std::string_view kind, I id) {
    for (const auto& l : t.links)
      if (l.kind == kind && l.id == id) return true;
    return false;
  }
  // `idx` is a reversal of `of`.
  bool reverses(std::optional<I> idx, I of) const {
    const auto* r = idx ? at(*idx) : nullptr;
    return r && r->kind == "reversal" && r->reverses == of;
  }
};

using Mismatch = std::optional<std::string>;

std::string bad(const std::string& what, I id, const std::string& why) {
  return what + " " + std::to_string(id) + ": " + why;
}

// Fee payments and their receipts: each moves its amount in its entry, is reversed only by a
// reversal of it, allocates no more than it brought; receipts are numbered 1…n without a gap.
Mismatch payments_mismatch(store::Connection& c, I cid, const Books& b) {
  I receipts = 0, max_receipt = 0;
  for (const auto& p : store::payments_to_check(c, cid)) {
    ++receipts;
    max_receipt = std::max(max_receipt, p.receipt_no);
    const auto* t = b.at(p.entry_idx);
    if (!t || t->kind != "payment")
      return bad("payment", p.id,
                 "its ledger entry #" + std::to_string(p.entry_idx) + " is not a payment");
    const I cash = Books::sum(*t, p.method == "cash" ? "1009" : "1001");
    if (cash != p.amount_fen || -(Books::sum(*t, "1101") + Books::sum(*t, "2002")) != p.amount_fen)
      return bad("payment", p.id,
                 "recorded as " + fen(p.amount_fen) + " but its entry #" +
                     std::to_string(p.entry_idx) + " moves " + fen(cash));
    if (p.reversed_idx && !b.reverses(p.reversed_idx, p.entry_idx))
      return bad("payment", p.id,
                 "marked reversed by entry #" + std::to_string(*p.reversed_idx) +
                     ", which does not reverse it");
    if (p.allocated_fen < 0 || p.allocated_fen > p.amount_fen)
      return bad("payment", p.id, "allocates " + fen(p.allocated_fen) + " of " + fen(p.amount_fen));
  }
  if (max_receipt != receipts)
    return "receipts: " + std::to_string(receipts) + " numbered up to " +
           std::to_string(max_receipt);
  return std::nullopt;
}

// Bills: what is paid is what live payments allocated; never more than the bill. Bill runs:
// their bills and the fee income their entries book.
Mismatch bills_mismatch(store::Connection& c, I cid, const Books& b) {
  for (const auto& r : store::bills_to_check(c, cid))
    if (r.paid_fen != r.live_allocated_fen || r.paid_fen < 0 || r.paid_fen > r.amount_fen)
      return bad("bill", r.id,
                 "shows " + fen(r.paid_fen) + " paid of " + fen(r.amount_fen) + ", its payments " +
                     fen(r.live_allocated_fen));
  std::map<I, I> billed;  // run → 4001 credited by its entries
  for (const auto& t : b.tx)
    for (const auto& l : t.links)
      if (l.kind == "bill_run") billed[l.id] -= Books::sum(t, "4001");
  for (const auto& r : store::bill_runs_to_check(c, cid))
    if (r.bills != r.bills_found || r.total_fen != r.bills_total_fen || billed[r.id] != r.total_fen)
      return bad("bill run", r.id,
                 "says " + std::to_string(r.bills) + " bills, " + fen(r.total_fen) + "; it has " +
                     std::to_string(r.bills_found) + " bills, " + fen(r.bills_total_fen) +
                     ", and its entries book " + fen(billed[r.id]));
  return std::nullopt;
}

// Disbursements and reversal requests: executed ones (and only they) have an entry that moves
// their amount from their cash account to their expense; a reversal request's entry reverses
// the entry it names; a reversed one's entry was reversed.
Mismatch disbursements_mismatch(store::Connection& c, I cid, const Books& b) {
  for (const auto& d : store::disbursements_to_check(c, cid)) {
    const bool done = d.status == "executed" || d.status == "reversed";
    if (done != d.entry_idx.has_value())
      return bad("disbursement", d.id,
                 d.status + (done ? " without" : " with") + " a ledger entry");
    if (!done) continue;
    const auto* t = b.at(*d.entry_idx);
    if (!t) return bad("disbursement", d.id, "points at a missing entry");
    if (d.reverses_idx) {
      if (!b.reverses(d.entry_idx, *d.reverses_idx))
        return bad("reversal request", d.id,
                   "its entry does not reverse entry #" + std::to_string(*d.reverses_idx));
      continue;
    }
    if (t->kind != "disbursement" || !Books::links(*t, "disbursement", d.id) ||
        Books::sum(*t, d.cash_account) != -d.amount_fen ||
        Books::sum(*t, d.expense_account) != d.amount_fen)
      return bad(
          "disbursement", d.id,
          "of " + fen(d.amount_fen) + " differs from its entry #" + std::to_string(*d.entry_idx));
    if (d.status == "reversed") {
      bool found = false;
      for (const auto& x : b.tx) found |= x.kind == "reversal" && x.reverses == *d.entry_idx;
      if (!found)
        return bad("disbursement", d.id, "marked reversed, but its entry was never reversed");
    }
  }
  return std::nullopt;
}

// Donations received into the charity account; crowdfunding pledges and their payments.
Mismatch charity_mismatch(store::Connection& c, I cid, const Books& b) {
  for (const auto& d : store::donations_to_check(c, cid)) {
    if (d.status != "received" && d.status != "reversed") continue;
    const auto* t = d.entry_idx ? b.at(*d.entry_idx) : nullptr;
    if (!t || !Books::links(*t, "donation", d.id) || Books::sum(*t, "4005") != -d.amount_fen)
      return bad("donation", d.id, "of " + fen(d.amount_fen) + " differs from its ledger entry");
  }
  for (const auto& p : store::pledge_payments_to_check(c, cid)) {
    const auto* t = b.at(p.entry_idx);
    if (!t || !Books::links(*t, "pledge", p.pledge_id) || Books::sum(*t, "4007") != -p.amount_fen)
      return bad("pledge payment", p.id,
                 "of " + fen(p.amount_fen) + " differs from its ledger entry");
    if (p.refund_idx && !b.reverses(p.refund_idx, p.entry_idx))
      return bad("pledge payment", p.id, "refunded by an entry that does not reverse it");
  }
  for (const auto& p : store::pledges_to_check(c, cid))
    if (p.paid_fen != p.live_payments_fen)
      return bad("pledge", p.id,
                 "shows " + fen(p.paid_fen) + " paid, its payments " + fen(p.live_payments_fen));
  return std::nullopt;
}

// A month of hourly service posted once, for the amount of its entry.
Mismatch service_mismatch(store::Connection& c, I cid, const Books& b) {
  for (const auto& s : store::service_postings_to_check(c, cid)) {
    const auto* t = b.at(s.entry_idx);
    I expense = 0;
    if (t)
      for (const auto& p : t->postings) expense += p.amount_fen > 0 ? p.amount_fen : 0;
    if (!t || expense != s.amount_fen)
      return "service posting " + s.period + ": " + fen(s.amount_fen) +
             " differs from its ledger entry";
  }
  return std::nullopt;
}

Mismatch workflow_mismatch(store::Connection& c, I cid, const Books& b) {
  for (auto check : {payments_mismatch, bills_mismatch, disbursements_mismatch, charity_mismatch,
                     service_mismatch})
    if (auto m = check(c, cid, b)) return m;
  return std::nullopt;
}
// Entry #i on its own: canonical, in its place, of this compound, balanced and in range, the
// leaf hash recorded for it, and the postings table as published. Fills `t` and `leaf`.
std::optional<std::string> entry_problem(const VerifyInput& in, I i,
                                         std::optional<ledger::Transaction>& t,
                                         ledger::Hash& leaf) {
  const std::string at = "entry #" + std::to_string(i);
  std::string why;
  t = ledger::from_published(in.canonical[i], &why);
  if (!t) return at + " is not a canonical published transaction: " + why;
  if (t->index != i) return at + " says it is #" + std::to_string(t->index) + " (order changed)";
  if (t->compound_id != in.compound_id) return at + " belongs to another compound";
  I sum = 0;
  for (const auto& p : t->postings) {
    if (p.amount_fen > kMaxAmountFen || p.amount_fen < -kMaxAmountFen)
      return at + " has an amount out of range";
    sum += p.amount_fen;
  }
  if (sum != 0) return at + " does not balance: its postings sum to " + fen(sum);
  leaf = ledger::leaf_hash(in.canonical[i]);
  if (!in.claimed_leaf_hex.empty() && in.claimed_leaf_hex[i] != ledger::to_hex(leaf))
    return at + ": its content does not match its recorded leaf hash";
  if (in.stored_postings) {
    const auto& rows = (*in.stored_postings)[i];
    bool same = rows.size() == t->postings.size();
    for (std::size_t k = 0; same && k < rows.size(); ++k)
      same = rows[k].account == t->postings[k].account &&
             rows[k].amount_fen == t->postings[k].amount_fen &&
             rows[k].courtyard_id == t->postings[k].courtyard_id;
    if (!same) return at + ": the postings table differs from the published entry";
  }
  return std::nullopt;
}

// The balances the server reports against those the entries give (zeros ignored).
std::optional<std::string> balances_problem(ledger::BalanceMap reported, ledger::BalanceMap mine) {
  for (auto it = reported.begin(); it != reported.end();)
    it = it->second == 0 ? reported.erase(it) : std::next(it);
  for (auto it = mine.begin(); it != mine.end();)
    it = it->second == 0 ? mine.erase(it) : std::next(it);
  for (const auto& [k, v] : mine) {
    auto it = reported.find(k);
    I r = it == reported.end() ? 0 : it->second;
    if (r != v)
      return "balance of account " + k.first +
             (k.second ? " in courtyard " + std::to_string(k.second) : "") + " is reported as " +
             fen(r) + " but the entries give " + fen(v);
  }
  for (const auto& [k, v] : reported)
    if (!mine.count(k))
      return "balance of account " + k.first + " is reported as " + fen(v) +
             " but no entry posts to it";
  return std::nullopt;
}
}  // namespace

VerifyReport verify_log(const VerifyInput& in) {
  VerifyReport rep;
  const I n = static_cast<I>(in.canonical.size());
  rep.entries = n;
  if (in.heads.empty()) return fail(rep, "no signed tree head");
  std::map<I, const store::HeadRec*> heads;
  for (const auto& h : in.heads) heads[h.tree_size] = &h;
  const store::HeadRec& latest = *heads.rbegin()->second;
  rep.tree_size = latest.tree_size;
  rep.root = latest.root;
  auto check_sig = [&](const store::HeadRec& h) {
    return auth::ed25519_verify(
        in.public_key_b64,
        ledger::tree_head_message(in.compound_id, h.tree_size, h.root, h.timestamp), h.signature);
  };
  for (const auto& [size, h] : heads) {
    if (!check_sig(*h))
      return fail(rep, "the signature of the tree head of size " + std::to_string(size) +
                           " does not verify");
    ++rep.heads_checked;
  }
  if (latest.tree_size > n)
    return fail(rep, "the latest signed head covers " + std::to_string(latest.tree_size) +
                         " entries but only " + std::to_string(n) + " exist: entries from #" +
                         std::to_string(n) + " were deleted");
  if (latest.tree_size < n)
    return fail(rep, "entry #" + std::to_string(latest.tree_size) +
                         " and later are not covered by any signed head (inserted?)");
  if (in.since) {
    if (!check_sig(*in.since)) return fail(rep, "the saved head's signature does not verify");
    if (in.since->tree_size > n)
      return fail(rep, "the log has shrunk: the saved head had " +
                           std::to_string(in.since->tree_size) + " entries, now " +
                           std::to_string(n));
    heads.emplace(in.since->tree_size, &*in.since);
  }
  if (auto it = heads.find(0);
      it != heads.end() && it->second->root != ledger::to_hex(ledger::empty_root()))
    return fail(rep, "the head of the empty log has a wrong root");

  ledger::TreeBuilder tree;
  ledger::BalanceMap derived;
  I prev_head = 0;
  for (I i = 0; i < n; ++i) {
    std::optional<ledger::Transaction> t;
    ledger::Hash leaf{};
    if (auto why = entry_problem(in, i, t, leaf)) return fail(rep, *why);
    ledger::add_to_balances(derived, *t);
    tree.append(leaf);
    if (auto it = heads.find(i + 1); it != heads.end()) {
      if (ledger::to_hex(tree.root()) != it->second->root) {
        std::string range = prev_head + 1 == i + 1 ? "entry #" + std::to_string(i)
                                                   : "an entry in #" + std::to_string(prev_head) +
                                                         "–#" + std::to_string(i);
        return fail(rep, range + " differs from what the signed head of size " +
                             std::to_string(i + 1) + " covers");
      }
      prev_head = i + 1;
    }
  }
  if (in.since && in.since_proof) {
    auto first_root = ledger::from_hex(in.since->root);
    auto second_root = ledger::from_hex(latest.root);
    if (!first_root || !second_root ||
        !ledger::verify_consistency(in.since->tree_size, latest.tree_size, *first_root,
                                    *second_root, *in.since_proof))
      return fail(rep, "the server's consistency proof from the saved head does not verify");
  }
  if (in.reported)
    if (auto why = balances_problem(*in.reported, derived)) return fail(rep, *why);
  return rep;
}

namespace {

// Reads compound `cid`'s log, heads, stored postings and balances into `in`, checking as it
// goes that the derived columns say what the published text says; `by_days` gets the per-day
// balances behind ?at=, summed over all days.
void read_store_log(store::Connection& c, I cid, VerifyInput& in, ledger::BalanceMap& by_days) {
  if (!store::get_compound(c, cid)) throw_not_found("小区", "Compound");
  auto key = store::get_compound_key(c, cid);
  in.public_key_b64 = key ? key->public_b64 : "";
  in.heads = store::list_heads(c, cid);
  std::vector<std::vector<ledger::Posting>> postings;
  const I page = 5000;
  for (I from = 0;; from += page) {
    auto entries = store::list_entries(c, cid, from, page);
    if (entries.empty()) break;
    for (const auto& e : entries) {
      // The columns derived from the published text (used for listing and ?at= balances)
      // must say what the text says.
      if (auto t = ledger::from_published(e.canonical, nullptr);
          t && (t->date != e.date || t->kind != e.kind || t->description != e.description ||
                t->reverses != e.reverses))
        throw Error(ErrorKind::unprocessable, "derived-column", "账目列与公开内容不一致",
                    "entry #" + std::to_string(e.idx) +
                        ": its date, kind or description columns differ from the published entry");
      if (e.idx != static_cast<I>(in.canonical.size()))
        throw Error(ErrorKind::unprocessable, "gap", "账目编号不连续",
                    "entry #" + std::to_string(in.canonical.size()) + " is missing");
      in.canonical.push_back(e.canonical);
      in.claimed_leaf_hex.push_back(e.leaf_hash);
      postings.emplace_back();
    }
    for (const auto& p : store::list_postings(c, cid, from, from + page)) {
      if (p.idx >= static_cast<I>(postings.size()) || p.date != entries[p.idx - from].date)
        throw Error(
            ErrorKind::unprocessable, "derived-column", "分录与账目不一致",
            "entry #" + std::to_string(p.idx) + ": a postings row does not match the entry");
      postings[p.idx].push_back({p.account, p.amount_fen, p.courtyard_id});
    }
    if (static_cast<I>(entries.size()) < page) break;
  }
  in.stored_postings = std::move(postings);
  ledger::BalanceMap reported;
  for (const auto& b : store::balances(c, cid, ""))
    reported[{b.account, b.courtyard_id}] = b.amount_fen;
  for (const auto& b : store::balances(c, cid, "9999-12-31"))
    by_days[{b.account, b.courtyard_id}] = b.amount_fen;
  for (auto* m : {&reported, &by_days})
    for (auto it = m->begin(); it != m->end();) it = it->second == 0 ? m->erase(it) : std::next(it);
  in.reported = std::move(reported);
}

// The stored interior nodes (what proofs are served from) against the tree recomputed from the
// leaves: the first that differs, or nullopt.
std::optional<std::string> merkle_nodes_problem(store::Database& db, I cid,
                                                const std::vector<std::string>& leaf_hex) {
  std::vector<std::tuple<I, I, std::string>> mine;
  ledger::TreeBuilder tb;
  for (const auto& h : leaf_hex)
    tb.append(*ledger::from_hex(h), [&](int level, std::uint64_t idx, const ledger::Hash& x) {
      if (level > 0) mine.emplace_back(level, static_cast<I>(idx), ledger::to_hex(x));
    });
  std::sort(mine.begin(), mine.end());
  auto stored = db.read([&](store::Connection& c) { return store::list_merkle_nodes(c, cid); });
  for (std::size_t k = 0; k < std::max(mine.size(), stored.size()); ++k) {
    if (k < mine.size() && k < stored.size() && std::get<0>(mine[k]) == stored[k].level &&
        std::get<1>(mine[k]) == stored[k].idx && std::get<2>(mine[k]) == stored[k].hash_hex)
      continue;
    auto [l, x, h] = k < mine.size()
                         ? mine[k]
                         : std::tuple<I, I, std::string>{stored[k].level, stored[k].idx, ""};
    return "the stored Merkle node " + std::to_string(l) + "/" + std::to_string(x) +
           " (covering entries from #" + std::to_string(x << l) +
           ") differs from the recomputed tree";
  }
  return std::nullopt;
}

}  // namespace

VerifyReport verify_store(store::Database& db, I cid) {
  try {
    VerifyInput in;
    ledger::BalanceMap by_days;
    in.compound_id = cid;
    db.read([&](store::Connection& c) { read_store_log(c, cid, in, by_days); });
    auto rep = verify_log(in);
    if (rep.ok && by_days != *in.reported) {
      rep.ok = false;
      rep.message = "the daily balances (used for ?at=) do not add up to the running totals";
    }
    if (rep.ok)
      if (auto why = merkle_nodes_problem(db, cid, in.claimed_leaf_hex)) {
        rep.ok = false;
        rep.message = *why;
      }
    if (rep.ok) {
      std::vector<ledger::Transaction> tx;
      tx.reserve(in.canonical.size());
      for (const auto& text : in.canonical) tx.push_back(*ledger::from_published(text, nullptr));
      if (auto why =
              db.read([&](store::Connection& c) { return workflow_mismatch(c, cid, Books{tx}); })) {
        rep.ok = false;
        rep.message = "the workflow disagrees with the books: " + *why;
      }
    }
    return rep;
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::not_found) throw;
    VerifyReport r;
    r.ok = false;
    r.message = e.en();
    return r;
  }
}

}  // namespace xinyi::app
