#include "domain/ledger/merkle.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace xinyi::ledger {

namespace {

// The RFC 9162 §2.1 definitions, written as plainly as possible over a list of leaf hashes:
// the reference the real implementation is checked against.
struct Naive {
  std::vector<Hash> leaves;

  static std::uint64_t k_of(std::uint64_t n) {
    std::uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  }
  Hash mth(std::uint64_t a, std::uint64_t b) const {
    if (b - a == 0) return empty_root();
    if (b - a == 1) return leaves[a];
    std::uint64_t k = k_of(b - a);
    return node_hash(mth(a, a + k), mth(a + k, b));
  }
  std::vector<Hash> path(std::uint64_t m, std::uint64_t a, std::uint64_t b) const {
    if (b - a == 1) return {};
    std::uint64_t k = k_of(b - a);
    std::vector<Hash> out;
    if (m < k) {
      out = path(m, a, a + k);
      out.push_back(mth(a + k, b));
    } else {
      out = path(m - k, a + k, b);
      out.push_back(mth(a, a + k));
    }
    return out;
  }
  std::vector<Hash> subproof(std::uint64_t m, std::uint64_t a, std::uint64_t b, bool flag) const {
    std::uint64_t n = b - a;
    if (m == n) return flag ? std::vector<Hash>{} : std::vector<Hash>{mth(a, b)};
    std::uint64_t k = k_of(n);
    std::vector<Hash> out;
    if (m <= k) {
      out = subproof(m, a, a + k, flag);
      out.push_back(mth(a + k, b));
    } else {
      out = subproof(m - k, a + k, b, false);
      out.push_back(mth(a, a + k));
    }
    return out;
  }
};

// Complete nodes as the store keeps them, filled by TreeBuilder's emit.
struct MemNodes : NodeSource {
  std::map<std::pair<int, std::uint64_t>, Hash> nodes;
  Hash node(int level, std::uint64_t index) override {
    auto it = nodes.find({level, index});
    EXPECT_NE(it, nodes.end()) << "missing node " << level << "/" << index;
    return it == nodes.end() ? Hash{} : it->second;
  }
};

Hash leaf_n(std::uint64_t i) { return leaf_hash("entry " + std::to_string(i)); }

}  // namespace

TEST(Merkle, KnownValues) {
  EXPECT_EQ(to_hex(empty_root()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(to_hex(leaf_hash("")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(from_hex(to_hex(leaf_n(3))), leaf_n(3));
  EXPECT_FALSE(from_hex("xyz").has_value());
}

TEST(Merkle, EveryRootProofAndConsistencyMatchesTheDefinition) {
  Naive naive;
  MemNodes mem;
  TreeBuilder tb;
  const std::uint64_t kMax = 70;
  for (std::uint64_t n = 1; n <= kMax; ++n) {
    Hash l = leaf_n(n - 1);
    naive.leaves.push_back(l);
    tb.append(l, [&](int level, std::uint64_t index, const Hash& h) {
      mem.nodes[{level, index}] = h;
    });
    Hash root = naive.mth(0, n);
    ASSERT_EQ(tb.root(), root) << n;
    ASSERT_EQ(root_hash(mem, n), root) << n;
    for (std::uint64_t m = 0; m < n; ++m) {
      auto p = inclusion_proof(mem, m, n);
      ASSERT_EQ(p, naive.path(m, 0, n)) << m << "/" << n;
      ASSERT_TRUE(verify_inclusion(naive.leaves[m], m, n, p, root)) << m << "/" << n;
    }
    for (std::uint64_t m = 1; m <= n; ++m) {
      auto p = consistency_proof(mem, m, n);
      ASSERT_EQ(p, naive.subproof(m, 0, n, true)) << m << "/" << n;
      ASSERT_TRUE(verify_consistency(m, n, naive.mth(0, m), root, p)) << m << "/" << n;
    }
  }
}

TEST(Merkle, TamperedProofsFail) {
  MemNodes mem;
  TreeBuilder tb;
  std::vector<Hash> leaves;
  for (std::uint64_t i = 0; i < 37; ++i) {
    leaves.push_back(leaf_n(i));
    tb.append(leaves.back(), [&](int level, std::uint64_t index, const Hash& h) {
      mem.nodes[{level, index}] = h;
    });
  }
  Hash root = tb.root();
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    std::uint64_t m = rng() % 37;
    auto p = inclusion_proof(mem, m, 37);
    EXPECT_FALSE(verify_inclusion(leaves[(m + 1) % 37], m, 37, p, root));  // another leaf
    EXPECT_FALSE(verify_inclusion(leaves[m], (m + 1) % 37, 37, p, root));  // another index
    if (!p.empty()) {
      auto bad = p;
      bad[rng() % bad.size()][rng() % 32] ^= 1;
      EXPECT_FALSE(verify_inclusion(leaves[m], m, 37, bad, root));
      bad = p;
      bad.pop_back();
      EXPECT_FALSE(verify_inclusion(leaves[m], m, 37, bad, root));
    }
    std::uint64_t first = 1 + rng() % 36;
    auto c = consistency_proof(mem, first, 37);
    Hash first_root = root_hash(mem, first);
    EXPECT_TRUE(verify_consistency(first, 37, first_root, root, c));
    Hash wrong = first_root;
    wrong[0] ^= 1;
    EXPECT_FALSE(verify_consistency(first, 37, wrong, root, c));
    if (!c.empty()) {
      auto bad = c;
      bad[rng() % bad.size()][rng() % 32] ^= 0x80;
      EXPECT_FALSE(verify_consistency(first, 37, first_root, root, bad));
    }
  }
}

TEST(Merkle, ResumingFromTheFrontierGivesTheSameTree) {
  MemNodes mem;
  TreeBuilder full;
  for (std::uint64_t i = 0; i < 100; ++i)
    full.append(leaf_n(i), [&](int l, std::uint64_t x, const Hash& h) { mem.nodes[{l, x}] = h; });
  for (std::uint64_t size : {1u, 2u, 3u, 64u, 77u}) {
    std::vector<Hash> frontier;
    for (auto [l, x] : TreeBuilder::frontier_nodes(size)) frontier.push_back(mem.nodes.at({l, x}));
    TreeBuilder resumed(size, frontier);
    for (std::uint64_t i = size; i < 100; ++i) resumed.append(leaf_n(i));
    EXPECT_EQ(resumed.root(), full.root()) << size;
  }
}

}  // namespace xinyi::ledger
