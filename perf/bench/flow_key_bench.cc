// Key extraction micro-benchmarks: extract + Miniflow + hash per protocol mix, per packet
// and per burst of 32, with the packet data warm (a small pool that stays in L1/L2) or
// cold (a pool laid out like an mbuf pool and far larger than the last-level cache, as
// when a NIC has just written it). Every benchmark reports per_packet (CPU time).
//
//   turnout-flowtable-bench --benchmark_min_time=0.2
//
// Arguments of the batch benchmarks: prefetch mode (0 none, 1 next packet, 2 whole batch).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <random>
#include <memory>
#include <string>
#include <vector>

#include "support/seed_frames.h"
#include "turnout/flowtable/extract.h"
#include "turnout/flowtable/flow_batch.h"
#include "turnout/flowtable/miniflow.h"

namespace turnout::flowtable {
namespace {

using testing::Frame;

enum class Mix { kUdpIpv4, kTcpIpv4, kVlanIpv4, kTcpIpv6, kArp, kAllFive };

Frame frame_for(Mix mix, unsigned i) {
  const auto port = static_cast<uint16_t>(1024 + i);
  switch (mix) {
    case Mix::kUdpIpv4: return testing::udp_ipv4_frame(port, 0x0a000001 + (i >> 16));
    case Mix::kTcpIpv4: return testing::tcp_ipv4_frame(port, 0x0a000001 + (i >> 16));
    case Mix::kVlanIpv4: return testing::vlan_udp_ipv4_frame(port);
    case Mix::kTcpIpv6: return testing::tcp_ipv6_frame(port);
    case Mix::kArp: return testing::arp_request_frame();
    case Mix::kAllFive: return frame_for(static_cast<Mix>(i % 5), i / 5);
  }
  return {};
}

// Packets in 2 KB slots like mbuf data rooms, headroom 128 as in DPDK.
class PacketPool {
 public:
  static constexpr size_t kSlot = 2048, kHeadroom = 128;

  // `shuffled`: visit the slots in a random order, as mbufs come back from a mempool,
  // so the hardware's stride prefetcher cannot guess the next packet.
  PacketPool(Mix mix, size_t packets, bool shuffled = false) : storage_(new uint8_t[packets * kSlot]) {
    std::vector<size_t> slots(packets);
    for (size_t i = 0; i < packets; ++i) slots[i] = i;
    if (shuffled) std::shuffle(slots.begin(), slots.end(), std::mt19937_64(42));
    for (size_t i = 0; i < packets; ++i) {
      const Frame frame = frame_for(mix, static_cast<unsigned>(i));
      uint8_t* data = storage_.get() + slots[i] * kSlot + kHeadroom;
      std::memcpy(data, frame.bytes.data(), frame.bytes.size());
      views_.push_back({data, static_cast<uint32_t>(frame.bytes.size())});
    }
  }
  const std::vector<PacketView>& views() const { return views_; }

