#include "domain/ledger/merkle.h"

// The low-level SHA256_* calls are deprecated in OpenSSL 3 in favour of EVP, but they are the
// fastest path for millions of 65-byte messages (no context allocation per hash).
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <openssl/sha.h>

#include <bit>

#include "domain/assert.h"

namespace xinyi::ledger {

// SHA256() is a wrapper that allocates an EVP context per call in OpenSSL 3; the context-free
// low-level calls are twice as fast for short messages.
Hash sha256(std::string_view data) {
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data.data(), data.size());
  Hash h;
  SHA256_Final(h.data(), &ctx);
  return h;
}

Hash leaf_hash(std::string_view entry) {
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  const unsigned char prefix = 0x00;
  SHA256_Update(&ctx, &prefix, 1);
  SHA256_Update(&ctx, entry.data(), entry.size());
  Hash h;
  SHA256_Final(h.data(), &ctx);
  return h;
}

Hash node_hash(const Hash& l, const Hash& r) {
  unsigned char buf[65];
  buf[0] = 0x01;
  std::copy(l.begin(), l.end(), buf + 1);
  std::copy(r.begin(), r.end(), buf + 33);
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, buf, sizeof buf);
  Hash h;
  SHA256_Final(h.data(), &ctx);
  return h;
}

Hash empty_root() { return sha256(""); }

std::string to_hex(const Hash& h) {
  static const char* hex = "0123456789abcdef";
  std::string s(64, '0');
  for (std::size_t i = 0; i < 32; ++i) {
    s[2 * i] = hex[h[i] >> 4];
    s[2 * i + 1] = hex[h[i] & 15];
  }
  return s;
}

std::optional<Hash> from_hex(std::string_view s) {
  if (s.size() != 64) return std::nullopt;
  auto nib = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  Hash h;
  for (std::size_t i = 0; i < 32; ++i) {
    int a = nib(s[2 * i]), b = nib(s[2 * i + 1]);
    if (a < 0 || b < 0) return std::nullopt;
    h[i] = static_cast<std::uint8_t>(a * 16 + b);
  }
  return h;
}

namespace {
// The largest power of two strictly smaller than n. REQUIRES: n > 1.
std::uint64_t split(std::uint64_t n) {
  XINYI_ASSERT(n > 1);
  return std::bit_floor(n - 1);
}

void path(NodeSource& src, std::uint64_t m, std::uint64_t begin, std::uint64_t end,
          std::vector<Hash>& out) {
  std::uint64_t n = end - begin;
  if (n == 1) return;
  std::uint64_t k = split(n);
  if (m < k) {
    path(src, m, begin, begin + k, out);
    out.push_back(subtree_hash(src, begin + k, end));
  } else {
    path(src, m - k, begin + k, end, out);
    out.push_back(subtree_hash(src, begin, begin + k));
  }
}

void subproof(NodeSource& src, std::uint64_t m, std::uint64_t begin, std::uint64_t end, bool b,
              std::vector<Hash>& out) {
  std::uint64_t n = end - begin;
  if (m == n) {
    if (!b) out.push_back(subtree_hash(src, begin, end));
    return;
  }
  std::uint64_t k = split(n);
  if (m <= k) {
    subproof(src, m, begin, begin + k, b, out);
    out.push_back(subtree_hash(src, begin + k, end));
  } else {
    subproof(src, m - k, begin + k, end, false, out);
    out.push_back(subtree_hash(src, begin, begin + k));
  }
}
}  // namespace

Hash subtree_hash(NodeSource& src, std::uint64_t begin, std::uint64_t end) {
  XINYI_ASSERT(begin < end);
  std::uint64_t n = end - begin;
  if (std::has_single_bit(n) && begin % n == 0) return src.node(std::countr_zero(n), begin / n);
  std::uint64_t k = split(n);
  return node_hash(subtree_hash(src, begin, begin + k), subtree_hash(src, begin + k, end));
}

Hash root_hash(NodeSource& src, std::uint64_t size) {
  if (size == 0) return empty_root();
  return subtree_hash(src, 0, size);
}

std::vector<Hash> inclusion_proof(NodeSource& src, std::uint64_t index, std::uint64_t size) {
  XINYI_ASSERT(index < size);
  std::vector<Hash> out;
  path(src, index, 0, size, out);
  return out;
}

std::vector<Hash> consistency_proof(NodeSource& src, std::uint64_t first, std::uint64_t second) {
  XINYI_ASSERT(0 < first && first <= second);
  std::vector<Hash> out;
  subproof(src, first, 0, second, true, out);
  return out;
}

bool verify_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t size,
                      const std::vector<Hash>& proof, const Hash& root) {
  if (index >= size) return false;
  std::uint64_t fn = index, sn = size - 1;
  Hash r = leaf;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      r = node_hash(p, r);
      if (!(fn & 1))
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool verify_consistency(std::uint64_t first, std::uint64_t second, const Hash& first_root,
                        const Hash& second_root, const std::vector<Hash>& proof_in) {
  if (first > second) return false;
  if (first == second) return proof_in.empty() && first_root == second_root;
  if (first == 0) return proof_in.empty();  // the empty tree is a prefix of every tree
  if (proof_in.empty()) return false;
  std::vector<Hash> proof;
  if (std::has_single_bit(first)) proof.push_back(first_root);
  proof.insert(proof.end(), proof_in.begin(), proof_in.end());
  std::uint64_t fn = first - 1, sn = second - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = proof[0], sr = proof[0];
  for (std::size_t i = 1; i < proof.size(); ++i) {
    const Hash& c = proof[i];
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      if (!(fn & 1))
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == first_root && sr == second_root && sn == 0;
}

TreeBuilder::TreeBuilder(std::uint64_t size, std::vector<Hash> frontier) : size_(size) {
  auto nodes = frontier_nodes(size);
  XINYI_ASSERT(nodes.size() == frontier.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) stack_.emplace_back(nodes[i].first, frontier[i]);
}

void TreeBuilder::append(const Hash& leaf, const Emit& emit) {
  std::uint64_t index = size_;
  if (emit) emit(0, index, leaf);
  stack_.emplace_back(0, leaf);
  int level = 0;
  while (stack_.size() >= 2 && stack_[stack_.size() - 2].first == level) {
    Hash right = stack_.back().second;
    stack_.pop_back();
    Hash left = stack_.back().second;
    stack_.pop_back();
    Hash parent = node_hash(left, right);
    ++level;
    index >>= 1;
    stack_.emplace_back(level, parent);
    if (emit) emit(level, index, parent);
  }
  ++size_;
}

Hash TreeBuilder::root() const {
  if (stack_.empty()) return empty_root();
  Hash r = stack_.back().second;
  for (std::size_t i = stack_.size() - 1; i-- > 0;) r = node_hash(stack_[i].second, r);
  return r;
}

std::vector<std::pair<int, std::uint64_t>> TreeBuilder::frontier_nodes(std::uint64_t size) {
  std::vector<std::pair<int, std::uint64_t>> out;
  std::uint64_t begin = 0;
  for (int level = 63; level >= 0; --level) {
    std::uint64_t span = 1ULL << level;
    if (size & span) {
      out.emplace_back(level, begin >> level);
      begin += span;
    }
  }
  return out;
}

}  // namespace xinyi::ledger
