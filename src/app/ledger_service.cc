#include "app/ledger_service.h"
#include "app/books.h"
#include "domain/date.h"

#include "domain/money.h"

#include "domain/upload.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

#include "app/notify.h"
#include "app/vote_service.h"
#include "auth/crypto.h"
#include "domain/assert.h"
#include "domain/mask.h"
#include "domain/registry.h"
#include "domain/text.h"
#include "store/auth_repo.h"
#include "store/billing_repo.h"
#include "store/charity_repo.h"
#include "store/ledger_repo.h"
#include "store/project_repo.h"
#include "store/registry_repo.h"
#include "store/settlement_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;

namespace {

std::string mime_of(const std::string& declared, const std::string& bytes) {
  auto mime = upload::sniff(declared, bytes, true);
  if (!mime)
    throw Error(ErrorKind::unprocessable, "bad-voucher-type",
                "凭证只接受 JPEG、PNG 图片或 PDF 文件",
                "Vouchers must be JPEG or PNG images or PDF files");
  return *mime;
}

std::vector<ledger::Voucher> load_vouchers(Connection& c, I cid,
                                           const std::vector<std::string>& hashes) {
  std::vector<ledger::Voucher> out;
  for (const auto& h : hashes) {
    auto v = store::get_voucher(c, cid, h, false);
    if (!v)
      throw Error(ErrorKind::unprocessable, "unknown-voucher",
                  "凭证不存在，请先上传：" + h.substr(0, 12),
                  "Unknown voucher (upload it first): " + h.substr(0, 12),
                  {{"vouchers", "凭证不存在", "unknown voucher"}});
    out.push_back({v->sha256, v->mime, v->size});
  }
  return out;
}

// The side a person approves for: their own role in the compound. The operator is neither side
// and cannot stand in for one (an admin path around the two-person rule).
std::string approver_role(const Caller& who, I cid) {
  if (who.principal && who.principal->has(cid, Role::committee)) return "committee";
  if (who.principal && who.principal->has(cid, Role::trustee)) return "trustee";
  return "";
}

// Everyone who may approve in compound `cid` (committee and trustee), but `except`.
void notify_approvers(Connection& c, App& app, I cid, I except, const store::DisbursementRec& d) {
  std::set<I> people;
  for (const auto& g : store::list_compound_grants(c, cid))
    if ((g.role == "committee" || g.role == "trustee") && g.user_id != except)
      people.insert(g.user_id);
  std::string what = d.reverses_idx ? "冲正申请：" + d.payee : "支出申请：" + d.purpose;
  for (I u : people)
    notify_user(c, cid, u,
                Notice{"approval",
                       "待您审批 " + format_yuan(d.amount_fen) + " · " + text::truncate(what, 40),
                       "", "/c/" + std::to_string(cid) + "/approvals", false},
                app.clock_ms());
}

}  // namespace

// ---- writes -------------------------------------------------------------------------------

I post_transaction_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                      const JournalInput& in) {
  const I cid = compound.value;
  require_compound(c, cid);
  ledger::Transaction t;
  t.date = in.date;
  t.kind = "journal";
  t.description = in.description;
  t.postings = in.postings;
  t.vouchers = load_vouchers(c, cid, in.vouchers);
  if (auto limits = ledger::journal_limits(t, store::load_chart(c, cid)); !limits.empty())
    throw_invalid(std::move(limits));
  Appender ap(c, cid, app.clock_ms());
  I idx = ap.append(std::move(t));
  ap.finish();
  audit(c, app, who, cid, "ledger.post", "entry:" + std::to_string(idx));
  return idx;
}

store::EntryRec post_transaction(App& app, const Caller& who, CompoundId compound,
                                 const JournalInput& in) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    I idx = post_transaction_in(c, app, who, compound, in);
    return *store::get_entry(c, cid, idx);
  });
}

