// Outbound message sinks (app/notify.h) chosen by configuration, and the background sender.
//   log                          — the server log (the default)
//   file:/path/to/outbox.jsonl   — one JSON line per message (tests, the demo, a mail merge)
//   webhook:http://host:port/p   — POST {"id","channel","address","body"} to a gateway; any
//                                  answer but 2xx, or no answer, is a failure (retried)
#pragma once

#include <memory>
#include <stop_token>
#include <string>
#include <thread>

#include "app/notify.h"

namespace xinyi::http {

// Throws std::invalid_argument for an unknown spec.
std::unique_ptr<app::OutboundSink> make_sink(const std::string& spec);

// Every `period_ms`: announces scheduled announcements whose time has come, reminds owners of
// votes closing within a day, and sends due messages, until stopped. Errors are logged, never
// fatal.
class Sender {
 public:
  Sender(app::App& app, std::unique_ptr<app::OutboundSink> sink, int period_ms = 2000);
  ~Sender();  // stops and joins

 private:
  std::jthread thread_;
};

}  // namespace xinyi::http
