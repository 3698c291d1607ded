// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-bench: what a TLS 1.3 handshake costs with the in-kernel engine
// (through /dev/tls13_test), against OpenSSL's libssl doing the same work
// in the same boot. Run by tests/bench/bench.sh inside the bench VM; one
// invocation measures one configuration REPS times and prints
//
//   BENCH <what> <label> median=<x> min=<x> max=<x> unit=<u> fails=<n>
//
// Modes:
//   cpu   N handshakes one after the other over loopback TCP, each with
//         one byte of application data each way; the side under test
//         (--impl engine|openssl|openssl-ktls, --role) against an OpenSSL
//         peer in another thread of this process. CPU of the side under
//         test per handshake = (busy time of the whole VM, from
//         /proc/stat's idle time) - (the peer thread's own CPU time),
//         over N. For OpenSSL also its own thread's CPU time (cpu-self):
//         exact, and what --self-only prints on a busy host (the native
//         figure beside the emulated one).
//   rate  N handshakes with --inflight C at once, both ends the same
//         implementation (engine-engine or openssl-openssl): handshakes
//         per second of wall time.
//   time  a set-up system call timed alone, without the process
//         start-up a shell's timing would add to it:
//         "time fabrics OPTS" writes OPTS to /dev/nvme-fabrics (the
//         kernel connects every queue before write(2) returns) and reads
//         the answer; "time mount SRC DIR TYPE DATA" calls mount(2).
//         Prints "us=<microseconds> <answer>" or "us=<us> error=<why>"
//         (exit 1).
//   storm not a measurement but a load for scenario.cancel-storm: N
//         engine-to-engine PSK handshakes, C pairs at a time, each end
//         in a child process of its own; each end, with probability
//         3/4, is killed (SIGKILL: the test entry cancels its handshake)
//         at a moment drawn uniformly from 0 to twice the time one pair
//         takes alone (--seed: the draws). Prints "STORM pairs=N
//         completed=.. killed=.. failed=.. pair_ms=..": ends that
//         completed, were killed, or failed (their peer was killed).
//   mem   C handshakes held in flight (the peer sent its first flight and
//         then stalls, reading nothing); bytes per handshake = the drop of
//         MemFree once they are in flight, over C. The stalled peer's
//         state and the threads that wait in the ioctl exist before the
//         first sample, so only the side under test's state is counted.
//
// Kinds: --kind psk (external PSK, psk_dhe_ke) or --kind cert (server
// certificate, no client certificate); --group x25519|secp256r1|secp384r1;
// TLS_AES_128_GCM_SHA256 throughout; no session tickets on either side.

#include "../../net/handshake/tls13/testdev.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Conf {
	std::string mode, kind = "psk", role = "server", impl = "engine";
	std::string group = "x25519", label;
	int n = 50, reps = 5, inflight = 1, port = 4450;
	// the engine's keys (serials)
	int psk_key = 0, psk_ring = 0, cert = 0, privkey = 0, trust = 0;
	// OpenSSL's
	std::string psk_hex, psk_id, cert_pem, key_pem, ca_pem;
	std::string name = "server.test";
	bool self_only = false;	// cpu: only the thread's own CPU time
	std::string perf_ctl;	// cpu: perf record's control FIFO
	unsigned int seed = 1;	// storm: the kill times' draws
};

Conf conf;

[[noreturn]] void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	std::fputs("tls13-bench: ", stderr);
	std::vfprintf(stderr, fmt, ap);
	std::fputc('\n', stderr);
	va_end(ap);
	ERR_print_errors_fp(stderr);
	std::exit(3);
}

// ---- time and memory -------------------------------------------------

