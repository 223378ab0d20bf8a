#include "app/verify.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "auth/crypto.h"
#include "store/registry_repo.h"

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

std::optional<std::string> workflow_mismatch(store::Connection& c, I cid, const Books& b) {
  auto bad = [](const std::string& what, I id, const std::string& why) {
    return what + " " + std::to_string(id) + ": " + why;
  };
  // Fee payments and their receipts.
  I receipts = 0, max_receipt = 0;
  for (
      auto& r : c.query(
          "SELECT id, amount_fen, method, entry_idx, reversed_idx, receipt_no FROM payments WHERE compound_id = ? ORDER BY id",
          {cid})) {
    ++receipts;
    max_receipt = std::max(max_receipt, r.i64(5));
    const auto* t = b.at(r.i64(3));
    if (!t || t->kind != "payment")
      return bad("payment", r.i64(0),
                 "its ledger entry #" + std::to_string(r.i64(3)) + " is not a payment");
    const I cash = Books::sum(*t, r.str(2) == "cash" ? "1009" : "1001");
    if (cash != r.i64(1) || -(Books::sum(*t, "1101") + Books::sum(*t, "2002")) != r.i64(1))
      return bad("payment", r.i64(0),
                 "recorded as " + fen(r.i64(1)) + " but its entry #" + std::to_string(r.i64(3)) +
                     " moves " + fen(cash));
    if (!r.is_null(4) && !b.reverses(r.opt_i64(4), r.i64(3)))
      return bad(
          "payment", r.i64(0),
          "marked reversed by entry #" + std::to_string(r.i64(4)) + ", which does not reverse it");
    I allocated = c.scalar(
        "SELECT COALESCE(SUM(amount_fen), 0) FROM payment_allocations WHERE payment_id = ?",
        {r.i64(0)});
    if (allocated < 0 || allocated > r.i64(1))
      return bad("payment", r.i64(0), "allocates " + fen(allocated) + " of " + fen(r.i64(1)));
  }
  if (max_receipt != receipts)
    return "receipts: " + std::to_string(receipts) + " numbered up to " +
           std::to_string(max_receipt);
  // Bills: what is paid is what live payments allocated; never more than the bill.
  for (
      auto& r : c.query(
          "SELECT b.id, b.amount_fen, b.paid_fen, COALESCE((SELECT SUM(a.amount_fen) FROM payment_allocations a JOIN payments p "
          "ON p.id = a.payment_id WHERE a.bill_id = b.id AND p.reversed_idx IS NULL), 0) FROM bills b WHERE b.compound_id = ? ORDER BY b.id",
          {cid}))
    if (r.i64(2) != r.i64(3) || r.i64(2) < 0 || r.i64(2) > r.i64(1))
      return bad("bill", r.i64(0),
                 "shows " + fen(r.i64(2)) + " paid of " + fen(r.i64(1)) + ", its payments " +
                     fen(r.i64(3)));
  // Bill runs: their bills and the fee income their entries book.
  std::map<I, I> billed;  // run → 4001 credited by its entries
  for (const auto& t : b.tx)
    for (const auto& l : t.links)
      if (l.kind == "bill_run") billed[l.id] -= Books::sum(t, "4001");
  for (
      auto& r : c.query(
          "SELECT r.id, r.bills, r.total_fen, (SELECT COUNT(*) FROM bills x WHERE x.run_id = r.id), "
          "(SELECT COALESCE(SUM(x.amount_fen), 0) FROM bills x WHERE x.run_id = r.id) FROM bill_runs r WHERE r.compound_id = ? ORDER BY r.id",
          {cid}))
    if (r.i64(1) != r.i64(3) || r.i64(2) != r.i64(4) || billed[r.i64(0)] != r.i64(2))
      return bad("bill run", r.i64(0),
                 "says " + std::to_string(r.i64(1)) + " bills, " + fen(r.i64(2)) + "; it has " +
                     std::to_string(r.i64(3)) + " bills, " + fen(r.i64(4)) +
                     ", and its entries book " + fen(billed[r.i64(0)]));
  // Disbursements and reversal requests.
  for (
      auto& r : c.query(
          "SELECT id, status, amount_fen, cash_account, expense_account, entry_idx, reverses_idx FROM disbursements "
          "WHERE compound_id = ? ORDER BY id",
          {cid})) {
    const std::string status = r.str(1);
    const bool done = status == "executed" || status == "reversed";
    if (done != !r.is_null(5))
      return bad("disbursement", r.i64(0),
                 status + (done ? " without" : " with") + " a ledger entry");
    if (!done) continue;
    const auto* t = b.at(r.i64(5));
    if (!t) return bad("disbursement", r.i64(0), "points at a missing entry");
    if (!r.is_null(6)) {
      if (!b.reverses(r.opt_i64(5), r.i64(6)))
        return bad("reversal request", r.i64(0),
                   "its entry does not reverse entry #" + std::to_string(r.i64(6)));
      continue;
    }
    if (t->kind != "disbursement" || !Books::links(*t, "disbursement", r.i64(0)) ||
        Books::sum(*t, r.str(3)) != -r.i64(2) || Books::sum(*t, r.str(4)) != r.i64(2))
      return bad("disbursement", r.i64(0),
                 "of " + fen(r.i64(2)) + " differs from its entry #" + std::to_string(r.i64(5)));
    if (status == "reversed") {
      bool found = false;
      for (const auto& x : b.tx) found |= x.kind == "reversal" && x.reverses == r.i64(5);
      if (!found)
        return bad("disbursement", r.i64(0), "marked reversed, but its entry was never reversed");
    }
  }
  // Donations received into the charity account.
  for (
      auto& r : c.query(
          "SELECT id, status, amount_fen, entry_idx FROM donations WHERE compound_id = ? ORDER BY id",
          {cid})) {
    const std::string status = r.str(1);
    if (status != "received" && status != "reversed") continue;
    const auto* t = r.is_null(3) ? nullptr : b.at(r.i64(3));
    if (!t || !Books::links(*t, "donation", r.i64(0)) || Books::sum(*t, "4005") != -r.i64(2))
      return bad("donation", r.i64(0), "of " + fen(r.i64(2)) + " differs from its ledger entry");
  }
  // Crowdfunding pledges and their payments.
  for (
      auto& r : c.query(
          "SELECT id, pledge_id, amount_fen, entry_idx, refund_idx FROM pledge_payments WHERE compound_id = ? ORDER BY id",
          {cid})) {
    const auto* t = b.at(r.i64(3));
    if (!t || !Books::links(*t, "pledge", r.i64(1)) || Books::sum(*t, "4007") != -r.i64(2))
      return bad("pledge payment", r.i64(0),
                 "of " + fen(r.i64(2)) + " differs from its ledger entry");
    if (!r.is_null(4) && !b.reverses(r.opt_i64(4), r.i64(3)))
      return bad("pledge payment", r.i64(0), "refunded by an entry that does not reverse it");
  }
  for (
      auto& r : c.query(
          "SELECT p.id, p.paid_fen, COALESCE((SELECT SUM(x.amount_fen) FROM pledge_payments x WHERE x.pledge_id = p.id AND "
          "x.refund_idx IS NULL), 0) FROM pledges p WHERE p.compound_id = ? ORDER BY p.id",
          {cid}))
    if (r.i64(1) != r.i64(2))
      return bad("pledge", r.i64(0),
                 "shows " + fen(r.i64(1)) + " paid, its payments " + fen(r.i64(2)));
  // A month of hourly service posted once, for the amount of its entry.
  for (
      auto& r : c.query(
          "SELECT period, amount_fen, entry_idx FROM service_postings WHERE compound_id = ? AND entry_idx IS NOT NULL ORDER BY period",
          {cid})) {
    const auto* t = b.at(r.i64(2));
    I expense = 0;
    if (t)
      for (const auto& p : t->postings) expense += p.amount_fen > 0 ? p.amount_fen : 0;
    if (!t || expense != r.i64(1))
      return "service posting " + r.str(0) + ": " + fen(r.i64(1)) +
             " differs from its ledger entry";
  }
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
    std::string why;
    auto t = ledger::from_published(in.canonical[i], &why);
    if (!t)
      return fail(
          rep, "entry #" + std::to_string(i) + " is not a canonical published transaction: " + why);
    if (t->index != i)
      return fail(rep, "entry #" + std::to_string(i) + " says it is #" + std::to_string(t->index) +
                           " (order changed)");
    if (t->compound_id != in.compound_id)
      return fail(rep, "entry #" + std::to_string(i) + " belongs to another compound");
    I sum = 0;
    for (const auto& p : t->postings) {
      if (p.amount_fen > kMaxAmountFen || p.amount_fen < -kMaxAmountFen)
        return fail(rep, "entry #" + std::to_string(i) + " has an amount out of range");
      sum += p.amount_fen;
    }
    if (sum != 0)
      return fail(rep, "entry #" + std::to_string(i) + " does not balance: its postings sum to " +
                           fen(sum));
    ledger::Hash leaf = ledger::leaf_hash(in.canonical[i]);
    if (!in.claimed_leaf_hex.empty() && in.claimed_leaf_hex[i] != ledger::to_hex(leaf))
      return fail(rep, "entry #" + std::to_string(i) +
                           ": its content does not match its recorded leaf hash");
    if (in.stored_postings) {
      const auto& rows = (*in.stored_postings)[i];
      bool same = rows.size() == t->postings.size();
      for (std::size_t k = 0; same && k < rows.size(); ++k)
        same = rows[k].account == t->postings[k].account &&
               rows[k].amount_fen == t->postings[k].amount_fen &&
               rows[k].courtyard_id == t->postings[k].courtyard_id;
      if (!same)
        return fail(rep, "entry #" + std::to_string(i) +
                             ": the postings table differs from the published entry");
    }
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
  if (in.reported) {
    ledger::BalanceMap reported = *in.reported, mine = derived;
    for (auto it = reported.begin(); it != reported.end();)
      it = it->second == 0 ? reported.erase(it) : std::next(it);
    for (auto it = mine.begin(); it != mine.end();)
      it = it->second == 0 ? mine.erase(it) : std::next(it);
    for (const auto& [k, v] : mine) {
      auto it = reported.find(k);
      I r = it == reported.end() ? 0 : it->second;
      if (r != v)
        return fail(rep, "balance of account " + k.first +
                             (k.second ? " in courtyard " + std::to_string(k.second) : "") +
                             " is reported as " + fen(r) + " but the entries give " + fen(v));
    }
    for (const auto& [k, v] : reported)
      if (!mine.count(k))
        return fail(rep, "balance of account " + k.first + " is reported as " + fen(v) +
                             " but no entry posts to it");
  }
  return rep;
}

