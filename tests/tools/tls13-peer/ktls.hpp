// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer: the kTLS socket the handshake leaves behind: its check, and
// the exchange of data over it (or over a stand-in Channel).

#ifndef TLS13_PEER_KTLS_H
#define TLS13_PEER_KTLS_H

#include "util.hpp"

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tls13peer {

class Peer;

// TLS record content types, and the one alert an exchange ends with.
constexpr uint8_t REC_ALERT = 21;
constexpr uint8_t REC_HANDSHAKE = 22;
constexpr uint8_t REC_DATA = 23;
constexpr uint8_t ALERT_CLOSE_NOTIFY = 0;

// The kTLS cipher type a suite must have been installed with; -1 if none.
int ktls_cipher(uint16_t suite);

// kTLS TX and RX are installed, TLS 1.3, with the negotiated suite's cipher.
std::vector<std::string> check_ktls(int fd, uint16_t suite);

/*
 * Channel - a stream of records after the handshake: kTLS in the product;
 * plain TCP and a framed socketpair stand in for it in the selftest.
 */
class Channel {
public:
	virtual ~Channel() = default;
	virtual int fd() const = 0;
	// Receive from one record: length, 0 at EOF, -errno. Sets @type.
	virtual ssize_t recv(unsigned char *buf, size_t len, uint8_t &type) = 0;
	// Send application data: bytes taken or -errno (-EAGAIN).
	virtual ssize_t send(const unsigned char *buf, size_t len) = 0;
	// close_notify, then no more writes; 0 or -errno.
	virtual int close_write() = 0;
	// A KeyUpdate (TLS13_TEST_KU_* flags): follow the peer's, or send
	// ours; 0 or -errno (-EOPNOTSUPP: this channel cannot).
	virtual int key_update(uint32_t flags) { (void)flags; return -EOPNOTSUPP; }
};

// kTLS: the record type comes in a TLS_GET_RECORD_TYPE control message.
// The socket stays blocking; data goes and comes with MSG_DONTWAIT.
// KeyUpdates go to the engine through the test device (@devfd).
class KtlsChannel : public Channel {
public:
	KtlsChannel(int fd, int devfd) : fd_(fd), devfd_(devfd) {}
	int fd() const override { return fd_; }
	ssize_t recv(unsigned char *buf, size_t len, uint8_t &type) override;
	ssize_t send(const unsigned char *buf, size_t len) override;
	int close_write() override;
	int key_update(uint32_t flags) override;

private:
	int fd_, devfd_;
};

/*
 * Exchange - send @out and receive exactly @expect at the same time, then
 * close with a close_notify and wait for the peer's end of the stream.
 * NewSessionTicket messages are skipped (kTLS leaves them to us); a
 * KeyUpdate is handed to the engine (Channel::key_update), which moves
 * the receive key, and the send key if the peer asked; with
 * @ku_every > 0 we send a KeyUpdate (update_requested) of our own after
 * each @ku_every bytes of data. Any other handshake message, a malformed
 * KeyUpdate, an alert other than close_notify, a byte that differs or one
 * too many fail the exchange.
 */
// The TCP send queue of @fd: bytes not yet acknowledged, of them not sent.
std::string send_queue(int fd);

class Exchange {
public:
	Exchange(Channel &ch, const Bytes &out, const Bytes &expect, Peer *peer,
		 size_t ku_every = 0)
		: ch_(ch), out_(out), expect_(expect), peer_(peer), ku_every_(ku_every) {}

	bool run(const Deadline &dl);
	bool finish(const Deadline &dl, int drain_ms);

	const std::string &error() const { return error_; }
	const std::string &note() const { return note_; }
	unsigned int tickets() const { return tickets_; }
	unsigned int key_updates_received() const { return ku_received_; }
	unsigned int key_updates_sent() const { return ku_sent_; }
	size_t sent() const { return sent_; }
	size_t received() const { return got_; }

private:
	Channel &ch_;
	const Bytes &out_, &expect_;
	Peer *peer_;
	size_t sent_ = 0, got_ = 0;
	size_t ku_every_, ku_next_ = 0;	// ours: after ku_next_ bytes sent
	unsigned int tickets_ = 0, ku_received_ = 0, ku_sent_ = 0;
	bool close_notify_ = false, eof_ = false;
	bool rx_more_ = false;	// the last read got a record: read again
	Bytes hs_;	// handshake bytes not yet parsed
	std::string error_, note_;

	bool closed() const { return close_notify_ || eof_; }
	bool fail(const std::string &msg) { error_ = msg; return false; }
	bool on_data(const unsigned char *p, size_t n);
	bool on_alert(const unsigned char *p, size_t n);
	bool on_handshake(const unsigned char *p, size_t n);
	bool receive();
	bool transmit();
	int wait(short events, const Deadline &dl);
	std::string progress() const;
};

} // namespace tls13peer

#endif
