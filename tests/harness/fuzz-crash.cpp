// SPDX-License-Identifier: GPL-2.0-only
/*
 * A fuzz target that must be caught: a heap read one byte past the input
 * once the fuzzer tries a 'T'. scripts/fuzz.sh check (tests/run-all.sh,
 * fuzz.selftest) builds it with the real targets' flags and passes only
 * if its smoke run fails with a reproducer: the proof that a crashing
 * target fails make check.
 */
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	std::vector<uint8_t> copy(data, data + size);
	volatile uint8_t sink = 0;

	if (size && copy[0] == 'T') {
		const uint8_t *p = copy.data();

		sink = p[size];	// one past the end: ASan must say so
	}
	(void)sink;
	return 0;
}
