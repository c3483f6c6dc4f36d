#pragma once
// Places a packet so that its last byte is the last readable byte before a PROT_NONE
// page: any read past the packet's end faults, in every build, sanitizers or not.

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace turnout::flowtable::testing {

class GuardedBuffer {
 public:
  static constexpr size_t kCapacity = 16384;

  GuardedBuffer() {
    page_ = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    void* base = mmap(nullptr, kCapacity + page_, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) std::abort();
    base_ = static_cast<uint8_t*>(base);
    if (mprotect(base_ + kCapacity, page_, PROT_NONE) != 0) std::abort();
  }
  ~GuardedBuffer() { munmap(base_, kCapacity + page_); }
  GuardedBuffer(const GuardedBuffer&) = delete;
  GuardedBuffer& operator=(const GuardedBuffer&) = delete;

  // Copies `size` bytes to end right at the guard page; returns where they start.
  const uint8_t* place(const uint8_t* data, size_t size) {
    if (size > kCapacity) std::abort();
    uint8_t* start = base_ + kCapacity - size;
    if (size) std::memcpy(start, data, size);
    return start;
  }
  const uint8_t* place(const std::vector<uint8_t>& bytes) { return place(bytes.data(), bytes.size()); }

 private:
  uint8_t* base_ = nullptr;
  size_t page_ = 0;
};

}  // namespace turnout::flowtable::testing
