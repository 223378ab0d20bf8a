#include "domain/vote.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "domain/assert.h"
#include "domain/registry.h"

namespace xinyi::vote {

namespace {

using I = std::int64_t;
using I128 = __int128;

constexpr std::string_view kMatterZh[] = {
    "",
    "制定和修改业主大会议事规则",
    "制定和修改管理规约",
    "选举业主委员会或者更换业主委员会成员",
    "选聘和解聘物业服务企业或者其他管理人",
    "使用建筑物及其附属设施的维修资金",
    "筹集建筑物及其附属设施的维修资金",
    "改建、重建建筑物及其附属设施",
    "改变共有部分的用途或者利用共有部分从事经营活动",
    "有关共有和共同管理权利的其他重大事项",
};
constexpr std::string_view kMatterEn[] = {
    "",
    "Rules of procedure of the owners' assembly",
    "Management rules",
    "Electing or replacing the owners' committee or its members",
    "Hiring or dismissing the property service provider or other manager",
    "Using the maintenance fund",
    "Raising the maintenance fund",
    "Rebuilding or reconstructing buildings and their facilities",
    "Changing the use of common parts or using them for business",
    "Other major matters of common ownership and management",
};

// Union-find over unit positions.
struct Groups {
  std::vector<std::size_t> parent;
  explicit Groups(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a), b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);  // the root is the lowest position
  }
};

}  // namespace

std::string_view matter_zh(int m) { return m >= kMinMatter && m <= kMaxMatter ? kMatterZh[m] : ""; }
std::string_view matter_en(int m) { return m >= kMinMatter && m <= kMaxMatter ? kMatterEn[m] : ""; }
bool is_special(int m) { return m == 6 || m == 7 || m == 8; }

std::string_view to_string(Kind k) { return k == Kind::motion ? "motion" : "choice"; }
std::optional<Kind> parse_kind(std::string_view s) {
  if (s == "motion") return Kind::motion;
  if (s == "choice") return Kind::choice;
  return std::nullopt;
}

std::vector<Elector> electorate(std::vector<UnitIn> units) {
  XINYI_ASSERT(units.size() <= kMaxElectors);
  std::sort(units.begin(), units.end(),
            [](const UnitIn& a, const UnitIn& b) { return a.unit_id < b.unit_id; });
  Groups g(units.size());
  std::map<std::string, std::size_t> first_with_key;
  std::optional<std::size_t> developer;
  for (std::size_t i = 0; i < units.size(); ++i) {
    XINYI_ASSERT(units[i].area_centi_m2 > 0);
    XINYI_ASSERT(i == 0 || units[i - 1].unit_id != units[i].unit_id);
    if (units[i].developer_held) {
      // The developer's units are one owner whoever is recorded on them.
      if (developer)
        g.join(*developer, i);
      else
        developer = i;
      continue;
    }
    for (const auto& key : units[i].owner_keys) {
      auto [it, fresh] = first_with_key.emplace(key, i);
      if (!fresh) g.join(it->second, i);
    }
  }
  std::map<std::size_t, std::size_t> elector_of_root;  // root position → index in `out`
  std::vector<Elector> out;
  for (std::size_t i = 0; i < units.size(); ++i) {
    std::size_t root = g.find(i);
    auto [it, fresh] = elector_of_root.emplace(root, out.size());
    if (fresh) out.push_back(Elector{static_cast<int>(out.size()) + 1, 0, false, {}});
    Elector& e = out[it->second];
    e.area_centi_m2 += units[i].area_centi_m2;
    e.developer = e.developer || units[i].developer_held;
    e.unit_ids.push_back(units[i].unit_id);
  }
  return out;
}

bool meets(bool special, I part, I whole) {
  XINYI_ASSERT(part >= 0 && whole >= 0 && part <= whole);
  if (special) return 4 * static_cast<I128>(part) >= 3 * static_cast<I128>(whole) && whole > 0;
  return 2 * static_cast<I128>(part) > static_cast<I128>(whole);
}

bool two_thirds(I part, I whole) {
  XINYI_ASSERT(part >= 0 && whole >= 0 && part <= whole);
  return whole > 0 && 3 * static_cast<I128>(part) >= 2 * static_cast<I128>(whole);
}

