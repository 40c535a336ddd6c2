// The validation module's call arena (wasm/boundary/call_arena.h), natively: this test binary has the
// arena's operator new and delete in place of the C++ library's, as the validation module has.
#include "boundary/call_arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

namespace isimport {
namespace {

char* block(size_t n) { return new char[n]; }
// Where a block was, kept as a number: comparing freed pointers is not allowed.
uintptr_t at(const char* p) { return reinterpret_cast<uintptr_t>(p); }

TEST(CallArena, AllocationsInACallAreBumpedFromOneBuffer) {
  CallArena call;
  char* a = block(10);
  char* b = block(10);
  char* c = block(100);
  EXPECT_EQ(b - a, 16) << "rounded up to the largest alignment";
  EXPECT_EQ(c - b, 16);
  delete[] b;  // nothing to do: the buffer is reused when the call has nothing left alive
  char* d = block(1);
  EXPECT_EQ(d - c, 112) << "a freed block is not reused within the call";
  delete[] a;
  delete[] c;
  delete[] d;
}

TEST(CallArena, TheNextCallReusesTheBufferWhenNothingIsLeftAlive) {
  uintptr_t first;
  {
    CallArena call;
    char* p = block(32);
    first = at(p);
    delete[] p;
  }
  CallArena again;
  char* p = block(32);
  EXPECT_EQ(at(p), first);
  delete[] p;
}

TEST(CallArena, MemoryACallLeavesAliveIsKeptAndItsBufferNotReused) {
  char* kept;
  {
    CallArena call;
    kept = block(64);
    std::memset(kept, 'k', 64);  // like a function-local static built on first use
  }
  uintptr_t next;
  {
    CallArena call;
    char* p = block(64);
    std::memset(p, 'n', 64);
    EXPECT_NE(p, kept);
    next = at(p);
    delete[] p;
  }
  for (int i = 0; i < 64; ++i) ASSERT_EQ(kept[i], 'k');
  delete[] kept;  // a block of a retired buffer: nothing to do, and no crash
  CallArena call;
  char* p = block(64);
  EXPECT_EQ(at(p), next) << "the fresh buffer is the one reused from now on";
  delete[] p;
}

TEST(CallArena, LargeBlocksAndBlocksOutsideACallComeFromMalloc) {
  char* outside = block(16);
  std::memset(outside, 'o', 16);
  uintptr_t first;
  {
    CallArena call;
    char* small = block(16);
    first = at(small);
    char* large = block(1 << 20);  // more than the buffer holds
    std::memset(large, 'L', 1 << 20);
    char* after = block(16);
    EXPECT_EQ(after - small, 16) << "the buffer goes on after a block it could not hold";
    EXPECT_EQ(outside[15], 'o');
    delete[] large;
    delete[] outside;  // freed inside a call, allocated outside it: back to free()
    delete[] small;
    delete[] after;
  }
  CallArena next;
  char* reused = block(16);
  EXPECT_EQ(at(reused), first) << "the call left nothing alive: its buffer is used again from the start";
  delete[] reused;
}

}  // namespace
}  // namespace isimport
