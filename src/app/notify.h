// Notifications (SPEC §2: reaching every resident). Each person has an in-app list with read
// state, delivered live to open pages (server-sent events, http/server.cc) — and, for what is
// worth a text message, an outbound message queued in the SAME transaction as the write that
// caused it (a bill run, a payment, an announcement asking for confirmation, a vote opening).
//
// Sending never happens inside a request: `deliver_due()` runs in the server's background
// sender, takes due messages from the `outbox` table, and hands each to the configured
// OutboundSink. A failed send is retried with exponential backoff (30 s, 1 min, 2 min … at most
// kMaxAttempts tries, then `failed`); a person who has opted out of a channel when the message
// is due gets nothing (`skipped`), even if it was queued before they opted out.
//
// Sinks (http/outbound.h) are chosen by configuration (`--notify-sink`), so a real SMS or WeChat
// gateway plugs in without code changes: `log` (the server log), `file:/path` (one JSON line per
// message: what tests and the demo read), `webhook:http://host:port/path` (POST the message as JSON
// to a gateway; any non-2xx answer is a failure to retry).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "store/notify_repo.h"

namespace xinyi::app {

inline constexpr int kMaxAttempts = 6;
inline constexpr std::int64_t kFirstRetryMs = 30'000;

struct Notice {
  std::string kind;   // bill, payment, need, vote, visit, announcement, milestone
  std::string title;  // one line, shown in the list and as the text message
  std::string body;
  std::string link;  // a path in the web app, e.g. /c/1/needs
  bool sms = false;  // also queue a text message (to those with a phone who did not opt out)
};

// In the caller's write transaction. To one person; to everyone who has claimed one of the
// units; or to everyone who has claimed a unit of the compound or of one courtyard.
void notify_user(store::Connection& c, std::int64_t cid, std::int64_t user_id, const Notice& n,
                 std::int64_t now);
void notify_units(store::Connection& c, std::int64_t cid, const store::UnitAudience& to,
                  const Notice& n, std::int64_t now);

// The signed-in person's notifications, newest first (at most `limit`, ids below `before` when
// non-zero), with the unread count.
// (Issue 18: their JSON is in http/routes/me.cc.)
struct MyNotifications {
  std::int64_t unread = 0;
  std::vector<store::NotificationRec> items;
  store::PreferencesRec preferences;
};
MyNotifications my_notifications(App& app, const Caller& who, std::int64_t before,
                                 std::int64_t limit);
// Newer than `after_id`, oldest first (for the live stream).
std::vector<store::NotificationRec> notifications_after(App& app, std::int64_t user_id,
                                                        std::int64_t after_id, std::int64_t limit);
std::int64_t last_notification_id(App& app, std::int64_t user_id);
// Marks `ids` (or all) read; answers how many are still unread.
std::int64_t mark_notifications_read(App& app, const Caller& who, bool all,
                                     const std::vector<std::int64_t>& ids);
// Changes the preferences named (sms/wechat false = opted out); answers them as they are now.
struct PreferencesInput {
  std::optional<bool> large_text, sms, wechat;
};
store::PreferencesRec set_preferences(App& app, const Caller& who, const PreferencesInput& in);

// ---- outbound

struct OutboundMessage {
  std::int64_t id = 0;
  std::string channel, address, body;
};

class OutboundSink {
 public:
  virtual ~OutboundSink() = default;
  // Throws std::exception on failure (the message is retried later).
  virtual void send(const OutboundMessage& m) = 0;
};

struct DeliveryReport {
  std::int64_t sent = 0, retried = 0, failed = 0, skipped = 0;
};
// Sends up to `limit` due messages. Each is claimed first (a lease of 10 minutes), so senders in
// several server processes never send one twice. Never throws for a sink failure.
DeliveryReport deliver_due(App& app, OutboundSink& sink, std::int64_t limit = 100);

}  // namespace xinyi::app
