// Runs an asynchronous lookup once per key and hands its result to everyone who asked, so an
// import that meets the same manifest, config or layer twice fetches it once, and a supply-chain
// lookup the same index or blob.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace isimport {

template <class Key, class Value>
class OnceCache {
 public:
  using Callback = std::function<void(const Value&)>;
  using Starter = std::function<void(std::function<void(Value)>)>;

  // Calls `callback` with the value for `key`, starting the lookup with `start` the first time.
  void get(const Key& key, const Starter& start, Callback callback) {
    Slot& slot = slots_[key];
    if (slot.value) return callback(*slot.value);
    slot.waiters.push_back(std::move(callback));
    if (slot.waiters.size() > 1) return;
    start([this, key](Value value) {
      Slot& s = slots_[key];
      s.value = std::move(value);
      std::vector<Callback> waiters = std::exchange(s.waiters, {});
      for (auto& w : waiters) w(*s.value);
    });
  }

  const Value* find(const Key& key) const {
    auto it = slots_.find(key);
    return it != slots_.end() && it->second.value ? &*it->second.value : nullptr;
  }

  // Stores a value learned another way (a manifest fetched by tag is also known by its digest).
  void put(const Key& key, Value value) {
    Slot& slot = slots_[key];
    if (!slot.value && slot.waiters.empty()) slot.value = std::move(value);
  }

 private:
  struct Slot {
    std::optional<Value> value;
    std::vector<Callback> waiters;
  };
  std::map<Key, Slot> slots_;
};

}  // namespace isimport