void follow_reversal(Connection& c, I cid, const ledger::Transaction& t, I reversal_idx) {
  // A reversed fee payment gives its bills back what it had settled and voids its receipt (its
  // allocations stay, as the record of what it had settled).
  if (auto p = store::payment_at_entry(c, cid, t.index, true))
    store::undo_payment(c, p->id, reversal_idx);
  for (const auto& l : t.links) {
    if (l.kind == "disbursement")
      store::mark_disbursement_reversed(c, cid, l.id);
    else if (l.kind == "donation")
      store::mark_donation_reversed(c, cid, l.id);
    else if (l.kind == "pledge")
      store::undo_pledge_payment(c, cid, t.index, reversal_idx);
  }
}

namespace {

// The stored entry `index`, checked to be one that may still be reversed.
ledger::Transaction reversible_entry(Connection& c, I cid, I index, I request_id = 0) {
  auto e = store::get_entry(c, cid, index);
  if (!e) throw_not_found("账目", "Entry");
  if (auto by = store::reversed_by(c, cid, index))
    throw Error(ErrorKind::conflict, "already-reversed",
                "该笔账目已被第 " + std::to_string(*by) + " 笔冲正",
                "This entry was already reversed by entry " + std::to_string(*by));
  if (e->kind == "reversal")
    throw Error(ErrorKind::conflict, "reversal-of-reversal",
                "冲正记录不能再冲正，请重新录入正确的账目",
                "A reversal cannot be reversed; post the correct entry instead");
  if (store::reversal_pending(c, cid, index, request_id))
    throw Error(ErrorKind::conflict, "reversal-pending", "该笔账目的冲正申请正在等待批准",
                "A reversal of this entry is already awaiting approval");
  auto original = ledger::from_published(e->canonical, nullptr);
  if (!original)
    throw store::StoreError("stored entry " + std::to_string(index) + " is not canonical");
  // Entries that a workflow owns are undone by that workflow, never by a bare reversal: the
  // bills of a bill run, a posted month of service hours, the remuneration and the shared-cost
  // allocation of a period would no longer match their books.
  bool owned = original->kind == "bill_run" || original->kind == "remuneration" ||
               original->kind == "allocation" || original->kind == "service";
  for (const auto& l : original->links) owned |= l.kind == "bill_run" || l.kind == "service_month";
  if (owned)
    throw Error(
        ErrorKind::conflict, "workflow-entry",
        "这笔账目由账单、工时结算或酬金流程生成，不能直接冲正",
        "This entry belongs to a bill run, a service posting or the remuneration; it cannot simply be reversed");
  // A payment of a project that is settled (or was cancelled) stays: its figures are final.
  for (const auto& l : original->links)
    if (l.kind == "project")
      if (auto st = store::project_status(c, cid, l.id);
          st && (*st == "settled" || (*st == "cancelled" && request_id == 0)))
        throw Error(
            ErrorKind::conflict, "project-closed",
            "该项目已" + std::string(*st == "settled" ? "决算" : "取消") + "，其账目不能再冲正",
            "The project is " + *st + "; its entries can no longer be reversed");
  // A fee payment whose prepaid part has since settled later bills cannot be undone by its
  // mirror image: the books would no longer match the bills. Reverse the later entries first.
  if (auto p = store::payment_at_entry(c, cid, index, false)) {
    I settled_then = 0;
    for (const auto& q : original->postings)
      if (q.account == "1101") settled_then -= q.amount_fen;
    I allocated = store::allocated_fen(c, p->id);
    if (allocated != settled_then)
      throw Error(
          ErrorKind::conflict, "prepayment-used",
          "这笔收款的预缴部分已抵扣后来的账单，不能直接冲正",
          "The prepaid part of this payment has since settled later bills; it cannot simply be reversed");
  }
  return *original;
}

// What the reversal of `t` takes out of a bank or cash account (the account and fen), if anything.
std::pair<std::string, I> cash_taken_by_reversal(const ledger::Transaction& t,
                                                 const std::vector<ledger::Account>& chart) {
  for (const auto& p : t.postings)
    if (const auto* a = ledger::find_account(chart, p.account); a && a->cash && p.amount_fen > 0)
      return {p.account, p.amount_fen};
  return {"", 0};
}

// Appends the reversal of `original` (with its approvals, if any) and brings the workflow
// tables along; answers the reversal's index. In the caller's write transaction.
I post_reversal(Connection& c, App& app, I cid, const ledger::Transaction& original,
                const std::string& date, const std::string& reason,
                const std::vector<store::ApprovalRec>& approvals, std::optional<I> request_id) {
  auto r = ledger::reversal_of(original, date, "冲正：" + reason, app.clock_ms());
  for (const auto& a : approvals) r.approvals.push_back({a.role, mask_name(a.name), a.at});
  if (request_id) r.links.push_back({"reversal_request", *request_id});
  Appender ap(c, cid, app.clock_ms());
  I idx = ap.append(std::move(r));
  ap.finish();
  follow_reversal(c, cid, original, idx);
  return idx;
}

}  // namespace