 private:
  std::unique_ptr<uint8_t[]> storage_;
  std::vector<PacketView> views_;
};

constexpr size_t kWarmPackets = 256;      // 512 KB of slots: headers stay in L1/L2
constexpr size_t kLlcPackets = 4096;      // 8 MB: past L2, inside the 32 MB L3 (DDIO-like)
constexpr size_t kDramPackets = 65536;    // 128 MB: past the L3, every header from DRAM

// Inverted rate = CPU seconds per packet; Google Benchmark prints it with a time unit.
void set_per_packet_counter(benchmark::State& state, uint64_t packets) {
  state.counters["per_packet"] = benchmark::Counter(
      static_cast<double>(packets), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_ExtractOnly(benchmark::State& state, Mix mix) {
  const PacketPool pool(mix, kWarmPackets);
  FlowKey key;
  uint64_t packets = 0;
  for (auto _ : state) {
    for (const PacketView& packet : pool.views()) {
      benchmark::DoNotOptimize(extract_flow_key(packet.data, packet.len, 1, key));
      benchmark::ClobberMemory();
    }
    packets += pool.views().size();
  }
  set_per_packet_counter(state, packets);
}

void BM_ExtractMiniflowHash(benchmark::State& state, Mix mix) {
  const PacketPool pool(mix, kWarmPackets);
  FlowKey key;
  Miniflow flow;
  uint64_t packets = 0;
  for (auto _ : state) {
    for (const PacketView& packet : pool.views()) {
      benchmark::DoNotOptimize(extract_flow_key(packet.data, packet.len, 1, key));
      flow.assign(key);
      benchmark::DoNotOptimize(flow.hash(0x5eed));
      benchmark::ClobberMemory();
    }
    packets += pool.views().size();
  }
  set_per_packet_counter(state, packets);
}

// The two steps after extraction, alone, on keys extracted up front.
std::vector<FlowKey> extracted_keys(const PacketPool& pool) {
  std::vector<FlowKey> keys(pool.views().size());
  for (size_t i = 0; i < keys.size(); ++i)
    (void)extract_flow_key(pool.views()[i].data, pool.views()[i].len, 1, keys[i]);
  return keys;
}

void BM_MiniflowOnly(benchmark::State& state, Mix mix) {
  const std::vector<FlowKey> keys = extracted_keys(PacketPool(mix, kWarmPackets));
  Miniflow flow;
  uint64_t packets = 0;
  for (auto _ : state) {
    for (const FlowKey& key : keys) {
      flow.assign(key);
      benchmark::DoNotOptimize(flow);
      benchmark::ClobberMemory();
    }
    packets += keys.size();
  }
  set_per_packet_counter(state, packets);
}

void BM_HashOnly(benchmark::State& state, Mix mix) {
  const std::vector<FlowKey> keys = extracted_keys(PacketPool(mix, kWarmPackets));
  const std::vector<Miniflow> flows(keys.begin(), keys.end());
  uint64_t packets = 0;
  for (auto _ : state) {
    for (const Miniflow& flow : flows) benchmark::DoNotOptimize(flow.hash(0x5eed));
    packets += flows.size();
  }
  set_per_packet_counter(state, packets);
}

void run_batches(benchmark::State& state, const PacketPool& pool) {
  const auto prefetch = static_cast<BatchPrefetch>(state.range(0));
  auto batch = std::make_unique<FlowBatch>();
  const std::vector<PacketView>& views = pool.views();
  size_t next = 0;
  uint64_t packets = 0;
  for (auto _ : state) {
    extract_flow_batch(views.data() + next, kFlowBatchSize, 1, 0x5eed, *batch, prefetch);
    benchmark::DoNotOptimize(batch->hashes[kFlowBatchSize - 1]);
    next += kFlowBatchSize;
    if (next + kFlowBatchSize > views.size()) next = 0;
    packets += kFlowBatchSize;
  }
  set_per_packet_counter(state, packets);
}

void BM_BatchWarm(benchmark::State& state, Mix mix) { run_batches(state, PacketPool(mix, kWarmPackets)); }

// Cold: a burst's packets were last touched a whole pool ago, in random slots, so each
// header is a miss in L2 (LLC pool) or in every cache (DRAM pool): what prefetching is for.
const PacketPool& cold_pool(Mix mix, size_t packets) {
  static std::vector<std::unique_ptr<PacketPool>> pools;  // built once per (mix, size), kept
  static std::vector<std::pair<Mix, size_t>> made;
  for (size_t i = 0; i < made.size(); ++i)
    if (made[i] == std::make_pair(mix, packets)) return *pools[i];
  made.emplace_back(mix, packets);
  pools.push_back(std::make_unique<PacketPool>(mix, packets, true));
  return *pools.back();
}

void BM_BatchLlc(benchmark::State& state, Mix mix) { run_batches(state, cold_pool(mix, kLlcPackets)); }
void BM_BatchDram(benchmark::State& state, Mix mix) { run_batches(state, cold_pool(mix, kDramPackets)); }

void register_all() {
  const std::pair<const char*, Mix> mixes[] = {
      {"udp_ipv4", Mix::kUdpIpv4}, {"tcp_ipv4", Mix::kTcpIpv4}, {"vlan_udp_ipv4", Mix::kVlanIpv4},
      {"tcp_ipv6", Mix::kTcpIpv6}, {"arp", Mix::kArp},          {"mixed5", Mix::kAllFive},
  };
  for (const auto& [name, mix] : mixes) {
    benchmark::RegisterBenchmark((std::string("ExtractOnly/") + name).c_str(), BM_ExtractOnly, mix);
    benchmark::RegisterBenchmark((std::string("MiniflowOnly/") + name).c_str(), BM_MiniflowOnly, mix);
    benchmark::RegisterBenchmark((std::string("HashOnly/") + name).c_str(), BM_HashOnly, mix);
    benchmark::RegisterBenchmark((std::string("ExtractMiniflowHash/") + name).c_str(),
                                 BM_ExtractMiniflowHash, mix);
    benchmark::RegisterBenchmark((std::string("Batch32Warm/") + name).c_str(), BM_BatchWarm, mix)
        ->Arg(0)->Arg(1)->Arg(2);
  }
  for (const auto& [name, mix] : {std::pair{"tcp_ipv4", Mix::kTcpIpv4}, std::pair{"mixed5", Mix::kAllFive}}) {
    benchmark::RegisterBenchmark((std::string("Batch32Llc/") + name).c_str(), BM_BatchLlc, mix)
        ->Arg(0)->Arg(1)->Arg(2);
    benchmark::RegisterBenchmark((std::string("Batch32Dram/") + name).c_str(), BM_BatchDram, mix)
        ->Arg(0)->Arg(1)->Arg(2);
  }
}

}  // namespace
}  // namespace turnout::flowtable

int main(int argc, char** argv) {
  turnout::flowtable::register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