double wall_seconds()
{
	timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

// Busy seconds of the CPUs online together, since some fixed moment: wall
// time times the CPUs online less their idle and iowait time from
// /proc/stat's "cpu" line. A kernel with NO_HZ_IDLE (the bench kernel)
// keeps idle time exactly; user and system time are only sampled at each
// tick, so they are not used.
double busy_seconds()
{
	std::ifstream f("/proc/stat");
	std::string cpu;
	unsigned long long v[5] = {};
	double wall = wall_seconds();

	f >> cpu;
	for (auto &x : v)
		f >> x;
	if (!f || cpu != "cpu")
		fatal("cannot read /proc/stat");
	return wall * sysconf(_SC_NPROCESSORS_ONLN) -
	       double(v[3] + v[4]) / sysconf(_SC_CLK_TCK);
}

double thread_cpu_seconds()
{
	timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

long long mem_free_bytes()
{
	std::ifstream f("/proc/meminfo");
	std::string key;
	long long kb;
	std::string unit;

	while (f >> key >> kb) {
		std::getline(f, unit);
		if (key == "MemFree:")
			return kb * 1024;
	}
	fatal("no MemFree in /proc/meminfo");
}

// ---- sockets ---------------------------------------------------------

// A TCP socket and 127.0.0.1:--port.
int tcp_socket(sockaddr_in &a)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		fatal("socket: %s", std::strerror(errno));
	a = {};
	a.sin_family = AF_INET;
	a.sin_port = htons(conf.port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return fd;
}

int listen_socket()
{
	sockaddr_in a;
	int fd = tcp_socket(a);
	int one = 1;

	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, (sockaddr *)&a, sizeof(a)) || listen(fd, 4096))
		fatal("listen on 127.0.0.1:%d: %s", conf.port, std::strerror(errno));
	return fd;
}

