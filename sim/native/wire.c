/* Frame encoding and decoding (sim/PROTOCOL.md "Frames"). Pure byte work: no I/O, no locks. */
#define _GNU_SOURCE
#include "wire.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* All integers on the wire are little-endian; assemble them byte by byte so host order never matters. */
static void put_u16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
}

static void put_u32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}

static void put_u64(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}

static uint16_t get_u16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

static uint32_t get_u32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint64_t get_u64(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
  return v;
}

/* Makes room for n more bytes; on failure marks the request failed and returns NULL. */
static uint8_t *reserve(wire_request_t *req, size_t n) {
  if (req->failed) return NULL;
  if (n > WIRE_FRAME_MAX || req->len + n > WIRE_FRAME_MAX) {
    req->failed = WIRE_FAILED_TOO_LARGE;
    return NULL;
  }
  if (req->len + n > req->cap) {
    size_t cap = req->cap ? req->cap : 256;
    while (cap < req->len + n) cap *= 2;
    uint8_t *data = realloc(req->data, cap);
    if (!data) {
      req->failed = WIRE_FAILED_NO_MEMORY;
      return NULL;
    }
    req->data = data;
    req->cap = cap;
  }
  uint8_t *at = req->data + req->len;
  req->len += n;
  return at;
}

void wire_request_init(wire_request_t *req, uint32_t op) {
  memset(req, 0, sizeof *req);
  uint8_t *head = reserve(req, WIRE_HEADER_SIZE + 2);
  if (!head) return;
  memset(head, 0, WIRE_HEADER_SIZE + 2);
  put_u32(head + 4, WIRE_KIND_REQUEST);
  put_u32(head + 12, op);
}

static void count_field(wire_request_t *req) {
  if (req->nfields == UINT16_MAX) req->failed = WIRE_FAILED_TOO_LARGE;
  else req->nfields++;
}

void wire_request_i64(wire_request_t *req, int64_t value) {
  uint8_t *p = reserve(req, 9);
  if (!p) return;
  p[0] = WIRE_TAG_I64;
  put_u64(p + 1, (uint64_t)value);
  count_field(req);
}

void wire_request_str16(wire_request_t *req, const char16_t *str) {
  if (!str) {
    uint8_t *p = reserve(req, 1);
    if (!p) return;
    p[0] = WIRE_TAG_NULL;
    count_field(req);
    return;
  }
  size_t units = wire_u16len(str);
  if (units > WIRE_FRAME_MAX / 2) {
    req->failed = WIRE_FAILED_TOO_LARGE;
    return;
  }
  uint8_t *p = reserve(req, 5 + units * 2);
  if (!p) return;
  p[0] = WIRE_TAG_STR16;
  put_u32(p + 1, (uint32_t)(units * 2));
  for (size_t i = 0; i < units; i++) put_u16(p + 5 + i * 2, (uint16_t)str[i]);
  count_field(req);
}

int wire_request_finish(wire_request_t *req) {
  if (!req->data && !req->failed) req->failed = WIRE_FAILED_NO_MEMORY;
  if (req->failed) return -1;
  put_u32(req->data, (uint32_t)req->len);
  put_u16(req->data + WIRE_HEADER_SIZE, req->nfields);
  return 0;
}

void wire_request_set_id(wire_request_t *req, uint32_t id) {
  if (req->data) put_u32(req->data + 8, id);
}

void wire_request_free(wire_request_t *req) {
  free(req->data);
  memset(req, 0, sizeof *req);
}

int wire_parse_header(const uint8_t header[WIRE_HEADER_SIZE], uint32_t *length, wire_frame_t *frame) {
  memset(frame, 0, sizeof *frame);
  *length = get_u32(header);
  frame->kind = get_u32(header + 4);
  frame->id = get_u32(header + 8);
  frame->code = (int32_t)get_u32(header + 12);
  /* The body holds at least the u16 field count. */
  if (*length < WIRE_HEADER_SIZE + 2 || *length > WIRE_FRAME_MAX) return -1;
  return 0;
}

int wire_parse_body(const uint8_t *body, size_t len, int *fds, int nfds, wire_frame_t *frame) {
  if (len < 2) return -1;
  uint16_t count = get_u16(body);
  wire_field_t *fields = NULL;
  if (count) {
    fields = calloc(count, sizeof *fields);
    if (!fields) return -1;
    for (unsigned i = 0; i < count; i++) fields[i].fd = -1;
  }
  frame->fields = fields;
  frame->nfields = count;

  size_t at = 2;
  for (unsigned i = 0; i < count; i++) {
    if (at >= len) goto malformed;
    uint8_t tag = body[at++];
    wire_field_t *field = &fields[i];
    field->tag = tag;
    switch (tag) {
      case WIRE_TAG_NULL:
        break;
      case WIRE_TAG_I64:
        if (len - at < 8) goto malformed;
        field->i64 = (int64_t)get_u64(body + at);
        at += 8;
        break;
      case WIRE_TAG_STR16: {
        if (len - at < 4) goto malformed;
        uint32_t bytes = get_u32(body + at);
        at += 4;
        if (bytes % 2 != 0 || len - at < bytes) goto malformed;
        size_t units = bytes / 2;
        char16_t *str = malloc((units + 1) * sizeof(char16_t));
        if (!str) goto malformed;
        for (size_t u = 0; u < units; u++) str[u] = get_u16(body + at + u * 2);
        str[units] = 0;
        field->str = str;
        at += bytes;
        break;
      }
      case WIRE_TAG_FD: {
        if (len - at < 4) goto malformed;
        int32_t slot = (int32_t)get_u32(body + at);
        at += 4;
        /* Each received descriptor goes to one field at most; a repeated or unknown slot gets none. */
        if (slot >= 0 && slot < nfds && fds[slot] >= 0) {
          field->fd = fds[slot];
          fds[slot] = -1;
        }
        break;
      }
      default:
        goto malformed;
    }
  }
  if (at != len) goto malformed;
  return 0;

malformed:
  wire_frame_free(frame);
  return -1;
}