VerifyReport verify_store(store::Database& db, I cid) {
  try {
    VerifyInput in;
    ledger::BalanceMap by_days;  // the per-day balances behind ?at=, summed over all days
    in.compound_id = cid;
    db.read([&](store::Connection& c) {
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
            throw Error(
                ErrorKind::unprocessable, "derived-column", "账目列与公开内容不一致",
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
        for (auto it = m->begin(); it != m->end();)
          it = it->second == 0 ? m->erase(it) : std::next(it);
      in.reported = std::move(reported);
    });
    auto rep = verify_log(in);
    if (rep.ok && by_days != *in.reported) {
      rep.ok = false;
      rep.message = "the daily balances (used for ?at=) do not add up to the running totals";
    }
    if (rep.ok) {
      // The stored interior nodes (what proofs are served from) must be the recomputed ones.
      std::vector<std::tuple<I, I, std::string>> mine;
      ledger::TreeBuilder tb;
      for (const auto& h : in.claimed_leaf_hex)
        tb.append(*ledger::from_hex(h), [&](int level, std::uint64_t idx, const ledger::Hash& x) {
          if (level > 0) mine.emplace_back(level, static_cast<I>(idx), ledger::to_hex(x));
        });
      std::sort(mine.begin(), mine.end());
      auto stored = db.read([&](store::Connection& c) {
        return c.query(
            "SELECT level, idx, hash FROM merkle_nodes WHERE compound_id = ? ORDER BY level, idx",
            {cid});
      });
      for (std::size_t k = 0; k < std::max(mine.size(), stored.size()); ++k) {
        if (k >= mine.size() || k >= stored.size() || std::get<0>(mine[k]) != stored[k].i64(0) ||
            std::get<1>(mine[k]) != stored[k].i64(1) || std::get<2>(mine[k]) != stored[k].str(2)) {
          rep.ok = false;
          auto [l, x, h] = k < mine.size() ? mine[k]
                                           : std::tuple<I, I, std::string>{stored[k].i64(0),
                                                                           stored[k].i64(1), ""};
          rep.message = "the stored Merkle node " + std::to_string(l) + "/" + std::to_string(x) +
                        " (covering entries from #" + std::to_string(x << l) +
                        ") differs from the recomputed tree";
          break;
        }
      }
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