int connect_socket()
{
	sockaddr_in a;
	int fd = tcp_socket(a);
	int one = 1;

	if (connect(fd, (sockaddr *)&a, sizeof(a)))
		fatal("connect to 127.0.0.1:%d: %s", conf.port, std::strerror(errno));
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

int accept_socket(int lfd)
{
	int one = 1;
	int fd = accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);

	if (fd >= 0)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

// ---- the engine ------------------------------------------------------

int devfd = -1;

uint16_t group_code(const std::string &g)
{
	if (g == "x25519")
		return 0x001d;
	if (g == "secp256r1")
		return 0x0017;
	if (g == "secp384r1")
		return 0x0018;
	fatal("unknown group %s", g.c_str());
}

// One handshake through the test entry on a connected socket; the status.
int engine_handshake(int fd, bool server, unsigned int timeout_ms = 60000)
{
	tls13_test_handshake hs = {};

	hs.fd = fd;
	hs.role = server ? TLS13_TEST_SERVER : TLS13_TEST_CLIENT;
	hs.timeout_ms = timeout_ms;
	hs.suites[0] = 0x1301;
	hs.groups[0] = group_code(conf.group);
	if (conf.kind == "psk") {
		hs.auth = TLS13_TEST_AUTH_PSK;
		hs.flags = TLS13_TEST_F_PSK_DHE_KE;
		if (server) {
			hs.keyring = conf.psk_ring;
		} else {
			hs.num_peerids = 1;
			hs.peerids[0] = conf.psk_key;
		}
	} else if (server) {
		hs.auth = TLS13_TEST_AUTH_X509;
		hs.flags = TLS13_TEST_F_NO_CLIENT_CERT;
		hs.cert = conf.cert;
		hs.privkey = conf.privkey;
	} else {
		hs.auth = TLS13_TEST_AUTH_ANON;
		hs.keyring = conf.trust;
		std::snprintf(hs.peername, sizeof(hs.peername), "%s", conf.name.c_str());
	}
	hs.status = 1;
	if (ioctl(devfd, TLS13_TEST_HANDSHAKE, &hs) && hs.status == 1)
		return -errno;
	return hs.status;
}

// ---- OpenSSL ---------------------------------------------------------

SSL_SESSION *psk_session;
std::string psk_identity;

SSL_SESSION *make_psk_session(SSL_CTX *ctx)
{
	static const unsigned char aes128gcm[] = { 0x13, 0x01 };
	std::vector<unsigned char> key;
	SSL *ssl = SSL_new(ctx);
	SSL_SESSION *s = SSL_SESSION_new();
	const SSL_CIPHER *c;

	for (size_t i = 0; i + 1 < conf.psk_hex.size(); i += 2)
		key.push_back(std::stoi(conf.psk_hex.substr(i, 2), nullptr, 16));
	c = ssl ? SSL_CIPHER_find(ssl, aes128gcm) : nullptr;
	if (!s || !c || key.empty() ||
	    !SSL_SESSION_set1_master_key(s, key.data(), key.size()) ||
	    !SSL_SESSION_set_cipher(s, c) ||
	    !SSL_SESSION_set_protocol_version(s, TLS1_3_VERSION))
		fatal("cannot make the PSK session");
	SSL_free(ssl);
	return s;
}

int psk_use(SSL *, const EVP_MD *md, const unsigned char **id, size_t *idlen,
	    SSL_SESSION **sess)
{
	if (md && md != SSL_CIPHER_get_handshake_digest(SSL_SESSION_get0_cipher(psk_session))) {
		*sess = nullptr;
		return 1;
	}
	SSL_SESSION_up_ref(psk_session);
	*sess = psk_session;
	*id = (const unsigned char *)psk_identity.data();
	*idlen = psk_identity.size();
	return 1;
}

int psk_find(SSL *, const unsigned char *id, size_t idlen, SSL_SESSION **sess)
{
	*sess = nullptr;
	if (idlen == psk_identity.size() && !std::memcmp(id, psk_identity.data(), idlen)) {
		SSL_SESSION_up_ref(psk_session);
		*sess = psk_session;
	}
	return 1;
}

const char *ossl_group(const std::string &g)
{
	return g == "x25519" ? "X25519" : g == "secp256r1" ? "P-256" : "P-384";
}

SSL_CTX *ossl_ctx(bool server, bool ktls)
{
	SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());

	if (!ctx || !SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) ||
	    !SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256") ||
	    !SSL_CTX_set1_groups_list(ctx, ossl_group(conf.group)) ||
	    !SSL_CTX_set_num_tickets(ctx, 0))
		fatal("SSL_CTX set-up");
	SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | (ktls ? SSL_OP_ENABLE_KTLS : 0));
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	if (conf.kind == "psk") {
		if (!psk_session) {
			psk_identity = conf.psk_id;
			psk_session = make_psk_session(ctx);
		}
		if (server)
			SSL_CTX_set_psk_find_session_callback(ctx, psk_find);
		else
			SSL_CTX_set_psk_use_session_callback(ctx, psk_use);
	} else if (server) {
		if (SSL_CTX_use_certificate_chain_file(ctx, conf.cert_pem.c_str()) != 1 ||
		    SSL_CTX_use_PrivateKey_file(ctx, conf.key_pem.c_str(), SSL_FILETYPE_PEM) != 1)
			fatal("server certificate %s / key %s", conf.cert_pem.c_str(),
			      conf.key_pem.c_str());
	} else {
		if (SSL_CTX_load_verify_locations(ctx, conf.ca_pem.c_str(), nullptr) != 1)
			fatal("trust anchors %s", conf.ca_pem.c_str());
		SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
	}
	return ctx;
}

SSL *ossl_new(SSL_CTX *ctx, int fd, bool server)
{
	SSL *ssl = SSL_new(ctx);

	if (!ssl || !SSL_set_fd(ssl, fd))
		fatal("SSL_new");
	if (!server && conf.kind == "cert" && !SSL_set1_host(ssl, conf.name.c_str()))
		fatal("SSL_set1_host");
	return ssl;
}

// After the handshake each side sends one byte of application data and
// reads the other's, so that neither closes the connection while the
// other is still finishing (a FIN before kTLS is installed fails the
// install with -ENOTCONN).
bool fd_exchange(int fd)
{
	char c = 'x';

	return write(fd, &c, 1) == 1 && read(fd, &c, 1) == 1;
}

bool ossl_exchange(SSL *ssl)
{
	char c = 'x';

	return SSL_write(ssl, &c, 1) == 1 && SSL_read(ssl, &c, 1) == 1;
}

