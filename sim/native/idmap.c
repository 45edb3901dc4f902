/* See idmap.h. */
#include "idmap.h"

#include <stdlib.h>

#define EMPTY 0u
#define DELETED UINT64_MAX

static size_t slot_of(uint64_t key, size_t capacity) {
  /* Fibonacci hashing: addresses and sequential ids both spread over the table. */
  return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 17) & (capacity - 1);
}

/* The slot holding `key`, or capacity when it is absent. */
static size_t find(const idmap_t *map, uint64_t key) {
  if (map->capacity == 0 || key == EMPTY || key == DELETED) return map->capacity;
  for (size_t i = slot_of(key, map->capacity), probes = 0; probes < map->capacity;
       i = (i + 1) & (map->capacity - 1), probes++) {
    if (map->keys[i] == key) return i;
    if (map->keys[i] == EMPTY) return map->capacity;
  }
  return map->capacity;
}

static int resize(idmap_t *map, size_t capacity) {
  uint64_t *keys = calloc(capacity, sizeof *keys);
  void **values = calloc(capacity, sizeof *values);
  if (!keys || !values) {
    free(keys);
    free(values);
    return -1;
  }
  for (size_t i = 0; i < map->capacity; i++) {
    uint64_t key = map->keys[i];
    if (key == EMPTY || key == DELETED) continue;
    size_t j = slot_of(key, capacity);
    while (keys[j] != EMPTY) j = (j + 1) & (capacity - 1);
    keys[j] = key;
    values[j] = map->values[i];
  }
  free(map->keys);
  free(map->values);
  map->keys = keys;
  map->values = values;
  map->capacity = capacity;
  map->deleted = 0;
  return 0;
}

int idmap_put(idmap_t *map, uint64_t key, void *value) {
  if (key == EMPTY || key == DELETED) return -1;
  size_t at = find(map, key);
  if (at < map->capacity) {
    map->values[at] = value;
    return 0;
  }
  if ((map->used + map->deleted + 1) * 4 > map->capacity * 3) {
    /* Twice the live entries' room; the same size again only clears deleted slots. */
    size_t capacity = map->capacity ? map->capacity : 16;
    while ((map->used + 1) * 2 > capacity) capacity *= 2;
    if (resize(map, capacity) != 0) return -1;
  }
  size_t i = slot_of(key, map->capacity);
  while (map->keys[i] != EMPTY && map->keys[i] != DELETED) i = (i + 1) & (map->capacity - 1);
  if (map->keys[i] == DELETED) map->deleted--;
  map->keys[i] = key;
  map->values[i] = value;
  map->used++;
  return 0;
}

void *idmap_get(const idmap_t *map, uint64_t key) {
  size_t at = find(map, key);
  return at < map->capacity ? map->values[at] : NULL;
}

void *idmap_remove(idmap_t *map, uint64_t key) {
  size_t at = find(map, key);
  if (at >= map->capacity) return NULL;
  void *value = map->values[at];
  map->keys[at] = DELETED;
  map->values[at] = NULL;
  map->used--;
  map->deleted++;
  return value;
}

void idmap_clear(idmap_t *map) {
  free(map->keys);
  free(map->values);
  map->keys = NULL;
  map->values = NULL;
  map->capacity = map->used = map->deleted = 0;
}