ReversalOutcome reverse_transaction(App& app, const Caller& who, CompoundId compound, I index,
                                    const ReversalInput& in) {
  const I cid = compound.value;
  const std::string& reason = in.reason;
  const auto& date = in.date;
  if (date && !ledger::valid_date(*date))
    throw_invalid({{"date", "日期无效", "is not a valid date"}});
  return app.db.write([&](Connection& c) {
    require_compound(c, cid);
    auto original = reversible_entry(c, cid, index);
    auto chart = store::load_chart(c, cid);
    if (!ledger::reversal_is_co_managed(original, chart)) {
      I idx = post_reversal(c, app, cid, original, date.value_or(china_date(app.clock_ms())),
                            reason, {}, std::nullopt);
      audit(c, app, who, cid, "ledger.reverse", "entry:" + std::to_string(index),
            {{"reversal", idx}});
      return ReversalOutcome{false, store::get_entry(c, cid, idx), std::nullopt};
    }
    I id = request_reversal_in(c, app, who, compound, original, chart, reason);
    return ReversalOutcome{true, std::nullopt, disbursement_view(c, who, cid, id)};
  });
}

I request_reversal_in(Connection& c, App& app, const Caller& who, CompoundId compound, I index,
                      const std::string& reason) {
  const I cid = compound.value;
  auto original = reversible_entry(c, cid, index);
  return request_reversal_in(c, app, who, compound, original, store::load_chart(c, cid), reason);
}

I request_reversal_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                      const ledger::Transaction& original,
                      const std::vector<ledger::Account>& chart, const std::string& reason) {
  const I cid = compound.value;
  const I index = original.index;
  {
    // Undoing money is co-managed like paying it out: a request in the same queue (SPEC §4). It
    // is dated the day the approvals execute it, when the money actually moves.
    auto [cash, taken] = cash_taken_by_reversal(original, chart);
    // Reversing an inflow to the maintenance fund would spend the fund without the owners'
    // matter-5 vote: that money leaves only by a disbursement citing the vote.
    if (cash == ledger::kMaintenanceFundBank)
      throw Error(
          ErrorKind::unprocessable, "maintenance-fund",
          "维修资金只能通过引用业主表决（第 5 项事项）的支出申请动用，不能冲正",
          "The maintenance fund is spent only by a request citing the owners' matter-5 vote, not by a reversal");
    if (taken) require_cash_available(c, cid, cash, taken);
    // Nor may it reach into households' crowdfunding for a project under way, unless it gives
    // back that crowdfunding itself.
    bool refund_of_pledge = false;
    for (const auto& l : original.links) refund_of_pledge |= l.kind == "pledge";
    if (taken && cash == "1001" && !refund_of_pledge) {
      I free = store::account_balance(c, cid, "1001") - store::pending_from(c, cid, "1001") -
               crowdfunding_reserved(c, cid);
      if (taken > free)
        throw_invalid(
            {{"amount_fen",
              "基本户中可动用的只有 " + format_yuan(std::max<I>(free, 0)) +
                  "（其余是待批支出或居民的项目众筹款）",
              "only " + format_yuan(std::max<I>(free, 0)) +
                  " of the basic account is free (the rest is pending or crowdfunding)"}});
    }
    store::DisbursementRec d;
    d.compound_id = cid;
    d.status = "pending";
    d.payee = "冲正第 " + std::to_string(index) + " 笔账目";
    d.amount_fen = ledger::entry_amount_fen(original);
    d.purpose = reason;
    d.cash_account = cash;
    d.requested_by = who.user_id();
    d.requested_at = app.clock_ms();
    d.reverses_idx = index;
    d.id = store::insert_disbursement(c, d);
    if (who.principal && who.principal->has(cid, Role::trustee))
      store::insert_approval(c, cid, d.id,
                             {who.user_id(), "trustee", who.user->name, app.clock_ms()});
    audit(c, app, who, cid, "ledger.reverse_request", "entry:" + std::to_string(index),
          {{"request", d.id}, {"amount_fen", d.amount_fen}});
    notify_approvers(c, app, cid, who.user_id(), d);
    return d.id;
  }
}