// One blocking handshake and the exchange; true on success. With kTLS
// asked for, OpenSSL must have installed it for sending (OpenSSL 3.0
// installs TLS 1.3 kTLS for sending only; receiving stays in libssl).
bool ossl_handshake(SSL_CTX *ctx, int fd, bool server, bool ktls)
{
	SSL *ssl = ossl_new(ctx, fd, server);
	bool ok = (server ? SSL_accept(ssl) : SSL_connect(ssl)) == 1;

	if (ok && ktls) {
		static std::once_flag once;
		bool tx = BIO_get_ktls_send(SSL_get_wbio(ssl)) == 1;
		bool rx = BIO_get_ktls_recv(SSL_get_rbio(ssl)) == 1;

		std::call_once(once, [&] {
			std::printf("# OpenSSL kTLS: send %s, receive %s\n",
				    tx ? "installed" : "not installed",
				    rx ? "installed" : "not installed");
		});
		ok = tx;
	}
	ok = ok && ossl_exchange(ssl);
	ERR_clear_error();
	SSL_free(ssl);
	return ok;
}

// ---- one side of a connection ----------------------------------------

struct Side {
	bool engine, server, ktls;
	SSL_CTX *ctx = nullptr;

	Side(const std::string &impl, bool srv)
		: engine(impl == "engine"), server(srv), ktls(impl == "openssl-ktls")
	{
		if (!engine)
			ctx = ossl_ctx(server, ktls);
	}
	~Side() { SSL_CTX_free(ctx); }
	Side(const Side &) = delete;
	Side &operator=(const Side &) = delete;

	bool handshake(int fd) const
	{
		return engine ? engine_handshake(fd, server) == 0 && fd_exchange(fd)
			      : ossl_handshake(ctx, fd, server, ktls);
	}
};

// ---- statistics and output -------------------------------------------

void report(const char *what, std::vector<double> v, const char *unit, int fails)
{
	std::sort(v.begin(), v.end());
	double med = v.size() % 2 ? v[v.size() / 2]
				  : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;

	std::printf("BENCH %s %s median=%.6g min=%.6g max=%.6g unit=%s fails=%d\n",
		    what, conf.label.c_str(), med, v.front(), v.back(), unit, fails);
	std::fflush(stdout);
}

// ---- cpu -------------------------------------------------------------

void run_cpu()
{
	bool server = conf.role == "server";
	Side me(conf.impl, server);
	Side peer("openssl", !server);
	std::vector<double> per_hs, self_hs;
	int fails = 0;
	// perf record --control fifo:FIFO -D -1: sampling exactly the
	// repetitions' measured windows
	int ctl = -1;

	if (!conf.perf_ctl.empty() && (ctl = open(conf.perf_ctl.c_str(), O_WRONLY)) < 0)
		fatal("%s: %s", conf.perf_ctl.c_str(), std::strerror(errno));
	auto perf = [ctl](const char *cmd) {
		if (ctl >= 0 && write(ctl, cmd, std::strlen(cmd)) < 0)
			fatal("perf control: %s", std::strerror(errno));
	};
	for (int r = 0; r < conf.reps; r++) {
		int lfd = listen_socket();
		std::atomic<int> peer_fails{0};
		double peer_cpu = 0;
		perf("enable\n");
		double b0 = busy_seconds();
		double s0 = thread_cpu_seconds();
		std::thread t([&] {
			double c0 = thread_cpu_seconds();

			// its own name, so that a profile can leave it out
			pthread_setname_np(pthread_self(), "bench-peer");
			for (int i = 0; i < conf.n; i++) {
				int fd = server ? connect_socket() : accept_socket(lfd);

				if (fd < 0 || !peer.handshake(fd))
					peer_fails++;
				if (fd >= 0)
					close(fd);
			}
			peer_cpu = thread_cpu_seconds() - c0;
		});
		int my_fails = 0;

		for (int i = 0; i < conf.n; i++) {
			int fd = server ? accept_socket(lfd) : connect_socket();

			if (fd < 0 || !me.handshake(fd))
				my_fails++;
			if (fd >= 0)
				close(fd);
		}
		double self = thread_cpu_seconds() - s0;

		t.join();
		double busy = busy_seconds() - b0;

		perf("disable\n");
		close(lfd);
		fails += my_fails + peer_fails;
		per_hs.push_back((busy - peer_cpu) / conf.n * 1e6);
		self_hs.push_back(self / conf.n * 1e6);
		std::printf("# rep %d: system %.3f s, peer %.3f s, this thread %.3f s, %d handshakes, %d failed\n",
			    r + 1, busy, peer_cpu, self, conf.n, my_fails + int(peer_fails));
	}
	if (!conf.self_only)
		report("cpu", per_hs, "us/handshake", fails);
	// OpenSSL's work is all in this thread: its own CPU time is exact and
	// needs no quiet machine (the host's native figure).
	if (!me.engine)
		report("cpu-self", self_hs, "us/handshake", fails);
	if (ctl >= 0)
		close(ctl);
}

