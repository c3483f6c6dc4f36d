# Turnout: the two entry points of a fresh Debian 12 machine (as root).
#   make demo   set up, build, run turnoutd + the traffic generator on an embedded default
#   make test   set up, build, run the whole test suite
BUILD_DIR ?= build
BUILD_TYPE ?= Release
CMAKE_FLAGS ?=

.PHONY: all setup build demo test perf clean

all: build

setup:
	scripts/setup.sh

build: setup
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)
	ninja -C $(BUILD_DIR)

demo: build
	scripts/demo.sh $(BUILD_DIR)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure --timeout 300

perf: build
	perf/run.sh p2p

clean:
	rm -rf $(BUILD_DIR)
