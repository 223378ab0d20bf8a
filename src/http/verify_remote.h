// `xinyi verify --url`: fetches a compound's public log (key, signed head, every entry, the
// balances, and a consistency proof from a saved head) and runs app::verify_log over it.
#pragma once

#include <optional>
#include <string>

#include "app/verify.h"

namespace xinyi::http {

struct RemoteVerifyResult {
  app::VerifyReport report;
  std::string latest_head_json;  // to save for the next run (--save-sth)
};

// `base_url`: http://HOST[:PORT]/api/v1/public/compounds/ID. `since_json`: a head saved earlier.
RemoteVerifyResult verify_remote(const std::string& base_url,
                                 const std::optional<std::string>& since_json);

}  // namespace xinyi::http
