/* Marshalling shared by both client libraries: handle values, and one request/answer with its shape checked. */
#ifndef SIM_MARSHAL_H
#define SIM_MARSHAL_H

#include <stdint.h>

#include "wire.h"

#pragma GCC visibility push(hidden)

static inline int64_t handle_to_i64(const void *handle) { return (int64_t)(intptr_t)handle; }
static inline void *i64_to_handle(int64_t value) { return (void *)(intptr_t)value; }

/*
 * Sends the request (consumed) and checks the answer against the op's response shape (wire.h). A successful
 * answer of the wrong shape is RPC_S_CALL_FAILED; an unreadable failure answer keeps its HRESULT. Afterwards
 * *reply holds readable fields or none; the caller frees it with wire_frame_free.
 */
int32_t roundtrip(wire_request_t *req, const char *shape, wire_frame_t *reply);

#pragma GCC visibility pop

#endif
