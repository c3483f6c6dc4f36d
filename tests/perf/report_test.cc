#include "turnout/pktgen/report.h"

#include <gtest/gtest.h>

#include <cmath>

#include "turnout/pktgen/schedstat.h"

namespace turnout::pktgen {
namespace {

TEST(Report, ResultLineHasEveryKeyInOrder) {
  TrafficResult result;
  result.measured = true;
  result.tx_pkts = 2000;
  result.rx_pkts = 1999;
  result.foreign = 3;
  result.rx_on_tx_port = 4;
  result.reordered = 5;
  result.tsc_hz = 1'000'000'000;
  result.measured_cycles = 2'000'000'000;
  result.latency.record(1000);  // 1 us
  result.noise = {.generator_wait_pct = 1.5, .switch_wait_pct = std::nan("")};
  const RunReport report = make_report(result, 64, 7);
  EXPECT_EQ(report.lost, 1);
  EXPECT_EQ(format_result_line(report),
            "RESULT tx_pkts=2000 rx_pkts=1999 tx_mpps=0.0010 rx_mpps=0.0010 lost=1 "
            "loss_pct=0.050000 foreign=3 rx_on_tx_port=4 reordered=5 lat_p50_us=1.00 "
            "lat_p99_us=1.00 lat_p999_us=1.00 lat_max_us=1.00 gen_wait_pct=1.50 "
            "sut_wait_pct=nan secs=2.000000 size=64 flows=7");
}

TEST(Report, NothingMeasuredGivesZerosAndNoLatency) {
  const RunReport report = make_report(TrafficResult{}, 64, 1);
  EXPECT_EQ(report.secs, 0);
  EXPECT_EQ(report.tx_mpps, 0);
  EXPECT_EQ(report.loss_pct, 0);
  EXPECT_TRUE(std::isnan(report.lat_p50_us));
  EXPECT_NE(format_summary(report).find("no samples"), std::string::npos);
}

TEST(Schedstat, ParsesTheWaitField) {
  auto wait = parse_schedstat_wait_ns("123456 789 42\n");
  ASSERT_TRUE(wait.ok());
  EXPECT_EQ(*wait, 789u);
  EXPECT_FALSE(parse_schedstat_wait_ns("garbage").ok());
  EXPECT_FALSE(parse_schedstat_wait_ns("1 x 2").ok());
}

TEST(Schedstat, ReadsTheCallingThread) {
  auto reader = SchedstatReader::open_calling_thread();
  if (!reader.ok()) GTEST_SKIP() << reader.message() << " (kernel without schedstats?)";
  EXPECT_TRUE(reader->wait_ns().ok());
  EXPECT_FALSE(SchedstatReader::open("/nonexistent/schedstat").ok());
}

}  // namespace
}  // namespace turnout::pktgen
