/* The simulator's frame format (sim/PROTOCOL.md "Frames"): encoding requests, decoding answers. */
#ifndef SIM_WIRE_H
#define SIM_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <uchar.h>

/* Internal to the library: nothing declared here is exported from the shared object. */
#pragma GCC visibility push(hidden)

#define WIRE_HEADER_SIZE 16u
/* Upper bound for one frame in either direction; anything larger is a protocol error, not a request. */
#define WIRE_FRAME_MAX (64u * 1024u * 1024u)

enum { WIRE_KIND_REQUEST = 1, WIRE_KIND_RESPONSE = 2, WIRE_KIND_NOTIFICATION = 3 };
enum { WIRE_FAILED_TOO_LARGE = 1, WIRE_FAILED_NO_MEMORY = 2 };
enum { WIRE_TAG_NULL = 0, WIRE_TAG_I64 = 1, WIRE_TAG_STR16 = 2, WIRE_TAG_FD = 3 };

/* A request under construction: header and field count are patched in by wire_request_finish. */
typedef struct {
  uint8_t *data;
  size_t len;
  size_t cap;
  uint16_t nfields;
  int failed; /* WIRE_FAILED_*: the request cannot be sent */
} wire_request_t;

void wire_request_init(wire_request_t *req, uint32_t op);
void wire_request_i64(wire_request_t *req, int64_t value);
/* A NULL string is encoded as a NULL field (PCWSTR parameters may be NULL). */
void wire_request_str16(wire_request_t *req, const char16_t *str);
/* Patches length and field count; returns 0, or -1 if the request failed to build (see req->failed). */
int wire_request_finish(wire_request_t *req);
void wire_request_set_id(wire_request_t *req, uint32_t id);
void wire_request_free(wire_request_t *req);

/* A decoded field. Strings are malloc'd, NUL-terminated copies; fds are owned by the field until taken. */
typedef struct {
  uint8_t tag;
  int64_t i64;
  char16_t *str;
  int fd;
} wire_field_t;

typedef struct {
  uint32_t kind;
  uint32_t id;
  int32_t code;
  uint16_t nfields;
  wire_field_t *fields;
} wire_frame_t;

/* Reads the 16-byte header. Returns 0, or -1 if the length is out of range. */
int wire_parse_header(const uint8_t header[WIRE_HEADER_SIZE], uint32_t *length, wire_frame_t *frame);
/*
 * Decodes the body into frame->fields. FD slots index into fds[0..nfds); each descriptor is handed to at most
 * one field and taken out of fds[] (set to -1), so the caller closes whatever is left. Returns 0, or -1 if the
 * body is malformed (then the frame holds nothing).
 */
int wire_parse_body(const uint8_t *body, size_t len, int *fds, int nfds, wire_frame_t *frame);
/* Frees the strings and closes the descriptors still owned by the frame. */
void wire_frame_free(wire_frame_t *frame);

/*
 * Checks a response's fields against a shape: one letter per field, I (I64), S (STR16), F (FD); a NULL field
 * matches any letter. Extra fields are allowed. Returns 1 when it matches.
 */
int wire_frame_has_shape(const wire_frame_t *frame, const char *shape);
/* Ownership transfers: the frame forgets the value. Missing/NULL fields give 0, NULL or -1. */
int64_t wire_frame_i64(const wire_frame_t *frame, unsigned index);
char16_t *wire_frame_take_str(wire_frame_t *frame, unsigned index);
int wire_frame_take_fd(wire_frame_t *frame, unsigned index);

/* Number of code units before the terminating NUL. */
size_t wire_u16len(const char16_t *str);
/* UTF-8 → malloc'd UTF-16 (invalid bytes become U+FFFD). NULL on allocation failure. */
char16_t *wire_utf8_to_utf16(const char *str);
/* UTF-16 → malloc'd UTF-8 (a lone surrogate becomes U+FFFD). NULL on allocation failure. */
char *wire_utf16_to_utf8(const char16_t *str);
/* A malloc'd copy of a NUL-terminated UTF-16 string; NULL for NULL or on allocation failure. */
char16_t *wire_u16dup(const char16_t *str);

#pragma GCC visibility pop

#endif
