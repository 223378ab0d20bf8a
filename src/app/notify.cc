#include "app/notify.h"

#include <spdlog/spdlog.h>

#include "app/json_in.h"
#include "domain/text.h"

namespace xinyi::app {

namespace json = boost::json;
using store::Connection;
using I = std::int64_t;

namespace {

constexpr std::size_t kMaxSmsChars = 70;  // one SMS segment in Chinese
constexpr I kSendLeaseMs =
    10 * 60'000;                     // a claimed message is left alone by other senders this long
constexpr I kSendBudgetMs = 60'000;  // one round sends for at most a minute (well inside the lease)

std::string sms_text(const Notice& n) {
  std::string t = "【信义】" + n.title;
  if (text::length(t) > kMaxSmsChars) t = text::truncate(t, kMaxSmsChars - 1) + "…";
  return t;
}

// Queues a text message for every notification with id > `after` that a person with a phone
// who has not opted out of SMS received.
void queue_sms(Connection& c, I after, const Notice& n, I now) {
  if (!n.sms) return;
  c.execute(
      "INSERT INTO outbox (compound_id, user_id, notification_id, channel, address, body, status, next_attempt_at, created_at) "
      "SELECT n.compound_id, n.user_id, n.id, 'sms', u.phone, ?, 'queued', ?, ? FROM notifications n JOIN users u ON u.id = n.user_id "
      "WHERE n.id > ? AND u.phone IS NOT NULL AND u.sms_opt_out = 0",
      {sms_text(n), now, now, after});
}

I max_id(Connection& c) { return c.scalar("SELECT COALESCE(MAX(id), 0) FROM notifications"); }

}  // namespace

void notify_user(Connection& c, I cid, I user_id, const Notice& n, I now) {
  I after = max_id(c);
  c.execute(
      "INSERT INTO notifications (compound_id, user_id, kind, title, body, link, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {cid ? store::Value(cid) : store::Value(nullptr), user_id, n.kind, n.title, n.body, n.link,
       now});
  queue_sms(c, after, n, now);
}

void notify_units(Connection& c, I cid, const std::string& unit_filter_sql,
                  const std::vector<store::Value>& args, const Notice& n, I now) {
  I after = max_id(c);
  std::vector<store::Value> all{cid, n.kind, n.title, n.body, n.link, now, cid};
  all.insert(all.end(), args.begin(), args.end());
  // One notification per person, however many of the units they hold.
  c.execute(
      "INSERT INTO notifications (compound_id, user_id, kind, title, body, link, created_at) "
      "SELECT ?, user_id, ?, ?, ?, ?, ? FROM (SELECT DISTINCT cl.user_id FROM claims cl JOIN units u ON u.id = cl.unit_id "
      "WHERE cl.compound_id = ? AND (" +
          unit_filter_sql + ")) t",
      all);
  queue_sms(c, after, n, now);
}

json::object my_notifications(App& app, const Caller& who, I before, I limit) {
  return app.db.read([&](Connection& c) {
    json::array items;
    for (
        auto& r : c.query(
            "SELECT id, COALESCE(compound_id, 0), kind, title, body, link, created_at, read_at FROM notifications "
            "WHERE user_id = ? AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
            {who.user_id(), before, before, limit}))
      items.push_back(json::object{{"id", r.i64(0)},
                                   {"compound_id", r.i64(1)},
                                   {"kind", r.str(2)},
                                   {"title", r.str(3)},
                                   {"body", r.str(4)},
                                   {"link", r.str(5)},
                                   {"at", r.i64(6)},
                                   {"read", !r.is_null(7)}});
    I unread = c.scalar("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL",
                        {who.user_id()});
    auto prefs = c.query_one(
        "SELECT large_text, sms_opt_out, wechat_opt_out FROM users WHERE id = ?", {who.user_id()});
    return json::object{{"unread", unread},
                        {"items", std::move(items)},
                        {"preferences", json::object{{"large_text", prefs->i64(0) != 0},
                                                     {"sms", prefs->i64(1) == 0},
                                                     {"wechat", prefs->i64(2) == 0}}}};
  });
}

json::array notifications_after(App& app, I user_id, I after_id, I limit) {
  return app.db.read([&](Connection& c) {
    json::array out;
    for (
        auto& r : c.query(
            "SELECT id, COALESCE(compound_id, 0), kind, title, body, link, created_at FROM notifications "
            "WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?",
            {user_id, after_id, limit}))
      out.push_back(json::object{{"id", r.i64(0)},
                                 {"compound_id", r.i64(1)},
                                 {"kind", r.str(2)},
                                 {"title", r.str(3)},
                                 {"body", r.str(4)},
                                 {"link", r.str(5)},
                                 {"at", r.i64(6)},
                                 {"read", false}});
    return out;
  });
}

I last_notification_id(App& app, I user_id) {
  return app.db.read([&](Connection& c) {
    return c.scalar("SELECT COALESCE(MAX(id), 0) FROM notifications WHERE user_id = ?", {user_id});
  });
}