void wire_frame_free(wire_frame_t *frame) {
  for (unsigned i = 0; i < frame->nfields; i++) {
    free(frame->fields[i].str);
    if (frame->fields[i].fd >= 0) close(frame->fields[i].fd);
  }
  free(frame->fields);
  frame->fields = NULL;
  frame->nfields = 0;
}

int wire_frame_has_shape(const wire_frame_t *frame, const char *shape) {
  size_t n = strlen(shape);
  if (frame->nfields < n) return 0;
  for (size_t i = 0; i < n; i++) {
    uint8_t tag = frame->fields[i].tag;
    if (tag == WIRE_TAG_NULL) continue;
    uint8_t want = shape[i] == 'I' ? WIRE_TAG_I64 : shape[i] == 'S' ? WIRE_TAG_STR16 : WIRE_TAG_FD;
    if (tag != want) return 0;
  }
  return 1;
}

int64_t wire_frame_i64(const wire_frame_t *frame, unsigned index) {
  if (index >= frame->nfields || frame->fields[index].tag != WIRE_TAG_I64) return 0;
  return frame->fields[index].i64;
}

char16_t *wire_frame_take_str(wire_frame_t *frame, unsigned index) {
  if (index >= frame->nfields) return NULL;
  char16_t *str = frame->fields[index].str;
  frame->fields[index].str = NULL;
  return str;
}

int wire_frame_take_fd(wire_frame_t *frame, unsigned index) {
  if (index >= frame->nfields) return -1;
  int fd = frame->fields[index].fd;
  frame->fields[index].fd = -1;
  return fd;
}

size_t wire_u16len(const char16_t *str) {
  size_t n = 0;
  while (str[n]) n++;
  return n;
}

char16_t *wire_utf8_to_utf16(const char *str) {
  size_t len = strlen(str);
  /* Each byte yields at most one code unit, except 4-byte sequences, which yield two: len + 1 is enough. */
  char16_t *out = malloc((len + 1) * sizeof(char16_t));
  if (!out) return NULL;
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0, o = 0;
  while (i < len) {
    unsigned c = s[i];
    unsigned need = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 4;
    uint32_t cp = need == 0 ? c : need == 1 ? (c & 0x1F) : need == 2 ? (c & 0x0F) : (c & 0x07);
    int ok = need < 4;
    for (unsigned k = 1; ok && k <= need; k++) {
      if (i + k >= len || (s[i + k] & 0xC0) != 0x80) ok = 0;
      else cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (ok && need == 1 && cp < 0x80) ok = 0;
    if (ok && need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ok = 0;
    if (ok && need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ok = 0;
    if (!ok) {
      out[o++] = 0xFFFD;
      i++;
      continue;
    }
    i += need + 1;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out[o++] = (char16_t)(0xD800 + (cp >> 10));
      out[o++] = (char16_t)(0xDC00 + (cp & 0x3FF));
    } else {
      out[o++] = (char16_t)cp;
    }
  }
  out[o] = 0;
  return out;
}

char16_t *wire_u16dup(const char16_t *str) {
  if (!str) return NULL;
  size_t len = wire_u16len(str);
  char16_t *copy = malloc((len + 1) * sizeof(char16_t));
  if (copy) memcpy(copy, str, (len + 1) * sizeof(char16_t));
  return copy;
}

char *wire_utf16_to_utf8(const char16_t *str) {
  size_t len = wire_u16len(str);
  /* A code unit yields at most three bytes (a surrogate pair, two units, yields four). */
  char *out = malloc(len * 3 + 1);
  if (!out) return NULL;
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    uint32_t cp = str[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < len && str[i + 1] >= 0xDC00 && str[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (str[i + 1] - 0xDC00);
      i++;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD; /* a lone surrogate */
    }
    if (cp < 0x80) {
      out[o++] = (char)cp;
    } else if (cp < 0x800) {
      out[o++] = (char)(0xC0 | (cp >> 6));
      out[o++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out[o++] = (char)(0xE0 | (cp >> 12));
      out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      out[o++] = (char)(0x80 | (cp & 0x3F));
    } else {
      out[o++] = (char)(0xF0 | (cp >> 18));
      out[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
      out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      out[o++] = (char)(0x80 | (cp & 0x3F));
    }
  }
  out[o] = 0;
  return out;
}
