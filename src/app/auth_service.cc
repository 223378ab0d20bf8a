#include "app/auth_service.h"

#include "auth/crypto.h"
#include "domain/mask.h"
#include "domain/registry.h"
#include "domain/text.h"
#include "store/notify_repo.h"
#include "store/registry_repo.h"

namespace xinyi::app {

namespace {

Error bad_credentials() {
  return Error(ErrorKind::unauthorized, "bad-credentials", "账号或密码不正确",
               "Wrong login or password");
}

Error throttled(std::int64_t ms) {
  std::int64_t minutes = (ms + 59'999) / 60'000;
  return Error(ErrorKind::too_many, "too-many-attempts",
               "尝试次数过多，请 " + std::to_string(minutes) + " 分钟后再试",
               "Too many attempts; try again in " + std::to_string(minutes) + " minutes");
}

// The rules of a new password (length): problems go to `errs` under `field`.
void check_password_rules(std::vector<FieldError>& errs, const char* field, const std::string& pw) {
  if (text::length(pw) < kMinPasswordChars)
    errs.push_back(
        {field, "密码至少 " + std::to_string(kMinPasswordChars) + " 位",
         "password must have at least " + std::to_string(kMinPasswordChars) + " characters"});
}

SignedIn start_session(App& app, store::Connection& c, Caller& who, const store::UserRec& u) {
  std::string token = auth::random_token();
  std::string hash = auth::sha256_hex(token);
  std::int64_t now = app.clock_ms();
  store::delete_expired_sessions(c, now);
  store::insert_session(c, hash, u.id, now, now + app.cfg.session_ttl_ms, who.ip);
  who.user = u;
  who.principal = store::load_principal(c, u);
  who.session_hash = hash;
  audit(c, app, who, std::nullopt, "auth.login", "user:" + std::to_string(u.id));
  SignedIn s;
  s.token = token;
  return s;
}

}  // namespace

std::string csrf_token(const std::string& session_hash) {
  return auth::sha256_hex("csrf:" + session_hash).substr(0, 32);
}

Caller authenticate(App& app, const std::string& token, const std::string& ip) {
  Caller who;
  who.ip = ip;
  if (token.empty() || token.size() > 100) return who;
  std::string hash = auth::sha256_hex(token);
  app.db.read([&](store::Connection& c) {
    auto uid = store::session_user(c, hash, app.clock_ms());
    if (!uid) return;
    auto u = store::get_user(c, *uid);
    if (!u) return;
    who.principal = store::load_principal(c, *u);
    who.user = std::move(u);
    who.session_hash = hash;
  });
  return who;
}

SignedIn login(App& app, Caller& who, const Credentials& in) {
  const std::string &login = in.login, &password = in.password;

  std::int64_t now = app.clock_ms();
  std::string name_key = "login:" + login;
  std::string ip_key = "ip:" + who.ip;
  if (auto ms = std::max(app.login_by_name.retry_after_ms(name_key, now),
                         app.login_by_ip.retry_after_ms(ip_key, now)))
    throw throttled(ms);

  auto user =
      app.db.read([&](store::Connection& c) { return store::find_user_by_login(c, login); });
  // Verify even for an unknown login, so the timing does not tell which logins exist.
  static const std::string dummy = auth::hash_password("timing-equaliser");
  bool ok = auth::verify_password(user ? user->password_hash : dummy, password) && user;
  if (!ok) {
    app.login_by_name.record_failure(name_key, now);
    app.login_by_ip.record_failure(ip_key, now);
    throw bad_credentials();
  }
  app.login_by_name.reset(name_key);
  SignedIn s =
      app.db.write([&](store::Connection& c) { return start_session(app, c, who, *user); });
  s.me = me(app, who);
  return s;
}

void logout(App& app, const Caller& who) {
  if (who.session_hash.empty()) return;
  app.db.write([&](store::Connection& c) {
    store::delete_session(c, who.session_hash);
    audit(c, app, who, std::nullopt, "auth.logout", "user:" + std::to_string(who.user_id()));
  });
}

SignedIn register_account(App& app, Caller& who, const NewAccount& in) {
  const std::string &name = in.name, &password = in.password;
  const auto& login = in.login;
  std::vector<FieldError> errs;
  auto phone = registry::normalize_phone(in.phone);
  if (!phone || phone->size() != 11)
    errs.push_back({"phone", "请填写 11 位手机号", "must be an 11-digit mobile number"});
  if (auto e = registry::check_name("name", name)) errs.push_back(*e);
  check_password_rules(errs, "password", password);
  if (login) {
    bool good = login->size() >= 3;
    for (char ch : *login)
      if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' ||
            ch == '-'))
        good = false;
    if (!good || (login->size() == 11 && (*login)[0] == '1'))
      errs.push_back(
          {"login", "用户名为 3–32 位小写字母、数字、._-", "user name: 3–32 of a-z, 0-9, . _ -"});
  }
  if (!errs.empty()) throw_invalid(std::move(errs));
  std::string hash = auth::hash_password(password);
  SignedIn s = app.db.write([&](store::Connection& c) {
    if (store::find_user_by_login(c, *phone) || (login && store::find_user_by_login(c, *login)))
      throw Error(ErrorKind::conflict, "account-exists", "该手机号或用户名已注册",
                  "That phone number or user name is already registered");
    std::int64_t id =
        store::insert_user(c, login.value_or(*phone), *phone, name, hash, false, app.clock_ms());
    auto u = store::get_user(c, id);
    audit(c, app, who, std::nullopt, "auth.register", "user:" + std::to_string(id));
    return start_session(app, c, who, *u);
  });
  s.me = me(app, who);
  return s;
}

