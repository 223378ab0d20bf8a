// Masking of personal data for every public view (PIPL; SPEC §5).
//
// A name keeps its first character and hides the rest: 张三 → 张*, 欧阳娜娜 → 欧***.
// A mobile number keeps its first three and last four digits: 13812341234 → 138****1234;
// any other number keeps only its last four. Masking is total: every input, however odd,
// yields a string that does not contain the hidden part.
#pragma once

#include <string>
#include <string_view>

namespace xinyi {

std::string mask_name(std::string_view name);
std::string mask_phone(std::string_view phone);

}  // namespace xinyi
