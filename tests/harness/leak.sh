#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Part for tests/harness/self-test.sh: load the kernel's deliberately
# leaking sample module. The scenario itself succeeds; the run must not.
set -eu
insmod "$TLS13_KBUILD/samples/kmemleak/kmemleak-test.ko"
rmmod kmemleak_test
