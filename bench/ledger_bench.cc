// Ledger benchmarks (figures in bench/README.md). Build: ninja -C build ledger_bench.
//
//   BM_Sha256_64B            raw SHA-256 of 64-byte messages: the ceiling this machine gives
//   BM_RecomputeTree         rebuild the Merkle tree from 1,000,000 leaf hashes (what a verifier
//                            does after hashing the entries)
//   BM_RecomputeFromEntries  the same from 1,000,000 published entries (leaf hashing included)
//   BM_InclusionProof        an inclusion proof at 1,000,000 leaves, read from the SQLite store
//   BM_ConsistencyProof      a consistency proof 500,000 → 1,000,000 from the store
//   BM_Balances              a warm /balances of a 200,000-entry compound (in process, and over
//   HTTP) BM_BillRun100k           one month's bill run for 100,000 units, ledger posting and
//   signed head included
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "app/billing_service.h"
#include "app/books.h"
#include "app/journal_service.h"
#include "app/public_log.h"
#include "auth/crypto.h"
#include "domain/ledger/books.h"
#include "domain/ledger/merkle.h"
#include "http/api.h"
#include "http/client.h"
#include "http/server.h"
#include "store/billing_repo.h"
#include "store/ledger_repo.h"
#include "store/migrations.h"
#include "store/registry_repo.h"

using namespace xinyi;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kLeaves = 1'000'000;

// A district › street › community › compound for a benchmark store; returns the compound id.
std::int64_t one_compound(store::Connection& c) {
  auto d = store::insert_district(c, "区", 1);
  auto s = store::insert_street(c, d, "街", 1);
  auto m = store::insert_community(c, s, "社区", 1);
  return store::insert_compound(c, m, "小区", "", "hourly", "", 1);
}

const std::vector<ledger::Hash>& leaves() {
  static std::vector<ledger::Hash> v = [] {
    std::vector<ledger::Hash> out;
    out.reserve(kLeaves);
    for (std::uint64_t i = 0; i < kLeaves; ++i)
      out.push_back(ledger::leaf_hash("entry " + std::to_string(i)));
    return out;
  }();
  return v;
}

const std::vector<std::string>& entries() {
  static std::vector<std::string> v = [] {
    std::vector<std::string> out;
    out.reserve(kLeaves);
    ledger::Transaction t;
    t.compound_id = 1;
    t.kind = "journal";
    t.date = "2025-03-01";
    t.description = "2025年3月物业费（教师院）";
    t.recorded_at_ms = 1'740'000'000'000;
    for (std::uint64_t i = 0; i < kLeaves; ++i) {
      t.index = static_cast<std::int64_t>(i);
      std::int64_t amt = 10'000 + static_cast<std::int64_t>(i % 90'000);
      t.postings = {{"1001", amt, 3}, {"4001", -amt, 3}};
      out.push_back(ledger::published_text(t));
    }
    return out;
  }();
  return v;
}

void BM_Sha256_64B(benchmark::State& st) {
  std::string msg(64, 'x');
  for (auto _ : st) {
    auto h = ledger::sha256(msg);
    benchmark::DoNotOptimize(h);
    msg[0] = static_cast<char>(h[0]);
  }
  st.SetItemsProcessed(st.iterations());
}
BENCHMARK(BM_Sha256_64B);

void BM_RecomputeTree(benchmark::State& st) {
  const auto& l = leaves();
  for (auto _ : st) {
    ledger::TreeBuilder tb;
    for (const auto& h : l) tb.append(h);
    benchmark::DoNotOptimize(tb.root());
  }
  st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(kLeaves));
  st.counters["leaves/s"] = benchmark::Counter(static_cast<double>(kLeaves) * st.iterations(),
                                               benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RecomputeTree)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_RecomputeFromEntries(benchmark::State& st) {
  const auto& e = entries();
  std::size_t bytes = 0;
  for (const auto& s : e) bytes += s.size();
  for (auto _ : st) {
    ledger::TreeBuilder tb;
    for (const auto& s : e) tb.append(ledger::leaf_hash(s));
    benchmark::DoNotOptimize(tb.root());
  }
  st.counters["leaves/s"] = benchmark::Counter(static_cast<double>(kLeaves) * st.iterations(),
                                               benchmark::Counter::kIsRate);
  st.counters["entry_bytes"] = static_cast<double>(bytes) / kLeaves;
}
BENCHMARK(BM_RecomputeFromEntries)->Unit(benchmark::kMillisecond)->Iterations(2);

// A SQLite store holding the complete nodes of a 1,000,000-leaf log (built once, ~1 minute).
struct ProofStore {
  fs::path dir = fs::temp_directory_path() / "xinyi-bench-proofs";
  std::unique_ptr<store::Database> db;
  ProofStore() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    db = store::Database::open("sqlite:" + (dir / "p.db").string(), 2);
    store::migrate(*db);
    db->write([&](store::Connection& c) {
      one_compound(c);
      ledger::TreeBuilder tb;
      std::int64_t i = 0;
      for (const auto& h : leaves()) {
        // Leaves live with their entries; the entry text itself does not matter for proofs.
        c.execute(
            "INSERT INTO ledger_entries (compound_id, idx, date, kind, description, canonical, leaf_hash, recorded_at) "
            "VALUES (1, ?, '2025-01-01', 'journal', '-', '-', ?, 0)",
            {i++, ledger::to_hex(h)});
        tb.append(h, [&](int level, std::uint64_t idx, const ledger::Hash& x) {
          store::insert_node(c, 1, level, idx, x);
        });
      }
    });
  }
  ~ProofStore() {
    db.reset();
    fs::remove_all(dir);
  }
};
ProofStore& proof_store() {
  static ProofStore p;
  return p;
}

