// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer: the kTLS socket the handshake leaves behind: its check, and
// the exchange of data over it (or over a stand-in Channel).

#include "ktls.hpp"
#include "names.hpp"
#include "peer.hpp"
#include "../../../net/handshake/tls13/testdev.h"

#include <linux/sockios.h>
#include <linux/tls.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace tls13peer {

namespace {

constexpr uint8_t HS_NEW_SESSION_TICKET = 4;
constexpr uint8_t HS_KEY_UPDATE = 24;
constexpr size_t MAX_RECORD = 16384;

} // namespace

// The kTLS cipher type a suite must have been installed with.
int ktls_cipher(uint16_t suite)
{
	switch (suite) {
	case 0x1301: return TLS_CIPHER_AES_GCM_128;
	case 0x1302: return TLS_CIPHER_AES_GCM_256;
	case 0x1303: return TLS_CIPHER_CHACHA20_POLY1305;
	case 0x1304: return TLS_CIPHER_AES_CCM_128;
	default: return -1;
	}
}

// kTLS TX and RX are installed, TLS 1.3, with the negotiated suite's cipher.
std::vector<std::string> check_ktls(int fd, uint16_t suite)
{
	std::vector<std::string> bad;
	char ulp[16] = "";
	socklen_t len = sizeof(ulp);

	if (getsockopt(fd, IPPROTO_TCP, TCP_ULP, ulp, &len))
		bad.push_back(std::string("TCP_ULP: ") + std::strerror(errno));
	else if (std::strcmp(ulp, "tls"))
		bad.push_back(std::string("the socket's ULP is '") + ulp + "', not tls");
	for (int dir : { TLS_TX, TLS_RX }) {
		const char *name = dir == TLS_TX ? "TLS_TX" : "TLS_RX";
		tls_crypto_info info = {};

		len = sizeof(info);
		if (getsockopt(fd, SOL_TLS, dir, &info, &len)) {
			bad.push_back(std::string(name) + " not installed: " + std::strerror(errno));
			continue;
		}
		if (info.version != TLS_1_3_VERSION)
			bad.push_back(std::string(name) + " version " + std::to_string(info.version) +
				      ", not TLS 1.3");
		if (info.cipher_type != ktls_cipher(suite))
			bad.push_back(std::string(name) + " cipher type " +
				      std::to_string(info.cipher_type) + " does not match " +
				      suite_str(suite));
	}
	return bad;
}

std::string send_queue(int fd)
{
	int outq = 0, nsd = 0;

	if (ioctl(fd, SIOCOUTQ, &outq) || ioctl(fd, SIOCOUTQNSD, &nsd))
		return std::string("send queue unknown: ") + std::strerror(errno);
	return "send queue " + std::to_string(outq) + " bytes unacknowledged, " +
	       std::to_string(nsd) + " of them not sent";
}

ssize_t KtlsChannel::recv(unsigned char *buf, size_t len, uint8_t &type)
{
	char cbuf[CMSG_SPACE(sizeof(unsigned char))];
	iovec iov = { buf, len };
	msghdr msg = {};
	ssize_t n;

	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	n = recvmsg(fd_, &msg, MSG_DONTWAIT);
	if (n < 0)
		return -errno;
	type = REC_DATA;
	for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
		if (c->cmsg_level == SOL_TLS && c->cmsg_type == TLS_GET_RECORD_TYPE)
			type = *CMSG_DATA(c);
	return n;
}

ssize_t KtlsChannel::send(const unsigned char *buf, size_t len)
{
	ssize_t n = ::send(fd_, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL);

	return n < 0 ? -errno : n;
}

int KtlsChannel::key_update(uint32_t flags)
{
	tls13_test_key_update k = { fd_, flags };

	return ioctl(devfd_, TLS13_TEST_KEY_UPDATE, &k) ? -errno : 0;
}

