#include "auth/crypto.h"

#include <openssl/sha.h>
#include <sodium.h>

#include <atomic>
#include <stdexcept>

#include "domain/registry.h"

namespace xinyi::auth {

namespace {
std::atomic<bool> g_fast{false};
}

void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

void fast_hashing_for_tests() { g_fast = true; }

std::string hash_password(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  unsigned long long ops = g_fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  std::size_t mem = g_fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str(out, password.data(), password.size(), ops, mem) != 0)
    throw std::runtime_error("argon2id: out of memory");
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  std::string h(hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
  unsigned char buf[32];
  randombytes_buf(buf, sizeof buf);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, buf, sizeof buf, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), md);
  static const char* hex = "0123456789abcdef";
  std::string s;
  s.reserve(64);
  for (unsigned char b : md) {
    s.push_back(hex[b >> 4]);
    s.push_back(hex[b & 15]);
  }
  return s;
}

std::string random_invite_code() {
  const auto& alpha = registry::kInviteAlphabet;
  std::string s;
  for (std::size_t i = 0; i < registry::kInviteCodeLength; ++i)
    s.push_back(alpha[randombytes_uniform(static_cast<std::uint32_t>(alpha.size()))]);
  return s;
}

}  // namespace xinyi::auth