namespace {
// A voucher file is at most 10 MB and not empty.
void check_voucher_file(const std::string& bytes) {
  if (bytes.size() > kMaxVoucherBytes)
    throw Error(ErrorKind::too_large, "too-large", "凭证文件超过 10 MB",
                "The voucher is larger than 10 MB");
  if (bytes.empty())
    throw Error(ErrorKind::unprocessable, "empty-voucher", "凭证文件是空的",
                "The voucher file is empty");
}
}  // namespace

VoucherStored upload_voucher_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                                const std::string& content_type, const std::string& bytes) {
  const I cid = compound.value;
  check_voucher_file(bytes);
  VoucherStored v{ledger::to_hex(ledger::sha256(bytes)), mime_of(content_type, bytes),
                  static_cast<I>(bytes.size())};
  require_compound(c, cid);
  store::insert_voucher(c, cid, v.sha256, v.mime, bytes, who.user_id(), app.clock_ms());
  audit(c, app, who, cid, "voucher.upload", "voucher:" + v.sha256, {{"size", v.size_bytes}});
  return v;
}

VoucherStored upload_voucher(App& app, const Caller& who, CompoundId compound,
                             const std::string& content_type, const std::string& bytes) {
  check_voucher_file(bytes);  // before any transaction opens: a bad file takes no lock
  return app.db.write(
      [&](Connection& c) { return upload_voucher_in(c, app, who, compound, content_type, bytes); });
}

// ---- co-managed disbursements ---------------------------------------------------------------

namespace {

// A crowdfunding refund of a cancelled project: the households' money goes back to them, so the
// request is not someone's to drop.
bool refund_of_cancelled_project(Connection& c, const store::DisbursementRec& d) {
  if (!d.reverses_idx) return false;
  auto e = store::get_entry(c, d.compound_id, *d.reverses_idx);
  if (!e) return false;
  auto t = ledger::from_published(e->canonical, nullptr);
  if (!t) return false;
  for (const auto& l : t->links)
    if (l.kind == "project" && store::project_status(c, d.compound_id, l.id) == "cancelled")
      return true;
  return false;
}

// What `who` may do with the request now, decided as approve_disbursement and
// reject_disbursement decide it: "approve" (an approver who neither asked for it nor approved
// it yet) and "reject" (an approver, unless it is a refund that must be paid).
std::vector<std::string> decision_steps(Connection& c, const Caller& who,
                                        const store::DisbursementRec& d) {
  std::vector<std::string> can;
  if (d.status != "pending" || approver_role(who, d.compound_id).empty()) return can;
  if (d.requested_by != who.user_id() && !store::has_approved(c, d.id, who.user_id()))
    can.push_back("approve");
  if (!refund_of_cancelled_project(c, d)) can.push_back("reject");
  return can;
}

// `who`: the member the view is for (it then says what they may do); nullptr: the public view,
// masked.
DisbursementView view_of(Connection& c, const store::DisbursementRec& d, const Caller* who,
                         const ledger::ApprovalPolicy& p) {
  const bool masked = who == nullptr;
  DisbursementView v;
  v.request = d;
  std::vector<ledger::Vote> votes;
  for (const auto& a : store::list_approvals(c, d.id)) {
    votes.push_back({a.user_id, a.role});
    v.approvals.push_back({a.role, masked ? mask_name(a.name) : a.name,
                           masked ? std::nullopt : std::optional<I>(a.user_id), a.at});
  }
  if (masked) {
    v.request.payee = ledger::public_payee(d.expense_account, d.payee_is_person, d.payee);
    v.request.requester_name = mask_name(d.requester_name);
    v.request.requested_by = 0;  // no user ids in public
  }
  if (d.reverses_idx)
    if (auto e = store::get_entry(c, d.compound_id, *d.reverses_idx)) {
      auto t = ledger::from_published(e->canonical, nullptr);
      v.reverses_description = t ? t->description : "";
      v.reverses_date = t ? t->date : "";
    }
  v.links = store::get_disbursement_links(c, d.id);
  v.households_covered = store::count_covered_units(c, d.id);
  if (d.status == "pending") {
    auto [zh, en] = ledger::approvals_missing(p, d.amount_fen, votes);
    v.missing_zh = zh;
    v.missing_en = en;
  }
  if (who) v.can = decision_steps(c, *who, d);
  return v;
}

}  // namespace

