/* Marshalling shared by both client libraries (marshal.h). */
#include "marshal.h"

#include "client.h"
#include "hresult.h"

int32_t roundtrip(wire_request_t *req, const char *shape, wire_frame_t *reply) {
  int32_t hr = client_call(req, reply);
  if (reply->kind == WIRE_KIND_RESPONSE && !wire_frame_has_shape(reply, shape)) {
    wire_frame_free(reply);
    if (hr >= 0) hr = SIM_E_CALL_FAILED;
  }
  return hr;
}
