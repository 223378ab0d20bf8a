// Invariant checks that stay on in every build (TigerBeetle style): an assertion is
// documentation that runs. A failed XINYI_ASSERT is a bug in Xinyi, never bad user input:
// it logs the condition and aborts, so a broken invariant cannot reach the books.
#pragma once

#include <cstdio>
#include <cstdlib>

#define XINYI_ASSERT(cond)                                                                        \
  do {                                                                                            \
    if (!(cond)) {                                                                                \
      std::fprintf(stderr, "xinyi: invariant violated: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                               \
    }                                                                                             \
  } while (0)
