#pragma once
// Builds test frames byte by byte, header after header, and remembers where each header
// is so truncation tests know which layer a cut falls in. IP length fields are filled in
// by finish() from what follows the IP header (unless a test overrides them to build a
// malformed packet). Multi-byte values are given in host order and written big-endian.
//
// Used by the unit tests, the fuzz replay and the micro-benchmarks; test-only code.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "turnout/flowtable/parse_outcome.h"

namespace turnout::flowtable::testing {

using Mac = std::array<uint8_t, 6>;
using Ipv6Address = std::array<uint8_t, 16>;

struct LayerSpan {
  ParseLayer layer;
  size_t begin;
  size_t header_end;        // the parser needs [begin, header_end) to accept the header
  size_t datagram_end = 0;  // IP layers: where the length field says the datagram ends
  std::vector<size_t> clean_cuts;  // cuts that leave a valid frame (ND option boundaries)
};

struct Frame {
  std::vector<uint8_t> bytes;
  std::vector<LayerSpan> layers;
  ParseOutcome outcome;  // what extracting the whole frame yields

  // The first `length` bytes, as a capture would cut them (IP length fields untouched,
  // so a cut inside an IP datagram is a bad total length, not a truncated L4 header).
  std::vector<uint8_t> cut(size_t length) const {
    return {bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(length)};
  }

  // The first `length` bytes with IP length fields shrunk to match, as if the sender
  // had sent a short datagram: the cut shows up in the innermost header it falls in.
  std::vector<uint8_t> cut_consistently(size_t length) const {
    std::vector<uint8_t> out = cut(length);
    for (const LayerSpan& span : layers) {
      const bool ipv4 = span.layer == ParseLayer::kIpv4;
      if (!ipv4 && span.layer != ParseLayer::kIpv6) continue;
      const size_t field = span.begin + (ipv4 ? 2 : 4);
      if (field + 2 > length) continue;
      const size_t end = std::min(span.datagram_end, length);
      const size_t value = ipv4 ? end - span.begin : (end >= span.begin + 40 ? end - span.begin - 40 : 0);
      out[field] = static_cast<uint8_t>(value >> 8);
      out[field + 1] = static_cast<uint8_t>(value);
    }
    return out;
  }

