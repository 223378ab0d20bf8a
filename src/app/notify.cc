#include "app/notify.h"

#include <spdlog/spdlog.h>

#include "domain/text.h"
#include "store/notify_repo.h"

namespace xinyi::app {

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
  if (n.sms) store::queue_sms_after(c, after, sms_text(n), now);
}

store::NotificationText text_of(const Notice& n) { return {n.kind, n.title, n.body, n.link}; }

}  // namespace

void notify_user(Connection& c, I cid, I user_id, const Notice& n, I now) {
  I after = store::max_notification_id(c);
  store::insert_notification(c, cid, user_id, text_of(n), now);
  queue_sms(c, after, n, now);
}

void notify_units(Connection& c, I cid, const store::UnitAudience& to, const Notice& n, I now) {
  I after = store::max_notification_id(c);
  // One notification per person, however many of the units they hold.
  store::insert_unit_notifications(c, cid, to, text_of(n), now);
  queue_sms(c, after, n, now);
}

MyNotifications my_notifications(App& app, const Caller& who, I before, I limit) {
  return app.db.read([&](Connection& c) {
    return MyNotifications{store::unread_count(c, who.user_id()),
                           store::list_notifications(c, who.user_id(), before, limit),
                           store::get_preferences(c, who.user_id())};
  });
}

std::vector<store::NotificationRec> notifications_after(App& app, I user_id, I after_id, I limit) {
  return app.db.read(
      [&](Connection& c) { return store::notifications_after(c, user_id, after_id, limit); });
}

I last_notification_id(App& app, I user_id) {
  return app.db.read([&](Connection& c) { return store::last_notification_id(c, user_id); });
}

I mark_notifications_read(App& app, const Caller& who, bool all, const std::vector<I>& ids) {
  return app.db.write([&](Connection& c) {
    I now = app.clock_ms();
    if (all) store::mark_all_read(c, who.user_id(), now);
    for (I id : ids) store::mark_read(c, who.user_id(), id, now);
    return store::unread_count(c, who.user_id());
  });
}

store::PreferencesRec set_preferences(App& app, const Caller& who, const PreferencesInput& in) {
  return app.db.write([&](Connection& c) {
    if (in.large_text) store::set_large_text(c, who.user_id(), *in.large_text);
    if (in.sms) store::set_sms_opt_out(c, who.user_id(), !*in.sms);
    if (in.wechat) store::set_wechat_opt_out(c, who.user_id(), !*in.wechat);
    audit(c, app, who, std::nullopt, "preferences.set", "user:" + std::to_string(who.user_id()),
          {{"large_text", in.large_text}, {"sms", in.sms}});
    return store::get_preferences(c, who.user_id());
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
    for (auto& r : store::due_outbox(c, now, limit))
      out.push_back({{r.id, r.channel, r.address, r.body}, r.user_id, r.attempts});
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
      const auto prefs = store::get_preferences(c, d.user);
      const bool out = d.m.channel == "sms" ? prefs.sms_opt_out : prefs.wechat_opt_out;
      if (out) return store::skip_outbox(c, d.m.id) ? int{opted_out} : int{taken};
      return store::lease_outbox(c, d.m.id, t + kSendLeaseMs, t) ? int{claimed} : int{taken};
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
        store::mark_outbox_sent(c, d.m.id, app.clock_ms());
        ++rep.sent;
      } else if (d.attempts + 1 >= kMaxAttempts) {
        store::mark_outbox_failed(c, d.m.id, error.substr(0, 200));
        ++rep.failed;
      } else {
        I wait = kFirstRetryMs << d.attempts;  // 30 s, 1 min, 2 min, 4 min, 8 min
        store::retry_outbox(c, d.m.id, app.clock_ms() + wait, error.substr(0, 200));
        ++rep.retried;
      }
    });
    if (!error.empty())
      spdlog::warn("outbound {} message {} not sent: {}", d.m.channel, d.m.id, error);
  }
  return rep;
}

}  // namespace xinyi::app
