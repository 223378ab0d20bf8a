#include "store/backup.h"

#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <filesystem>
#include <vector>

#include "store/database.h"

extern char** environ;

namespace xinyi::store {

namespace {

std::string sqlite_path(const std::string& url) {
  std::string path = url.substr(7);
  if (path.starts_with("//")) path = path.substr(2);
  return path;
}

bool is_postgres(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

// Copies the whole database `from` into `to` with SQLite's backup API.
void sqlite_copy(const std::string& from, const std::string& to) {
  sqlite3 *src = nullptr, *dst = nullptr;
  auto close = [&] {
    sqlite3_close(src);
    sqlite3_close(dst);
  };
  if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
          SQLITE_OK) {
    std::string msg = src ? sqlite3_errmsg(src) : "out of memory";
    close();
    throw StoreError("backup: cannot open " + from + " or " + to + ": " + msg);
  }
  sqlite3_busy_timeout(src, 10'000);
  sqlite3_busy_timeout(dst, 10'000);
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  if (!b) {
    std::string msg = sqlite3_errmsg(dst);
    close();
    throw StoreError("backup: " + msg);
  }
  int rc;
  // One step copies every page under one read transaction: a consistent snapshot, and (in WAL
  // mode) writers go on meanwhile. Stepping in pieces would restart on every write and might
  // never finish on a busy store.
  while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(5);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    std::string msg = sqlite3_errstr(rc);
    close();
    throw StoreError("backup: " + msg);
  }
  close();
}

// Runs a program (no shell) and throws with its exit status when it fails.
void run(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid;
  if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0)
    throw StoreError("cannot run " + argv[0] + " (install postgresql-client-15)");
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw StoreError(argv[0] + " failed (exit " +
                     std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
}

bool holds_a_store(const std::string& url) {
  auto db = Database::open(url, 1);
  return db->read([](Connection& c) {
    std::string sql =
        c.dialect() == Dialect::sqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'";
    return c.scalar(sql) > 0;
  });
}

}  // namespace

void backup(const std::string& url, const std::string& file) {
  if (url.starts_with("sqlite:")) {
    std::error_code ec;
    std::filesystem::remove(file, ec);
    sqlite_copy(sqlite_path(url), file);
  } else if (is_postgres(url)) {
    run({"pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file=" + file,
         "--dbname=" + url});
  } else {
    throw StoreError("backup: unrecognised store URL " + url);
  }
}

void restore(const std::string& url, const std::string& file, bool overwrite) {
  if (!std::filesystem::is_regular_file(file)) throw StoreError("restore: no backup file " + file);
  if (!overwrite && holds_a_store(url))
    throw StoreError("restore: " + url +
                     " already holds a Xinyi store (use --overwrite to replace it)");
  if (url.starts_with("sqlite:")) {
    sqlite_copy(file, sqlite_path(url));
  } else if (is_postgres(url)) {
    run({"pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", "--dbname=" + url, file});
  } else {
    throw StoreError("restore: unrecognised store URL " + url);
  }
}

}  // namespace xinyi::store
