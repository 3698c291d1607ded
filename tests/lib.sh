# SPDX-License-Identifier: GPL-2.0-only
# Helpers for scenario scripts (POSIX sh; they run inside the test VM).

# Announce a step; a failing command after it ends the scenario (set -e)
# and the last announced step names what failed.
# (The uptime shows where a scenario spends its time.)
step() { read -r _up _ </proc/uptime; echo "# step: $* (at ${_up}s)"; }

# The suite ran (at boot or at module load) and its result line says ok.
suite_passed() {
	dmesg | grep -E "^\[ *[0-9.]+\] *(not )?ok [0-9]+ $1\$" >/tmp/suite.$$ || {
		echo "# $1: no result line in the kernel log"; return 1; }
	if grep -q "not ok" /tmp/suite.$$; then
		echo "# $1: failed"; dmesg | grep -E "not ok|# .*FAILED" | head -20
		return 1
	fi
}
