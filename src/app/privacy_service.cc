#include "app/privacy_service.h"

#include "app/auth_service.h"
#include "app/billing_service.h"
#include "auth/crypto.h"
#include "domain/assert.h"
#include "store/personal_data_repo.h"

namespace xinyi::app {

using store::Connection;
using I = std::int64_t;

PersonalExport export_my_data(App& app, const Caller& who) {
  const I uid = who.user_id();
  auto data = app.db.read([&](Connection& c) { return store::read_personal_data(c, uid); });
  XINYI_ASSERT(data.has_value());  // the caller is signed in, so their account exists
  return PersonalExport{uid, std::move(*data), my_bills(app, who), app.clock_ms()};
}

I delete_my_account(App& app, const Caller& who, const std::string& password) {
  if (who.user->is_admin)
    throw Error(ErrorKind::conflict, "operator-account", "平台管理员账号不能自行注销",
                "The operator's account cannot delete itself");
  if (app.login_by_name.retry_after_ms(who.user->login, app.clock_ms()) > 0)
    throw Error(ErrorKind::too_many, "throttled", "尝试次数过多，请稍后再试",
                "Too many attempts; try again later");
  if (!auth::verify_password(who.user->password_hash, password)) {
    app.login_by_name.record_failure(who.user->login, app.clock_ms());
    throw Error(ErrorKind::unprocessable, "wrong-password", "密码不正确", "The password is wrong",
                {{"password", "不正确", "is wrong"}});
  }
  const I uid = who.user_id();
  return app.db.write([&](Connection& c) {
    const I now = app.clock_ms();
    store::anonymize_person(c, uid, now);
    audit(c, app, who, std::nullopt, "account.delete", "user:" + std::to_string(uid));
    return uid;
  });
}

}  // namespace xinyi::app
