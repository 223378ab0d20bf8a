#include "domain/date.h"

#include <gtest/gtest.h>

namespace xinyi::testing {

TEST(Date, WrittenZeroPaddedSoThatTextOrderIsDateOrder) {
  EXPECT_EQ(iso_date(2026, 3, 5), "2026-03-05");
  EXPECT_EQ(iso_month(2026, 12), "2026-12");
  EXPECT_EQ(iso_date(987, 1, 1), "0987-01-01");
  EXPECT_LT(iso_date(2026, 9, 30), iso_date(2026, 10, 1));
  EXPECT_EQ(iso_date(12026, 1, 1), "12026-01-01");  // written as given; valid_date refuses it
}

TEST(Date, DaysInMonthKnowsLeapYears) {
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2026, 2), 28);
  EXPECT_EQ(days_in_month(1900, 2), 28);
  EXPECT_EQ(days_in_month(2000, 2), 29);
  EXPECT_EQ(days_in_month(2026, 4), 30);
  EXPECT_EQ(days_in_month(2026, 12), 31);
}

}  // namespace xinyi::testing
