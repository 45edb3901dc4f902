/*
 * Checks sim/native/idmap.c against a plain array: random puts, replacements, gets and removes over keys that
 * look like the libraries' own (heap addresses, small sequential ids), through many resizes and with deleted
 * slots piling up, then every key once more. Prints "ok <operations>" or the first difference; exit 0 or 1.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "idmap.h"

#define KEYS 4096
#define ROUNDS 400000

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint64_t next_random(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

int main(void) {
  static uint64_t keys[KEYS];
  static void *expected[KEYS];
  void *blocks[KEYS / 2];
  for (int i = 0; i < KEYS / 2; i++) {
    blocks[i] = malloc(48);
    keys[i] = idmap_key_of(blocks[i]);
  }
  for (int i = KEYS / 2; i < KEYS; i++) keys[i] = (uint64_t)(i - KEYS / 2 + 1);

  idmap_t map = {0};
  size_t live = 0;
  for (long round = 0; round < ROUNDS; round++) {
    int k = (int)(next_random() % KEYS);
    void *value = (void *)(uintptr_t)(next_random() | 1);
    switch (next_random() % 3) {
    case 0:
      if (idmap_put(&map, keys[k], value) != 0) {
        printf("put failed at round %ld\n", round);
        return 1;
      }
      if (!expected[k]) live++;
      expected[k] = value;
      break;
    case 1:
      if (idmap_remove(&map, keys[k]) != expected[k]) {
        printf("remove of key %d gave another value at round %ld\n", k, round);
        return 1;
      }
      if (expected[k]) live--;
      expected[k] = NULL;
      break;
    default:
      if (idmap_get(&map, keys[k]) != expected[k]) {
        printf("get of key %d gave another value at round %ld\n", k, round);
        return 1;
      }
    }
    if (map.used != live) {
      printf("the map counts %zu entries, %zu expected, at round %ld\n", map.used, live, round);
      return 1;
    }
    if (map.capacity && (map.used + map.deleted) * 4 > map.capacity * 3) {
      printf("the table is over 3/4 full at round %ld\n", round);
      return 1;
    }
  }
  for (int k = 0; k < KEYS; k++) {
    if (idmap_get(&map, keys[k]) != expected[k]) {
      printf("key %d differs at the end\n", k);
      return 1;
    }
  }
  if (idmap_get(&map, 0) || idmap_put(&map, 0, keys) == 0 || idmap_put(&map, UINT64_MAX, keys) == 0) {
    printf("a reserved key was taken\n");
    return 1;
  }
  idmap_clear(&map);
  if (idmap_get(&map, keys[0]) || map.used != 0) {
    printf("the map is not empty after clear\n");
    return 1;
  }
  for (int i = 0; i < KEYS / 2; i++) free(blocks[i]);
  printf("ok %d\n", ROUNDS);
  return 0;
}
