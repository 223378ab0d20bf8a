// The books' one door: the Appender (see books.h), the compound's signing key and chart, and
// the signed tree heads.
#include "app/books.h"

#include <algorithm>
#include <ctime>
#include <exception>
#include <map>

#include "auth/crypto.h"
#include "domain/assert.h"
#include "domain/money.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;

std::string china_date(I ms) {
  std::time_t t = static_cast<std::time_t>((ms + 8 * 3600 * 1000LL) / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}
namespace {

void sign_head(Connection& c, I cid, I size, const ledger::Hash& root, I now) {
  auto key = store::get_compound_key(c, cid);
  XINYI_ASSERT(key.has_value());
  std::string root_hex = ledger::to_hex(root);
  store::HeadRec h{
      size, root_hex, now,
      auth::ed25519_sign(key->secret_b64, ledger::tree_head_message(cid, size, root_hex, now))};
  if (store::head_at(c, cid, size)) return;  // already signed at this size
  store::insert_head(c, cid, h);
}
}  // namespace

void ensure_books(Connection& c, I cid, I now) {
  if (store::get_compound_key(c, cid)) return;
  auto kp = auth::ed25519_keypair();
  store::insert_compound_key(c, cid, kp.public_b64, kp.secret_b64, now);
  store::insert_chart(c, cid, ledger::chart_template());
  sign_head(c, cid, 0, ledger::empty_root(), now);
}

Appender::Appender(Connection& c, I cid, I now)
    : c_(c), cid_(cid), now_ms_(now), exceptions_at_start_(std::uncaught_exceptions()) {
  ensure_books(c, cid, now);
  chart_ = store::load_chart(c, cid);
  for (const auto& y : store::list_courtyards(c, cid)) courtyards_.push_back(y.id);
  I size = store::ledger_size(c, cid);
  std::vector<ledger::Hash> frontier;
  for (auto [level, idx] : ledger::TreeBuilder::frontier_nodes(static_cast<std::uint64_t>(size))) {
    auto h = store::get_node(c, cid, level, idx);
    if (!h)
      throw store::StoreError("merkle frontier node missing: " + std::to_string(level) + "/" +
                              std::to_string(idx));
    frontier.push_back(*h);
  }
  builder_ = ledger::TreeBuilder(static_cast<std::uint64_t>(size), std::move(frontier));
}

I Appender::append(ledger::Transaction t) {
  t.compound_id = cid_;
  t.index = size();
  if (t.recorded_at_ms == 0) t.recorded_at_ms = now_ms_;
  auto errs = ledger::validate(t, chart_, [&](I id) {
    return std::find(courtyards_.begin(), courtyards_.end(), id) != courtyards_.end();
  });
  if (!errs.empty()) throw_invalid(std::move(errs));
  refuse_overdraft(t);
  std::string canonical = ledger::published_text(t);
  ledger::Hash leaf = ledger::leaf_hash(canonical);
  store::insert_entry(c_, t, canonical, ledger::to_hex(leaf));
  for (const auto& p : t.postings)
    balance_deltas_[{p.account, p.courtyard_id, t.date}] += p.amount_fen;
  builder_.append(leaf, [&](int level, std::uint64_t idx, const ledger::Hash& h) {
    store::insert_node(c_, cid_, level, idx, h);
  });
  dirty_ = true;
  return t.index;
}

void Appender::refuse_overdraft(const ledger::Transaction& t) {
  std::map<std::string, I> net;  // cash account → this entry's change
  for (const auto& p : t.postings)
    if (const auto* a = ledger::find_account(chart_, p.account); a && a->cash)
      net[p.account] += p.amount_fen;
  for (const auto& [account, change] : net) {
    if (change >= 0) continue;
    I held = store::account_balance(c_, cid_, account);
    for (const auto& [key, delta] : balance_deltas_)
      if (std::get<0>(key) == account) held += delta;
    if (held + change < 0) {
      const auto* a = ledger::find_account(chart_, account);
      throw Error(ErrorKind::unprocessable, "overdraft",
                  a->name_zh + "余额 " + format_yuan(held) + "，不足以支出 " +
                      format_yuan(-change) + "；银行和现金科目不能透支",
                  a->name_en + " holds " + format_yuan(held) + ", less than the " +
                      format_yuan(-change) +
                      " this entry takes out; a bank or cash account cannot go below zero",
                  {{"postings", "可用余额 " + format_yuan(std::max<I>(held, 0)),
                    "available: " + format_yuan(std::max<I>(held, 0))}});
    }
  }
}

void require_cash_available(Connection& c, I cid, const std::string& account, I amount_fen) {
  auto chart = store::load_chart(c, cid);
  const auto* a = ledger::find_account(chart, account);
  if (!a || !a->cash || amount_fen <= 0) return;
  I held = store::account_balance(c, cid, account), pending = store::pending_from(c, cid, account);
  I available = held - pending;
  if (amount_fen > available)
    throw Error(ErrorKind::unprocessable, "overdraft",
                a->name_zh + "余额 " + format_yuan(held) + "，待批准的支出 " +
                    format_yuan(pending) + "，可用 " + format_yuan(std::max<I>(available, 0)) +
                    "，不足以支出 " + format_yuan(amount_fen),
                a->name_en + " holds " + format_yuan(held) + " with " + format_yuan(pending) +
                    " awaiting approval; " + format_yuan(std::max<I>(available, 0)) +
                    " is available, less than " + format_yuan(amount_fen),
                {{"amount_fen", "可用余额 " + format_yuan(std::max<I>(available, 0)),
                  "available: " + format_yuan(std::max<I>(available, 0))}});
}

Appender::~Appender() {
  // Entries appended and no head signed: a caller forgot finish(). Unwinding is fine: the
  // exception rolls the transaction back, entries and all.
  XINYI_ASSERT(!dirty_ || std::uncaught_exceptions() > exceptions_at_start_);
}

void Appender::finish() {
  if (!dirty_) return;
  store::add_balances(c_, cid_, balance_deltas_);
  balance_deltas_.clear();
  sign_head(c_, cid_, size(), builder_.root(), now_ms_);
  dirty_ = false;
}

}  // namespace xinyi::app
