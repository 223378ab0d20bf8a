// xinyi — the one binary: server, migrations, demo data, imports.
//
// Exit codes: 0 ok, 1 usage, 2 bad input, 3 verification failed (ledger), 4 internal error.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "app/app.h"
#include "app/billing_service.h"
#include "app/journal_service.h"
#include "app/public_log.h"
#include "app/roster_import.h"
#include "app/verify.h"
#include "auth/crypto.h"
#include "demo/gen_city.h"
#include "demo/seed.h"
#include "domain/error.h"
#include "domain/money.h"
#include "http/api.h"
#include "http/client.h"
#include "http/outbound.h"
#include "http/routes/billing.h"
#include "http/routes/registry.h"
#include "http/server.h"
#include "http/verify_remote.h"
#include "store/backup.h"
#include "store/migrations.h"
#include "store/registry_repo.h"

namespace fs = std::filesystem;
using namespace xinyi;

namespace {

constexpr int kExitOk = 0, kExitUsage = 1, kExitBadInput = 2, kExitInternal = 4;

std::string default_web_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  std::vector<fs::path> candidates;
  if (!ec) {
    candidates.push_back(exe.parent_path() / "../web/dist");
    candidates.push_back(exe.parent_path() / "../../web/dist");
  }
  candidates.push_back("web/dist");
  candidates.push_back("/usr/share/xinyi/web");
  for (const auto& c : candidates)
    if (fs::is_regular_file(c / "index.html", ec)) return fs::canonical(c, ec).string();
  return "";
}

bool split_listen(const std::string& listen, std::string* host, std::uint16_t* port) {
  auto p = listen.rfind(':');
  if (p == std::string::npos) return false;
  *host = listen.substr(0, p);
  if (host->size() > 2 && host->front() == '[' && host->back() == ']')
    *host = host->substr(1, host->size() - 2);
  try {
    int n = std::stoi(listen.substr(p + 1));
    if (n < 0 || n > 65535) return false;
    *port = static_cast<std::uint16_t>(n);
  } catch (...) {
    return false;
  }
  return !host->empty();
}

std::unique_ptr<store::Database> open_and_migrate(const std::string& url, std::size_t pool) {
  auto db = store::Database::open(url, pool);
  auto rep = store::migrate(*db);
  if (rep.to_version != rep.from_version)
    spdlog::info("store {}: schema migrated from version {} to {}", url, rep.from_version,
                 rep.to_version);
  return db;
}

void print_demo_banner(const std::string& url, app::App& app) {
  std::cout << "\n  信义 Xinyi is running: " << url
            << "\n\n  演示账号 Demo accounts (password 密码: " << demo::kDemoPassword << ")\n";
  for (const auto& a : demo::demo_accounts())
    std::cout << "    " << a.login
              << std::string(a.login.size() < 14 ? 14 - a.login.size() : 1, ' ') << a.role_zh
              << " — " << a.role_en << "\n";
  auto hint = demo::claim_hint(app);
  if (hint)
    std::cout << "\n  认领房屋 Claim a unit: sign in as " << hint->phone
              << ", then enter invite code " << hint->invite_code << " (" << hint->compound << " "
              << hint->unit_label << ")\n";
  std::cout << "\n  Press Ctrl+C to stop.\n" << std::endl;
}

int serve(app::App& app, const std::string& listen, const std::string& web, int threads,
          bool demo_banner, const std::string& notify_sink) {
  http::ServerOptions opts;
  if (!split_listen(listen, &opts.host, &opts.port)) {
    std::cerr << "xinyi: --listen must be HOST:PORT, e.g. 127.0.0.1:8080\n";
    return kExitUsage;
  }
  opts.threads = threads;
  opts.web_dir = web.empty() ? default_web_dir() : web;
  if (opts.web_dir.empty()) spdlog::warn("no built web app found (web/dist); serving the API only");
  std::unique_ptr<app::OutboundSink> sink;
  try {
    sink = http::make_sink(notify_sink);
  } catch (const std::exception& e) {
    std::cerr << "xinyi: " << e.what() << "\n";
    return kExitUsage;
  }
  http::Router router(app);
  http::register_api(router);
  http::Server server(router, opts);
  std::uint16_t port;
  try {
    port = server.start();
  } catch (const std::exception& e) {
    std::cerr << "xinyi: cannot listen on " << listen << ": " << e.what() << "\n";
    return kExitUsage;
  }
  server.stop_on_signals();
  std::string host = opts.host.find(':') != std::string::npos ? "[" + opts.host + "]" : opts.host;
  std::string url = "http://" + host + ":" + std::to_string(port) + "/";
  spdlog::info("serving {} on {} (store {}, web {})", "xinyi", url, app.db.url(),
               opts.web_dir.empty() ? "-" : opts.web_dir);
  if (demo_banner)
    print_demo_banner(url, app);
  else
    std::cout << "Xinyi is running: " << url << std::endl;
  http::Sender sender(
      app, std::move(sink));  // text messages and scheduled announcements, off the request path
  server.wait();
  spdlog::info("stopped");
  return kExitOk;
}

