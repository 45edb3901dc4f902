/*
 * The C ABI of libvmcompute_sim.so: vmcompute.dll's 26 Hcs* exports (docs/hcs/vmcompute.md#exports) with Linux types
 * (UTF-16 strings are char16_t, handles pointer-sized, HRESULT int32_t), CoTaskMemFree for the strings they
 * return, and two Sim* diagnostics that nothing may depend on.
 */
#ifndef VMCOMPUTE_SIM_H
#define VMCOMPUTE_SIM_H

#include "hcs_types.h"

typedef void *HCS_CALLBACK;

/* Runs on the library's dispatcher thread; `data` belongs to the library and is valid during the call only. */
typedef void (*HCS_NOTIFICATION_CALLBACK)(uint32_t type, void *context, int32_t status, const char16_t *data);

SIM_EXPORT HRESULT HcsEnumerateComputeSystems(PCWSTR query, PWSTR *computeSystems, PWSTR *result);
SIM_EXPORT HRESULT HcsCreateComputeSystem(PCWSTR id, PCWSTR configuration, HANDLE identity,
                                          HCS_SYSTEM *computeSystem, PWSTR *result);
SIM_EXPORT HRESULT HcsOpenComputeSystem(PCWSTR id, HCS_SYSTEM *computeSystem, PWSTR *result);
SIM_EXPORT HRESULT HcsCloseComputeSystem(HCS_SYSTEM computeSystem);
SIM_EXPORT HRESULT HcsStartComputeSystem(HCS_SYSTEM computeSystem, PCWSTR options, PWSTR *result);
SIM_EXPORT HRESULT HcsShutdownComputeSystem(HCS_SYSTEM computeSystem, PCWSTR options, PWSTR *result);
SIM_EXPORT HRESULT HcsTerminateComputeSystem(HCS_SYSTEM computeSystem, PCWSTR options, PWSTR *result);
SIM_EXPORT HRESULT HcsPauseComputeSystem(HCS_SYSTEM computeSystem, PCWSTR options, PWSTR *result);
SIM_EXPORT HRESULT HcsResumeComputeSystem(HCS_SYSTEM computeSystem, PCWSTR options, PWSTR *result);
SIM_EXPORT HRESULT HcsGetComputeSystemProperties(HCS_SYSTEM computeSystem, PCWSTR propertyQuery,
                                                 PWSTR *properties, PWSTR *result);
SIM_EXPORT HRESULT HcsModifyComputeSystem(HCS_SYSTEM computeSystem, PCWSTR configuration, PWSTR *result);
SIM_EXPORT HRESULT HcsModifyServiceSettings(PCWSTR settings, PWSTR *result);
SIM_EXPORT HRESULT HcsRegisterComputeSystemCallback(HCS_SYSTEM computeSystem, HCS_NOTIFICATION_CALLBACK callback,
                                                    void *context, HCS_CALLBACK *callbackHandle);
SIM_EXPORT HRESULT HcsUnregisterComputeSystemCallback(HCS_CALLBACK callbackHandle);
SIM_EXPORT HRESULT HcsSaveComputeSystem(HCS_SYSTEM computeSystem, PCWSTR options, PWSTR *result);
SIM_EXPORT HRESULT HcsCreateProcess(HCS_SYSTEM computeSystem, PCWSTR processParameters,
                                    HCS_PROCESS_INFORMATION *processInformation, HCS_PROCESS *process,
                                    PWSTR *result);
SIM_EXPORT HRESULT HcsOpenProcess(HCS_SYSTEM computeSystem, uint32_t processId, HCS_PROCESS *process,
                                  PWSTR *result);
SIM_EXPORT HRESULT HcsCloseProcess(HCS_PROCESS process);
SIM_EXPORT HRESULT HcsTerminateProcess(HCS_PROCESS process, PWSTR *result);
SIM_EXPORT HRESULT HcsSignalProcess(HCS_PROCESS process, PCWSTR options, PWSTR *result);
SIM_EXPORT HRESULT HcsGetProcessInfo(HCS_PROCESS process, HCS_PROCESS_INFORMATION *processInformation,
                                     PWSTR *result);
SIM_EXPORT HRESULT HcsGetProcessProperties(HCS_PROCESS process, PWSTR *processProperties, PWSTR *result);
SIM_EXPORT HRESULT HcsModifyProcess(HCS_PROCESS process, PCWSTR settings, PWSTR *result);
SIM_EXPORT HRESULT HcsGetServiceProperties(PCWSTR propertyQuery, PWSTR *properties, PWSTR *result);
SIM_EXPORT HRESULT HcsRegisterProcessCallback(HCS_PROCESS process, HCS_NOTIFICATION_CALLBACK callback,
                                              void *context, HCS_CALLBACK *callbackHandle);
SIM_EXPORT HRESULT HcsUnregisterProcessCallback(HCS_CALLBACK callbackHandle);

SIM_EXPORT void CoTaskMemFree(void *pv);

/* Diagnostics, not part of vmcompute's ABI: 0 never connected, 1 connected, 2 lost. */
SIM_EXPORT int32_t SimConnectionState(void);
/* Registrations made and not yet released by an unregister or close. */
SIM_EXPORT int32_t SimLiveRegistrations(void);
/*
 * Why the last connect was refused (a socket, directory or listening process that is not this user's, or a path
 * that cannot be used), NUL-terminated into buffer; returns the reason's length, 0 when it was not refused.
 */
SIM_EXPORT int32_t SimLastConnectError(char *buffer, int32_t size);

#endif