ledger::Transaction disbursement_entry(const store::DisbursementRec& d,
                                       const std::vector<ledger::Voucher>& vouchers,
                                       const std::vector<store::ApprovalRec>& approvals,
                                       const std::string& date) {
  ledger::Transaction t;
  t.date = date;
  t.kind = "disbursement";
  // Help to a household never names it, not even masked (SPEC §3 model 5).
  std::string payee = ledger::public_payee(d.expense_account, d.payee_is_person, d.payee);
  t.description = d.purpose + "（收款人：" + payee + "）";
  if (text::length(t.description) > ledger::kMaxDescriptionChars) t.description = d.purpose;
  // Both sides carry the courtyard, so a courtyard's own books balance.
  t.postings = {{d.expense_account, d.amount_fen, d.courtyard_id},
                {d.cash_account, -d.amount_fen, d.courtyard_id}};
  t.vouchers = vouchers;
  t.links = {{"disbursement", d.id}};
  for (const auto& a : approvals) t.approvals.push_back({a.role, mask_name(a.name), a.at});
  return t;
}

I crowdfunding_reserved(Connection& c, I cid) {
  return std::max<I>(store::crowdfunding_held_fen(c, cid), 0);
}

namespace {
// The request debits an expense or payable account (or income, when it gives income back) and
// credits bank or cash.
void check_request_accounts(const std::vector<ledger::Account>& chart, const DisbursementInput& r) {
  const auto* ea = ledger::find_account(chart, r.expense_account);
  const auto* ca = ledger::find_account(chart, r.cash_account);
  std::vector<FieldError> e;
  if (!ea ||
      (ea->type != ledger::AccountType::expense && ea->type != ledger::AccountType::liability &&
       !(r.refund_of_income && ea->type == ledger::AccountType::income)))
    e.push_back(
        {"expense_account", "必须是费用或应付科目", "must be an expense or payable account"});
  if (!ca || !ca->cash)
    e.push_back({"cash_account", "必须是银行或现金科目", "must be a bank or cash account"});
  if (!e.empty()) throw_invalid(std::move(e));
}

// Households' crowdfunding held in the basic account for a project still under way is not the
// compound's to spend on anything else.
void check_crowdfunding_untouched(Connection& c, I cid, const DisbursementInput& r) {
  if (r.cash_account != "1001" || r.funding_source == "crowdfunding" ||
      r.funding_source == "crowdfunding_refund")
    return;
  I reserved = crowdfunding_reserved(c, cid);
  if (reserved <= 0) return;
  I free = store::account_balance(c, cid, "1001") - store::pending_from(c, cid, "1001") - reserved;
  if (r.amount_fen > Fen{free})
    throw_invalid(
        {{"amount_fen",
          "基本户中有 " + format_yuan(reserved) + " 元是居民为项目众筹的钱，不能挪作他用；可用 " +
              format_yuan(std::max<I>(free, 0)) + " 元",
          format_yuan(reserved) +
              " in the basic account is households' crowdfunding for a project; only " +
              format_yuan(std::max<I>(free, 0)) + " is free"}});
}
}  // namespace

