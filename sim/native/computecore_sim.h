/*
 * The C ABI of libcomputecore_sim.so: computecore.dll's exports (the HCS V2 API: ComputeCore.h / ComputeDefs.h of
 * the Windows SDK) with Linux types (UTF-16 strings are char16_t, handles pointer-sized, HRESULT int32_t),
 * CoTaskMemFree and LocalFree for the strings they return, and Sim* diagnostics that nothing may depend on.
 *
 * Built twice (scripts/build-native.mjs): libcomputecore_sim.so with every export below, and
 * libcomputecore_sim_base.so without the newer ones (CC_SIM_NEWER_EXPORTS unset), the set of the first builds
 * that had computecore.dll, so a binding's lazy loading meets a missing export as it would on such a build.
 */
#ifndef COMPUTECORE_SIM_H
#define COMPUTECORE_SIM_H

#include <stdint.h>
#include <uchar.h>

#define SIM_EXPORT __attribute__((visibility("default")))

typedef int32_t HRESULT;
typedef void *HANDLE;
typedef void *HCS_SYSTEM;
typedef void *HCS_PROCESS;
typedef void *HCS_OPERATION;
typedef const char16_t *PCWSTR;
typedef char16_t *PWSTR;

/* HCS_OPERATION_TYPE */
enum {
  HcsOperationTypeNone = -1,
  HcsOperationTypeEnumerate = 0,
  HcsOperationTypeCreate = 1,
  HcsOperationTypeStart = 2,
  HcsOperationTypeShutdown = 3,
  HcsOperationTypePause = 4,
  HcsOperationTypeResume = 5,
  HcsOperationTypeSave = 6,
  HcsOperationTypeTerminate = 7,
  HcsOperationTypeModify = 8,
  HcsOperationTypeGetProperties = 9,
  HcsOperationTypeCreateProcess = 10,
  HcsOperationTypeSignalProcess = 11,
  HcsOperationTypeGetProcessInfo = 12,
  HcsOperationTypeGetProcessProperties = 13,
  HcsOperationTypeModifyProcess = 14,
  HcsOperationTypeCrash = 15,
  HcsOperationTypeLiveMigration = 19,
};

/* HCS_EVENT_TYPE */
enum {
  HcsEventInvalid = 0x00000000,
  HcsEventSystemExited = 0x00000001,
  HcsEventSystemCrashInitiated = 0x00000002,
  HcsEventSystemCrashReport = 0x00000003,
  HcsEventSystemRdpEnhancedModeStateChanged = 0x00000004,
  HcsEventSystemSiloJobCreated = 0x00000005,
  HcsEventSystemGuestConnectionClosed = 0x00000006,
  HcsEventProcessExited = 0x00010000,
  HcsEventOperationCallback = 0x01000000,
  HcsEventServiceDisconnect = 0x02000000,
  HcsEventGroupVmLifecycle = (int)0x80000002u,
  HcsEventGroupLiveMigration = (int)0x80000003u,
  HcsEventGroupOperationInfo = (int)0xC0000001u,
};

/* HCS_EVENT_OPTIONS (flags) and HCS_OPERATION_OPTIONS */
enum {
  HcsEventOptionNone = 0,
  HcsEventOptionEnableOperationCallbacks = 1,
  HcsEventOptionEnableVmLifecycle = 2,
  HcsEventOptionEnableLiveMigrationEvents = 4,
};
enum { HcsOperationOptionNone = 0, HcsOperationOptionProgressUpdate = 1 };

/* HCS_RESOURCE_TYPE */
enum {
  HcsResourceTypeNone = 0,
  HcsResourceTypeFile = 1,
  HcsResourceTypeJob = 2,
  HcsResourceTypeComObject = 3,
  HcsResourceTypeSocket = 4,
};

/* 24 bytes on x64: Type @0, EventData @8 (may be NULL), Operation @16 (OperationCallback events only). */
typedef struct {
  uint32_t Type;
  PCWSTR EventData;
  HCS_OPERATION Operation;
} HCS_EVENT;

/* 32 bytes; the std handles are file descriptors here (0 = none), owned by whoever took them from the operation. */
typedef struct {
  uint32_t ProcessId;
  uint32_t Reserved;
  HANDLE StdInput;
  HANDLE StdOutput;
  HANDLE StdError;
} HCS_PROCESS_INFORMATION;

typedef void (*HCS_OPERATION_COMPLETION)(HCS_OPERATION operation, void *context);
/* `event` and its EventData belong to the library and are valid during the call only. */
typedef void (*HCS_EVENT_CALLBACK)(HCS_EVENT *event, void *context);

#define HcsCreateOptions_1 0x00010000
/* 48 bytes: the optional create options of HcsCreateComputeSystemInNamespace. */
typedef struct {
  int32_t Version;
  HANDLE UserToken;
  const void *SecurityDescriptor;
  uint32_t CallbackOptions;
  void *CallbackContext;
  HCS_EVENT_CALLBACK Callback;
} HCS_CREATE_OPTIONS_1;

