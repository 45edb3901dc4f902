/* HRESULTs the client library produces or tests itself (everything else comes from the service). Each define
 * follows a comment that starts with its name in the HRESULT table (src/hcs/hresults.ts):
 * test/facts/hresults.test.ts checks the codes and names against it. */
#ifndef SIM_HRESULT_H
#define SIM_HRESULT_H

#include <stdint.h>

#define SIM_S_OK ((int32_t)0)
/* RPC_S_SERVER_UNAVAILABLE: the service cannot be reached, or the connection dropped mid-call. */
#define SIM_E_SERVER_UNAVAILABLE ((int32_t)0x800706BAu)
/* RPC_S_CALL_FAILED: the service answered with a frame this library cannot make sense of. */
#define SIM_E_CALL_FAILED ((int32_t)0x800706BEu)
/* E_HANDLE (ERROR_INVALID_HANDLE): a registration handle this library does not know (or already released). */
#define SIM_E_INVALID_HANDLE ((int32_t)0x80070006u)
/* E_POINTER: a required out pointer (handle, registration, callback) was NULL. */
#define SIM_E_POINTER ((int32_t)0x80004003u)
/* E_OUTOFMEMORY */
#define SIM_E_OUTOFMEMORY ((int32_t)0x8007000Eu)
/* E_INVALIDARG: a request too large to frame. */
#define SIM_E_INVALIDARG ((int32_t)0x80070057u)
/* ERROR_VMCOMPUTE_OPERATION_PENDING: the service accepted an asynchronous call; a notification follows. */
#define SIM_E_OPERATION_PENDING ((int32_t)0xC0370103u)

#endif
