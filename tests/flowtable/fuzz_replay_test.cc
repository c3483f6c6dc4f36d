// The fuzz target's invariants, run in every build (GCC included) on the seed frames, on
// every truncation of them, and on a fixed, seeded series of random mutations. Packets
// end at a PROT_NONE page, so an out-of-bounds read fails here even without ASan.
// The real libFuzzer run (TURNOUT_FUZZ=ON, clang) explores further.

#include <gtest/gtest.h>

#include <random>

#include "fuzz/flow_key_invariants.h"
#include "support/guarded_buffer.h"
#include "support/seed_frames.h"

namespace turnout::flowtable::testing {
namespace {

std::string hex(const std::vector<uint8_t>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

std::string check(GuardedBuffer& buffer, const std::vector<uint8_t>& bytes) {
  return check_flow_key_invariants(buffer.place(bytes), bytes.size());
}

TEST(FlowKeyFuzzReplay, InvariantsHoldForEverySeedFrameAndEveryTruncation) {
  GuardedBuffer buffer;
  for (const NamedFrame& seed : seed_frames()) {
    for (size_t length = 0; length <= seed.frame.bytes.size(); ++length) {
      ASSERT_EQ(check(buffer, seed.frame.cut(length)), "") << seed.name << " cut at " << length;
      ASSERT_EQ(check(buffer, seed.frame.cut_consistently(length)), "")
          << seed.name << " consistently cut at " << length;
    }
  }
}

// Values that steer the parser into its branches when written over a header byte.
constexpr uint8_t kInterestingBytes[] = {0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x08, 0x0f, 0x11, 0x2c,
                                         0x2b, 0x32, 0x33, 0x3a, 0x3b, 0x3c, 0x3f, 0x40, 0x45, 0x4f,
                                         0x60, 0x81, 0x84, 0x86, 0x87, 0x88, 0x88, 0xa8, 0xaa, 0xdd,
                                         0xf0, 0xff};

std::vector<uint8_t> mutate(std::vector<uint8_t> bytes, std::mt19937_64& rng) {
  const unsigned edits = 1 + rng() % 4;
  for (unsigned e = 0; e < edits; ++e) {
    const size_t size = bytes.size();
    const size_t at = size ? rng() % size : 0;
    switch (rng() % 6) {
      case 0:  // flip a bit
        if (size) bytes[at] ^= static_cast<uint8_t>(1u << (rng() % 8));
        break;
      case 1:  // overwrite with a value the parser dispatches on
        if (size) bytes[at] = kInterestingBytes[rng() % sizeof kInterestingBytes];
        break;
      case 2:  // random byte
        if (size) bytes[at] = static_cast<uint8_t>(rng());
        break;
      case 3:  // cut
        bytes.resize(at);
        break;
      case 4:  // insert a few bytes (shifts every later header)
        bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at), 1 + rng() % 8,
                     kInterestingBytes[rng() % sizeof kInterestingBytes]);
        break;
      case 5:  // erase a few bytes
        if (size) bytes.erase(bytes.begin() + static_cast<std::ptrdiff_t>(at),
                              bytes.begin() + static_cast<std::ptrdiff_t>(std::min(size, at + 1 + rng() % 8)));
        break;
    }
  }
  return bytes;
}

// Sized to stay around a second: 100k mutations per seed in a release build (~0.7 s),
// a fifth of that in debug or sanitizer builds, which run it ~15x slower.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSlowBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSlowBuild = true;
#else
constexpr bool kSlowBuild = false;
#endif
#else
constexpr bool kSlowBuild = false;
#endif
#if defined(NDEBUG)
constexpr unsigned kMutationsPerSeed = kSlowBuild ? 20000 : 100000;
#else
constexpr unsigned kMutationsPerSeed = 20000;
#endif

TEST(FlowKeyFuzzReplay, InvariantsHoldForSeededRandomMutations) {
  GuardedBuffer buffer;
  std::mt19937_64 rng(20240611);
  for (const NamedFrame& seed : seed_frames()) {
    for (unsigned i = 0; i < kMutationsPerSeed; ++i) {
      const std::vector<uint8_t> bytes = mutate(seed.frame.bytes, rng);
      const std::string broken = check(buffer, bytes);
      ASSERT_EQ(broken, "") << seed.name << " mutation " << i << ": " << hex(bytes);
    }
  }
}

}  // namespace
}  // namespace turnout::flowtable::testing
