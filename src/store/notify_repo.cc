#include "store/notify_repo.h"

#include "store/unit_condition.h"

namespace xinyi::store {

namespace {

using I = std::int64_t;

NotificationRec from_row(const Row& r, bool with_read) {
  return NotificationRec{r.i64(0),
                         r.i64(1),
                         {r.str(2), r.str(3), r.str(4), r.str(5)},
                         r.i64(6),
                         with_read && !r.is_null(7)};
}

}  // namespace

I max_notification_id(Connection& c) {
  return c.scalar("SELECT COALESCE(MAX(id), 0) FROM notifications");
}

I last_notification_id(Connection& c, I user) {
  return c.scalar("SELECT COALESCE(MAX(id), 0) FROM notifications WHERE user_id = ?", {user});
}

void insert_notification(Connection& c, I cid, I user, const NotificationText& n, I now_ms) {
  c.execute(
      "INSERT INTO notifications (compound_id, user_id, kind, title, body, link, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {cid ? Value(cid) : Value(nullptr), user, n.kind, n.title, n.body, n.link, now_ms});
}

void insert_unit_notifications(Connection& c, I cid, const UnitAudience& to,
                               const NotificationText& n, I now_ms) {
  auto [cond, args] = unit_condition(to);
  std::vector<Value> all{cid, n.kind, n.title, n.body, n.link, now_ms, cid};
  all.insert(all.end(), args.begin(), args.end());
  c.execute(
      "INSERT INTO notifications (compound_id, user_id, kind, title, body, link, created_at) "
      "SELECT ?, user_id, ?, ?, ?, ?, ? FROM (SELECT DISTINCT cl.user_id FROM claims cl "
      "JOIN units u ON u.id = cl.unit_id WHERE cl.compound_id = ? AND " +
          cond + ") t",
      all);
}

void queue_sms_after(Connection& c, I after_id, const std::string& body, I now_ms) {
  c.execute(
      "INSERT INTO outbox (compound_id, user_id, notification_id, channel, address, body, status, next_attempt_at, created_at) "
      "SELECT n.compound_id, n.user_id, n.id, 'sms', u.phone, ?, 'queued', ?, ? FROM notifications n JOIN users u ON u.id = n.user_id "
      "WHERE n.id > ? AND u.phone IS NOT NULL AND u.sms_opt_out = 0",
      {body, now_ms, now_ms, after_id});
}

std::vector<NotificationRec> list_notifications(Connection& c, I user, I before_id, I limit) {
  std::vector<NotificationRec> out;
  for (
      auto& r : c.query(
          "SELECT id, COALESCE(compound_id, 0), kind, title, body, link, created_at, read_at FROM notifications "
          "WHERE user_id = ? AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
          {user, before_id, before_id, limit}))
    out.push_back(from_row(r, true));
  return out;
}

std::vector<NotificationRec> notifications_after(Connection& c, I user, I after_id, I limit) {
  std::vector<NotificationRec> out;
  for (
      auto& r : c.query(
          "SELECT id, COALESCE(compound_id, 0), kind, title, body, link, created_at FROM notifications "
          "WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?",
          {user, after_id, limit}))
    out.push_back(from_row(r, false));
  return out;
}

I unread_count(Connection& c, I user) {
  return c.scalar("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL",
                  {user});
}

void mark_all_read(Connection& c, I user, I now_ms) {
  c.execute("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL",
            {now_ms, user});
}

void mark_read(Connection& c, I user, I id, I now_ms) {
  c.execute("UPDATE notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL",
            {now_ms, user, id});
}

PreferencesRec get_preferences(Connection& c, I user) {
  auto r =
      c.query_one("SELECT large_text, sms_opt_out, wechat_opt_out FROM users WHERE id = ?", {user});
  if (!r) throw StoreError("no such user");
  return PreferencesRec{r->i64(0) != 0, r->i64(1) != 0, r->i64(2) != 0};
}

void set_large_text(Connection& c, I user, bool on) {
  c.execute("UPDATE users SET large_text = ? WHERE id = ?", {I{on}, user});
}

void set_sms_opt_out(Connection& c, I user, bool out) {
  c.execute("UPDATE users SET sms_opt_out = ? WHERE id = ?", {I{out}, user});
}

void set_wechat_opt_out(Connection& c, I user, bool out) {
  c.execute("UPDATE users SET wechat_opt_out = ? WHERE id = ?", {I{out}, user});
}

std::vector<OutboxRec> due_outbox(Connection& c, I now_ms, I limit) {
  std::vector<OutboxRec> out;
  for (
      auto& r : c.query(
          "SELECT id, channel, address, body, user_id, attempts FROM outbox WHERE status = 'queued' AND next_attempt_at <= ? "
          "ORDER BY next_attempt_at, id LIMIT ?",
          {now_ms, limit}))
    out.push_back(OutboxRec{r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4), r.i64(5)});
  return out;
}

bool skip_outbox(Connection& c, I id) {
  return c.execute("UPDATE outbox SET status = 'skipped' WHERE id = ? AND status = 'queued'",
                   {id}) == 1;
}

bool lease_outbox(Connection& c, I id, I lease_until_ms, I now_ms) {
  return c.execute(
             "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND status = 'queued' AND next_attempt_at <= ?",
             {lease_until_ms, id, now_ms}) == 1;
}

void mark_outbox_sent(Connection& c, I id, I now_ms) {
  c.execute("UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ? WHERE id = ?",
            {now_ms, id});
}

void mark_outbox_failed(Connection& c, I id, const std::string& error) {
  c.execute(
      "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
      {error, id});
}

void retry_outbox(Connection& c, I id, I next_attempt_ms, const std::string& error) {
  c.execute(
      "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
      {next_attempt_ms, error, id});
}

void mark_history_delivered(Connection& c, std::int64_t before_ms) {
  c.execute("UPDATE notifications SET read_at = created_at + 3600000 WHERE created_at < ?",
            {before_ms});
  c.execute(
      "UPDATE outbox SET status = 'sent', attempts = 1, sent_at = created_at + 5000 WHERE created_at < ?",
      {before_ms});
}

}  // namespace xinyi::store
