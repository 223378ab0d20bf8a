// The registry: district → street → community → compound → courtyard → building → unit,
// and the people who own or rent units. Pure rules over values; storage lives in store/.
//
// Invariants kept here and checked by the store's callers:
// - A unit's exclusive area is in hundredths of m², 1 ≤ area ≤ kMaxUnitAreaCentiM2.
// - A unit's label ("3栋2单元501") is unique within its compound.
// - A phone number is stored as digits only; ID cards are never stored, only their last four
//   characters (SPEC §6).
// - Names are 1..kMaxNameChars code points of UTF-8 without control characters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace xinyi::registry {

inline constexpr std::size_t kMaxNameChars = 64;
inline constexpr std::size_t kMaxTextChars = 2000;

// The five governance models of SPEC §3.
enum class Model { hourly, committee, community_run, merged, charity };
std::string_view to_string(Model m);
std::optional<Model> parse_model(std::string_view s);

enum class Relation { owner, tenant };
std::string_view to_string(Relation r);
std::optional<Relation> parse_relation(std::string_view s);  // also 业主 / 租户

// Which area a roster gives: 建筑面积 (gross floor area) or 套内面积 (interior area).
enum class AreaKind { gross, interior };
std::string_view to_string(AreaKind k);
std::optional<AreaKind> parse_area_kind(std::string_view s);

// A unit's address within its compound.
struct UnitAddress {
  std::string building;  // "3栋"
  std::string entrance;  // "2单元", or empty when the building has one entrance
  std::string number;    // "501"
};

// Reads "3栋2单元501", "3-2-501", "3幢2单元501室", "12号楼1单元302", "3栋501".
std::optional<UnitAddress> parse_unit_label(std::string_view label);
// Canonical label: building + entrance + number ("3栋2单元501").
std::string unit_label(const UnitAddress& a);
// Adds the customary suffix to bare numbers: "3" → "3栋" (building), "2" → "2单元" (entrance).
std::string normalize_building(std::string_view b);
std::string normalize_entrance(std::string_view e);

// Field checks. Each returns a FieldError naming `field` when the value breaks the rule.
std::optional<FieldError> check_name(std::string_view field, std::string_view value,
                                     std::size_t max_chars = kMaxNameChars);
std::optional<FieldError> check_area(std::string_view field, std::int64_t area_centi_m2);

// Digits of a Chinese phone number: an 11-digit mobile starting with 1 (a +86/86 prefix is
// dropped), or a 7–12 digit landline (with or without area code and dashes). nullopt if not.
std::optional<std::string> normalize_phone(std::string_view phone);

// The last four characters of an ID-card number (digits or X), upper-cased; nullopt when the
// input is not an 15- or 18-character ID number. The full number is never kept.
std::optional<std::string> id_card_last4(std::string_view id);

// Invite codes: kInviteCodeLength characters from an alphabet without look-alikes (0/O, 1/I).
inline constexpr std::string_view kInviteAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
inline constexpr std::size_t kInviteCodeLength = 8;
// Upper-cases and removes spaces and dashes; nullopt when the result is not a possible code.
std::optional<std::string> normalize_invite_code(std::string_view code);

}  // namespace xinyi::registry
