/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the fuzz targets share: a cursor over the fuzzer's bytes that
 * never fails (past the end it yields zeros), and the checks every
 * parser's result must pass whatever the input.
 */
#ifndef TLS13_FUZZ_UTIL_H
#define TLS13_FUZZ_UTIL_H

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "kshim.h"
extern "C" {
#include "wire.h"
}

namespace fuzz {

class Input {
public:
	Input(const uint8_t *data, size_t size) : p_(data), left_(size) {}

	uint8_t u8()
	{
		if (!left_)
			return 0;
		left_--;
		return *p_++;
	}

	uint16_t u16()
	{
		uint16_t hi = u8();

		return static_cast<uint16_t>(hi << 8 | u8());
	}

	uint32_t u32()
	{
		uint32_t hi = u16();

		return hi << 16 | u16();
	}

	// up to n bytes, fewer if the input ends first
	std::vector<uint8_t> bytes(size_t n)
	{
		if (n > left_)
			n = left_;
		std::vector<uint8_t> v(p_, p_ + n);
		p_ += n;
		left_ -= n;
		return v;
	}

	// the rest, in a buffer of its own: ASan sees any read past it. Never
	// a null pointer, even when empty: the engine always gets a buffer.
	std::vector<uint8_t> rest()
	{
		std::vector<uint8_t> v = bytes(left_);

		v.reserve(1);
		return v;
	}
	size_t left() const { return left_; }

private:
	const uint8_t *p_;
	size_t left_;
};

[[noreturn]] inline void fail(const char *what)
{
	std::fprintf(stderr, "fuzz check failed: %s\n", what);
	std::abort();
}

inline void check(bool ok, const char *what)
{
	if (!ok)
		fail(what);
}

// a pointer/length the parser returned lies inside the input it was given
inline void check_inside(const uint8_t *p, size_t n, const uint8_t *buf,
			 size_t len, const char *what)
{
	if (!n && !p)
		return;
	check(p && p >= buf && n <= len &&
	      static_cast<size_t>(p - buf) <= len - n, what);
}

// every parser returns 0 or an AlertDescription of RFC 8446 section 6
inline bool is_alert(unsigned int a)
{
	switch (a) {
	case TLS13_ALERT_UNEXPECTED_MESSAGE:
	case TLS13_ALERT_BAD_RECORD_MAC:
	case TLS13_ALERT_RECORD_OVERFLOW:
	case TLS13_ALERT_HANDSHAKE_FAILURE:
	case TLS13_ALERT_BAD_CERTIFICATE:
	case TLS13_ALERT_UNSUPPORTED_CERTIFICATE:
	case TLS13_ALERT_CERTIFICATE_REVOKED:
	case TLS13_ALERT_CERTIFICATE_EXPIRED:
	case TLS13_ALERT_CERTIFICATE_UNKNOWN:
	case TLS13_ALERT_ILLEGAL_PARAMETER:
	case TLS13_ALERT_UNKNOWN_CA:
	case TLS13_ALERT_ACCESS_DENIED:
	case TLS13_ALERT_DECODE_ERROR:
	case TLS13_ALERT_DECRYPT_ERROR:
	case TLS13_ALERT_PROTOCOL_VERSION:
	case TLS13_ALERT_INSUFFICIENT_SECURITY:
	case TLS13_ALERT_INTERNAL_ERROR:
	case TLS13_ALERT_MISSING_EXTENSION:
	case TLS13_ALERT_UNSUPPORTED_EXTENSION:
	case TLS13_ALERT_UNRECOGNIZED_NAME:
	case TLS13_ALERT_UNKNOWN_PSK_IDENTITY:
	case TLS13_ALERT_CERTIFICATE_REQUIRED:
	case TLS13_ALERT_NO_APPLICATION_PROTOCOL:
		return true;
	default:
		return false;
	}
}

// FUZZ_VERBOSE=1 in the environment: the targets say what each input
// gave (to see what a seed reaches)
inline bool verbose()
{
	static const bool v = std::getenv("FUZZ_VERBOSE");

	return v;
}

inline void check_result(unsigned int a, const char *what)
{
	check(a == 0 || is_alert(a), what);
}

} // namespace fuzz

#endif /* TLS13_FUZZ_UTIL_H */
