// The burst entry point and the rte_mbuf adapter agree with single-packet extraction.

#include <gtest/gtest.h>

#include <cstring>

#include "support/key_helpers.h"
#include "support/seed_frames.h"
#include "turnout/flowtable/flow_batch.h"
#include "turnout/flowtable/mbuf_adapter.h"

namespace turnout::flowtable::testing {
namespace {

class FlowBatchTest : public ::testing::TestWithParam<BatchPrefetch> {};

TEST_P(FlowBatchTest, EveryPacketGetsTheSameMiniflowHashAndOutcomeAsAlone) {
  const std::vector<NamedFrame> seeds = seed_frames();
  std::vector<std::vector<uint8_t>> packets;
  for (unsigned i = 0; i < kFlowBatchSize; ++i) {
    const Frame& frame = seeds[i % seeds.size()].frame;
    packets.push_back(i % 5 == 4 ? frame.cut(frame.bytes.size() / 2) : frame.bytes);
  }
  PacketView views[kFlowBatchSize];
  for (unsigned i = 0; i < kFlowBatchSize; ++i)
    views[i] = {packets[i].data(), static_cast<uint32_t>(packets[i].size())};

  auto batch = std::make_unique<FlowBatch>();
  extract_flow_batch(views, kFlowBatchSize, 3, 0xfeed, *batch, GetParam());
  ASSERT_EQ(batch->count, kFlowBatchSize);
  for (unsigned i = 0; i < kFlowBatchSize; ++i) {
    const Extracted alone = extract(packets[i], 3);
    EXPECT_EQ(batch->outcomes[i], alone.outcome) << i;
    EXPECT_EQ(batch->flows[i], Miniflow(alone.key)) << i;
    EXPECT_EQ(batch->hashes[i], flow_key_hash(alone.key, 0xfeed)) << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Prefetch, FlowBatchTest,
                         ::testing::Values(BatchPrefetch::kNone, BatchPrefetch::kNextPacket,
                                           BatchPrefetch::kWholeBatch));

TEST(FlowBatch, MoreThanABatchIsCutToTheBatchSize) {
  const std::vector<uint8_t> bytes = udp_ipv4_frame().bytes;
  std::vector<PacketView> views(kFlowBatchSize + 8, {bytes.data(), static_cast<uint32_t>(bytes.size())});
  auto batch = std::make_unique<FlowBatch>();
  extract_flow_batch(views.data(), static_cast<unsigned>(views.size()), 1, 0, *batch);
  EXPECT_EQ(batch->count, kFlowBatchSize);
}

TEST(FlowBatch, EmptyBurstIsEmpty) {
  auto batch = std::make_unique<FlowBatch>();
  batch->count = 5;
  extract_flow_batch(static_cast<const PacketView*>(nullptr), 0, 1, 0, *batch);
  EXPECT_EQ(batch->count, 0u);
}

// The adapter needs no EAL: an mbuf is a struct whose data starts data_off bytes into
// buf_addr, and only the first segment (data_len bytes) is parsed.
TEST(MbufAdapter, ParsesTheFirstSegmentOfAnMbuf) {
  const std::vector<uint8_t> frame = tcp_ipv4_frame().bytes;
  alignas(64) uint8_t buffer[512] = {};
  std::memcpy(buffer + 128, frame.data(), frame.size());
  rte_mbuf mbuf;
  std::memset(&mbuf, 0, sizeof mbuf);
  mbuf.buf_addr = buffer;
  mbuf.data_off = 128;
  mbuf.data_len = static_cast<uint16_t>(frame.size());
  mbuf.pkt_len = mbuf.data_len + 100;  // later segments are not looked at

  FlowKey key;
  const ParseOutcome outcome = extract_flow_key(&mbuf, 4, key);
  const Extracted expected = extract(frame, 4);
  EXPECT_EQ(outcome, expected.outcome);
  EXPECT_EQ(key, expected.key);

  mbuf.data_len = 30;  // headers spilling into a second segment count as truncated
  EXPECT_EQ(extract_flow_key(&mbuf, 4, key), (ParseOutcome{ParseLayer::kIpv4, ParseProblem::kTruncated}));

  rte_mbuf* burst[1] = {&mbuf};
  mbuf.data_len = static_cast<uint16_t>(frame.size());
  auto batch = std::make_unique<FlowBatch>();
  extract_flow_batch(burst, 1, 4, 0, *batch);
  EXPECT_EQ(batch->flows[0], Miniflow(expected.key));
}

}  // namespace
}  // namespace turnout::flowtable::testing
