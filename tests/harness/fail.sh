#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Part for tests/harness/self-test.sh: a scenario that fails (status 3)
# with a clean kernel log. Its part must fail; the next part of its boot
# must not.
echo "# step: fail on purpose"
exit 3
