#include "app/privacy_service.h"

#include "app/auth_service.h"
#include "app/billing_service.h"
#include "app/json_in.h"
#include "auth/crypto.h"
#include "domain/assert.h"
#include "store/personal_data_repo.h"

namespace xinyi::app {

namespace json = boost::json;
using store::Connection;
using I = std::int64_t;

namespace {

json::value cell_json(const store::Value& v) {
  if (const auto* i = std::get_if<I>(&v)) return *i;
  if (const auto* t = std::get_if<std::string>(&v)) return json::string(*t);
  return nullptr;
}

json::array section_json(const store::PersonalSection& s) {
  json::array out;
  for (const auto& row : s.rows) {
    json::object o;
    for (std::size_t i = 0; i < s.columns.size(); ++i) o[s.columns[i]] = cell_json(row[i]);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

json::object export_my_data(App& app, const Caller& who) {
  const I uid = who.user_id();
  auto data = app.db.read([&](Connection& c) { return store::read_personal_data(c, uid); });
  XINYI_ASSERT(data.has_value());  // the caller is signed in, so their account exists
  const auto& a = data->account;
  json::object out;
  out["account"] = json::object{{"id", uid},
                                {"login", a.login},
                                {"phone", a.phone},
                                {"name", a.name},
                                {"created_at", a.created_at_ms},
                                {"large_text", a.large_text},
                                {"sms", a.sms}};
  for (const auto& s : data->sections) out[s.name] = section_json(s);
  out["bills_and_payments"] = my_bills(app, who);
  out["exported_at"] = app.clock_ms();
  out["format"] = "xinyi personal data export, version 1";
  return out;
}

json::object delete_my_account(App& app, const Caller& who, std::string_view body) {
  JsonIn in(body);
  std::string password = in.str("password", 200);
  in.finish();
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
    return json::object{{"deleted", true}, {"user_id", uid}};
  });
}

}  // namespace xinyi::app