// ---- rate ------------------------------------------------------------

void run_rate()
{
	Side srv(conf.impl, true), cli(conf.impl, false);
	int c = conf.inflight;
	int per = std::max(1, conf.n / c);
	std::vector<double> rates;
	int fails = 0;

	for (int r = 0; r < conf.reps; r++) {
		int lfd = listen_socket();
		std::atomic<int> failed{0};
		std::vector<std::thread> ts;
		double t0 = wall_seconds();

		for (int i = 0; i < c; i++) {
			ts.emplace_back([&] {
				for (;;) {
					int fd = accept_socket(lfd);

					if (fd < 0)
						return;
					if (!srv.handshake(fd))
						failed++;
					close(fd);
				}
			});
		}
		std::vector<std::thread> cs;
		for (int i = 0; i < c; i++) {
			cs.emplace_back([&] {
				for (int j = 0; j < per; j++) {
					int fd = connect_socket();

					if (!cli.handshake(fd))
						failed++;
					close(fd);
				}
			});
		}
		for (auto &t : cs)
			t.join();
		double wall = wall_seconds() - t0;
		// servers finish their last handshakes, then leave accept()
		while (true) {
			pollfd p = { lfd, POLLIN, 0 };

			if (poll(&p, 1, 200) == 0)
				break;
		}
		shutdown(lfd, SHUT_RDWR);
		for (auto &t : ts)
			t.join();
		close(lfd);
		fails += failed;
		rates.push_back(per * c / wall);
		std::printf("# rep %d: %d handshakes, %d in flight, %.3f s, %d failed\n",
			    r + 1, per * c, c, wall, int(failed));
	}
	report("rate", rates, "handshakes/s", fails);
}

// ---- mem -------------------------------------------------------------

// Waits until every socket in @fds has data, reading (and dropping) it
// raw; false after @secs.
bool drain_all(const std::vector<int> &fds, double secs)
{
	std::vector<bool> got(fds.size());
	size_t have = 0;
	double end = wall_seconds() + secs;
	char buf[16384];

	while (have < fds.size() && wall_seconds() < end) {
		for (size_t i = 0; i < fds.size(); i++) {
			ssize_t k;

			while ((k = recv(fds[i], buf, sizeof(buf), MSG_DONTWAIT)) > 0) {
				if (!got[i]) {
					got[i] = true;
					have++;
				}
			}
		}
		usleep(20000);
	}
	return have == fds.size();
}

// A start line for the threads that wait in the ioctl.
struct Gate {
	std::mutex m;
	std::condition_variable cv;
	bool open = false;

	void wait()
	{
		std::unique_lock<std::mutex> l(m);
		cv.wait(l, [this] { return open; });
	}
	void release()
	{
		std::lock_guard<std::mutex> l(m);
		open = true;
		cv.notify_all();
	}
};

long long settle_and_sample()
{
	usleep(500000);
	return mem_free_bytes();
}