int KtlsChannel::close_write()
{
	unsigned char alert[2] = { 1, ALERT_CLOSE_NOTIFY };	// warning level
	char cbuf[CMSG_SPACE(sizeof(unsigned char))] = {};
	iovec iov = { alert, sizeof(alert) };
	msghdr msg = {};
	cmsghdr *c;

	timeval tmo = { 5, 0 };

	// A blocking send, bounded: the alert must not be cut short.
	setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tmo, sizeof(tmo));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_TLS;
	c->cmsg_type = TLS_SET_RECORD_TYPE;
	c->cmsg_len = CMSG_LEN(sizeof(unsigned char));
	*CMSG_DATA(c) = REC_ALERT;
	if (sendmsg(fd_, &msg, MSG_NOSIGNAL) != ssize_t(sizeof(alert)))
		return -errno;
	return shutdown(fd_, SHUT_WR) ? -errno : 0;
}

std::string Exchange::progress() const
{
	return "sent " + std::to_string(sent_) + "/" + std::to_string(out_.size()) +
	       " bytes, received " + std::to_string(got_) + "/" +
	       std::to_string(expect_.size());
}

bool Exchange::on_data(const unsigned char *p, size_t n)
{
	size_t room = expect_.size() - got_;
	size_t cmp = std::min(n, room);
	auto diff = std::mismatch(p, p + cmp, expect_.begin() + got_);

	if (diff.first != p + cmp) {
		size_t off = got_ + size_t(diff.first - p);

		return fail("received data differs from the expected at byte " +
			    std::to_string(off) + ": got " +
			    excerpt(p, n, size_t(diff.first - p)) + ", expected " +
			    excerpt(expect_.data(), expect_.size(), off));
	}
	got_ += cmp;
	if (n > room)
		return fail("the peer sent " + std::to_string(n - room) +
			    " bytes more than the " + std::to_string(expect_.size()) +
			    " expected");
	return true;
}

bool Exchange::on_alert(const unsigned char *p, size_t n)
{
	if (n != 2)
		return fail("alert record of " + std::to_string(n) + " bytes");
	if (p[1] != ALERT_CLOSE_NOTIFY)
		return fail("the peer sent alert " + alert_str(p[1]));
	close_notify_ = true;
	return true;
}

bool Exchange::on_handshake(const unsigned char *p, size_t n)
{
	hs_.insert(hs_.end(), p, p + n);
	while (hs_.size() >= 4) {
		size_t len = size_t(hs_[1]) << 16 | size_t(hs_[2]) << 8 | hs_[3];

		if (hs_[0] == HS_KEY_UPDATE) {
			if (len != 1)
				return fail("KeyUpdate of " + std::to_string(len) + " bytes");
			if (hs_.size() < 5)
				break;
			// RFC 8446 5.1: a KeyUpdate ends its record
			if (hs_.size() > 5)
				return fail("KeyUpdate not at the end of its record");
			if (hs_[4] > 1)
				return fail("KeyUpdate request_update " + std::to_string(hs_[4]));
			int err = ch_.key_update(TLS13_TEST_KU_RECEIVED |
						 (hs_[4] ? TLS13_TEST_KU_REQUESTED : 0));
			if (err)
				return fail("following the peer's KeyUpdate " +
					    std::to_string(ku_received_ + 1) + ": " + errname(-err) +
					    " (" + std::strerror(-err) + ")");
			hs_.clear();
			ku_received_++;
			continue;
		}
		if (hs_[0] != HS_NEW_SESSION_TICKET)
			return fail("post-handshake message type " + std::to_string(hs_[0]) +
				    " (only NewSessionTicket and KeyUpdate are expected)");
		if (hs_.size() < 4 + len)
			break;
		hs_.erase(hs_.begin(), hs_.begin() + 4 + long(len));
		tickets_++;
	}
	return true;
}

bool Exchange::receive()
{
	unsigned char buf[MAX_RECORD + 256];
	uint8_t type = 0;
	ssize_t n = ch_.recv(buf, sizeof(buf), type);

	/*
	 * Read again at once after each record: on Linux 7.3, once kTLS has
	 * decrypted a KeyUpdate behind data it returned (the record waits
	 * for the next read), poll() hides it (a rekey is pending) and only
	 * a read finds it.
	 */
	rx_more_ = n > 0;
	if (n == -EAGAIN || n == -EINTR)
		return true;
	if (n < 0)
		return fail("receive: " + errname(int(-n)) + " (" + std::strerror(int(-n)) + ")");
	if (n == 0) {
		eof_ = true;
		return true;
	}
	if (close_notify_)
		return fail("record of type " + std::to_string(type) + " after close_notify");
	switch (type) {
	case REC_DATA:
		return on_data(buf, size_t(n));
	case REC_ALERT:
		return on_alert(buf, size_t(n));
	case REC_HANDSHAKE:
		return on_handshake(buf, size_t(n));
	default:
		return fail("record of unexpected type " + std::to_string(type));
	}
}