  // What extracting cut(length) or cut_consistently(length) must report.
  ParseOutcome outcome_after_cut(size_t length, bool consistent_lengths) const {
    for (const LayerSpan& span : layers) {
      for (size_t clean : span.clean_cuts)
        if (length == clean) return {span.layer, ParseProblem::kNone};
      if (length < span.header_end) return {span.layer, ParseProblem::kTruncated};
      if (!consistent_lengths && span.datagram_end > length)
        return {span.layer, ParseProblem::kBadTotalLength};
    }
    return outcome;
  }
};

struct Ipv4Header {
  uint32_t src = 0x0a000001;
  uint32_t dst = 0x0a000002;
  uint8_t protocol = 17;
  uint8_t tos = 0;
  uint8_t ttl = 64;
  uint16_t fragment = 0;  // flags (DF 0x4000, MF 0x2000) | offset in 8-byte units
  std::vector<uint8_t> options;  // multiple of 4 bytes
  std::optional<uint8_t> version_ihl;       // override for malformed headers
  std::optional<uint16_t> total_length;     // override; otherwise to the end of the frame
};

struct Ipv6Header {
  Ipv6Address src{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  Ipv6Address dst{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
  uint8_t next_header = 17;
  uint8_t traffic_class = 0;
  uint32_t flow_label = 0;
  uint8_t hop_limit = 64;
  uint8_t version = 6;
  std::optional<uint16_t> payload_length;
};

struct TcpHeader {
  uint16_t src_port = 1000;
  uint16_t dst_port = 80;
  uint16_t flags = 0x002;  // SYN
  std::vector<uint8_t> options;  // multiple of 4 bytes
  std::optional<uint8_t> data_offset;  // override in 32-bit words
};

class FrameBuilder {
 public:
  FrameBuilder& ethernet(const Mac& dst, const Mac& src, uint16_t ethertype) {
    const size_t begin = bytes_.size();
    append(dst.data(), 6);
    append(src.data(), 6);
    u16(ethertype);
    layers_.push_back({ParseLayer::kEthernet, begin, bytes_.size()});
    return *this;
  }
  // The TPID is the EtherType written just before (by ethernet() or the previous tag).
  FrameBuilder& vlan(uint16_t tci, uint16_t inner_ethertype) {
    const size_t begin = bytes_.size();
    u16(tci);
    u16(inner_ethertype);
    layers_.push_back({ParseLayer::kVlan, begin, bytes_.size()});
    return *this;
  }
  // RFC 1042 LLC/SNAP after an 802.3 length. A cut inside it is no problem: the frame is
  // then an untyped 802.3 frame (dl_type 0x05ff).
  FrameBuilder& llc_snap(uint16_t ethertype) {
    const size_t begin = bytes_.size();
    append_list({0xaa, 0xaa, 0x03, 0, 0, 0});
    u16(ethertype);
    LayerSpan span{ParseLayer::kEthernet, begin, bytes_.size()};
    for (size_t cut = begin; cut < bytes_.size(); ++cut) span.clean_cuts.push_back(cut);
    layers_.push_back(span);
    return *this;
  }
  FrameBuilder& arp(uint16_t op, const Mac& sha, uint32_t spa, const Mac& tha, uint32_t tpa) {
    const size_t begin = bytes_.size();
    u16(1);
    u16(0x0800);
    u8(6);
    u8(4);
    u16(op);
    append(sha.data(), 6);
    u32(spa);
    append(tha.data(), 6);
    u32(tpa);
    layers_.push_back({ParseLayer::kArp, begin, bytes_.size()});
    return *this;
  }
  FrameBuilder& ipv4(const Ipv4Header& h) {
    const size_t begin = bytes_.size();
    const auto ihl = static_cast<uint8_t>(5 + h.options.size() / 4);
    u8(h.version_ihl.value_or(static_cast<uint8_t>(0x40 | ihl)));
    u8(h.tos);
    u16(h.total_length.value_or(0));
    u16(0x1234);  // identification
    u16(h.fragment);
    u8(h.ttl);
    u8(h.protocol);
    u16(0);  // checksum: not the parser's business
    u32(h.src);
    u32(h.dst);
    append(h.options.data(), h.options.size());
    layers_.push_back({ParseLayer::kIpv4, begin, bytes_.size()});
    if (!h.total_length) ip_lengths_.push_back(layers_.size() - 1);
    return *this;
  }
  FrameBuilder& ipv6(const Ipv6Header& h) {
    const size_t begin = bytes_.size();
    u32((uint32_t{h.version} << 28) | (uint32_t{h.traffic_class} << 20) | (h.flow_label & 0xfffff));
    u16(h.payload_length.value_or(0));
    u8(h.next_header);
    u8(h.hop_limit);
    append(h.src.data(), 16);
    append(h.dst.data(), 16);
    layers_.push_back({ParseLayer::kIpv6, begin, bytes_.size()});
    if (!h.payload_length) ip_lengths_.push_back(layers_.size() - 1);
    return *this;
  }
  // Hop-by-hop, routing or destination options: (units + 1) * 8 bytes, padded with zeros
  // (Pad1 options; a routing header of type 0 with no segments left).
  FrameBuilder& ipv6_options_header(uint8_t next_header, uint8_t units = 0) {
    const size_t begin = bytes_.size();
    u8(next_header);
    u8(units);
    zeros((units + 1u) * 8 - 2);
    layers_.push_back({ParseLayer::kIpv6Extension, begin, bytes_.size()});
    return *this;
  }
  FrameBuilder& ipv6_fragment(uint8_t next_header, uint16_t offset_units, bool more) {
    const size_t begin = bytes_.size();
    u8(next_header);
    u8(0);
    u16(static_cast<uint16_t>((offset_units << 3) | (more ? 1 : 0)));
    u32(0xabcd0001);  // identification
    layers_.push_back({ParseLayer::kIpv6Extension, begin, bytes_.size()});
    return *this;
  }
  // AH: payload length in 4-byte units minus 2; 12 bytes of SPI/sequence/ICV minimum.
  FrameBuilder& ipv6_authentication(uint8_t next_header, uint8_t length_field = 1) {
    const size_t begin = bytes_.size();
    u8(next_header);
    u8(length_field);
    zeros((length_field + 2u) * 4 - 2);
    layers_.push_back({ParseLayer::kIpv6Extension, begin, bytes_.size()});
    return *this;
  }
  FrameBuilder& tcp(const TcpHeader& h) {
    const size_t begin = bytes_.size();
    const auto words = static_cast<uint8_t>(5 + h.options.size() / 4);
    u16(h.src_port);
    u16(h.dst_port);
    u32(1);  // sequence
    u32(0);  // acknowledgement
    u16(static_cast<uint16_t>((h.data_offset.value_or(words) << 12) | (h.flags & 0x0fff)));
    u16(65535);  // window
    u16(0);      // checksum
    u16(0);      // urgent pointer
    append(h.options.data(), h.options.size());
    layers_.push_back({ParseLayer::kTcp, begin, bytes_.size()});
    return *this;
  }
  FrameBuilder& udp(uint16_t src_port, uint16_t dst_port) {
    const size_t begin = bytes_.size();
    u16(src_port);
    u16(dst_port);
    u16(8);  // length (not checked by the parser)
    u16(0);
    layers_.push_back({ParseLayer::kUdp, begin, bytes_.size()});
    return *this;
  }
  FrameBuilder& sctp(uint16_t src_port, uint16_t dst_port) {
    const size_t begin = bytes_.size();
    u16(src_port);
    u16(dst_port);
    u32(0x11223344);  // verification tag
    u32(0);           // checksum
    layers_.push_back({ParseLayer::kSctp, begin, bytes_.size()});
    return *this;
  }
  // Type, code, checksum; the 4 bytes that follow belong to the message body.
  FrameBuilder& icmp(uint8_t type, uint8_t code) { return icmp_header(ParseLayer::kIcmp, type, code); }
  FrameBuilder& icmpv6(uint8_t type, uint8_t code) {
    return icmp_header(ParseLayer::kIcmpv6, type, code);
  }
  // Neighbour solicitation/advertisement body after icmpv6(135 or 136, 0).
  FrameBuilder& nd(const Ipv6Address& target) {
    const size_t begin = bytes_.size();
    u32(0x60000000);  // NA flags (ignored by the parser) / NS reserved
    append(target.data(), 16);
    layers_.push_back({ParseLayer::kNeighborDiscovery, begin, bytes_.size()});
    return *this;
  }
  // An ND option; its bytes belong to the ND layer (a cut inside it truncates ND).
  FrameBuilder& nd_option(uint8_t type, const std::vector<uint8_t>& body) {
    layers_.back().clean_cuts.push_back(bytes_.size());
    u8(type);
    u8(static_cast<uint8_t>((body.size() + 2 + 7) / 8));
    append(body.data(), body.size());
    zeros((8 - (body.size() + 2) % 8) % 8);
    layers_.back().header_end = bytes_.size();
    return *this;
  }
  FrameBuilder& payload(size_t size, uint8_t fill = 0x5a) {
    bytes_.insert(bytes_.end(), size, fill);
    return *this;
  }
  // Bytes after the IP datagram (Ethernet minimum-size padding): not part of IP lengths.
  FrameBuilder& padding(size_t size) {
    datagram_end_ = bytes_.size();
    bytes_.insert(bytes_.end(), size, 0);
    return *this;
  }

  FrameBuilder& u8(uint8_t v) {
    bytes_.push_back(v);
    return *this;
  }
  FrameBuilder& u16(uint16_t v) { return u8(static_cast<uint8_t>(v >> 8)).u8(static_cast<uint8_t>(v)); }
  FrameBuilder& u32(uint32_t v) {
    return u16(static_cast<uint16_t>(v >> 16)).u16(static_cast<uint16_t>(v));
  }
  FrameBuilder& append_list(std::initializer_list<uint8_t> values) {
    bytes_.insert(bytes_.end(), values);
    return *this;
  }

  // `outcome`: what extraction of the whole frame reports.
  Frame finish(ParseOutcome outcome) {
    const size_t end = datagram_end_.value_or(bytes_.size());
    for (size_t index : ip_lengths_) {
      LayerSpan& span = layers_[index];
      span.datagram_end = end;
      const bool ipv4 = span.layer == ParseLayer::kIpv4;
      const size_t value = ipv4 ? end - span.begin : end - span.begin - 40;
      const size_t field = span.begin + (ipv4 ? 2 : 4);
      bytes_[field] = static_cast<uint8_t>(value >> 8);
      bytes_[field + 1] = static_cast<uint8_t>(value);
    }
    return Frame{bytes_, layers_, outcome};
  }

 private:
  FrameBuilder& icmp_header(ParseLayer layer, uint8_t type, uint8_t code) {
    const size_t begin = bytes_.size();
    u8(type);
    u8(code);
    u16(0);
    layers_.push_back({layer, begin, bytes_.size()});
    return *this;
  }
  void append(const uint8_t* data, size_t size) { bytes_.insert(bytes_.end(), data, data + size); }
  void zeros(size_t size) { bytes_.insert(bytes_.end(), size, 0); }

  std::vector<uint8_t> bytes_;
  std::vector<LayerSpan> layers_;
  std::vector<size_t> ip_lengths_;  // layers whose length field finish() fills in
  std::optional<size_t> datagram_end_;
};

}  // namespace turnout::flowtable::testing