void change_password(App& app, const Caller& who, const std::string& old_pw,
                     const std::string& new_pw) {
  {
    std::vector<FieldError> errs;
    check_password_rules(errs, "new_password", new_pw);
    if (!errs.empty()) throw_invalid(std::move(errs));
  }
  if (!auth::verify_password(who.user->password_hash, old_pw))
    throw Error(ErrorKind::unprocessable, "wrong-password", "原密码不正确",
                "The current password is wrong", {{"old_password", "不正确", "is wrong"}});
  std::string hash = auth::hash_password(new_pw);
  app.db.write([&](store::Connection& c) {
    store::update_password(c, who.user->id, hash, app.clock_ms());
    store::delete_other_sessions(c, who.user->id, who.session_hash);
    audit(c, app, who, std::nullopt, "auth.password", "user:" + std::to_string(who.user->id));
  });
}

Me me(App& app, const Caller& who) {
  Me out;
  out.user = *who.user;
  app.db.read([&](store::Connection& c) {
    out.roles = store::list_grants(c, out.user.id);
    out.units = store::list_claims(c, out.user.id);
    for (const auto& cl : out.units) {
      bool listed = false;
      for (const auto& r : out.roles)
        if (r.compound_id == cl.compound_id && r.role == "resident") listed = true;
      if (!listed) out.roles.push_back({cl.compound_id, "resident", cl.compound_name});
    }
    const auto p = store::get_preferences(c, out.user.id);
    out.large_text = p.large_text;
    out.sms = !p.sms_opt_out;
    out.unread = store::unread_count(c, out.user.id);
  });
  if (!who.session_hash.empty()) out.csrf_token = csrf_token(who.session_hash);
  return out;
}

std::optional<UnitClaimed> claim_unit_in(store::Connection& c, App& app, const Caller& who,
                                         const std::string& code) {
  auto unit = store::find_unit_by_invite(c, code);
  if (!unit) return std::nullopt;
  if (store::has_claim(c, unit->id, who.user_id()))
    throw Error(ErrorKind::conflict, "already-claimed", "您已认领过这套房屋",
                "You have already claimed this unit");
  const auto& phone = who.user->phone;
  std::optional<store::MemberRec> match;
  for (const auto& m : store::list_members(c, unit->compound_id, unit->id))
    if (phone && !m.phone.empty() && m.phone == *phone && (!match || m.relation == "owner"))
      match = m;
  if (!match)
    throw Error(
        ErrorKind::forbidden, "not-on-roster", "登记信息中没有您的手机号，请联系业委会核对房屋登记",
        "Your phone number is not on this unit's roster; ask the committee to check the register");
  store::insert_claim(c, unit->compound_id, unit->id, who.user_id(), match->person_id,
                      match->relation, app.clock_ms());
  audit(c, app, who, unit->compound_id, "unit.claim", "unit:" + std::to_string(unit->id),
        {{"relation", match->relation}});
  return UnitClaimed{unit->id, unit->compound_id, unit->label, unit->courtyard_name,
                     match->relation};
}

UnitClaimed claim_unit(App& app, Caller& who, const std::string& raw) {
  std::int64_t now = app.clock_ms();
  std::string key = "claim:" + std::to_string(who.user_id());
  if (auto ms = app.claim_by_user.retry_after_ms(key, now)) throw throttled(ms);
  auto wrong = [&] {
    app.claim_by_user.record_failure(key, now);
    return Error(ErrorKind::unprocessable, "bad-invite-code",
                 "邀请码不正确，请核对业委会发放的纸质邀请码",
                 "The invite code is not valid; check the paper code from your committee",
                 {{"code", "不正确", "is not valid"}});
  };
  auto code = registry::normalize_invite_code(raw);
  if (!code) throw wrong();
  auto result =
      app.db.write([&](store::Connection& c) { return claim_unit_in(c, app, who, *code); });
  if (!result) throw wrong();
  app.db.read([&](store::Connection& c) { who.principal = store::load_principal(c, *who.user); });
  return *result;
}

}  // namespace xinyi::app
