#include "http/outbound.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <stdexcept>

#include "app/announce_service.h"
#include "app/vote_service.h"
#include "http/client.h"

namespace xinyi::http {

namespace {

boost::json::object as_json(const app::OutboundMessage& m) {
  return {{"id", m.id}, {"channel", m.channel}, {"address", m.address}, {"body", m.body}};
}

class LogSink : public app::OutboundSink {
 public:
  void send(const app::OutboundMessage& m) override {
    spdlog::info("outbound {} to {}: {}", m.channel,
                 m.address.size() > 4 ? "***" + m.address.substr(m.address.size() - 4) : "***",
                 m.body);
  }
};

class FileSink : public app::OutboundSink {
 public:
  explicit FileSink(std::string path) : path_(std::move(path)) {}
  void send(const app::OutboundMessage& m) override {
    std::lock_guard g(mu_);
    std::ofstream f(path_, std::ios::app);
    if (!f) throw std::runtime_error("cannot open " + path_);
    f << boost::json::serialize(as_json(m)) << "\n";
    if (!f.flush()) throw std::runtime_error("cannot write " + path_);
  }

 private:
  std::string path_;
  std::mutex mu_;
};

class WebhookSink : public app::OutboundSink {
 public:
  explicit WebhookSink(const std::string& url) : url_(parse_http_url(url)) {}
  void send(const app::OutboundMessage& m) override {
    auto r = fetch(url_.host, url_.port, "POST", url_.path.empty() ? "/" : url_.path,
                   boost::json::serialize(as_json(m)), {{"Content-Type", "application/json"}});
    if (r.status < 200 || r.status > 299)
      throw std::runtime_error("gateway answered " + std::to_string(r.status));
  }

 private:
  ParsedUrl url_;
};

}  // namespace

std::unique_ptr<app::OutboundSink> make_sink(const std::string& spec) {
  if (spec.empty() || spec == "log") return std::make_unique<LogSink>();
  if (spec.starts_with("file:") && spec.size() > 5)
    return std::make_unique<FileSink>(spec.substr(5));
  if (spec.starts_with("webhook:")) return std::make_unique<WebhookSink>(spec.substr(8));
  throw std::invalid_argument(
      "--notify-sink must be log, file:PATH or webhook:http://HOST:PORT/PATH");
}

Sender::Sender(app::App& app, std::unique_ptr<app::OutboundSink> sink, int period_ms)
    : thread_([&app, sink = std::move(sink), period_ms](std::stop_token st) {
        std::mutex mu;
        std::condition_variable_any cv;
        while (!st.stop_requested()) {
          // Each step on its own: one failing never stops the others.
          auto step = [](const char* what, auto&& fn) {
            try {
              fn();
            } catch (const std::exception& e) {
              spdlog::warn("outbound sender, {}: {}", what, e.what());
            }
          };
          step("scheduled announcements", [&] { app::publish_due(app); });
          step("closing votes", [&] { app::close_due_votes(app); });
          step("vote reminders", [&] { app::remind_closing_votes(app); });
          step("delivery", [&] {
            auto rep = app::deliver_due(app, *sink);
            if (rep.sent + rep.failed + rep.skipped + rep.retried)
              spdlog::info("outbound: {} sent, {} to retry, {} failed, {} skipped (opted out)",
                           rep.sent, rep.retried, rep.failed, rep.skipped);
          });
          std::unique_lock lock(mu);
          cv.wait_for(lock, st, std::chrono::milliseconds(period_ms), [] { return false; });
        }
      }) {}

Sender::~Sender() { thread_.request_stop(); }

}  // namespace xinyi::http
