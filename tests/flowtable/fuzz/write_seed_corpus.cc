// Writes the seed frames (one file each) into a directory, as the fuzzer's starting corpus:
//   flow_key_seed_corpus DIR && flow_key_fuzzer DIR

#include <cstdio>
#include <fstream>
#include <string>

#include "support/seed_frames.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  for (const auto& seed : turnout::flowtable::testing::seed_frames()) {
    const std::string path = std::string(argv[1]) + "/" + seed.name;
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(seed.frame.bytes.data()),
              static_cast<std::streamsize>(seed.frame.bytes.size()));
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", path.c_str());
      return 1;
    }
  }
  return 0;
}
