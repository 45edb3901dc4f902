/*
 * Where the simulator service listens and whether what listens there may be trusted (sim/PROTOCOL.md
 * "Endpoint"). Shared by every client library of the simulator: each calls sim_endpoint_connect and gets either a
 * connected socket whose peer runs as this user, or -1 with the reason in `why` (empty when nothing listens).
 */
#ifndef SIM_ENDPOINT_H
#define SIM_ENDPOINT_H

#include <stddef.h>

#pragma GCC visibility push(hidden)

/* Room for any reason these functions give (two paths and two user names at most). */
#define SIM_ENDPOINT_WHY_SIZE 640

/*
 * The service socket: $HCS_SIM_SOCKET when set, else <dir>/sim.sock where <dir> is $XDG_RUNTIME_DIR/hcs-desktop
 * when $XDG_RUNTIME_DIR is a private directory of this user, else ${XDG_CACHE_HOME:-$HOME/.cache}/hcs-desktop.
 * Returns 0, or -1 (with `why`) when the path cannot be formed or does not fit a sockaddr_un.
 */
int sim_endpoint_path(char *path, size_t size, char *why, size_t why_size);

/*
 * Whether the socket at `path` may be trusted, from the file system alone (lstat): its directory (symlinks
 * resolved) belongs to this user or to root and nobody else can replace entries in it (not writable by group or
 * others, or sticky as /tmp is); the socket itself is a socket, not a link, and belongs to this user.
 * Returns 0 when trusted, 1 when nothing is there (ENOENT), -1 when refused (with `why`).
 */
int sim_endpoint_check_path(const char *path, char *why, size_t why_size);

/*
 * Whether the process at the other end of the connected Unix socket `fd` runs as this user (SO_PEERCRED, or
 * getpeereid where that is missing). Returns 0, or -1 with `why` naming `path` and the peer's user.
 */
int sim_endpoint_check_peer(int fd, const char *path, char *why, size_t why_size);

/*
 * Resolves the path, checks it, connects (non-blocking connect, retried briefly while the backlog is full, then
 * made blocking) and checks the peer. Returns the connected socket (close-on-exec), or -1: `why` is empty when
 * nothing could be reached and holds the reason when the endpoint was refused.
 */
int sim_endpoint_connect(char *why, size_t why_size);

#pragma GCC visibility pop

#endif
