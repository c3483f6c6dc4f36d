#!/bin/bash
# setup.sh - make a fresh Debian 12 machine ready to build, run, test and benchmark Turnout.
# Idempotent: installs only missing packages, reserves/mounts hugepages only when short.
#
#   scripts/setup.sh            packages + hugepages
#   scripts/setup.sh --no-hugepages
# Environment: TURNOUT_HUGEPAGES (default 1536 2 MiB pages = 3 GiB).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  dpdk dpdk-dev libdpdk-dev
  libboost-program-options-dev libjsoncpp-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  clang-14 libfuzzer-14-dev
  openvswitch-common openvswitch-switch-dpdk
  iproute2 procps util-linux
)
want_hugepages=1
for arg in "$@"; do
  case "$arg" in
    --no-hugepages) want_hugepages=0 ;;
    *) echo "setup.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

if [ "$(id -u)" -ne 0 ]; then
  echo "setup.sh: must run as root (installs packages, reserves hugepages)" >&2
  exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# openvswitch-switch-dpdk's packaging may start the system OVS service; Turnout's tests
# and benchmarks run their own instances, so leave any system service alone.

if [ "$want_hugepages" = 1 ]; then
  want=${TURNOUT_HUGEPAGES:-1536}
  free=$(awk '/HugePages_Free/{print $2}' /proc/meminfo)
  total=$(cat /proc/sys/vm/nr_hugepages)
  if [ "$free" -lt "$want" ]; then
    echo "setup: reserving hugepages ($total total, $free free, want $want free)"
    echo $((total + want - free)) > /proc/sys/vm/nr_hugepages
    free=$(awk '/HugePages_Free/{print $2}' /proc/meminfo)
    [ "$free" -ge 256 ] || { echo "setup: could only get $free free hugepages" >&2; exit 1; }
  fi
  if ! grep -qs ' /dev/hugepages hugetlbfs' /proc/mounts; then
    mkdir -p /dev/hugepages
    mount -t hugetlbfs nodev /dev/hugepages
  fi
fi
