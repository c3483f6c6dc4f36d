#pragma once
// What key extraction made of a packet: the layer it stopped at and, when it stopped
// early, why. A malformed packet is not an error of the switch; the datapath still
// forwards on the partial key and counts the outcome under one named counter per
// (layer, problem), see outcome_counter_index().

#include <array>
#include <cstdint>
#include <string_view>

namespace turnout::flowtable {

enum class ParseLayer : uint8_t {
  kEthernet,
  kVlan,
  kArp,
  kIpv4,
  kIpv6,
  kIpv6Extension,  // hop-by-hop, routing, destination options, fragment, AH
  kTcp,
  kUdp,
  kSctp,
  kIcmp,
  kIcmpv6,
  kNeighborDiscovery,  // ICMPv6 NS/NA target and link-layer address options
  kCount
};

enum class ParseProblem : uint8_t {
  kNone,
  kTruncated,                // the header does not fit in the bytes that are left
  kBadVersion,               // IP version nibble disagrees with the EtherType
  kBadHeaderLength,          // IPv4 IHL < 5 or TCP data offset < 5
  kBadTotalLength,           // IP length field shorter than the header or past the frame
  kTooManyExtensionHeaders,  // more IPv6 extension headers than kMaxIpv6ExtensionHeaders
  kBadOption,                // ND option of length zero or a duplicated link-layer option
  kUnsupportedFormat,        // ARP for other than Ethernet/IPv4 addresses
  kCount
};

inline constexpr unsigned kParseLayerCount = static_cast<unsigned>(ParseLayer::kCount);
inline constexpr unsigned kParseProblemCount = static_cast<unsigned>(ParseProblem::kCount);

// IPv6 extension headers walked before giving up (RFC 8200 allows any number; real
// traffic carries at most a handful, and a long chain is a classic DoS vector).
inline constexpr unsigned kMaxIpv6ExtensionHeaders = 8;

struct ParseOutcome {
  // Without a problem: the innermost layer whose fields are in the key.
  // With a problem: the layer that was malformed; its fields, and everything inside it,
  // are zero in the key, everything outside it is filled in.
  ParseLayer layer = ParseLayer::kEthernet;
  ParseProblem problem = ParseProblem::kNone;

  bool ok() const { return problem == ParseProblem::kNone; }
  friend bool operator==(const ParseOutcome&, const ParseOutcome&) = default;
};

inline constexpr std::array<std::string_view, kParseLayerCount> kParseLayerNames = {
    "ethernet", "vlan", "arp",  "ipv4", "ipv6",   "ipv6-extension",
    "tcp",      "udp",  "sctp", "icmp", "icmpv6", "neighbor-discovery",
};

inline constexpr std::array<std::string_view, kParseProblemCount> kParseProblemNames = {
    "none",
    "truncated",
    "bad version",
    "bad header length",
    "bad total length",
    "too many extension headers",
    "bad option",
    "unsupported format",
};

inline std::string_view parse_layer_name(ParseLayer layer) {
  return kParseLayerNames[static_cast<unsigned>(layer)];
}
inline std::string_view parse_problem_name(ParseProblem problem) {
  return kParseProblemNames[static_cast<unsigned>(problem)];
}

// A dense index for a per-(layer, problem) counter array of kParseOutcomeCounters.
inline constexpr unsigned kParseOutcomeCounters = kParseLayerCount * kParseProblemCount;
inline unsigned outcome_counter_index(ParseOutcome outcome) {
  return static_cast<unsigned>(outcome.layer) * kParseProblemCount +
         static_cast<unsigned>(outcome.problem);
}

}  // namespace turnout::flowtable
