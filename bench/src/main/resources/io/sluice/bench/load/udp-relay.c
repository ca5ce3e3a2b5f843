/*
 * udp-relay: the smallest fan-out the load tool can compare gateways with (bin/sluice-load --gateways c-relay; the load tool compiles it from its jar).
 * Reads datagrams from HOST:PORT in batches (recvmmsg, blocking until at least one) and sends each batch to every
 * output with one sendmmsg on that output's own connected socket: the shape of Sluice's fan-out, without Java,
 * Netty, statistics or any per-packet work. A full output socket drops (MSG_DONTWAIT), never blocks the others.
 *
 *   udp-relay HOST INGEST_PORT OUT_PORT[,OUT_PORT...]      (all on HOST, IPv4)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH 32
#define SLOT 2048
#define MAX_OUTPUTS 256

static int bound_socket(const char *host, int port, int rcvbuf) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short) port)};
    if (fd < 0 || inet_pton(AF_INET, host, &a.sin_addr) != 1) {
        perror("udp-relay: socket");
        exit(1);
    }
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    if (bind(fd, (struct sockaddr *) &a, sizeof a) != 0) {
        fprintf(stderr, "udp-relay: bind %s:%d: %s\n", host, port, strerror(errno));
        exit(1);
    }
    return fd;
}

static int connected_socket(const char *host, int port, int sndbuf) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short) port)};
    inet_pton(AF_INET, host, &a.sin_addr);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    if (fd < 0 || connect(fd, (struct sockaddr *) &a, sizeof a) != 0) {
        fprintf(stderr, "udp-relay: connect %s:%d: %s\n", host, port, strerror(errno));
        exit(1);
    }
    return fd;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: udp-relay HOST INGEST_PORT OUT_PORT[,OUT_PORT...]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    const char *host = argv[1];
    int in = bound_socket(host, atoi(argv[2]), 4 << 20);
    int outs[MAX_OUTPUTS];
    int n = 0;
    for (char *p = strtok(argv[3], ","); p != NULL && n < MAX_OUTPUTS; p = strtok(NULL, ",")) {
        outs[n++] = connected_socket(host, atoi(p), 4 << 20);
    }
    static char data[BATCH][SLOT];
    struct iovec iov[BATCH];
    struct mmsghdr rx[BATCH], tx[BATCH];
    for (;;) {
        for (int i = 0; i < BATCH; i++) {
            iov[i] = (struct iovec) {.iov_base = data[i], .iov_len = SLOT};
            memset(&rx[i], 0, sizeof rx[i]);
            rx[i].msg_hdr.msg_iov = &iov[i];
            rx[i].msg_hdr.msg_iovlen = 1;
        }
        int got = recvmmsg(in, rx, BATCH, MSG_WAITFORONE, NULL);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            perror("udp-relay: recvmmsg");
            return 1;
        }
        struct iovec out_iov[BATCH];
        for (int i = 0; i < got; i++) {
            out_iov[i] = (struct iovec) {.iov_base = data[i], .iov_len = rx[i].msg_len};
            memset(&tx[i], 0, sizeof tx[i]);
            tx[i].msg_hdr.msg_iov = &out_iov[i];
            tx[i].msg_hdr.msg_iovlen = 1;
        }
        for (int o = 0; o < n; o++) {
            int sent = 0;
            while (sent < got) {
                int r = sendmmsg(outs[o], tx + sent, (unsigned) (got - sent), MSG_DONTWAIT);
                if (r > 0) {
                    sent += r;
                } else if (r < 0 && errno == EINTR) {
                    continue;
                } else if (r < 0 && errno != EAGAIN && errno != ENOBUFS) {
                    sent++;   /* a refused datagram (ECONNREFUSED ...): go on with the next */
                } else {
                    break;    /* socket buffer full: drop the rest for this output */
                }
            }
        }
    }
}
