#include "boundary/call_arena.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace isimport {
namespace {

// 256 KiB: a 2 KB document needs about 20 KiB; a larger one takes the rest from malloc.
constexpr size_t kBufferBytes = 256 * 1024;
constexpr size_t kAlign = alignof(std::max_align_t);

struct Arena {
  char* buffer = nullptr;
  size_t used = 0;
  size_t live = 0;  // blocks handed out from `buffer` and not yet deleted
  bool open = false;
  bool owns(const void* p) const {
    return buffer && p >= buffer && static_cast<const char*>(p) < buffer + kBufferBytes;
  }
};

// Retired buffers: memory a call left alive. Rare (one per lazily built static), so a short list.
constexpr size_t kMaxRetired = 16;
struct Retired {
  char* buffers[kMaxRetired];
  size_t count = 0;
  bool owns(const void* p) const {
    for (size_t i = 0; i < count; ++i) {
      if (p >= buffers[i] && static_cast<const char*>(p) < buffers[i] + kBufferBytes) return true;
    }
    return false;
  }
};

Arena arena;
Retired retired;

void* fromArena(size_t size) {
  size = (size + kAlign - 1) & ~(kAlign - 1);
  if (!arena.open || !arena.buffer || size > kBufferBytes - arena.used) return nullptr;
  void* block = arena.buffer + arena.used;
  arena.used += size;
  ++arena.live;
  return block;
}

// Out of line: inlined into every string operation, these doubled the module.
[[gnu::noinline]] void* allocate(size_t size) {
  if (void* block = fromArena(size)) return block;
  void* block = std::malloc(size ? size : 1);
  if (!block) __builtin_trap();  // as operator new without exceptions: out of memory ends the instance
  return block;
}

[[gnu::noinline]] void release(void* block) {
  if (!block) return;
  if (arena.owns(block)) {
    --arena.live;
    return;
  }
  if (retired.owns(block)) return;
  std::free(block);
}

}  // namespace

CallArena::CallArena() {
  if (arena.live != 0) {
    // The last call left memory alive in the buffer: keep it (its blocks stay valid and their
    // delete stays a no-op) and take a new one. With no room to note it, the buffer is left
    // alone and calls use malloc from now on.
    if (retired.count == kMaxRetired) return;
    retired.buffers[retired.count++] = arena.buffer;
    arena.buffer = nullptr;
    arena.live = 0;
  }
  if (!arena.buffer) arena.buffer = static_cast<char*>(std::aligned_alloc(kAlign, kBufferBytes));
  arena.used = 0;
  arena.open = true;
}

CallArena::~CallArena() { arena.open = false; }

}  // namespace isimport

void* operator new(size_t size) { return isimport::allocate(size); }
void* operator new[](size_t size) { return isimport::allocate(size); }
void* operator new(size_t size, const std::nothrow_t&) noexcept { return isimport::allocate(size); }
void* operator new[](size_t size, const std::nothrow_t&) noexcept { return isimport::allocate(size); }
void operator delete(void* block) noexcept { isimport::release(block); }
void operator delete[](void* block) noexcept { isimport::release(block); }
void operator delete(void* block, size_t) noexcept { isimport::release(block); }
void operator delete[](void* block, size_t) noexcept { isimport::release(block); }
