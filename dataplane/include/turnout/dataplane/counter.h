#pragma once
// A statistics counter with exactly one writer (its PMD) and any number of readers
// (the control thread). Relaxed atomics: a plain add on x86, never torn for readers.

#include <atomic>
#include <cstdint>

namespace turnout::dataplane {

class Counter {
 public:
  void add(uint64_t n) { value_.store(value_.load(std::memory_order_relaxed) + n, std::memory_order_relaxed); }
  void set(uint64_t v) { value_.store(v, std::memory_order_relaxed); }
  uint64_t get() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

}  // namespace turnout::dataplane