void BM_InclusionProof(benchmark::State& st) {
  auto& ps = proof_store();
  std::mt19937_64 rng(1);
  for (auto _ : st) {
    auto p = ps.db->read([&](store::Connection& c) {
      store::StoreNodes nodes(c, 1);
      return ledger::inclusion_proof(nodes, rng() % kLeaves, kLeaves);
    });
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_InclusionProof)->Unit(benchmark::kMicrosecond);

void BM_ConsistencyProof(benchmark::State& st) {
  auto& ps = proof_store();
  std::mt19937_64 rng(2);
  for (auto _ : st) {
    auto p = ps.db->read([&](store::Connection& c) {
      store::StoreNodes nodes(c, 1);
      return ledger::consistency_proof(nodes, 1 + rng() % (kLeaves - 1), kLeaves);
    });
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_ConsistencyProof)->Unit(benchmark::kMicrosecond);

// A compound with 200,000 journal entries, for /balances.
struct BalanceStore {
  fs::path dir = fs::temp_directory_path() / "xinyi-bench-balances";
  std::unique_ptr<store::Database> db;
  std::unique_ptr<app::App> app;
  std::unique_ptr<http::Router> router;
  std::unique_ptr<http::Server> server;
  std::uint16_t port = 0;
  BalanceStore() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    db = store::Database::open("sqlite:" + (dir / "b.db").string(), 4);
    store::migrate(*db);
    app = std::make_unique<app::App>(*db);
    db->write([&](store::Connection& c) {
      auto k = one_compound(c);
      store::insert_courtyard(c, k, "院", std::nullopt, 1);
      app::ensure_books(c, k, 1);
    });
    app::Caller who;
    app::import_journal(*app, who, CompoundId{1}, app::generate_journal(200'000, 7), 5000);
    router = std::make_unique<http::Router>(*app);
    http::register_api(*router);
    http::ServerOptions o;
    o.port = 0;
    o.threads = 1;
    o.access_log = false;
    server = std::make_unique<http::Server>(*router, o);
    port = server->start();
  }
  ~BalanceStore() {
    server->stop();
    server->wait();
    server.reset();
    db.reset();
    fs::remove_all(dir);
  }
};
BalanceStore& balance_store() {
  static BalanceStore b;
  return b;
}

void BM_Balances(benchmark::State& st) {
  auto& b = balance_store();
  for (auto _ : st) benchmark::DoNotOptimize(app::balances(*b.app, CompoundId{1}, ""));
}
BENCHMARK(BM_Balances)->Unit(benchmark::kMillisecond);

void BM_BalancesHttp(benchmark::State& st) {
  auto& b = balance_store();
  for (auto _ : st) {
    auto r = http::fetch("127.0.0.1", b.port, "GET", "/api/v1/public/compounds/1/balances");
    if (r.status != 200) st.SkipWithError("status");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_BalancesHttp)->Unit(benchmark::kMillisecond);

// A compound of 100,000 units in 10 courtyards with a fee rate, for bill runs.
struct BillStore {
  fs::path dir = fs::temp_directory_path() / "xinyi-bench-bills";
  std::unique_ptr<store::Database> db;
  std::unique_ptr<app::App> app;
  int month = 0;
  BillStore() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    db = store::Database::open("sqlite:" + (dir / "bills.db").string(), 2);
    store::migrate(*db);
    app = std::make_unique<app::App>(*db);
    db->write([&](store::Connection& c) {
      auto k = one_compound(c);
      app::ensure_books(c, k, 1);
      const std::string_view alpha = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
      for (int y = 0; y < 10; ++y) {
        auto yard = store::insert_courtyard(c, k, "院" + std::to_string(y), std::nullopt, 1);
        auto b = store::insert_building(c, k, yard, "1栋", 1);
        for (int i = 0; i < 10'000; ++i) {
          std::string code;
          for (int v = y * 10'000 + i, n = 0; n < 8; ++n, v /= 32) code.push_back(alpha[v % 32]);
          store::NewUnit u{k,
                           yard,
                           b,
                           "",
                           std::to_string(i),
                           "1栋" + std::to_string(i),
                           "gross",
                           code,
                           5'000 + (i * 37) % 9'000,
                           false};
          store::insert_unit(c, u, 1);
        }
      }
      store::insert_fee_rate(c, k, {0, 0, "2020-01", 50, "bench", ""}, 0, 1);
    });
  }
  ~BillStore() {
    app.reset();
    db.reset();
    fs::remove_all(dir);
  }
};

void BM_BillRun100k(benchmark::State& st) {
  static BillStore bs;
  app::Caller who;
  for (auto _ : st) {
    std::string period = billing::Month{2021, 1}.plus(bs.month++).str();
    auto r = app::bill_run(*bs.app, who, CompoundId{1}, period, false);
    if (r.bills != 100'000) st.SkipWithError("not every unit was billed");
  }
  st.counters["units/s"] =
      benchmark::Counter(100'000.0 * st.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BillRun100k)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

int main(int argc, char** argv) {
  auth::init();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