void run_mem()
{
	bool server = conf.role == "server";
	bool engine = conf.impl == "engine";
	int c = conf.inflight;
	std::vector<double> per_hs;
	int fails = 0;
	// the stalled other end: an OpenSSL client that sent its ClientHello,
	// or a server that never answers
	SSL_CTX *octx = server ? ossl_ctx(false, false) : nullptr;
	SSL_CTX *mctx = !engine ? ossl_ctx(server, false) : nullptr;

	for (int r = 0; r < conf.reps; r++) {
		int lfd = listen_socket();
		std::vector<int> mine, theirs;
		std::vector<SSL *> ossl_theirs, ossl_mine;
		std::vector<std::thread> ts;
		Gate gate;
		std::atomic<int> failed{0};

		for (int i = 0; i < c; i++) {
			int cfd = connect_socket();
			int sfd = accept_socket(lfd);

			if (sfd < 0)
				fatal("accept: %s", std::strerror(errno));
			mine.push_back(server ? sfd : cfd);
			theirs.push_back(server ? cfd : sfd);
		}
		if (server) {
			for (int fd : theirs) {
				SSL *s = ossl_new(octx, fd, false);

				fcntl(fd, F_SETFL, O_NONBLOCK);
				if (SSL_connect(s) == 1 || SSL_get_error(s, -1) != SSL_ERROR_WANT_READ)
					fatal("the stalled client did not stop after its ClientHello");
				ossl_theirs.push_back(s);
			}
		}
		if (engine) {
			for (int i = 0; i < c; i++) {
				int fd = mine[i];

				ts.emplace_back([&, fd] {
					gate.wait();
					if (engine_handshake(fd, server, 120000) != 0)
						failed++;
				});
			}
		}
		long long before = settle_and_sample();

		if (engine) {
			gate.release();
		} else {
			for (int fd : mine) {
				SSL *s = ossl_new(mctx, fd, server);
				int ret;

				fcntl(fd, F_SETFL, O_NONBLOCK);
				ret = server ? SSL_accept(s) : SSL_connect(s);
				if (ret == 1 || SSL_get_error(s, ret) != SSL_ERROR_WANT_READ)
					fatal("OpenSSL did not wait for its peer");
				ossl_mine.push_back(s);
			}
		}
		// in flight: the side under test has sent its first flight
		if (!drain_all(theirs, 120))
			fatal("not every handshake sent its first flight");
		long long during = settle_and_sample();

		per_hs.push_back(double(before - during) / c);
		std::printf("# rep %d: MemFree %lld -> %lld with %d in flight\n", r + 1,
			    before, during, c);
		// end them: the stalled ends close, the waiting ends fail
		for (SSL *s : ossl_theirs)
			SSL_free(s);
		for (int fd : theirs)
			close(fd);
		for (auto &t : ts)
			t.join();
		for (SSL *s : ossl_mine)
			SSL_free(s);
		for (int fd : mine)
			close(fd);
		close(lfd);
		// each engine handshake must have failed (its peer left)
		if (engine && failed != c)
			fails += c - failed;
		ERR_clear_error();
	}
	SSL_CTX_free(octx);
	SSL_CTX_free(mctx);
	report("mem", per_hs, "bytes/handshake", fails);
}

// ---- cancel storm ----------------------------------------------------

// One engine handshake on @fd in a child process, which exits 0 if it
// succeeded. The child lets go of the peer's end (@other), or a killed
// peer's socket would stay open in it, and this end wait for nothing.
pid_t engine_child(int fd, int other, bool server)
{
	pid_t pid = fork();

	if (pid < 0)
		fatal("fork: %s", std::strerror(errno));
	if (!pid) {
		close(other);
		_exit(engine_handshake(fd, server, 20000) ? 1 : 0);
	}
	return pid;
}