I request_disbursement_in(Connection& c, App& app, const Caller& who, CompoundId compound,
                          DisbursementInput r) {
  const I cid = compound.value;
  require_compound(c, cid);
  ensure_books(c, cid, app.clock_ms());
  auto chart = store::load_chart(c, cid);
  check_request_accounts(chart, r);
  check_crowdfunding_untouched(c, cid, r);
  // Counting what is already waiting for approval, so two requests cannot overdraw together.
  require_cash_available(c, cid, r.cash_account, r.amount_fen.value);
  auto vouchers = load_vouchers(c, cid, r.vouchers);
  store::DisbursementRec d;
  d.compound_id = cid;
  d.status = "pending";
  d.payee = r.payee;
  d.payee_is_person = r.payee_is_person;
  d.amount_fen = r.amount_fen.value;
  d.purpose = r.purpose;
  d.expense_account = r.expense_account;
  d.cash_account = r.cash_account;
  d.courtyard_id = r.courtyard_id;
  d.vouchers = r.vouchers;
  d.requested_by = who.user_id();
  d.requested_at = app.clock_ms();
  // Check the entry it would post now, so a request that could never execute is refused.
  auto probe = disbursement_entry(d, vouchers, {}, china_date(app.clock_ms()));
  std::vector<I> yards;
  for (const auto& y : store::list_courtyards(c, cid)) yards.push_back(y.id);
  auto perrs = ledger::validate(
      probe, chart, [&](I id) { return std::find(yards.begin(), yards.end(), id) != yards.end(); });
  if (!perrs.empty()) throw_invalid(std::move(perrs));
  if (r.per_unit_fen.has_value() != !r.covered_units.empty())
    throw_invalid({{"covered_units", "按户采购须同时给出 per_unit_fen 和 covered_units",
                    "per_unit_fen and covered_units go together"}});
  if (r.per_unit_fen &&
      r.per_unit_fen->value * static_cast<I>(r.covered_units.size()) != r.amount_fen.value)
    throw_invalid({{"amount_fen", "金额须等于每户金额 × 户数",
                    "must equal per_unit_fen × the number of units"}});
  if (r.per_unit_fen) {
    std::set<I> seen;
    for (I u : r.covered_units) {
      auto unit = store::get_unit(c, cid, u);
      if (!unit || (r.courtyard_id && unit->courtyard_id != r.courtyard_id) ||
          !seen.insert(u).second)
        throw_invalid(
            {{"covered_units", "房屋 " + std::to_string(u) + " 不属于本小区（或本院落），或重复",
              "unit " + std::to_string(u) +
                  " is not in this compound (or courtyard), or repeats"}});
    }
    d.purpose += "（" + std::to_string(r.covered_units.size()) + " 户）";
  }
  if (r.plan_item_id) {
    auto yard = store::plan_item_courtyard(c, cid, *r.plan_item_id);
    if (!yard) throw_not_found("结余使用计划项", "Surplus plan item");
    if (r.courtyard_id && *yard != r.courtyard_id)
      throw_invalid(
          {{"plan_item_id", "计划项属于另一个院落", "the plan item belongs to another courtyard"}});
  }
  // Spending the maintenance fund needs the owners' vote on matter 5 (SPEC §4).
  if (r.cash_account == ledger::kMaintenanceFundBank && !r.vote_id)
    throw_invalid({{"vote_id", "动用维修资金须引用已通过的业主表决（第 5 项事项）",
                    "Spending the maintenance fund must cite a passed vote on matter 5"}});
  if (r.vote_id)
    require_passed_vote(c, cid, *r.vote_id,
                        r.cash_account == ledger::kMaintenanceFundBank
                            ? std::initializer_list<int>{5}
                            : std::initializer_list<int>{1, 2, 3, 4, 5, 6, 7, 8, 9},
                        "vote_id");
  d.id = store::insert_disbursement(c, d);
  if (r.vote_id) store::set_disbursement_vote(c, d.id, *r.vote_id);
  if (r.plan_item_id) store::set_disbursement_plan_item(c, d.id, *r.plan_item_id);
  if (r.project_id)
    store::set_disbursement_project(c, d.id, *r.project_id, r.project_line_id, r.funding_source);
  for (I u : r.covered_units) store::insert_covered_unit(c, cid, d.id, u, r.per_unit_fen->value);
  // The trustee's own request is the trustee's side of the approval; anyone else's request
  // carries no approval of theirs (one person never approves what they asked for).
  if (who.principal && who.principal->has(cid, Role::trustee))
    store::insert_approval(c, cid, d.id,
                           {who.user_id(), "trustee", who.user->name, app.clock_ms()});
  audit(c, app, who, cid, "disbursement.request", "disbursement:" + std::to_string(d.id),
        {{"amount_fen", r.amount_fen}});
  notify_approvers(c, app, cid, who.user_id(), d);
  return d.id;
}

