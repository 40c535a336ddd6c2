// Scratch memory for one call into the validation module. Validating a document makes a few
// hundred short-lived allocations (a string per field, vectors of specs and errors), and every one
// of them is gone when the call returns; in wasm, malloc and free were a fifth of the call. While a
// CallArena is open, C++'s new takes memory from a bump buffer of this module instance and delete
// of such memory does nothing; when the call ends and nothing allocated in it is still alive, the
// buffer is simply reused. Memory the call leaves alive (a function-local static built on first
// use) keeps its buffer: that buffer is retired, never reused, and a fresh one is taken.
//
// State of the module instance, not of the core: the core allocates through new and delete as
// usual, and runs unchanged natively. Only validation_bindings.cpp opens an arena.
#pragma once

namespace isimport {

class CallArena {
 public:
  CallArena();
  ~CallArena();
  CallArena(const CallArena&) = delete;
  CallArena& operator=(const CallArena&) = delete;
};

}  // namespace isimport