void progress_bar(std::size_t done, std::size_t total) {
  if (!isatty(STDERR_FILENO) && done != total) return;
  int width = 40;
  int filled = total ? static_cast<int>(done * width / total) : width;
  std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << done
            << "/" << total << (done == total ? "\n" : "") << std::flush;
}

std::optional<std::string> read_file(const std::string& path) {
  if (path.empty()) return std::nullopt;
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void print_report(const std::string& what, const app::VerifyReport& r) {
  if (r.ok)
    std::cout << "intact  " << what << ": " << r.entries << " entries, " << r.heads_checked
              << " signed heads, root " << r.root << "\n";
  else
    std::cout << "BROKEN  " << what << ": " << r.message << "\n";
}

int run_verify(const std::string& db_url, const std::string& url, std::int64_t compound,
               const std::string& since_file, const std::string& save_file, bool db_given) {
  constexpr int kExitVerifyFailed = 3;
  try {
    if (!url.empty()) {
      auto res = http::verify_remote(url, read_file(since_file));
      print_report(url, res.report);
      if (res.report.ok && !save_file.empty())
        std::ofstream(save_file) << res.latest_head_json << "\n";
      return res.report.ok ? kExitOk : kExitVerifyFailed;
    }
    if (!db_given && !fs::exists(db_url.substr(db_url.find(':') + 1))) {
      std::cerr << "xinyi verify: give --db URL or --url URL\n";
      return kExitUsage;
    }
    auto db = store::Database::open(db_url, 2);
    std::vector<std::int64_t> ids;
    if (compound)
      ids.push_back(compound);
    else
      db->read([&](store::Connection& c) { ids = store::list_compound_ids(c); });
    bool ok = true;
    for (auto id : ids) {
      auto r = app::verify_store(*db, id);
      print_report("compound " + std::to_string(id), r);
      ok = ok && r.ok;
    }
    return ok ? kExitOk : kExitVerifyFailed;
  } catch (const Error& e) {
    std::cerr << "xinyi verify: " << e.zh() << " / " << e.en() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "xinyi verify: " << e.what() << "\n";
    return kExitVerifyFailed;
  }
}

int witness_keygen(const std::string& path) {
  auto kp = auth::ed25519_keypair();
  std::ofstream(path) << boost::json::serialize(boost::json::object{{"public_key", kp.public_b64},
                                                                    {"secret_key", kp.secret_b64}})
                      << "\n";
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  std::cout << "public key: " << kp.public_b64 << "\n";
  return kExitOk;
}

// A witness co-signs only what it has verified itself: the whole public log is re-derived
// first, and the head signed is the one that was verified.
int witness_cosign(const std::string& key_path, const std::string& server, std::int64_t cid,
                   const std::string& login, const std::string& password_file,
                   const std::string& since_file) {
  constexpr int kExitVerifyFailed = 3;
  try {
    auto key = boost::json::parse(*read_file(key_path)).as_object();
    std::string pub(key.at("public_key").as_string()), sec(key.at("secret_key").as_string());
    auto u = http::parse_http_url(server);
    std::string base = u.path + "/api/v1/public/compounds/" + std::to_string(cid);
    auto checked = http::verify_remote(server + "/api/v1/public/compounds/" + std::to_string(cid),
                                       read_file(since_file));
    print_report("compound " + std::to_string(cid), checked.report);
    if (!checked.report.ok) {
      std::cerr << "xinyi witness: the log does not verify; not co-signing\n";
      return kExitVerifyFailed;
    }
    std::string password = *read_file(password_file);
    while (!password.empty() && (password.back() == '\n' || password.back() == '\r'))
      password.pop_back();
    auto json_headers = std::map<std::string, std::string>{{"Content-Type", "application/json"}};
    auto res = http::fetch(
        u.host, u.port, "POST", u.path + "/api/v1/auth/login",
        boost::json::serialize(boost::json::object{{"login", login}, {"password", password}}),
        json_headers);
    if (res.status != 200)
      throw std::runtime_error("sign-in failed (" + std::to_string(res.status) + ")");
    json_headers["Cookie"] =
        res.headers["set-cookie"].substr(0, res.headers["set-cookie"].find(';'));
    json_headers["X-CSRF-Token"] =
        std::string(boost::json::parse(res.body).at("csrf_token").as_string());
    std::string api = u.path + "/api/v1/compounds/" + std::to_string(cid) + "/witness/";
    res =
        http::fetch(u.host, u.port, "POST", api + "keys",
                    boost::json::serialize(boost::json::object{{"public_key", pub}}), json_headers);
    if (res.status != 201) throw std::runtime_error("registering the key failed: " + res.body);
    auto key_id = boost::json::parse(res.body).at("key_id").as_int64();
    auto head = boost::json::parse(checked.latest_head_json).as_object();
    std::string sig = auth::ed25519_sign(sec, std::string(head.at("signed_message").as_string()));
    res = http::fetch(
        u.host, u.port, "POST", api + "cosign",
        boost::json::serialize(boost::json::object{
            {"key_id", key_id}, {"tree_size", head.at("tree_size")}, {"signature", sig}}),
        json_headers);
    if (res.status != 201 && res.status != 409)
      throw std::runtime_error("co-signing failed: " + res.body);
    std::cout << "co-signed the head of size " << head.at("tree_size").as_int64() << " (root "
              << head.at("root").as_string().c_str() << ")"
              << (res.status == 409 ? ", already signed before" : "") << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "xinyi witness: " << e.what() << "\n";
    return kExitBadInput;
  }
}

// Every option of every subcommand, bound by CLI11 and read by the command that runs.
struct Options {
  std::string db_url = "sqlite:xinyi.db", listen = "127.0.0.1:8080", web, notify_sink = "log";
  int threads = 0;
  bool secure_cookies = false, dry_run = false, preview = false, overwrite = false;
  std::int64_t compound = 0, gen_n = 1000;
  std::string file, out_file, since_file, period, as_of;
  std::string key_file, server_url, login_name, password_file, verify_url, save_file;
  std::size_t batch = app::kDefaultJournalBatch;
  std::uint64_t gen_seed = 20250301;
  demo::GenCityOptions gen;
};

// The subcommands, in the order `xinyi --help` lists them.
struct Commands {
  CLI::App *serve, *migrate, *seed, *demo, *import_units, *export_journal, *import_journal,
      *gen_journal, *bill, *balance, *keygen, *cosign, *verify, *gen_city, *backup, *restore;
};

void declare_journal_commands(CLI::App& cli, Commands& k, Options& o) {
  k.export_journal = cli.add_subcommand(
      "export-journal", "Write a compound's books as an hledger/ledger-cli journal");
  k.import_journal = cli.add_subcommand(
      "import-journal",
      "Append a journal's transactions to a compound's books (all checked first; resumable)");
  k.gen_journal =
      cli.add_subcommand("gen-journal", "Write a synthetic journal (benchmarks and crash tests)");
  for (auto* c : {k.export_journal, k.import_journal}) {
    c->add_option("--db", o.db_url, "Store URL")->capture_default_str();
    c->add_option("--compound", o.compound, "Compound id")->required();
  }
  k.export_journal->add_option("-o,--output", o.out_file, "Write here instead of standard output");
  k.import_journal->add_option("file", o.file, "Journal file")
      ->required()
      ->check(CLI::ExistingFile);
  k.import_journal->add_option("--batch", o.batch, "Transactions per committed batch")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  k.gen_journal->add_option("--transactions", o.gen_n, "How many")
      ->check(CLI::Range(1, 10'000'000))
      ->capture_default_str();
  k.gen_journal->add_option("-o,--output", o.out_file, "Output file")->required();
  k.gen_journal->add_option("--seed", o.gen_seed, "Random seed")->capture_default_str();
}

void declare_books_commands(CLI::App& cli, Commands& k, Options& o) {
  k.bill = cli.add_subcommand(
      "bill-run",
      "Bill every unit of a compound for a period (2025-03, 2025-Q1, 2025); a re-run adds nothing");
  k.bill->add_option("--db", o.db_url, "Store URL")->capture_default_str();
  k.bill->add_option("--compound", o.compound, "Compound id")->required();
  k.bill->add_option("--period", o.period, "2025-03, 2025-Q1 or 2025")->required();
  k.bill->add_flag("--preview", o.preview, "Compute and show, write nothing");
  k.balance = cli.add_subcommand("balance",
                                 "Print a compound's account balances (as /balances reports them)");
  k.balance->add_option("--db", o.db_url, "Store URL")->capture_default_str();
  k.balance->add_option("--compound", o.compound, "Compound id")->required();
  k.balance->add_option("--at", o.as_of, "As of this date (YYYY-MM-DD)");
}

void declare_trust_commands(CLI::App& cli, Commands& k, Options& o) {
  auto* witness = cli.add_subcommand(
      "witness",
      "Community staff: keep a witness key; verify a compound's log, then co-sign its head");
  witness->require_subcommand(1);
  k.keygen = witness->add_subcommand("keygen",
                                     "Make an Ed25519 witness key pair (kept in FILE, mode 0600)");
  k.cosign = witness->add_subcommand(
      "cosign", "Verify the compound's public log; if intact, co-sign its latest head");
  k.keygen->add_option("-o,--output", o.key_file, "Key file to write")->required();
  k.cosign->add_option("--key", o.key_file, "Key file from `xinyi witness keygen`")
      ->required()
      ->check(CLI::ExistingFile);
  k.cosign->add_option("--server", o.server_url, "http://HOST:PORT of the Xinyi server")
      ->required();
  k.cosign->add_option("--compound", o.compound, "Compound id")->required();
  k.cosign->add_option("--login", o.login_name, "Your Xinyi login (community staff)")->required();
  k.cosign->add_option("--password-file", o.password_file, "A file holding your password")
      ->required()
      ->check(CLI::ExistingFile);
  k.cosign->add_option("--since", o.since_file, "A head saved earlier: the log must extend it")
      ->check(CLI::ExistingFile);
  k.verify = cli.add_subcommand(
      "verify",
      "Re-derive a compound's books and Merkle log and check them against the signed heads (exit 3 if not intact)");
  k.verify->add_option("--db", o.db_url, "Read the store directly");
  k.verify->add_option("--url", o.verify_url,
                       "Read a server's public log: http://HOST/api/v1/public/compounds/ID");
  k.verify->add_option("--compound", o.compound,
                       "With --db: only this compound (default: every compound)");
  k.verify
      ->add_option("--since", o.since_file,
                   "A tree head saved earlier (JSON): the log must extend it")
      ->check(CLI::ExistingFile);
  k.verify->add_option("--save-sth", o.save_file,
                       "Save the verified head here, for the next --since");
}

void declare_store_commands(CLI::App& cli, Commands& k, Options& o) {
  k.gen_city = cli.add_subcommand(
      "gen-city", "Generate a city-sized synthetic dataset (load and scale benchmarks)");
  k.gen_city->add_option("--compounds", o.gen.compounds, "Compounds")
      ->check(CLI::Range(std::int64_t{1}, demo::kMaxGenCompounds))
      ->capture_default_str();
  k.gen_city->add_option("--units-per-compound", o.gen.units_per_compound, "Units in each")
      ->check(CLI::Range(std::int64_t{1}, demo::kMaxGenUnits))
      ->capture_default_str();
  k.gen_city->add_option("--months", o.gen.months, "Months of history")
      ->check(CLI::Range(std::int64_t{2}, demo::kMaxGenMonths))
      ->capture_default_str();
  k.gen_city->add_option("--seed", o.gen.seed, "Seed (one city per seed)")->capture_default_str();
  k.backup = cli.add_subcommand(
      "backup", "Copy the whole store to a file while it runs (SQLite online backup; pg_dump)");
  k.restore = cli.add_subcommand(
      "restore",
      "Restore a backup into an empty store (a SQLite path, or an existing PostgreSQL database)");
  k.backup->add_option("-o,--output", o.out_file, "Backup file to write")->required();
  k.restore->add_option("file", o.file, "Backup file from `xinyi backup`")
      ->required()
      ->check(CLI::ExistingFile);
  k.restore->add_flag("--overwrite", o.overwrite, "Replace a store that is already there");
}

// The options the server commands share, and the store URL of the commands that open a store.
void declare_common_options(Commands& k, Options& o) {
  for (auto* c :
       {k.serve, k.migrate, k.seed, k.demo, k.import_units, k.backup, k.restore, k.gen_city})
    c->add_option("--db", o.db_url, "Store URL: sqlite:PATH or postgresql://USER@HOST:PORT/DB")
        ->capture_default_str();
  for (auto* c : {k.serve, k.demo}) {
    c->add_option("--listen", o.listen, "HOST:PORT to listen on")->capture_default_str();
    c->add_option("--web", o.web,
                  "Folder of the built web app (default: web/dist beside the binary)");
    c->add_option("--threads", o.threads, "Server threads (default: one per core)")
        ->check(CLI::Range(0, 256));
    c->add_flag("--secure-cookies", o.secure_cookies,
                "Mark session cookies Secure (behind a TLS proxy; see SECURITY.md)");
    c->add_option("--notify-sink", o.notify_sink,
                  "Where text messages go: log, file:PATH or webhook:http://HOST:PORT/PATH")
        ->capture_default_str();
  }
  k.import_units->add_option("--compound", o.compound, "Compound id")->required();
  k.import_units->add_option("file", o.file, "CSV file")->required()->check(CLI::ExistingFile);
  k.import_units->add_flag("--dry-run", o.dry_run, "Check the file without importing");
}

Commands declare_commands(CLI::App& cli, Options& o) {
  Commands k{};
  k.serve = cli.add_subcommand("serve", "Serve the web app and the API");
  k.migrate = cli.add_subcommand("migrate", "Create or upgrade the store's schema");
  k.seed = cli.add_subcommand("seed-demo", "Load the demo district (idempotent)");
  k.demo = cli.add_subcommand("demo", "migrate + seed-demo + serve");
  k.import_units = cli.add_subcommand("import-units",
                                      "Import a unit roster (CSV, UTF-8 or GBK) into a compound");
  declare_journal_commands(cli, k, o);
  declare_books_commands(cli, k, o);
  declare_trust_commands(cli, k, o);
  declare_store_commands(cli, k, o);
  declare_common_options(k, o);
  return k;
}

// backup / restore: a copy of the whole store, or a copy put back.
int run_backup_or_restore(const Commands& k, const Options& o) {
  try {
    if (k.backup->parsed())
      store::backup(o.db_url, o.out_file);
    else
      store::restore(o.db_url, o.file, o.overwrite);
    std::cout << (k.backup->parsed() ? "backed up " + o.db_url + " to " + o.out_file
                                     : "restored " + o.file + " into " + o.db_url)
              << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "xinyi: " << e.what() << "\n";
    return std::string_view(e.what()).find("already holds") != std::string_view::npos
               ? kExitBadInput
               : kExitInternal;
  }
}

int print_balances(app::App& app, const Options& o) {
  auto b = app::balances(app, CompoundId{o.compound}, o.as_of);
  for (const auto& [a, v] : b.accounts) {
    if (v == Fen{}) continue;
    std::string amount = format_yuan(v);
    std::cout << std::string(amount.size() < 20 ? 20 - amount.size() : 1, ' ') << amount << "  "
              << a.code << " " << a.name_zh << "\n";
  }
  return kExitOk;
}

// The commands that load or write data through the use cases, as the command line ("cli").
int run_data_command(app::App& app, const Commands& k, const Options& o) {
  app::Caller cli_caller;
  cli_caller.ip = "cli";
  if (k.gen_city->parsed()) {
    auto r = demo::generate_city(app, o.gen, progress_bar);
    std::cout << "{\"compounds\":" << r.compounds << ",\"units\":" << r.units
              << ",\"entries\":" << r.entries << ",\"bills\":" << r.bills
              << ",\"payments\":" << r.payments << ",\"first_compound_id\":" << r.first_compound_id
              << "}\n";
  } else if (k.bill->parsed()) {
    auto r =
        app::bill_run(app, cli_caller, CompoundId{o.compound}, o.period, o.preview, progress_bar);
    std::cout << boost::json::serialize(http::routes::bill_run_json(r)) << "\n";
  } else if (k.balance->parsed()) {
    return print_balances(app, o);
  } else if (k.export_journal->parsed()) {
    std::string j = app::export_journal(app, CompoundId{o.compound});
    if (o.out_file.empty())
      std::cout << j;
    else
      std::ofstream(o.out_file, std::ios::binary) << j;
  } else if (k.import_journal->parsed()) {
    auto rep = app::import_journal(app, cli_caller, CompoundId{o.compound}, *read_file(o.file),
                                   o.batch, progress_bar);
    std::cout << "{\"transactions\":" << rep.transactions << ",\"appended\":" << rep.appended
              << ",\"resumed_from\":" << rep.resumed_from << ",\"batches\":" << rep.batches
              << "}\n";
  } else if (k.import_units->parsed()) {
    auto rep = app::import_roster_csv(app, cli_caller, CompoundId{o.compound}, *read_file(o.file),
                                      o.dry_run, progress_bar);
    std::cout << boost::json::serialize(http::routes::import_report_json(rep)) << "\n";
  }
  return kExitOk;
}

// The commands that open the store: migrate, seed, the data commands, and serving.
int run_with_store(const Commands& k, const Options& o) {
  try {
    const std::size_t pool = static_cast<std::size_t>(std::max(
        2,
        (o.threads > 0 ? o.threads : static_cast<int>(std::thread::hardware_concurrency())) + 2));
    auto db = open_and_migrate(o.db_url, pool);
    app::Config cfg;
    cfg.secure_cookies = o.secure_cookies;
    cfg.demo = k.demo->parsed();
    app::App app(*db, cfg);
    if (k.migrate->parsed()) {
      std::cout << "schema at version " << store::latest_schema_version() << "\n";
      return kExitOk;
    }
    if (k.seed->parsed() || k.demo->parsed()) {
      auto rep = demo::seed_demo(app);
      if (rep.created)
        spdlog::info("demo district loaded: {} compounds, {} units, {} people, {} ledger entries",
                     rep.compounds, rep.units, rep.persons, rep.entries);
      else
        spdlog::info("demo district already present; nothing added");
      if (k.seed->parsed()) return kExitOk;
    }
    if (!k.serve->parsed() && !k.demo->parsed()) return run_data_command(app, k, o);
    return serve(app, o.listen, o.web, o.threads, k.demo->parsed(), o.notify_sink);
  } catch (const Error& e) {
    std::cerr << "xinyi: " << e.zh() << " / " << e.en() << "\n";
    for (const auto& f : e.fields())
      std::cerr << "  " << f.field << ": " << f.zh << " / " << f.en << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "xinyi: " << e.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace

int main(int argc, char** argv) {
  auth::init();
  CLI::App cli{
      "信义 Xinyi — transparent finances and decisions for trust-model residential compounds"};
  cli.require_subcommand(1);
  // A later --db or --listen wins over an earlier one (scripts/demo.sh passes defaults first).
  cli.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  cli.set_version_flag("--version", "xinyi 0.1.0");
  Options o;
  const Commands k = declare_commands(cli, o);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = cli.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  if (k.gen_journal->parsed()) {
    std::ofstream(o.out_file, std::ios::binary) << app::generate_journal(o.gen_n, o.gen_seed);
    return kExitOk;
  }
  if (k.keygen->parsed()) return witness_keygen(o.key_file);
  if (k.cosign->parsed())
    return witness_cosign(o.key_file, o.server_url, o.compound, o.login_name, o.password_file,
                          o.since_file);
  if (k.backup->parsed() || k.restore->parsed()) return run_backup_or_restore(k, o);
  if (k.verify->parsed())
    return run_verify(o.db_url, o.verify_url, o.compound, o.since_file, o.save_file,
                      k.verify->count("--db") > 0);
  return run_with_store(k, o);
}