DisbursementView disbursement_view(Connection& c, const Caller& who, I cid, I id) {
  ledger::ApprovalPolicy p{store::approval_threshold(c, cid)};
  return view_of(c, *store::get_disbursement(c, cid, id), &who, p);
}

DisbursementView request_disbursement(App& app, const Caller& who, CompoundId compound,
                                      const DisbursementInput& in) {
  const I cid = compound.value;
  // Money leaves only against a document the approvers can look at (SPEC §4).
  if (in.vouchers.empty())
    throw_invalid({{"vouchers", "请至少附一张凭证（发票、收据、合同或报价单）",
                    "attach at least one voucher (invoice, receipt, contract or quote)"}});
  return app.db.write([&](Connection& c) {
    I id = request_disbursement_in(c, app, who, compound, in);
    return disbursement_view(c, who, cid, id);
  });
}

namespace {
void tell_requester(Connection& c, App& app, I cid, const store::DisbursementRec& d,
                    const std::string& outcome_zh) {
  std::string what = d.reverses_idx ? d.payee : d.purpose;
  notify_user(c, cid, d.requested_by,
              Notice{"approval",
                     "您的申请" + outcome_zh + "：" + text::truncate(what, 40) + " " +
                         format_yuan(d.amount_fen),
                     "", "/c/" + std::to_string(cid) + "/approvals", false},
              app.clock_ms());
}

// Executes an approved request: the disbursement's entry, or the reversal it asked for.
I execute_request(Connection& c, App& app, I cid, const store::DisbursementRec& d,
                  const std::vector<store::ApprovalRec>& approvals) {
  if (d.reverses_idx) {
    auto original = reversible_entry(c, cid, *d.reverses_idx, d.id);
    return post_reversal(c, app, cid, original, china_date(app.clock_ms()), d.purpose, approvals,
                         d.id);
  }
  // Restricted money is never overdrawn: the charity account must hold the amount now.
  auto chart = store::load_chart(c, cid);
  if (const auto* ca = ledger::find_account(chart, d.cash_account); ca && ca->charity) {
    I held = store::account_balance(c, cid, d.cash_account);
    if (held < d.amount_fen)
      throw Error(ErrorKind::conflict, "insufficient-charity-funds",
                  "慈善基金专户余额 " + format_yuan(held) + " 元，不足以支付",
                  "The charity account holds only " + format_yuan(held));
  }
  auto t = disbursement_entry(d, load_vouchers(c, cid, d.vouchers), approvals,
                              china_date(app.clock_ms()));
  if (auto project = store::get_disbursement_links(c, d.id).project_id)
    t.links.push_back({"project", *project});
  Appender ap(c, cid, app.clock_ms());
  I idx = ap.append(std::move(t));
  ap.finish();
  return idx;
}
}  // namespace

namespace {
// Request `id`, still waiting for its decision; 404 or 409 otherwise.
store::DisbursementRec pending_request(Connection& c, I cid, I id) {
  auto d = store::get_disbursement(c, cid, id);
  if (!d) throw_not_found("支出申请", "Disbursement");
  if (d->status != "pending")
    throw Error(ErrorKind::conflict, "not-pending", "该申请已处理（" + d->status + "）",
                "This request is already " + d->status);
  return *d;
}
}  // namespace