/* ---- operations ---- */
SIM_EXPORT HCS_OPERATION HcsCreateOperation(const void *context, HCS_OPERATION_COMPLETION callback);
SIM_EXPORT void HcsCloseOperation(HCS_OPERATION operation);
SIM_EXPORT void *HcsGetOperationContext(HCS_OPERATION operation);
SIM_EXPORT HRESULT HcsSetOperationContext(HCS_OPERATION operation, const void *context);
SIM_EXPORT HCS_SYSTEM HcsGetComputeSystemFromOperation(HCS_OPERATION operation);
SIM_EXPORT HCS_PROCESS HcsGetProcessFromOperation(HCS_OPERATION operation);
SIM_EXPORT int32_t HcsGetOperationType(HCS_OPERATION operation);
SIM_EXPORT uint64_t HcsGetOperationId(HCS_OPERATION operation);
SIM_EXPORT HRESULT HcsGetOperationResult(HCS_OPERATION operation, PWSTR *resultDocument);
SIM_EXPORT HRESULT HcsGetOperationResultAndProcessInfo(HCS_OPERATION operation,
                                                       HCS_PROCESS_INFORMATION *processInformation,
                                                       PWSTR *resultDocument);
SIM_EXPORT HRESULT HcsWaitForOperationResult(HCS_OPERATION operation, uint32_t timeoutMs, PWSTR *resultDocument);
SIM_EXPORT HRESULT HcsWaitForOperationResultAndProcessInfo(HCS_OPERATION operation, uint32_t timeoutMs,
                                                           HCS_PROCESS_INFORMATION *processInformation,
                                                           PWSTR *resultDocument);
SIM_EXPORT HRESULT HcsSetOperationCallback(HCS_OPERATION operation, const void *context,
                                           HCS_OPERATION_COMPLETION callback);
SIM_EXPORT HRESULT HcsCancelOperation(HCS_OPERATION operation);
SIM_EXPORT HRESULT HcsAddResourceToOperation(HCS_OPERATION operation, uint32_t type, PCWSTR uri, HANDLE handle);
#ifdef CC_SIM_NEWER_EXPORTS
SIM_EXPORT HCS_OPERATION HcsCreateOperationWithNotifications(uint32_t eventTypes, const void *context,
                                                             HCS_EVENT_CALLBACK callback);
SIM_EXPORT HRESULT HcsGetOperationProperties(HCS_OPERATION operation, PCWSTR options, PWSTR *resultDocument);
#endif

/* ---- compute systems ---- */
SIM_EXPORT HRESULT HcsEnumerateComputeSystems(PCWSTR query, HCS_OPERATION operation);
SIM_EXPORT HRESULT HcsEnumerateComputeSystemsInNamespace(PCWSTR idNamespace, PCWSTR query, HCS_OPERATION operation);
SIM_EXPORT HRESULT HcsCreateComputeSystem(PCWSTR id, PCWSTR configuration, HCS_OPERATION operation,
                                          const void *securityDescriptor, HCS_SYSTEM *computeSystem);
SIM_EXPORT HRESULT HcsCreateComputeSystemInNamespace(PCWSTR idNamespace, PCWSTR id, PCWSTR configuration,
                                                     HCS_OPERATION operation, const HCS_CREATE_OPTIONS_1 *options,
                                                     HCS_SYSTEM *computeSystem);
SIM_EXPORT HRESULT HcsOpenComputeSystem(PCWSTR id, uint32_t requestedAccess, HCS_SYSTEM *computeSystem);
SIM_EXPORT HRESULT HcsOpenComputeSystemInNamespace(PCWSTR idNamespace, PCWSTR id, uint32_t requestedAccess,
                                                   HCS_SYSTEM *computeSystem);
SIM_EXPORT void HcsCloseComputeSystem(HCS_SYSTEM computeSystem);
SIM_EXPORT HRESULT HcsStartComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options);
SIM_EXPORT HRESULT HcsShutDownComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options);
SIM_EXPORT HRESULT HcsTerminateComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options);
SIM_EXPORT HRESULT HcsCrashComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options);
SIM_EXPORT HRESULT HcsPauseComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options);
SIM_EXPORT HRESULT HcsResumeComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options);
SIM_EXPORT HRESULT HcsSaveComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options);
SIM_EXPORT HRESULT HcsGetComputeSystemProperties(HCS_SYSTEM computeSystem, HCS_OPERATION operation,
                                                 PCWSTR propertyQuery);
SIM_EXPORT HRESULT HcsModifyComputeSystem(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR configuration,
                                          HANDLE identity);
