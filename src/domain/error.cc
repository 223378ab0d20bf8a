#include "domain/error.h"

namespace xinyi {

Error::Error(ErrorKind kind, std::string code, std::string zh, std::string en,
             std::vector<FieldError> fields)
    : kind_(kind),
      code_(std::move(code)),
      zh_(std::move(zh)),
      en_(std::move(en)),
      fields_(std::move(fields)) {}

int Error::http_status() const {
  switch (kind_) {
    case ErrorKind::bad_request:
      return 400;
    case ErrorKind::unauthorized:
      return 401;
    case ErrorKind::forbidden:
      return 403;
    case ErrorKind::not_found:
      return 404;
    case ErrorKind::conflict:
      return 409;
    case ErrorKind::unprocessable:
      return 422;
    case ErrorKind::too_large:
      return 413;
    case ErrorKind::too_many:
      return 429;
    case ErrorKind::unavailable:
      return 503;
  }
  return 500;
}

void throw_not_found(const std::string& what_zh, const std::string& what_en) {
  throw Error(ErrorKind::not_found, "not-found", "找不到" + what_zh, what_en + " not found");
}

void throw_forbidden() {
  throw Error(ErrorKind::forbidden, "forbidden", "您没有执行此操作的权限",
              "You do not have permission to do this");
}

void throw_invalid(std::vector<FieldError> fields) {
  throw Error(ErrorKind::unprocessable, "invalid-input", "输入有误，请检查标出的字段",
              "The input is invalid; see the listed fields", std::move(fields));
}

}  // namespace xinyi