ApprovalOutcome approve_disbursement_in(Connection& c, App& app, const Caller& who,
                                        CompoundId compound, I id) {
  const I cid = compound.value;
  const auto d = pending_request(c, cid, id);
  std::string role = approver_role(who, cid);
  if (role.empty()) throw_forbidden();
  // One person never approves what they asked for: a trustee's own request already carries
  // the trustee's side; the owners' side must come from others.
  if (d.requested_by == who.user_id() && !store::has_approved(c, id, who.user_id()))
    throw Error(ErrorKind::conflict, "own-request", "您是申请人，不能批准自己的申请",
                "You asked for this; someone else must approve it");
  if (!store::insert_approval(c, cid, id, {who.user_id(), role, who.user->name, app.clock_ms()}))
    throw Error(ErrorKind::conflict, "already-approved", "您已批准过该申请",
                "You have already approved this request");
  audit(c, app, who, cid, "disbursement.approve", "disbursement:" + std::to_string(id),
        {{"role", role}});
  ledger::ApprovalPolicy p{store::approval_threshold(c, cid)};
  // Only approvals of people who still hold the role count: a revoked trustee's or member's
  // earlier approval does not carry a request over the line.
  std::set<std::pair<I, std::string>> holders;
  for (const auto& g : store::list_compound_grants(c, cid)) holders.insert({g.user_id, g.role});
  std::vector<store::ApprovalRec> approvals;
  for (auto& a : store::list_approvals(c, id))
    if (holders.count({a.user_id, a.role})) approvals.push_back(std::move(a));
  std::vector<ledger::Vote> votes;
  for (const auto& a : approvals) votes.push_back({a.user_id, a.role});
  if (!ledger::approvals_satisfied(p, d.amount_fen, votes)) return {};
  I idx = execute_request(c, app, cid, d, approvals);
  store::decide_disbursement(c, cid, id, "executed", app.clock_ms(), "", idx);
  audit(c, app, who, cid, d.reverses_idx ? "ledger.reverse" : "disbursement.execute",
        d.reverses_idx ? "entry:" + std::to_string(*d.reverses_idx)
                       : "disbursement:" + std::to_string(id),
        {{"entry", idx}});
  tell_requester(c, app, cid, d, "已批准并执行");
  return {true, idx};
}

DisbursementView approve_disbursement(App& app, const Caller& who, CompoundId compound, I id) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    approve_disbursement_in(c, app, who, compound, id);
    return disbursement_view(c, who, cid, id);
  });
}

void reject_disbursement_in(Connection& c, App& app, const Caller& who, CompoundId compound, I id,
                            const std::string& reason) {
  const I cid = compound.value;
  const auto d = pending_request(c, cid, id);
  if (approver_role(who, cid).empty()) throw_forbidden();
  // The households' money of a cancelled project goes back to them: its refunds are not
  // someone's to drop (the project no longer holds that money for them).
  if (refund_of_cancelled_project(c, d))
    throw Error(
        ErrorKind::conflict, "refund-of-cancelled-project",
        "已取消项目的众筹退款必须退还，不能驳回",
        "The crowdfunding refunds of a cancelled project must be paid back; they cannot be rejected");
  store::decide_disbursement(c, cid, id, "rejected", app.clock_ms(), reason, std::nullopt);
  audit(c, app, who, cid, "disbursement.reject", "disbursement:" + std::to_string(id),
        {{"reason", reason}});
  if (d.requested_by != who.user_id())
    tell_requester(c, app, cid, d, "被退回（" + text::truncate(reason, 30) + "）");
}

DisbursementView reject_disbursement(App& app, const Caller& who, CompoundId compound, I id,
                                     const std::string& reason) {
  const I cid = compound.value;
  return app.db.write([&](Connection& c) {
    reject_disbursement_in(c, app, who, compound, id, reason);
    return disbursement_view(c, who, cid, id);
  });
}

namespace {
std::vector<DisbursementView> disbursement_list(App& app, I cid, const Caller* who) {
  return app.db.read([&](Connection& c) {
    require_compound(c, cid);
    ledger::ApprovalPolicy p{store::approval_threshold(c, cid)};
    std::vector<DisbursementView> out;
    for (const auto& d : store::list_disbursements(c, cid, 200))
      out.push_back(view_of(c, d, who, p));
    return out;
  });
}
}  // namespace

std::vector<DisbursementView> public_disbursements(App& app, CompoundId compound) {
  const I cid = compound.value;
  return disbursement_list(app, cid, nullptr);
}

std::vector<DisbursementView> member_disbursements(App& app, const Caller& who,
                                                   CompoundId compound) {
  const I cid = compound.value;
  return disbursement_list(app, cid, &who);
}

}  // namespace xinyi::app
