#include "turnout/dataplane/snapshot.h"

#include <chrono>
#include <thread>

#include "turnout/common/log.h"

namespace turnout::dataplane {
namespace {
// Long enough for a PMD sleeping its maximum back-off, short enough to notice a hang.
constexpr auto kSyncTimeout = std::chrono::seconds(5);
}  // namespace

SnapshotPublisher::SnapshotPublisher(unsigned n_pmds)
    : quiescent_(new QuiescentState[n_pmds]), n_pmds_(n_pmds) {
  owned_ = std::make_unique<Snapshot>();
  owned_->version = next_version_++;
  owned_->pmds.resize(n_pmds);
  current_.store(owned_.get(), std::memory_order_release);
}

SnapshotPublisher::~SnapshotPublisher() = default;

bool SnapshotPublisher::publish(std::unique_ptr<Snapshot> next) {
  next->version = next_version_++;
  next->pmds.resize(n_pmds_);
  current_.store(next.get(), std::memory_order_seq_cst);
  std::unique_ptr<Snapshot> old = std::move(owned_);
  owned_ = std::move(next);
  if (!synchronize()) {
    leaked_.push_back(std::move(old));
    return false;
  }
  return true;
}

bool SnapshotPublisher::synchronize() {
  const uint64_t target = owned_->version;
  auto deadline = std::chrono::steady_clock::now() + kSyncTimeout;
  auto pause = std::chrono::microseconds(5);
  for (unsigned i = 0; i < n_pmds_;) {
    uint64_t seen = quiescent_[i].seen_version.load(std::memory_order_seq_cst);
    if (seen >= target) {  // includes kOffline
      ++i;
      continue;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      LOG_ERROR("pmd", "PMD %u did not reach a quiescent point within %lld s (holds version %llu, "
                "want %llu)", i, static_cast<long long>(kSyncTimeout.count()),
                static_cast<unsigned long long>(seen), static_cast<unsigned long long>(target));
      return false;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(1000));
  }
  return true;
}

}  // namespace turnout::dataplane
