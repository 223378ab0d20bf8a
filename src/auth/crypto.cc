#include "auth/crypto.h"

#include <openssl/sha.h>
#include <sodium.h>

#include <atomic>
#include <cstring>
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

std::string random_bytes(std::size_t n) {
  std::string s(n, '\0');
  randombytes_buf(s.data(), n);
  return s;
}

std::string random_invite_code() {
  const auto& alpha = registry::kInviteAlphabet;
  std::string s;
  for (std::size_t i = 0; i < registry::kInviteCodeLength; ++i)
    s.push_back(alpha[randombytes_uniform(static_cast<std::uint32_t>(alpha.size()))]);
  return s;
}

KeyPair ed25519_keypair() {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  KeyPair kp{base64({reinterpret_cast<char*>(pk), sizeof pk}),
             base64({reinterpret_cast<char*>(sk), sizeof sk})};
  sodium_memzero(sk, sizeof sk);
  return kp;
}

std::string ed25519_sign(const std::string& secret_b64, std::string_view message) {
  auto sk = unbase64(secret_b64);
  if (!sk || sk->size() != crypto_sign_SECRETKEYBYTES)
    throw std::runtime_error("malformed Ed25519 secret key");
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), reinterpret_cast<const unsigned char*>(sk->data()));
  sodium_memzero(sk->data(), sk->size());
  return base64({reinterpret_cast<char*>(sig), sizeof sig});
}

bool ed25519_verify(const std::string& public_b64, std::string_view message,
                    const std::string& signature_b64) {
  auto pk = unbase64(public_b64);
  auto sig = unbase64(signature_b64);
  if (!pk || !sig || pk->size() != crypto_sign_PUBLICKEYBYTES || sig->size() != crypto_sign_BYTES)
    return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(),
                                     reinterpret_cast<const unsigned char*>(pk->data())) == 0;
}

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> unbase64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

}  // namespace xinyi::auth
