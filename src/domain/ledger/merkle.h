// The append-only log of a compound's books: an RFC 9162 §2.1 Merkle tree over SHA-256.
//
//   leaf hash  = SHA-256(0x00 ‖ entry bytes)        (entry bytes: RFC 8785 JSON of a transaction)
//   node hash  = SHA-256(0x01 ‖ left ‖ right)
//   tree head  = {tree size n, root = MTH(D[0:n]), timestamp}, signed with the compound's
//                Ed25519 key (and co-signed by witnesses).
//
// Cost. The store keeps every *complete* subtree hash, addressed by (level, index): node
// (l, i) covers leaves [i·2^l, (i+1)·2^l). Appending a leaf writes it and the O(log n) parents
// it completes (TreeBuilder). Any root, inclusion proof or consistency proof needs O(log n)
// complete nodes (O(log² n) lookups at worst for the ragged right edge); nothing ever
// recomputes the tree.
//
// What a proof proves. An inclusion proof shows that a leaf with this hash sits at `index` in
// the tree whose root the signed head names; a consistency proof shows that the tree of size
// m is a prefix of the tree of size n — the log was only appended to, never rewritten.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xinyi::ledger {

using Hash = std::array<std::uint8_t, 32>;

Hash sha256(std::string_view data);
Hash leaf_hash(std::string_view entry);
Hash node_hash(const Hash& left, const Hash& right);
Hash empty_root();  // SHA-256 of nothing: the root of the empty tree
std::string to_hex(const Hash& h);
std::optional<Hash> from_hex(std::string_view hex);

// Where complete subtree hashes come from (the store, or memory in tests).
class NodeSource {
 public:
  virtual ~NodeSource() = default;
  // REQUIRES: the subtree (level, index) is complete in the current tree.
  virtual Hash node(int level, std::uint64_t index) = 0;
};

// MTH(D[begin:end]). REQUIRES: begin < end ≤ tree size, and [begin, end) is a range the RFC's
// recursion produces (begin a multiple of the largest power of two < end − begin, or
// [begin, end) itself complete).
Hash subtree_hash(NodeSource& src, std::uint64_t begin, std::uint64_t end);
Hash root_hash(NodeSource& src, std::uint64_t size);

// RFC 9162 §2.1.3.1 PATH(index, D[size]) and §2.1.4.1 PROOF(first, D[second]).
// REQUIRES: index < size; 0 < first ≤ second.
std::vector<Hash> inclusion_proof(NodeSource& src, std::uint64_t index, std::uint64_t size);
std::vector<Hash> consistency_proof(NodeSource& src, std::uint64_t first, std::uint64_t second);

// RFC 9162 §2.1.3.2 and §2.1.4.2. Total functions: any input yields true or false.
bool verify_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t size,
                      const std::vector<Hash>& path, const Hash& root);
bool verify_consistency(std::uint64_t first, std::uint64_t second, const Hash& first_root,
                        const Hash& second_root, const std::vector<Hash>& proof);

// Builds a tree leaf by leaf, keeping only the O(log n) frontier. Each append reports the
// complete nodes it creates (level 0 = the leaf itself), which the store persists.
class TreeBuilder {
 public:
  using Emit = std::function<void(int level, std::uint64_t index, const Hash& h)>;
  TreeBuilder() = default;
  // Resumes a tree of `size` leaves from its frontier: the complete subtrees of size's binary
  // decomposition, largest first (see frontier_nodes()).
  TreeBuilder(std::uint64_t size, std::vector<Hash> frontier);

  void append(const Hash& leaf, const Emit& emit = {});
  std::uint64_t size() const { return size_; }
  Hash root() const;
  // The (level, index) of each frontier node of a tree of `size` leaves, largest first.
  static std::vector<std::pair<int, std::uint64_t>> frontier_nodes(std::uint64_t size);

 private:
  std::uint64_t size_ = 0;
  std::vector<std::pair<int, Hash>> stack_;  // (level, hash), levels strictly decreasing
};

}  // namespace xinyi::ledger
