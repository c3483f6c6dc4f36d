// libFuzzer target: arbitrary bytes into key extraction, every invariant checked.
// Build with -DTURNOUT_FUZZ=ON and clang; run e.g.
//   build-fuzz/bin/flow_key_fuzzer -max_total_time=300 -max_len=512 CORPUS_DIR

#include <cstdio>
#include <cstdlib>
#include <string>

#include "flow_key_invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string broken = turnout::flowtable::testing::check_flow_key_invariants(data, size);
  if (!broken.empty()) {
    std::fprintf(stderr, "flow key invariant broken: %s\n", broken.c_str());
    std::abort();
  }
  return 0;
}