bool Exchange::transmit()
{
	size_t len = std::min(out_.size() - sent_, MAX_RECORD);
	ssize_t n;

	if (ku_every_ && sent_ >= ku_next_ && sent_ > 0) {
		int err = ch_.key_update(TLS13_TEST_KU_REQUESTED);

		if (err)
			return fail("sending KeyUpdate " + std::to_string(ku_sent_ + 1) + ": " +
				    errname(-err) + " (" + std::strerror(-err) + ")");
		ku_sent_++;
	}
	if (ku_every_ && sent_ >= ku_next_) {
		// at the end of the line that reaches the next N bytes: OpenSSL's
		// line buffer (s_server -rev) hands on a line cut by a KeyUpdate
		// as two lines
		auto nl = std::find(out_.begin() + long(std::min(sent_ + ku_every_, out_.size())) - 1,
				    out_.end(), '\n');
		ku_next_ = nl == out_.end() ? out_.size() : size_t(nl - out_.begin()) + 1;
	}
	if (ku_every_)
		len = std::min(len, ku_next_ - sent_);
	n = ch_.send(out_.data() + sent_, len);

	if (n == -EAGAIN || n == -EINTR)
		return true;
	if (n < 0)
		return fail("send: " + errname(int(-n)) + " (" + std::strerror(int(-n)) + ")");
	sent_ += size_t(n);
	return true;
}

// Poll the channel for @events and the peer's output; channel revents.
int Exchange::wait(short events, const Deadline &dl)
{
	std::vector<pollfd> fds = { { ch_.fd(), events, 0 } };

	if (peer_)
		peer_->add_pollfds(fds);
	short more = rx_more_ && (events & POLLIN) ? POLLIN : 0;

	if (poll(fds.data(), fds.size(), more ? 0 : dl.slice(1000)) <= 0)
		return more;
	if (peer_)
		peer_->handle_pollfds(fds);
	return fds[0].revents | more;
}

bool Exchange::run(const Deadline &dl)
{
	while (sent_ < out_.size() || got_ < expect_.size()) {
		short events = closed() ? 0 : POLLIN;	// no spinning at EOF
		int rev;

		if (got_ < expect_.size() && closed())
			return fail(std::string("the peer closed (") +
				    (close_notify_ ? "close_notify" : "end of stream") +
				    ") early: " + progress());
		if (dl.passed())
			return fail("timed out: " + progress() + "; " + send_queue(ch_.fd()));
		if (sent_ < out_.size())
			events |= POLLOUT;
		rev = wait(events, dl);
		if ((rev & (POLLIN | POLLERR | POLLHUP)) && !closed() && !receive())
			return false;
		if ((rev & POLLOUT) && sent_ < out_.size() && !transmit())
			return false;
	}
	return true;
}

bool Exchange::finish(const Deadline &dl, int drain_ms)
{
	Deadline drain(std::min(drain_ms, dl.left_ms()));
	int err = ch_.close_write();

	if (err && closed()) {
		note_ = "close_notify not sent (" + errname(-err) + "): the peer had closed";
		return true;
	}
	if (err)
		return fail("sending close_notify: " + errname(-err));
	while (!closed()) {
		if (drain.passed()) {
			note_ = "the peer did not close within " + std::to_string(drain_ms) + " ms";
			return true;
		}
		if ((wait(POLLIN, drain) & (POLLIN | POLLERR | POLLHUP)) && !receive()) {
			if (error_.find("ECONNRESET") == std::string::npos)
				return false;
			note_ = "the peer reset the connection after close_notify";
			error_.clear();
			return true;
		}
	}
	return true;
}

} // namespace tls13peer