SIM_EXPORT HRESULT HcsSetComputeSystemCallback(HCS_SYSTEM computeSystem, uint32_t callbackOptions,
                                               const void *context, HCS_EVENT_CALLBACK callback);
#ifdef CC_SIM_NEWER_EXPORTS
/* From Windows Server 2022 (docs/hcs/computecore.md "Load exports lazily"). */
SIM_EXPORT HRESULT HcsWaitForComputeSystemExit(HCS_SYSTEM computeSystem, uint32_t timeoutMs, PWSTR *result);
SIM_EXPORT HRESULT HcsInitializeLiveMigrationOnSource(HCS_SYSTEM computeSystem, HCS_OPERATION operation,
                                                      PCWSTR options);
SIM_EXPORT HRESULT HcsStartLiveMigrationOnSource(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options);
SIM_EXPORT HRESULT HcsStartLiveMigrationTransfer(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options);
SIM_EXPORT HRESULT HcsFinalizeLiveMigration(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options);
SIM_EXPORT HRESULT HcsCancelLiveMigration(HCS_SYSTEM computeSystem, HCS_OPERATION operation, PCWSTR options);
#endif

/* ---- processes ---- */
SIM_EXPORT HRESULT HcsCreateProcess(HCS_SYSTEM computeSystem, PCWSTR processParameters, HCS_OPERATION operation,
                                    const void *securityDescriptor, HCS_PROCESS *process);
SIM_EXPORT HRESULT HcsOpenProcess(HCS_SYSTEM computeSystem, uint32_t processId, uint32_t requestedAccess,
                                  HCS_PROCESS *process);
SIM_EXPORT void HcsCloseProcess(HCS_PROCESS process);
SIM_EXPORT HRESULT HcsTerminateProcess(HCS_PROCESS process, HCS_OPERATION operation, PCWSTR options);
SIM_EXPORT HRESULT HcsSignalProcess(HCS_PROCESS process, HCS_OPERATION operation, PCWSTR options);
SIM_EXPORT HRESULT HcsGetProcessInfo(HCS_PROCESS process, HCS_OPERATION operation);
SIM_EXPORT HRESULT HcsGetProcessProperties(HCS_PROCESS process, HCS_OPERATION operation, PCWSTR propertyQuery);
SIM_EXPORT HRESULT HcsModifyProcess(HCS_PROCESS process, HCS_OPERATION operation, PCWSTR settings);
SIM_EXPORT HRESULT HcsSetProcessCallback(HCS_PROCESS process, uint32_t callbackOptions, void *context,
                                         HCS_EVENT_CALLBACK callback);
#ifdef CC_SIM_NEWER_EXPORTS
SIM_EXPORT HRESULT HcsWaitForProcessExit(HCS_PROCESS process, uint32_t timeoutMs, PWSTR *result);
#endif

/* ---- the service (synchronous, no operation) ---- */
SIM_EXPORT HRESULT HcsGetServiceProperties(PCWSTR propertyQuery, PWSTR *result);
SIM_EXPORT HRESULT HcsModifyServiceSettings(PCWSTR settings, PWSTR *result);
SIM_EXPORT HRESULT HcsCreateEmptyGuestStateFile(PCWSTR guestStateFilePath);
SIM_EXPORT HRESULT HcsCreateEmptyRuntimeStateFile(PCWSTR runtimeStateFilePath);
SIM_EXPORT HRESULT HcsGrantVmAccess(PCWSTR vmId, PCWSTR filePath);
SIM_EXPORT HRESULT HcsRevokeVmAccess(PCWSTR vmId, PCWSTR filePath);
SIM_EXPORT HRESULT HcsGrantVmGroupAccess(PCWSTR filePath);
SIM_EXPORT HRESULT HcsRevokeVmGroupAccess(PCWSTR filePath);
SIM_EXPORT HRESULT HcsGetProcessorCompatibilityFromSavedState(PCWSTR runtimeFileName,
                                                              PCWSTR *processorFeaturesString);
#ifdef CC_SIM_NEWER_EXPORTS
SIM_EXPORT HRESULT HcsSubmitWerReport(PCWSTR settings);
#endif

/* Every string this library hands out comes from malloc; Microsoft's pages name either function. */
SIM_EXPORT void CoTaskMemFree(void *pv);
SIM_EXPORT void *LocalFree(void *mem);

/* Diagnostics, not part of computecore's ABI: 0 never connected, 1 connected, 2 lost. */
SIM_EXPORT int32_t SimConnectionState(void);
/* Why the last connect was refused (the endpoint's checks), empty when it was not; returns the length. */
SIM_EXPORT int32_t SimLastConnectError(char *buffer, int32_t size);
/* Operations created and not yet closed; system and process handles open; both for leak checks in tests. */
SIM_EXPORT int32_t SimLiveOperations(void);
SIM_EXPORT int32_t SimLiveHandles(void);

#endif
