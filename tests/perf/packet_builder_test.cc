#include "turnout/pktgen/packet_builder.h"

#include <gtest/gtest.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_udp.h>

#include <set>
#include <tuple>
#include <vector>

namespace turnout::pktgen {
namespace {

PacketBuilder make_builder(uint32_t size) {
  FrameSpec spec;
  spec.size = size;
  auto builder = PacketBuilder::create(spec);
  EXPECT_TRUE(builder.ok()) << (builder.ok() ? "" : builder.message());
  return *builder;
}

const rte_ipv4_hdr* ip_of(const std::vector<uint8_t>& frame) {
  return reinterpret_cast<const rte_ipv4_hdr*>(frame.data() + sizeof(rte_ether_hdr));
}
const rte_udp_hdr* udp_of(const std::vector<uint8_t>& frame) {
  return reinterpret_cast<const rte_udp_hdr*>(frame.data() + sizeof(rte_ether_hdr) +
                                              sizeof(rte_ipv4_hdr));
}

FlowTuple tuple_of(const std::vector<uint8_t>& frame) {
  return FlowTuple{rte_be_to_cpu_32(ip_of(frame)->src_addr), rte_be_to_cpu_32(ip_of(frame)->dst_addr),
                   rte_be_to_cpu_16(udp_of(frame)->src_port), rte_be_to_cpu_16(udp_of(frame)->dst_port)};
}

bool in_benchmark_range(uint32_t ip) { return (ip >> 17) == (FlowSet::kFirstDstIp >> 17); }

// Builds one frame per flow, walking the cursor the way the TX loop does.
std::vector<std::vector<uint8_t>> frames_for_all_flows(uint32_t flows, uint32_t size) {
  const PacketBuilder builder = make_builder(size);
  const FlowSet set(flows);
  FlowCursor cursor(set);
  std::vector<std::vector<uint8_t>> frames;
  for (uint32_t i = 0; i < flows; ++i) {
    frames.emplace_back(size, 0);
    builder.write(frames.back().data(), cursor, i, 1000 + i);
    cursor.advance();
  }
  return frames;
}

TEST(PacketBuilder, Ipv4ChecksumIsValidForEveryFlow) {
  for (uint32_t flows : {1u, 1000u, FlowSet::kAddressPairs + 5}) {
    for (const auto& frame : frames_for_all_flows(flows, 64)) {
      // A header with a correct checksum sums to 0xffff in one's complement.
      ASSERT_EQ(rte_raw_cksum(ip_of(frame), sizeof(rte_ipv4_hdr)), 0xffff);
      rte_ipv4_hdr copy = *ip_of(frame);
      copy.hdr_checksum = 0;
      const uint16_t reference = rte_ipv4_cksum(&copy);
      // 0x0000 and 0xffff are the same one's-complement number.
      if (reference != 0xffff) {
        ASSERT_EQ(ip_of(frame)->hdr_checksum, reference);
      }
    }
  }
}

TEST(PacketBuilder, FlowsAreDistinctFiveTuplesInTheBenchmarkRange) {
  for (uint32_t flows : {1u, 2u, 4096u, FlowSet::kAddressPairs, FlowSet::kAddressPairs * 2 + 3}) {
    const FlowSet set(flows);
    std::set<std::tuple<uint32_t, uint32_t, uint16_t, uint16_t, uint8_t>> seen;
    const auto frames = frames_for_all_flows(flows, 64);
    for (uint32_t i = 0; i < flows; ++i) {
      const FlowTuple tuple = tuple_of(frames[i]);
      ASSERT_EQ(tuple, set.tuple(i)) << "flow " << i;
      ASSERT_TRUE(in_benchmark_range(tuple.src_ip)) << "flow " << i;
      ASSERT_TRUE(in_benchmark_range(tuple.dst_ip)) << "flow " << i;
      seen.insert({tuple.src_ip, tuple.dst_ip, tuple.src_port, tuple.dst_port,
                   ip_of(frames[i])->next_proto_id});
    }
    EXPECT_EQ(seen.size(), flows);
  }
}

TEST(PacketBuilder, FirstFlowsCountFromTheEdgesOfTheRange) {
  const FlowSet set(3);
  EXPECT_EQ(set.tuple(0).dst_ip, RTE_IPV4(198, 18, 0, 0));
  EXPECT_EQ(set.tuple(0).src_ip, RTE_IPV4(198, 19, 255, 255));
  EXPECT_EQ(set.tuple(2).dst_ip, RTE_IPV4(198, 18, 0, 2));
  EXPECT_EQ(set.tuple(2).src_ip, RTE_IPV4(198, 19, 255, 253));
  EXPECT_EQ(set.tuple(2).src_port, 1024);
}

TEST(PacketBuilder, MaxFlowsUseTheWholeRangeAndVaryTheSourcePort) {
  const FlowSet set(FlowSet::kMaxFlows);
  const FlowTuple last = set.tuple(FlowSet::kMaxFlows - 1);
  EXPECT_EQ(last.dst_ip, RTE_IPV4(198, 19, 255, 255));
  EXPECT_EQ(last.src_ip, RTE_IPV4(198, 18, 0, 0));
  EXPECT_EQ(last.src_port, 1024 + FlowSet::kMaxFlows / FlowSet::kAddressPairs - 1);
}

TEST(PacketBuilder, CursorWrapsAfterTheLastFlow) {
  const FlowSet set(FlowSet::kAddressPairs + 2);
  FlowCursor cursor(set);
  for (uint32_t i = 0; i < set.count(); ++i) cursor.advance();
  EXPECT_EQ(cursor.flow(), 0u);
  EXPECT_EQ(cursor.address_step(), 0u);
  EXPECT_EQ(cursor.port_step(), 0u);
}

TEST(PacketBuilder, HonoursFrameSize) {
  for (uint32_t size : {64u, 1518u}) {
    const auto frames = frames_for_all_flows(1, size);
    const auto& frame = frames[0];
    EXPECT_EQ(rte_be_to_cpu_16(ip_of(frame)->total_length), size - sizeof(rte_ether_hdr));
    EXPECT_EQ(rte_be_to_cpu_16(udp_of(frame)->dgram_len),
              size - sizeof(rte_ether_hdr) - sizeof(rte_ipv4_hdr));
    ProbeFields probe;
    ASSERT_TRUE(read_probe_trailer(frame.data() + size - kProbeTrailerSize, &probe));
    EXPECT_EQ(probe.tx_tsc, 1000u);
  }
}

TEST(PacketBuilder, WritesEthernetHeader) {
  FrameSpec spec;
  spec.dst_mac = {0x02, 0xaa, 0, 0, 0, 0x07};
  spec.src_mac = {0x02, 0xbb, 0, 0, 0, 0x09};
  auto builder = PacketBuilder::create(spec);
  ASSERT_TRUE(builder.ok());
  std::vector<uint8_t> frame(64, 0);
  const FlowSet set(1);
  builder->write(frame.data(), FlowCursor(set), 0, 0);
  const auto* eth = reinterpret_cast<const rte_ether_hdr*>(frame.data());
  EXPECT_EQ(0, std::memcmp(eth->dst_addr.addr_bytes, spec.dst_mac.data(), 6));
  EXPECT_EQ(0, std::memcmp(eth->src_addr.addr_bytes, spec.src_mac.data(), 6));
  EXPECT_EQ(rte_be_to_cpu_16(eth->ether_type), RTE_ETHER_TYPE_IPV4);
  EXPECT_EQ(ip_of(frame)->next_proto_id, IPPROTO_UDP);
  EXPECT_EQ(ip_of(frame)->time_to_live, 64);
}

TEST(PacketBuilder, RejectsFramesTooSmallForHeadersAndTrailer) {
  FrameSpec spec;
  spec.size = PacketBuilder::kMinFrameSize - 1;
  EXPECT_FALSE(PacketBuilder::create(spec).ok());
}

TEST(ProbeTrailer, FieldsRoundTrip) {
  struct Case {
    uint64_t seq;
    uint32_t flow;
    uint64_t tsc;
  };
  for (const Case& c : {Case{0, 0, 0}, Case{123456789, 77, 0x0123456789abcdefull},
                        Case{kProbeSeqMask, static_cast<uint32_t>(kProbeMaxFlows - 1), UINT64_MAX}}) {
    uint8_t bytes[kProbeTrailerSize + 3] = {};
    write_probe_trailer(bytes + 3, c.seq, c.flow, c.tsc);  // deliberately unaligned
    ProbeFields probe;
    ASSERT_TRUE(read_probe_trailer(bytes + 3, &probe));
    EXPECT_EQ(probe.seq, c.seq);
    EXPECT_EQ(probe.flow, c.flow);
    EXPECT_EQ(probe.tx_tsc, c.tsc);
  }
}

TEST(ProbeTrailer, BuilderStampsSequenceFlowAndTsc) {
  const auto frames = frames_for_all_flows(5, 64);
  for (uint32_t i = 0; i < 5; ++i) {
    ProbeFields probe;
    ASSERT_TRUE(read_probe_trailer(frames[i].data() + 64 - kProbeTrailerSize, &probe));
    EXPECT_EQ(probe.seq, i);
    EXPECT_EQ(probe.flow, i);
    EXPECT_EQ(probe.tx_tsc, 1000u + i);
  }
}

TEST(ProbeTrailer, ForeignBytesAreRejected) {
  uint8_t bytes[kProbeTrailerSize] = {0xff, 0xff, 0x00, 0x01};
  ProbeFields probe;
  EXPECT_FALSE(read_probe_trailer(bytes, &probe));
}

}  // namespace
}  // namespace turnout::pktgen
