#include "app/journal_service.h"
#include "domain/date.h"

#include <map>

#include "app/books.h"
#include "domain/ledger/journal.h"
#include "store/ledger_repo.h"
#include "store/registry_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;

std::string export_journal(App& app, CompoundId compound) {
  const I cid = compound.value;
  return app.db.read([&](Connection& c) {
    auto k = store::get_compound(c, cid);
    if (!k) throw_not_found("小区", "Compound");
    auto chart = store::load_chart(c, cid);
    std::map<I, std::string> yards;
    for (const auto& y : store::list_courtyards(c, cid)) yards[y.id] = y.name;
    std::vector<ledger::Transaction> txns;
    const I page = 5000;
    for (I from = 0;; from += page) {
      auto entries = store::list_entries(c, cid, from, page);
      for (const auto& e : entries) {
        auto t = ledger::from_published(e.canonical, nullptr);
        if (!t)
          throw store::StoreError("entry #" + std::to_string(e.idx) +
                                  " is not canonical; run xinyi verify");
        txns.push_back(std::move(*t));
      }
      if (static_cast<I>(entries.size()) < page) break;
    }
    auto head = store::latest_head(c, cid);
    std::string header =
        "Xinyi journal export: " + k->name + " (compound " + std::to_string(cid) + ")\n" +
        std::to_string(txns.size()) + " entries; signed tree head size " +
        std::to_string(head ? head->tree_size : 0) + ", root " + (head ? head->root : "") +
        "\nAmounts in CNY; courtyards as posting tags. Check with: hledger -f FILE balance";
    return ledger::format_journal(txns, chart, yards, header);
  });
}

JournalImportReport import_journal(App& app, const Caller& who, CompoundId compound,
                                   std::string_view text, std::size_t batch,
                                   const std::function<void(std::size_t, std::size_t)>& progress) {
  const I cid = compound.value;
  if (text.size() > ledger::kMaxJournalBytes)
    throw Error(ErrorKind::too_large, "too-large", "文件过大", "The journal file is too large");
  if (batch < 1) batch = 1;
  auto parsed = ledger::parse_journal(text);
  auto to_error = [](const std::vector<ledger::JournalError>& errs) {
    std::vector<FieldError> f;
    for (const auto& e : errs) f.push_back({"line " + std::to_string(e.line), e.zh, e.en});
    return Error(ErrorKind::unprocessable, "journal-invalid",
                 "账本文件有 " + std::to_string(errs.size()) + " 处错误，未导入任何数据",
                 std::to_string(errs.size()) + " problems in the journal; nothing was imported",
                 std::move(f));
  };
  if (!parsed.errors.empty()) throw to_error(parsed.errors);
  auto [chart, yards] = app.db.read([&](Connection& c) {
    if (!store::get_compound(c, cid)) throw_not_found("小区", "Compound");
    std::map<std::string, I> y;
    for (const auto& r : store::list_courtyards(c, cid)) y[r.name] = r.id;
    return std::make_pair(store::load_chart(c, cid), y);
  });
  if (chart.empty()) chart = ledger::chart_template();
  auto resolved = ledger::resolve_journal(parsed.txns, chart, yards, "import");
  // Check every rule now, so a bad transaction in the last batch cannot leave half an import.
  for (std::size_t i = 0;
       i < resolved.txns.size() && resolved.errors.size() < ledger::kMaxJournalErrors; ++i) {
    auto errs = ledger::validate(resolved.txns[i], chart, [&](I id) {
      for (const auto& [n, yid] : yards)
        if (yid == id) return true;
      return false;
    });
    for (const auto& e : errs) resolved.errors.push_back({resolved.lines[i], e.zh, e.en});
  }
  if (!resolved.errors.empty()) throw to_error(resolved.errors);

  const std::string file_sha = ledger::to_hex(ledger::sha256(text));
  JournalImportReport rep;
  rep.transactions = static_cast<I>(resolved.txns.size());
  rep.resumed_from = app.db.read(
      [&](Connection& c) { return store::journal_import_done(c, cid, file_sha).value_or(0); });
  for (I done = rep.resumed_from; done < rep.transactions;) {
    I end = std::min<I>(done + static_cast<I>(batch), rep.transactions);
    app.db.write([&](Connection& c) {
      // Re-read inside the write lock: another run may have imported this batch meanwhile.
      if (store::journal_import_done(c, cid, file_sha).value_or(0) >= end) return;
      Appender ap(c, cid, app.clock_ms());
      for (I i = done; i < end; ++i) ap.append(resolved.txns[i]);
      ap.finish();
      store::set_journal_import_done(c, cid, file_sha, end, app.clock_ms());
      if (end == rep.transactions)
        audit(c, app, who, cid, "ledger.import_journal", "journal:" + file_sha.substr(0, 16),
              {{"transactions", rep.transactions}, {"resumed_from", rep.resumed_from}});
    });
    rep.appended += end - done;
    ++rep.batches;
    done = end;
    if (progress)
      progress(static_cast<std::size_t>(done), static_cast<std::size_t>(rep.transactions));
  }
  return rep;
}

std::string generate_journal(I n, std::uint64_t seed) {
  std::string out =
      "; synthetic journal for benchmarks: " + std::to_string(n) + " transactions\n\n";
  out.reserve(static_cast<std::size_t>(n) * 160);
  std::uint64_t s = seed;
  auto next = [&] {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  };
  static const char* income[] = {"revenues:4001:物业费收入", "revenues:4002:停车收入",
                                 "revenues:4003:广告收入", "revenues:4006:利息收入"};
  static const char* expense[] = {"expenses:5001:保洁", "expenses:5002:绿化", "expenses:5003:维修",
                                  "expenses:5006:水电", "expenses:5004:工资及补贴"};
  for (I i = 0; i < n; ++i) {
    int day = static_cast<int>(i * 3650 / std::max<I>(n, 1));  // ten years, in order
    int y = 2015 + day / 365, doy = day % 365, m = 1 + doy / 31 % 12, d = 1 + doy % 28;
    const std::string date = iso_date(y, m, d);
    I amount = 100 + static_cast<I>(next() % 500000);
    char amt[32];
    std::snprintf(amt, sizeof amt, "%lld.%02lld CNY", static_cast<long long>(amount / 100),
                  static_cast<long long>(amount % 100));
    bool in = next() % 3 != 0;
    out += date;
    out += in ? " 收入 #" : " 支出 #";
    out += std::to_string(i) + "\n    ";
    if (in) {
      out += "assets:1001:银行存款·基本户  " + std::string(amt) + "\n    " + income[next() % 4] +
             "\n\n";
    } else {
      out +=
          std::string(expense[next() % 5]) + "  " + amt + "\n    assets:1001:银行存款·基本户\n\n";
    }
  }
  return out;
}

}  // namespace xinyi::app
