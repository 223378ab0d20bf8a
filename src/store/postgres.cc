#include "store/postgres.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <unordered_map>

#include "domain/assert.h"

namespace xinyi::store {

namespace {

// Type OIDs (src/include/catalog/pg_type.dat).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700,
              kFloat8 = 701, kNumeric = 1700;
// Any writer holds this transaction-scoped advisory lock (see the header).
constexpr const char* kBeginWrite =
    "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(78270001)";
constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::int64_t parse_int(const char* s, int len, const char* what) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s, s + len, v);
  if (ec != std::errc() || end != s + len)
    throw StoreError(std::string("postgresql: not an integer ") + what + ": " +
                     std::string(s, len));
  return v;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  throw StoreError("postgresql: bad bytea hex");
}

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = conn_ ? PQerrorMessage(conn_) : "out of memory";
      PQfinish(conn_);
      throw StoreError("cannot connect to postgresql: " + msg);
    }
    exec_script(
        "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET bytea_output = 'hex'; SET client_min_messages = WARNING");
  }
  ~PgConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::postgresql; }

  void exec_script(std::string_view sql) override {
    Result r(PQexec(conn_, std::string(sql).c_str()));
    check(r.get(), sql);
  }

  std::vector<Row> query(std::string_view sql, const std::vector<Value>& params) override {
    Result r = run(sql, params);
    int rows = PQntuples(r.get()), cols = PQnfields(r.get());
    std::vector<Oid> types(static_cast<std::size_t>(cols));
    for (int j = 0; j < cols; ++j) types[static_cast<std::size_t>(j)] = PQftype(r.get(), j);
    std::vector<Row> out;
    out.reserve(static_cast<std::size_t>(rows));
    for (int i = 0; i < rows; ++i) {
      std::vector<Value> v;
      v.reserve(static_cast<std::size_t>(cols));
      for (int j = 0; j < cols; ++j) {
        if (PQgetisnull(r.get(), i, j)) {
          v.emplace_back(nullptr);
          continue;
        }
        const char* s = PQgetvalue(r.get(), i, j);
        int len = PQgetlength(r.get(), i, j);
        switch (types[static_cast<std::size_t>(j)]) {
          case kInt8:
          case kInt4:
          case kInt2:
          case kOid:
            v.emplace_back(parse_int(s, len, "column"));
            break;
          case kNumeric:
            v.emplace_back(parse_int(s, len, "numeric (a sum must be whole)"));
            break;
          case kBool:
            v.emplace_back(std::int64_t{s[0] == 't'});
            break;
          case kFloat4:
          case kFloat8:
            throw StoreError("floating-point value in column " + std::to_string(j));
          case kBytea: {
            if (len < 2 || s[0] != '\\' || s[1] != 'x')
              throw StoreError("postgresql: bytea not in hex form");
            std::string bytes;
            bytes.reserve(static_cast<std::size_t>(len - 2) / 2);
            for (int k = 2; k + 1 < len; k += 2)
              bytes.push_back(static_cast<char>(hex(s[k]) * 16 + hex(s[k + 1])));
            v.emplace_back(Blob{std::move(bytes)});
            break;
          }
          default:
            v.emplace_back(std::string(s, static_cast<std::size_t>(len)));
        }
      }
      out.emplace_back(std::move(v));
    }
    return out;
  }

  std::int64_t execute(std::string_view sql, const std::vector<Value>& params) override {
    Result r = run(sql, params);
    const char* n = PQcmdTuples(r.get());
    return *n ? parse_int(n, static_cast<int>(std::strlen(n)), "row count") : 0;
  }

  bool usable() const override {
    return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
  }
  void begin(bool write) override { exec_script(write ? kBeginWrite : kBeginRead); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() override {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) exec_script("ROLLBACK");
  }

 private:
  Result run(std::string_view sql, const std::vector<Value>& params) {
    auto it = names_.find(sql);
    if (it == names_.end()) {
      std::string name = "x" + std::to_string(names_.size() + 1);
      std::string text = number_placeholders(sql);
      Result p(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr));
      check(p.get(), sql);
      Result d(PQdescribePrepared(conn_, name.c_str()));
      check(d.get(), sql);
      it = names_.emplace(std::string(sql), Prepared{name, PQnparams(d.get())}).first;
    }
    if (static_cast<int>(params.size()) != it->second.nparams)
      throw StoreError("postgresql: wrong number of parameters for: " + std::string(sql));
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size()), formats(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& p = params[i];
      if (std::holds_alternative<std::nullptr_t>(p)) {
        values[i] = nullptr;
      } else if (const auto* n = std::get_if<std::int64_t>(&p)) {
        text[i] = std::to_string(*n);
        values[i] = text[i].c_str();
      } else if (const auto* b = std::get_if<Blob>(&p)) {
        values[i] = b->bytes.data();
        lengths[i] = static_cast<int>(b->bytes.size());
        formats[i] = 1;  // raw bytes
      } else {
        values[i] = std::get<std::string>(p).c_str();
      }
    }
    Result r(PQexecPrepared(conn_, it->second.name.c_str(), static_cast<int>(params.size()),
                            values.data(), lengths.data(), formats.data(), 0));
    check(r.get(), sql);
    return r;
  }

  void check(PGresult* r, std::string_view sql) {
    auto st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return;
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    if (!msg.empty() && msg.back() == '\n') msg.pop_back();
    if (state && state[0] == '2' && state[1] == '3') throw ConstraintError("postgresql: " + msg);
    throw StoreError("postgresql: " + msg + " [" + (state ? state : "-") +
                     "] in: " + std::string(sql.substr(0, 300)));
  }

  PGconn* conn_;
  struct Prepared {
    std::string name;
    int nparams;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Prepared, Hash, std::equal_to<>> names_;
};

}  // namespace

std::string number_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool quoted = false;
  for (char ch : sql) {
    if (ch == '\'') quoted = !quoted;  // '' inside a literal toggles twice: still inside
    if (ch == '?' && !quoted) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += ch;
    }
  }
  return out;
}

std::unique_ptr<Connection> open_postgres(const std::string& url) {
  return std::make_unique<PgConnection>(url);
}

}  // namespace xinyi::store
