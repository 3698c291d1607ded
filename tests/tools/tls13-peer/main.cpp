// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer: drive one TLS 1.3 handshake of the in-kernel engine through
// /dev/tls13_test (net/handshake/tls13/testdev.h) against a real peer, then
// prove the kTLS socket it leaves behind carries data both ways.
//
//   tls13-peer client --connect HOST:PORT --psk SERIAL[,SERIAL..] [options]
//   tls13-peer server --listen [HOST:]PORT --keyring SERIAL [options]
//   tls13-peer client|server --auth x509|anon ... [--cert S --privkey S]
//   tls13-peer --help
//
// The kernel does the handshake; the tool checks what it reports against
// the --expect-* options, checks that kTLS is installed with the negotiated
// cipher, writes --send's bytes, reads exactly --expect's bytes back and
// compares them, then closes with a close_notify. Optionally it runs the
// peer program itself (everything after "--"), so that it knows when the
// peer is listening, can compare what the peer printed with what it sent,
// and ends it on any failure. Exit status: 0 when every check passed, 1
// when a check failed, 2 on a usage error, 3 when the test could not run.
//
// Its parts: options (the command line), names (IANA code points), peer
// (the peer program), ktls (the kTLS check and the data exchange), run
// (one run and its verdict), util; tls13-peer-selftest (selftest.cpp)
// tests them all but the kernel.

#include "options.hpp"
#include "run.hpp"
#include "util.hpp"

#include <signal.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace tls13peer;

int main(int argc, char **argv)
{
	std::vector<std::string> args(argv + 1, argv + argc);

	setvbuf(stdout, nullptr, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
		std::fputs(usage, stdout);
		return 0;
	}
	try {
		Options o = Parser(args).parse();

		arm_watchdog(o.timeout_ms);
		return Run(o).exec();
	} catch (const ParseError &e) {
		std::fprintf(stderr, "tls13-peer: %s\n%s", e.msg.c_str(), usage);
		return EXIT_USAGE;
	}
}
