// xinyi::Error — the one way a request fails on purpose.
//
// Every failure a user can cause (bad input, no permission, unknown id, a conflict) is an
// Error with a kind, a stable machine code, and a message in Chinese and in English. The HTTP
// layer turns it into RFC 9457 problem+json; the CLI prints it and exits 2. Field errors name
// the offending field (or CSV line) so a form or an import report can point at it.
// Anything that is not an Error escaping a request is a bug and answers 500.
#pragma once

#include <exception>
#include <string>
#include <vector>

namespace xinyi {

enum class ErrorKind {
  bad_request,    // 400: malformed syntax (JSON, CSV encoding, query string)
  unauthorized,   // 401: not signed in, or bad credentials
  forbidden,      // 403: signed in, but the role does not allow it
  not_found,      // 404: no such thing in this scope
  conflict,       // 409: clashes with what is stored (duplicate, already claimed)
  unprocessable,  // 422: well-formed but breaks a rule (negative area, unknown field)
  too_large,      // 413: over a size limit
  too_many,       // 429: throttled
  unavailable,    // 503: shutting down or store busy
};

struct FieldError {
  std::string field;  // JSON field name, or "line 7" for imports
  std::string zh;
  std::string en;
};

class Error : public std::exception {
 public:
  Error(ErrorKind kind, std::string code, std::string zh, std::string en,
        std::vector<FieldError> fields = {});

  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const std::string& zh() const { return zh_; }
  const std::string& en() const { return en_; }
  const std::vector<FieldError>& fields() const { return fields_; }
  int http_status() const;
  const char* what() const noexcept override { return en_.c_str(); }

 private:
  ErrorKind kind_;
  std::string code_, zh_, en_;
  std::vector<FieldError> fields_;
};

// Shorthands for the common cases.
[[noreturn]] void throw_not_found(const std::string& what_zh, const std::string& what_en);
[[noreturn]] void throw_forbidden();
[[noreturn]] void throw_invalid(std::vector<FieldError> fields);

}  // namespace xinyi
