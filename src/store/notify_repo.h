// Notifications (the in-app messages a person receives), their preferences (large text, text
// messages, WeChat) and the outbox of messages to send outside (a row per message, claimed by
// a sender for a lease, then sent, retried with backoff, failed or skipped).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"

namespace xinyi::store {

struct NotificationText {
  std::string kind, title, body, link;
};
struct NotificationRec {
  std::int64_t id = 0, compound_id = 0;  // compound 0: not about one compound
  NotificationText text;
  std::int64_t created_at_ms = 0;
  bool read = false;
};

// The highest notification id of all (so the messages inserted after it can be found).
std::int64_t max_notification_id(Connection& c);
std::int64_t last_notification_id(Connection& c, std::int64_t user);
void insert_notification(Connection& c, std::int64_t cid, std::int64_t user,
                         const NotificationText& n, std::int64_t now_ms);
// Whom a notice to the holders of units reaches: the people who claimed a unit of the compound
// that matches every field set here (a default UnitAudience is everyone with a claim).
struct UnitAudience {
  std::int64_t courtyard_id = 0;  // units of this courtyard (0: any)
  std::int64_t area_id = 0;       // units of the courtyards of this managed area (0: any)
  std::int64_t unit_id = 0;       // this unit (0: any)
  std::int64_t bill_run_id = 0;   // units this bill run billed (0: any)
  // Owners (not tenants or family) of the units on this vote's roll (0: no vote), of one
  // elector only (elector_no 0: every elector), or only of electors with no ballot yet.
  std::int64_t vote_id = 0, elector_no = 0;
  bool unballoted_only = false;
  std::int64_t except_user_id = 0;  // leaves this person out (0: nobody)
};
// One notification per person in the audience, however many of its units they hold.
void insert_unit_notifications(Connection& c, std::int64_t cid, const UnitAudience& to,
                               const NotificationText& n, std::int64_t now_ms);
// Queues `body` as a text message for every notification with id > `after_id` whose person has a
// phone and has not opted out.
void queue_sms_after(Connection& c, std::int64_t after_id, const std::string& body,
                     std::int64_t now_ms);

// Newest first, below `before_id` (0: from the newest), at most `limit`.
std::vector<NotificationRec> list_notifications(Connection& c, std::int64_t user,
                                                std::int64_t before_id, std::int64_t limit);
// Oldest first, above `after_id`, at most `limit`.
std::vector<NotificationRec> notifications_after(Connection& c, std::int64_t user,
                                                 std::int64_t after_id, std::int64_t limit);
std::int64_t unread_count(Connection& c, std::int64_t user);
void mark_all_read(Connection& c, std::int64_t user, std::int64_t now_ms);
void mark_read(Connection& c, std::int64_t user, std::int64_t id, std::int64_t now_ms);

struct PreferencesRec {
  bool large_text = false, sms_opt_out = false, wechat_opt_out = false;
};
// REQUIRES: the user exists.
PreferencesRec get_preferences(Connection& c, std::int64_t user);
void set_large_text(Connection& c, std::int64_t user, bool on);
void set_sms_opt_out(Connection& c, std::int64_t user, bool out);
void set_wechat_opt_out(Connection& c, std::int64_t user, bool out);

struct OutboxRec {
  std::int64_t id = 0;
  std::string channel, address, body;
  std::int64_t user_id = 0, attempts = 0;
};
// Queued messages whose next attempt is due, soonest first, at most `limit`.
std::vector<OutboxRec> due_outbox(Connection& c, std::int64_t now_ms, std::int64_t limit);
// Each returns whether it changed the row (false: another sender got there first).
bool skip_outbox(Connection& c, std::int64_t id);
bool lease_outbox(Connection& c, std::int64_t id, std::int64_t lease_until_ms, std::int64_t now_ms);
void mark_outbox_sent(Connection& c, std::int64_t id, std::int64_t now_ms);
void mark_outbox_failed(Connection& c, std::int64_t id, const std::string& error);
void retry_outbox(Connection& c, std::int64_t id, std::int64_t next_attempt_ms,
                  const std::string& error);

// A loaded history's messages as long dealt with (the demo): notifications created before
// `before_ms` read an hour after, outbox messages sent five seconds after.
void mark_history_delivered(Connection& c, std::int64_t before_ms);

}  // namespace xinyi::store