void run_storm()
{
	int lfd = listen_socket();
	std::mt19937 rng(conf.seed);
	int completed = 0, killed = 0, failed = 0, st;
	struct Kill {
		double at;
		pid_t pid;
	};
	// a connected pair of sockets, an engine handshake on each end
	auto start_pair = [&](std::vector<pid_t> &pids) {
		int cfd = connect_socket(), sfd = accept_socket(lfd);

		if (sfd < 0)
			fatal("accept: %s", std::strerror(errno));
		pids.push_back(engine_child(cfd, sfd, false));
		pids.push_back(engine_child(sfd, cfd, true));
		close(cfd);
		close(sfd);
	};

	// how long one pair takes alone, the quickest of three (the first
	// pays for cold caches): the kills land around it
	std::vector<pid_t> pids;
	double full = 0;

	for (int i = 0; i < 3; i++) {
		double t0 = wall_seconds();

		pids.clear();
		start_pair(pids);
		for (pid_t p : pids)
			if (waitpid(p, &st, 0) != p || !WIFEXITED(st) ||
			    WEXITSTATUS(st))
				fatal("storm: a pair without kills failed");
		t0 = wall_seconds() - t0;
		full = i ? std::min(full, t0) : t0;
	}
	std::uniform_real_distribution<double> when(0, 2 * full);

	for (int left = conf.n; left > 0; left -= conf.inflight) {
		std::vector<Kill> kills;
		double now, start = wall_seconds();

		pids.clear();
		for (int i = 0; i < std::min(left, conf.inflight); i++)
			start_pair(pids);
		for (pid_t p : pids)
			if (rng() % 4)
				kills.push_back({ start + when(rng), p });
		std::sort(kills.begin(), kills.end(),
			  [](const Kill &a, const Kill &b) { return a.at < b.at; });
		for (const Kill &k : kills) {
			now = wall_seconds();
			if (k.at > now)
				usleep(useconds_t((k.at - now) * 1e6));
			kill(k.pid, SIGKILL);	// harmless if it is done
		}
		for (pid_t p : pids) {
			if (waitpid(p, &st, 0) != p)
				fatal("waitpid: %s", std::strerror(errno));
			if (WIFSIGNALED(st))
				killed++;
			else if (WIFEXITED(st) && !WEXITSTATUS(st))
				completed++;
			else
				failed++;
		}
	}
	close(lfd);
	std::printf("STORM pairs=%d completed=%d killed=%d failed=%d pair_ms=%.0f\n",
		    conf.n, completed, killed, failed, full * 1e3);
}

// ---- set-up time -------------------------------------------------------

[[noreturn]] void usage();

int run_time(int argc, char **argv)
{
	std::string what = argc > 2 ? argv[2] : "";
	double t0, us;
	int rc, err;

	if (what == "fabrics" && argc == 4) {
		size_t len = std::strlen(argv[3]);
		char ans[256];
		ssize_t n;
		int fd;

		fd = open("/dev/nvme-fabrics", O_RDWR | O_CLOEXEC);
		if (fd < 0)
			fatal("/dev/nvme-fabrics: %s", std::strerror(errno));
		t0 = wall_seconds();
		n = write(fd, argv[3], len);
		err = errno;
		us = (wall_seconds() - t0) * 1e6;
		if (n != ssize_t(len)) {
			std::printf("us=%.0f error=%s\n", us,
				    std::strerror(n < 0 ? err : EIO));
			close(fd);
			return 1;
		}
		n = read(fd, ans, sizeof(ans) - 1);
		ans[n > 0 ? n : 0] = 0;
		ans[std::strcspn(ans, "\n")] = 0;
		std::printf("us=%.0f %s\n", us, ans);
		close(fd);
		return 0;
	}
	if (what == "mount" && argc == 7) {
		t0 = wall_seconds();
		rc = mount(argv[3], argv[4], argv[5], 0, argv[6]);
		err = errno;
		us = (wall_seconds() - t0) * 1e6;
		if (rc) {
			std::printf("us=%.0f error=%s\n", us, std::strerror(err));
			return 1;
		}
		std::printf("us=%.0f mounted\n", us);
		return 0;
	}
	usage();
}

// ---- options ---------------------------------------------------------

