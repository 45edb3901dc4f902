/*
 * A hash map from a 64-bit key to a pointer, for the registries the libraries look things up in on every call:
 * the handles and operations libcomputecore_sim gives out (keyed by their address) and the client's
 * registrations (keyed by id). A list searched from the front cost a scan of every live entry under the lock
 * each call waits for — with 10,000 systems open, longer than the call itself — where real HCS finds a handle at
 * once. Open addressing with linear probing; grows at 3/4 full, counting deleted slots.
 *
 * Keys 0 and UINT64_MAX are reserved (empty and deleted slots). Not thread-safe: the owner's lock guards it.
 */
#ifndef SIM_IDMAP_H
#define SIM_IDMAP_H

#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

typedef struct {
  uint64_t *keys;
  void **values;
  size_t capacity; /* 0 or a power of two */
  size_t used;     /* live entries */
  size_t deleted;  /* slots marked deleted */
} idmap_t;

/* Adds or replaces `key`'s value. 0, or -1 when memory ran out (the map is unchanged then). */
int idmap_put(idmap_t *map, uint64_t key, void *value);
/* `key`'s value, or NULL. */
void *idmap_get(const idmap_t *map, uint64_t key);
/* Removes `key`; returns the value it had, or NULL. */
void *idmap_remove(idmap_t *map, uint64_t key);
/* Forgets every entry and frees the table. */
void idmap_clear(idmap_t *map);

static inline uint64_t idmap_key_of(const void *pointer) { return (uint64_t)(uintptr_t)pointer; }

#pragma GCC visibility pop

#endif
