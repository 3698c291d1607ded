// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer: what every part of the tool uses: messages, errno names,
// files, strings, numbers and the run's time budget.

#ifndef TLS13_PEER_UTIL_H
#define TLS13_PEER_UTIL_H

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstddef>
#include <string>
#include <vector>

namespace tls13peer {

using Bytes = std::vector<unsigned char>;

// Exit status: 0 when every check passed.
constexpr int EXIT_CHECK = 1;	// a check failed
constexpr int EXIT_USAGE = 2;	// a usage error
constexpr int EXIT_ENV = 3;	// the test could not run

// "tls13-peer: " and the message, a line on stdout, flushed.
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

// "EACCES", or "E<number>" for one without a name.
std::string errname(int err);

// "-EACCES (Permission denied)", or "0" for success.
std::string status_str(int status);

bool read_file(const std::string &path, Bytes &out, std::string &err);

// Printable excerpt of @b around @off for mismatch reports.
std::string excerpt(const unsigned char *b, size_t len, size_t off);

std::vector<std::string> split(const std::string &s, char sep);

// A decimal or 0x-prefixed number within [min, max].
bool parse_num(const std::string &s, long long min, long long max,
	       long long &out);

/*
 * Deadline - one budget for a whole run: connect, handshake, data, peer.
 */
class Deadline {
public:
	explicit Deadline(unsigned int ms)
		: end_(Clock::now() + std::chrono::milliseconds(ms)) {}

	int left_ms() const
	{
		auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
			end_ - Clock::now()).count();

		return left < 0 ? 0 : left > INT_MAX ? INT_MAX : int(left);
	}

	bool passed() const { return left_ms() == 0; }

	// Poll timeout: the time left, at most @cap ms.
	int slice(int cap) const { return std::min(left_ms(), cap); }

private:
	using Clock = std::chrono::steady_clock;
	Clock::time_point end_;
};

} // namespace tls13peer

#endif