[[noreturn]] void usage()
{
	std::fputs("usage: tls13-bench cpu|rate|mem|storm [--kind psk|cert] [--role server|client]\n"
		   "  [--impl engine|openssl|openssl-ktls] [--group x25519|secp256r1|secp384r1]\n"
		   "  [-n N] [--reps R] [--inflight C] [--port P] [--label L]\n"
		   "  engine keys: [--psk-key SERIAL] [--psk-ring SERIAL] [--cert SERIAL]\n"
		   "    [--privkey SERIAL] [--trust SERIAL]\n"
		   "  OpenSSL: [--psk-hex HEX --psk-id ID] [--cert-pem F --key-pem F] [--ca-pem F]\n"
		   "    [--name NAME] [--self-only] [--perf-ctl FIFO]\n"
		   "  storm: [--seed S]\n"
		   "       tls13-bench time fabrics OPTIONS\n"
		   "       tls13-bench time mount SOURCE TARGET TYPE DATA\n", stderr);
	std::exit(2);
}

void parse(int argc, char **argv)
{
	if (argc < 2)
		usage();
	conf.mode = argv[1];
	for (int i = 2; i < argc; i++) {
		std::string o = argv[i];
		auto val = [&]() -> std::string {
			if (i + 1 >= argc)
				usage();
			return argv[++i];
		};
		auto num = [&]() { return int(std::strtol(val().c_str(), nullptr, 0)); };

		if (o == "--kind") conf.kind = val();
		else if (o == "--role") conf.role = val();
		else if (o == "--impl") conf.impl = val();
		else if (o == "--group") conf.group = val();
		else if (o == "-n") conf.n = num();
		else if (o == "--reps") conf.reps = num();
		else if (o == "--inflight") conf.inflight = num();
		else if (o == "--port") conf.port = num();
		else if (o == "--label") conf.label = val();
		else if (o == "--psk-key") conf.psk_key = num();
		else if (o == "--psk-ring") conf.psk_ring = num();
		else if (o == "--cert") conf.cert = num();
		else if (o == "--privkey") conf.privkey = num();
		else if (o == "--trust") conf.trust = num();
		else if (o == "--psk-hex") conf.psk_hex = val();
		else if (o == "--psk-id") conf.psk_id = val();
		else if (o == "--cert-pem") conf.cert_pem = val();
		else if (o == "--key-pem") conf.key_pem = val();
		else if (o == "--ca-pem") conf.ca_pem = val();
		else if (o == "--name") conf.name = val();
		else if (o == "--self-only") conf.self_only = true;
		else if (o == "--perf-ctl") conf.perf_ctl = val();
		else if (o == "--seed") conf.seed = unsigned(num());
		else usage();
	}
	if ((conf.kind != "psk" && conf.kind != "cert") ||
	    (conf.role != "server" && conf.role != "client") ||
	    (conf.impl != "engine" && conf.impl != "openssl" && conf.impl != "openssl-ktls") ||
	    conf.n < 1 || conf.reps < 1 || conf.inflight < 1)
		usage();
	group_code(conf.group);
	if (conf.label.empty())
		conf.label = conf.kind + "/" + conf.group + "/" + conf.role + "/" + conf.impl;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc > 1 && std::string(argv[1]) == "time") {
		std::setvbuf(stdout, nullptr, _IOLBF, 0);
		return run_time(argc, argv);
	}
	parse(argc, argv);
	std::setvbuf(stdout, nullptr, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (conf.impl == "engine" || conf.mode == "rate") {
		devfd = open(TLS13_TEST_DEVICE, O_RDWR | O_CLOEXEC);
		if (conf.impl == "engine" && devfd < 0)
			fatal("%s: %s", TLS13_TEST_DEVICE, std::strerror(errno));
	}
	if (conf.mode == "cpu")
		run_cpu();
	else if (conf.mode == "rate")
		run_rate();
	else if (conf.mode == "mem")
		run_mem();
	else if (conf.mode == "storm")
		run_storm();
	else
		usage();
	return 0;
}