json::object mark_notifications_read(App& app, const Caller& who, std::string_view body) {
  JsonIn in(body);
  bool all = in.boolean("all", false);
  auto ids = in.id_list("ids", 500);
  in.finish();
  return app.db.write([&](Connection& c) {
    I now = app.clock_ms();
    if (all)
      c.execute("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL",
                {now, who.user_id()});
    for (I id : ids)
      c.execute(
          "UPDATE notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL",
          {now, who.user_id(), id});
    return json::object{
        {"unread",
         c.scalar("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL",
                  {who.user_id()})}};
  });
}

json::object set_preferences(App& app, const Caller& who, std::string_view body) {
  JsonIn in(body);
  auto large = in.opt_bool("large_text");
  auto sms = in.opt_bool("sms");
  auto wechat = in.opt_bool("wechat");
  in.finish();
  return app.db.write([&](Connection& c) {
    if (large)
      c.execute("UPDATE users SET large_text = ? WHERE id = ?", {I{*large}, who.user_id()});
    if (sms) c.execute("UPDATE users SET sms_opt_out = ? WHERE id = ?", {I{!*sms}, who.user_id()});
    if (wechat)
      c.execute("UPDATE users SET wechat_opt_out = ? WHERE id = ?", {I{!*wechat}, who.user_id()});
    audit(c, app, who, std::nullopt, "preferences.set", "user:" + std::to_string(who.user_id()),
          {{"large_text", large ? json::value(*large) : json::value(nullptr)},
           {"sms", sms ? json::value(*sms) : json::value(nullptr)}});
    auto r = c.query_one("SELECT large_text, sms_opt_out, wechat_opt_out FROM users WHERE id = ?",
                         {who.user_id()});
    return json::object{
        {"large_text", r->i64(0) != 0}, {"sms", r->i64(1) == 0}, {"wechat", r->i64(2) == 0}};
  });
}

DeliveryReport deliver_due(App& app, OutboundSink& sink, I limit) {
  DeliveryReport rep;
  const I now = app.clock_ms();
  struct Due {
    OutboundMessage m;
    I user = 0, attempts = 0;
  };
  auto due = app.db.read([&](Connection& c) {
    std::vector<Due> out;
    for (
        auto& r : c.query(
            "SELECT id, channel, address, body, user_id, attempts FROM outbox WHERE status = 'queued' AND next_attempt_at <= ? "
            "ORDER BY next_attempt_at, id LIMIT ?",
            {now, limit}))
      out.push_back({{r.i64(0), r.str(1), r.str(2), r.str(3)}, r.i64(4), r.i64(5)});
    return out;
  });
  const I budget_end = now + kSendBudgetMs;
  for (const auto& d : due) {
    if (app.clock_ms() > budget_end) break;  // a slow gateway: the rest wait for the next round
    // Claim the message for a lease (another server's sender may have taken it), unless the
    // person opted out since it was queued: then it is never sent.
    enum { taken, claimed, opted_out };
    int claim = app.db.write([&](Connection& c) {
      const I t = app.clock_ms();  // the lease runs from now, not from when the batch began
      bool out = c.scalar(d.m.channel == "sms" ? "SELECT sms_opt_out FROM users WHERE id = ?"
                                               : "SELECT wechat_opt_out FROM users WHERE id = ?",
                          {d.user}) != 0;
      if (out)
        return c.execute("UPDATE outbox SET status = 'skipped' WHERE id = ? AND status = 'queued'",
                         {d.m.id}) == 1
                   ? int{opted_out}
                   : int{taken};
      return c.execute(
                 "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND status = 'queued' AND next_attempt_at <= ?",
                 {t + kSendLeaseMs, d.m.id, t}) == 1
                 ? int{claimed}
                 : int{taken};
    });
    if (claim == opted_out) ++rep.skipped;
    if (claim != claimed) continue;
    std::string error;
    try {
      sink.send(d.m);
    } catch (const std::exception& e) {
      error = e.what();
      if (error.empty()) error = "send failed";
    }
    app.db.write([&](Connection& c) {
      if (error.empty()) {
        c.execute(
            "UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ? WHERE id = ?",
            {app.clock_ms(), d.m.id});
        ++rep.sent;
      } else if (d.attempts + 1 >= kMaxAttempts) {
        c.execute(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
            {error.substr(0, 200), d.m.id});
        ++rep.failed;
      } else {
        I wait = kFirstRetryMs << d.attempts;  // 30 s, 1 min, 2 min, 4 min, 8 min
        c.execute(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
            {app.clock_ms() + wait, error.substr(0, 200), d.m.id});
        ++rep.retried;
      }
    });
    if (!error.empty())
      spdlog::warn("outbound {} message {} not sent: {}", d.m.channel, d.m.id, error);
  }
  return rep;
}

}  // namespace xinyi::app
