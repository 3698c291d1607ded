# SPDX-License-Identifier: GPL-2.0-only
#
# The project's front door. The kernel build itself is kbuild's: Kbuild in
# this directory (out of tree, M=) and net/handshake/tls13/Makefile.
#
#   make demo     build the test kernel and show the engine in it
#   make check    every test; prints "N passed, N failed" last
#   make module   the engine as an out-of-tree tls13.ko (W=1, no warnings)
#   make module-7.3  the same against Linux 7.3 (Debian's linux-source-7.3
#                 from trixie-backports, fetched with apt; scripts/kernel7.sh)
#   make kunit-7.3   the series' and the engine's KUnit suites on Linux 7.3
#   make scenarios-7.3  interop with each peer and KeyUpdate followed, in the
#                 test VM booted with Linux 7.3 (the engine a module)
#   make kernel   prepare and build the test kernel only
#   make kunit    the KUnit suites through kunit.py, human-readable
#   make style    checkpatch --strict, sparse and W=1, the patch series
#   make patches  the patch series for review, in build/patches/ (checked,
#                 and the engine built after each of its steps)
#   make vm SCENARIO=tests/scenarios/smoke.sh   one VM (several scenarios:
#                 SCENARIO="a.sh b.sh", one boot, a verdict each)
#   make tools    the userspace tools (C++17)
#   make bench    the benchmark: a release-config kernel, the engine's CPU,
#                 rate, memory and set-up time as ratios to OpenSSL and to
#                 plain TCP in the same boot (scripts/bench.sh)
#   make fuzz     the libFuzzer targets (tests/fuzz/: parsers, state
#                 machines), one after the other, FUZZ_SECS each (default 60)
#
# The kernel tree and its build live in $(TLS13_CACHE) (default
# ~/.cache/tls13), outside the clone.

SHELL := /bin/bash
CXX ?= g++
CXXFLAGS ?= -O2
TOOLS_CXXFLAGS := -std=c++17 -Wall -Wextra -Werror $(CXXFLAGS)
TOOLS_OUT := build/tools

.PHONY: check demo module module-7.3 kunit-7.3 scenarios-7.3 kernel kunit style vm tools deps help fuzz bench patches

help:
	@sed -n 's/^#   //p' Makefile

deps:
	@scripts/deps.sh

check: deps
	@tests/run-all.sh

demo:
	@scripts/demo.sh

kernel: deps
	@scripts/build-kernel.sh

module: kernel
	@scripts/build-module.sh

module-7.3: deps
	@scripts/kernel7.sh module

kunit-7.3: deps
	@scripts/kernel7.sh kunit

scenarios-7.3: deps
	@scripts/kernel7.sh scenarios

kunit: kernel
	@. scripts/lib.sh && cd "$$KSRC" && python3 tools/testing/kunit/kunit.py \
		exec --arch=x86_64 --build_dir="$$KBUILD" --timeout=900

style: kernel
	@scripts/style.sh

patches:
	@scripts/make-patches.sh --build-each

bench:
	@scripts/bench.sh

fuzz: deps
	@scripts/fuzz.sh run

vm: kernel
	@test -n "$(SCENARIO)" || { echo "usage: make vm SCENARIO=path"; exit 2; }
	@scripts/vm-run.sh -r /dev/stdout $(SCENARIO)

tools: $(TOOLS_OUT)/aead-record $(TOOLS_OUT)/tls13-peer $(TOOLS_OUT)/tls13-peer-selftest \
	$(TOOLS_OUT)/tls13-bench $(TOOLS_OUT)/upcall-agent $(TOOLS_OUT)/tls-relay

$(TOOLS_OUT)/aead-record: tests/tools/aead-record.cpp
	@mkdir -p $(TOOLS_OUT)
	$(CXX) $(TOOLS_CXXFLAGS) -o $@ $< -lcrypto

# a stand-in for tlshd on net/handshake's netlink upcall (scenario.nvme-tls)
$(TOOLS_OUT)/upcall-agent: tests/tools/upcall-agent.cpp
	@mkdir -p $(TOOLS_OUT)
	$(CXX) $(TOOLS_CXXFLAGS) -o $@ $<

# OpenSSL between a kernel consumer and its plain-TCP other end, sending
# KeyUpdates on SIGUSR1 (scenario.keyupdate)
$(TOOLS_OUT)/tls-relay: tests/tools/tls-relay.cpp
	@mkdir -p $(TOOLS_OUT)
	$(CXX) $(TOOLS_CXXFLAGS) -pthread -o $@ $< -lssl -lcrypto

# make bench's measuring tool: the engine through /dev/tls13_test against
# OpenSSL's libssl (tests/bench/bench.sh runs it in the bench VM).
$(TOOLS_OUT)/tls13-bench: tests/tools/tls13-bench.cpp net/handshake/tls13/testdev.h
	@mkdir -p $(TOOLS_OUT)
	$(CXX) $(TOOLS_CXXFLAGS) -pthread -o $@ $< -lssl -lcrypto

# tls13-peer and tls13-peer-selftest share every part but their main();
# the compiler lists each object's headers (testdev.h among them) in a .d
# file next to it.
PEER_SRC := tests/tools/tls13-peer
PEER_OBJ := $(TOOLS_OUT)/obj/tls13-peer
PEER_PARTS := $(addprefix $(PEER_OBJ)/,ktls.o names.o options.o peer.o run.o util.o)

$(TOOLS_OUT)/tls13-peer: $(PEER_OBJ)/main.o $(PEER_PARTS)
	$(CXX) $(TOOLS_CXXFLAGS) -o $@ $^

$(TOOLS_OUT)/tls13-peer-selftest: $(PEER_OBJ)/selftest.o $(PEER_PARTS)
	$(CXX) $(TOOLS_CXXFLAGS) -o $@ $^

$(PEER_OBJ)/%.o: $(PEER_SRC)/%.cpp
	@mkdir -p $(PEER_OBJ)
	$(CXX) $(TOOLS_CXXFLAGS) -MMD -MP -c -o $@ $<

-include $(wildcard $(PEER_OBJ)/*.d)