Result tally(Kind kind, int matter, int alternatives, int seats, I total_area, I total_owners,
             const std::vector<BallotIn>& ballots) {
  XINYI_ASSERT(matter >= kMinMatter && matter <= kMaxMatter);
  XINYI_ASSERT(alternatives >= 1 && alternatives <= static_cast<int>(kMaxOptions));
  XINYI_ASSERT(seats >= 1 && seats <= alternatives);
  Result r;
  r.total_area = total_area;
  r.total_owners = total_owners;
  r.special = is_special(matter);
  r.options.resize(static_cast<std::size_t>(alternatives));
  for (const auto& b : ballots) {
    XINYI_ASSERT(b.area_centi_m2 > 0);
    XINYI_ASSERT(static_cast<int>(b.choices.size()) <= seats);
    r.voted_area += b.area_centi_m2;
    r.voted_owners += 1;
    if (b.choices.empty()) {
      r.abstain_area += b.area_centi_m2;
      r.abstain_owners += 1;
    }
    for (std::size_t i = 0; i < b.choices.size(); ++i) {
      int c = b.choices[i];
      XINYI_ASSERT(c >= 0 && c < alternatives);
      XINYI_ASSERT(std::find(b.choices.begin(), b.choices.begin() + static_cast<long>(i), c) ==
                   b.choices.begin() + static_cast<long>(i));
      r.options[static_cast<std::size_t>(c)].area_centi_m2 += b.area_centi_m2;
      r.options[static_cast<std::size_t>(c)].owners += 1;
    }
  }
  XINYI_ASSERT(r.voted_area <= total_area && r.voted_owners <= total_owners);
  r.quorum_area = two_thirds(r.voted_area, total_area);
  r.quorum_owners = two_thirds(r.voted_owners, total_owners);
  r.quorum = r.quorum_area && r.quorum_owners;
  std::vector<int> carried;
  for (int i = 0; i < alternatives; ++i) {
    auto& o = r.options[static_cast<std::size_t>(i)];
    o.carried = r.voted_owners > 0 && meets(r.special, o.area_centi_m2, r.voted_area) &&
                meets(r.special, o.owners, r.voted_owners);
    if (kind == Kind::motion && i != 0) o.carried = false;  // "against" carries nothing
    if (o.carried) carried.push_back(i);
  }
  std::stable_sort(carried.begin(), carried.end(), [&](int a, int b) {
    const auto& x = r.options[static_cast<std::size_t>(a)];
    const auto& y = r.options[static_cast<std::size_t>(b)];
    if (x.area_centi_m2 != y.area_centi_m2) return x.area_centi_m2 > y.area_centi_m2;
    return x.owners > y.owners;
  });
  if (carried.size() > static_cast<std::size_t>(seats))
    carried.resize(static_cast<std::size_t>(seats));
  if (r.quorum) r.winners = carried;
  r.passed = r.quorum && !r.winners.empty();
  return r;
}

std::optional<Breach> check_committee(int members, int reps, int min_size, int max_size) {
  XINYI_ASSERT(members >= 0 && reps >= 0 && reps <= members);
  if (members % 2 == 0)
    return Breach{"委员人数应为单数（现为 " + std::to_string(members) + " 人）",
                  "The number of members must be odd (it is " + std::to_string(members) + ")"};
  if (members < min_size || members > max_size)
    return Breach{"委员人数应在 " + std::to_string(min_size) + "–" + std::to_string(max_size) +
                      " 人之间（现为 " + std::to_string(members) + " 人）",
                  "The number of members must be between " + std::to_string(min_size) + " and " +
                      std::to_string(max_size) + " (it is " + std::to_string(members) + ")"};
  if (2 * reps < members)
    return Breach{"业主代表应不少于委员的一半（现为 " + std::to_string(reps) + "/" +
                      std::to_string(members) + "）",
                  "Resident representatives must be at least half of the members (" +
                      std::to_string(reps) + " of " + std::to_string(members) + ")"};
  return std::nullopt;
}

std::string_view to_string(Channel c) {
  switch (c) {
    case Channel::street_community:
      return "street_community";
    case Channel::owners_joint:
      return "owners_joint";
    case Channel::self:
      return "self";
  }
  return "self";
}
std::optional<Channel> parse_channel(std::string_view s) {
  for (Channel c : {Channel::street_community, Channel::owners_joint, Channel::self})
    if (to_string(c) == s) return c;
  return std::nullopt;
}

std::string receipt_code(std::string_view random_bytes) {
  XINYI_ASSERT(random_bytes.size() >= kReceiptLength);
  std::string out;
  for (std::size_t i = 0; i < kReceiptLength; ++i)
    out += registry::kInviteAlphabet[static_cast<unsigned char>(random_bytes[i]) %
                                     registry::kInviteAlphabet.size()];
  return out;
}

boost::json::object result_json(const Result& res, const std::vector<std::string>& labels) {
  namespace json = boost::json;
  json::array opts;
  for (std::size_t i = 0; i < res.options.size(); ++i)
    opts.push_back(json::object{{"n", static_cast<std::int64_t>(i)},
                                {"label", i < labels.size() ? labels[i] : ""},
                                {"area_centi_m2", res.options[i].area_centi_m2},
                                {"owners", res.options[i].owners},
                                {"carried", res.options[i].carried}});
  json::array winners;
  for (int w : res.winners) winners.push_back(w);
  return json::object{{"total_area_centi_m2", res.total_area},
                      {"total_owners", res.total_owners},
                      {"voted_area_centi_m2", res.voted_area},
                      {"voted_owners", res.voted_owners},
                      {"abstain_area_centi_m2", res.abstain_area},
                      {"abstain_owners", res.abstain_owners},
                      {"quorum_area", res.quorum_area},
                      {"quorum_owners", res.quorum_owners},
                      {"quorum", res.quorum},
                      {"rule_quorum", "3·voted ≥ 2·total (area and owners)"},
                      {"rule_pass", res.special ? "4·for ≥ 3·voted (area and owners)"
                                                : "2·for > voted (area and owners)"},
                      {"options", std::move(opts)},
                      {"winners", std::move(winners)},
                      {"passed", res.passed}};
}

}  // namespace xinyi::vote
