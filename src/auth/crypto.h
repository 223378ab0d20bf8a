// Password hashing, tokens and codes — thin wrappers over libsodium and OpenSSL.
//
// Passwords: argon2id (libsodium crypto_pwhash_str) with the "interactive" limits, or cheaper
// limits when the process was started with fast_hashing_for_tests(). The stored string carries
// its own salt and parameters, so a hash made with either setting verifies with both.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace xinyi::auth {

// Must run once before any other call (initialises libsodium). Thread-safe, idempotent.
void init();

// For tests only: use argon2id's minimum cost so suites that create many accounts stay fast.
void fast_hashing_for_tests();

std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);

// 32 random bytes, base64url without padding (43 characters).
std::string random_token();
// n random bytes (libsodium).
std::string random_bytes(std::size_t n);
// SHA-256 of `data`, lower-case hex.
std::string sha256_hex(std::string_view data);
// A fresh invite code (registry::kInviteCodeLength characters of registry::kInviteAlphabet).
std::string random_invite_code();

// Ed25519 (libsodium). Keys and signatures travel as standard base64 (with padding), the
// form browsers' atob() and WebCrypto importKey("raw") take.
struct KeyPair {
  std::string public_b64, secret_b64;
};
KeyPair ed25519_keypair();
// REQUIRES: secret_b64 is a key from ed25519_keypair().
std::string ed25519_sign(const std::string& secret_b64, std::string_view message);
// False for any malformed key or signature.
bool ed25519_verify(const std::string& public_b64, std::string_view message,
                    const std::string& signature_b64);

std::string base64(std::string_view bytes);
std::optional<std::string> unbase64(std::string_view text);

}  // namespace xinyi::auth
