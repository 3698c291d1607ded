// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer: messages, errno names, files, strings and numbers.

#include "util.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tls13peer {

void say(const char *fmt, ...)
{
	va_list ap;

	std::fputs("tls13-peer: ", stdout);
	va_start(ap, fmt);
	std::vfprintf(stdout, fmt, ap);
	va_end(ap);
	std::fputc('\n', stdout);
	std::fflush(stdout);
}

std::string errname(int err)
{
	const char *name = strerrorname_np(err);

	return name ? name : "E" + std::to_string(err);
}

// "-EACCES (Permission denied)", or "0" for success.
std::string status_str(int status)
{
	if (status == 0)
		return "0";
	if (status > 0)
		return std::to_string(status);
	return "-" + errname(-status) + " (" + std::strerror(-status) + ")";
}

bool read_file(const std::string &path, Bytes &out, std::string &err)
{
	int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
	unsigned char buf[65536];
	ssize_t n;

	if (fd < 0) {
		err = path + ": " + std::strerror(errno);
		return false;
	}
	out.clear();
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		out.insert(out.end(), buf, buf + n);
	if (n < 0)
		err = path + ": " + std::strerror(errno);
	close(fd);
	return n == 0;
}

// Printable excerpt of @b around @off for mismatch reports.
std::string excerpt(const unsigned char *b, size_t len, size_t off)
{
	static const char digits[] = "0123456789abcdef";
	size_t from = off >= 8 ? off - 8 : 0, to = std::min(len, off + 8);
	std::string s;

	for (size_t i = from; i < to; i++) {
		if (i == off)
			s += '[';
		s += digits[b[i] >> 4];
		s += digits[b[i] & 15];
		if (i == off)
			s += ']';
		if (i + 1 < to)
			s += ' ';
	}
	return s;
}

// A decimal or 0x-prefixed number within [min, max].
bool parse_num(const std::string &s, long long min, long long max,
	       long long &out)
{
	char *end;

	if (s.empty())
		return false;
	errno = 0;
	out = std::strtoll(s.c_str(), &end, 0);
	return !errno && *end == '\0' && out >= min && out <= max;
}

std::vector<std::string> split(const std::string &s, char sep)
{
	std::vector<std::string> parts;
	size_t start = 0, pos;

	while ((pos = s.find(sep, start)) != std::string::npos) {
		parts.push_back(s.substr(start, pos - start));
		start = pos + 1;
	}
	parts.push_back(s.substr(start));
	return parts;
}

} // namespace tls13peer
