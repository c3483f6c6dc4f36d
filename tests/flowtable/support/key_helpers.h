#pragma once
// Small helpers the extraction tests share: run extraction on a byte vector, view a
// field's raw bytes (to assert wire order), print outcomes readably in failures.

#include <cstdint>
#include <ostream>
#include <vector>

#include "turnout/flowtable/extract.h"
#include "turnout/flowtable/flow_key.h"
#include "turnout/flowtable/parse_outcome.h"

namespace turnout::flowtable {

inline void PrintTo(const ParseOutcome& outcome, std::ostream* os) {
  *os << "{" << parse_layer_name(outcome.layer) << ", " << parse_problem_name(outcome.problem)
      << "}";
}

namespace testing {

struct Extracted {
  FlowKey key;
  ParseOutcome outcome;
};

inline Extracted extract(const std::vector<uint8_t>& bytes, uint32_t in_port = 1) {
  Extracted out;
  out.outcome = extract_flow_key(bytes.data(), static_cast<uint32_t>(bytes.size()), in_port, out.key);
  return out;
}

// The bytes of a key field as they sit in memory.
template <typename Field>
std::vector<uint8_t> raw(const Field& field) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(&field);
  return {bytes, bytes + sizeof(Field)};
}

// A key with only in_port set: what extraction leaves when no header is valid.
inline FlowKey key_with_only_in_port(uint32_t in_port) {
  FlowKey key{};
  key.in_port = in_port;
  return key;
}

}  // namespace testing
}  // namespace turnout::flowtable
