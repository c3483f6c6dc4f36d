#pragma once
// turnout-pktgen's command line (Boost.Program_options); `--help` documents every option.

#include <cstdint>
#include <string>
#include <vector>

#include "turnout/common/result.h"
#include "turnout/pktgen/packet_builder.h"

namespace turnout::pktgen {

// Which side of the vhost-user sockets the switch under test plays.
enum class SwitchRole {
  kServer,  // the switch listens; the generator connects (testpmd net_vhost, dpdkvhostuser)
  kClient,  // the switch connects; the generator listens (dpdkvhostuserclient, client=1)
};

struct Options {
  // vhost-user wiring
  std::string tx_socket;  // the switch's port the generator sends into
  std::string rx_socket;  // the switch's port the generator receives from (the sink)
  SwitchRole switch_role = SwitchRole::kServer;
  std::string vdev_extra;  // appended to both net_virtio_user devargs, starts with ','
  double connect_timeout_s = 15;

  // EAL
  unsigned cpu = 0;
  std::string file_prefix;  // default turnout-pktgen-<pid>
  unsigned mem_mb = 256;
  std::vector<std::string> extra_eal_args;

  // traffic
  FrameSpec frame;
  uint32_t flows = 1;
  double rate_mpps = 0;  // 0 = as fast as the switch takes them
  double duration_s = 10;  // measured seconds; 0 = no limit (only with count)
  double warmup_s = 2;
  uint64_t count = 0;  // > 0: the measured phase sends exactly this many packets
  uint32_t drain_ms = 200;
  uint32_t latency_sample = 16;  // measure latency on every Nth received packet
  bool expect_no_loss = false;
  bool progress = false;

  // noise instrumentation
  std::vector<std::string> switch_schedstat_paths;
};

struct CommandLine {
  bool help = false;      // --help was given: print help_text and exit 0
  std::string help_text;  // always filled
  Options options;
};

Result<CommandLine> parse_command_line(int argc, const char* const* argv);

}  // namespace turnout::pktgen
