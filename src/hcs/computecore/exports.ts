/**
 * computecore.dll's exports (ComputeCore.h of the Windows SDK; Microsoft's "Host Compute System API reference"),
 * each declared once, here, with anonymous koffi types (no process-global type name is claimed), and each only
 * when first used: loading the DLL never fails because an export is missing, and a call to one this Windows
 * build lacks fails with ExportMissingError ("not supported on this Windows build"), as hcsshim's `?` imports do.
 *
 * Every export is WINAPI (__stdcall, which only matters on 32-bit x86; HCS hosts are 64-bit). `PWSTR*` outputs
 * are HCS-allocated and freed with CoTaskMemFree (../ffi/hcs-strings.ts).
 */
import koffi from 'koffi';
import { loadHcsStrings, type HcsStrings } from '../ffi/hcs-strings.ts';
import { keepAsyncMemoryResident } from '../ffi/koffi-memory.ts';
import type { KoffiFunction, KoffiLibrary, KoffiTypeSpec } from '../ffi/koffi-types.ts';
import { processInformationType } from '../ffi/process-information.ts';
import { checkComputecorePresent, computecoreLibraryPath } from './loader.ts';
import type { ComputecoreExport } from './export-names.ts';
import { ExportMissingError } from './missing-export.ts';

const PCWSTR = 'const char16_t *';
const HANDLE = 'void *';
const HRESULT = 'int32_t';
const DWORD = 'uint32_t';

/** The C types the exports share. */
export interface ComputecoreTypes {
  /** HCS_EVENT */
  event: KoffiTypeSpec;
  /** HCS_EVENT_CALLBACK, for koffi.register */
  eventCallback: KoffiTypeSpec;
  /** HCS_OPERATION_COMPLETION, for koffi.register */
  completion: KoffiTypeSpec;
  outPointer: KoffiTypeSpec;
  outProcessInformation: KoffiTypeSpec;
}

interface Signature {
  result: KoffiTypeSpec;
  params: KoffiTypeSpec[];
}

/** The C types of the exports, made once per process (koffi types are values). */
function makeTypes(): ComputecoreTypes {
  // HCS_EVENT (24 bytes): u32 Type @0, PCWSTR EventData @8, HCS_OPERATION Operation @16.
  const event = koffi.struct({ Type: 'uint32_t', EventData: PCWSTR, Operation: HANDLE });
  // void CALLBACK HCS_EVENT_CALLBACK(HCS_EVENT *event, void *context)
  const eventCallback = koffi.pointer(koffi.proto('void', [koffi.pointer(event), 'void *']));
  // void CALLBACK HCS_OPERATION_COMPLETION(HCS_OPERATION operation, void *context)
  const completion = koffi.pointer(koffi.proto('void', [HANDLE, 'void *']));
  const outPointer = koffi.out(koffi.pointer(HANDLE));
  const outProcessInformation = koffi.out(koffi.pointer(processInformationType()));
  return { event, eventCallback, completion, outPointer, outProcessInformation };
}

/** Each export's result and parameter types, as ComputeCore.h declares them. */
function signatures(t: ComputecoreTypes): Record<ComputecoreExport, Signature> {
  const Out = t.outPointer;
  const OutInfo = t.outProcessInformation;
  const sig = (result: KoffiTypeSpec, ...params: KoffiTypeSpec[]): Signature => ({ result, params });
  const systemOp = sig(HRESULT, HANDLE, HANDLE, PCWSTR); // (HCS_SYSTEM, HCS_OPERATION, PCWSTR options)
  return {
    // Operations
    HcsCreateOperation: sig(HANDLE, 'void *', t.completion),
    HcsCreateOperationWithNotifications: sig(HANDLE, DWORD, 'void *', t.eventCallback),
    HcsCloseOperation: sig('void', HANDLE),
    HcsGetOperationContext: sig('void *', HANDLE),
    HcsSetOperationContext: sig(HRESULT, HANDLE, 'void *'),
    HcsGetComputeSystemFromOperation: sig(HANDLE, HANDLE),
    HcsGetProcessFromOperation: sig(HANDLE, HANDLE),
    HcsGetOperationType: sig('int32_t', HANDLE),
    HcsGetOperationId: sig('uint64_t', HANDLE),
    HcsGetOperationResult: sig(HRESULT, HANDLE, Out),
    HcsGetOperationResultAndProcessInfo: sig(HRESULT, HANDLE, OutInfo, Out),
    HcsWaitForOperationResult: sig(HRESULT, HANDLE, DWORD, Out),
    HcsWaitForOperationResultAndProcessInfo: sig(HRESULT, HANDLE, DWORD, OutInfo, Out),
    HcsSetOperationCallback: sig(HRESULT, HANDLE, 'void *', t.completion),
    HcsCancelOperation: sig(HRESULT, HANDLE),
    HcsGetOperationProperties: sig(HRESULT, HANDLE, PCWSTR, Out),
    HcsAddResourceToOperation: sig(HRESULT, HANDLE, 'uint32_t', PCWSTR, HANDLE),
    // Compute systems
    HcsEnumerateComputeSystems: sig(HRESULT, PCWSTR, HANDLE),
    HcsEnumerateComputeSystemsInNamespace: sig(HRESULT, PCWSTR, PCWSTR, HANDLE),
    HcsCreateComputeSystem: sig(HRESULT, PCWSTR, PCWSTR, HANDLE, 'void *', Out),
    HcsCreateComputeSystemInNamespace: sig(HRESULT, PCWSTR, PCWSTR, PCWSTR, HANDLE, 'void *', Out),
    HcsOpenComputeSystem: sig(HRESULT, PCWSTR, DWORD, Out),
    HcsOpenComputeSystemInNamespace: sig(HRESULT, PCWSTR, PCWSTR, DWORD, Out),
    HcsCloseComputeSystem: sig('void', HANDLE),
    HcsStartComputeSystem: systemOp,
    HcsShutDownComputeSystem: systemOp,
    HcsTerminateComputeSystem: systemOp,
    HcsCrashComputeSystem: systemOp,
    HcsPauseComputeSystem: systemOp,
    HcsResumeComputeSystem: systemOp,
    HcsSaveComputeSystem: systemOp,
    HcsGetComputeSystemProperties: systemOp,
    HcsModifyComputeSystem: sig(HRESULT, HANDLE, HANDLE, PCWSTR, HANDLE),
    HcsWaitForComputeSystemExit: sig(HRESULT, HANDLE, DWORD, Out),
    HcsSetComputeSystemCallback: sig(HRESULT, HANDLE, DWORD, 'void *', t.eventCallback),
    HcsInitializeLiveMigrationOnSource: systemOp,
    HcsStartLiveMigrationOnSource: systemOp,
    HcsStartLiveMigrationTransfer: systemOp,
    HcsFinalizeLiveMigration: systemOp,
    HcsCancelLiveMigration: systemOp,
    // Processes
    HcsCreateProcess: sig(HRESULT, HANDLE, PCWSTR, HANDLE, 'void *', Out),
    HcsOpenProcess: sig(HRESULT, HANDLE, DWORD, DWORD, Out),
    HcsCloseProcess: sig('void', HANDLE),
    HcsTerminateProcess: sig(HRESULT, HANDLE, HANDLE, PCWSTR),
    HcsSignalProcess: sig(HRESULT, HANDLE, HANDLE, PCWSTR),
    HcsGetProcessInfo: sig(HRESULT, HANDLE, HANDLE),
    HcsGetProcessProperties: sig(HRESULT, HANDLE, HANDLE, PCWSTR),
    HcsModifyProcess: sig(HRESULT, HANDLE, HANDLE, PCWSTR),
    HcsSetProcessCallback: sig(HRESULT, HANDLE, DWORD, 'void *', t.eventCallback),
    HcsWaitForProcessExit: sig(HRESULT, HANDLE, DWORD, Out),
    // The service
    HcsGetServiceProperties: sig(HRESULT, PCWSTR, Out),
    HcsModifyServiceSettings: sig(HRESULT, PCWSTR, Out),
    HcsSubmitWerReport: sig(HRESULT, PCWSTR),
    HcsCreateEmptyGuestStateFile: sig(HRESULT, PCWSTR),
    HcsCreateEmptyRuntimeStateFile: sig(HRESULT, PCWSTR),
    HcsGrantVmAccess: sig(HRESULT, PCWSTR, PCWSTR),
    HcsRevokeVmAccess: sig(HRESULT, PCWSTR, PCWSTR),
    HcsGrantVmGroupAccess: sig(HRESULT, PCWSTR),
    HcsRevokeVmGroupAccess: sig(HRESULT, PCWSTR),
    HcsGetProcessorCompatibilityFromSavedState: sig(HRESULT, PCWSTR, Out),
  };
}

let typeCache: ComputecoreTypes | null = null;
function types(): ComputecoreTypes {
  typeCache ??= makeTypes();
  return typeCache;
}

/** A loaded computecore library whose exports are declared on first use. */
export class ComputecoreExports {
  readonly libraryPath: string;
  readonly types: ComputecoreTypes;
  readonly strings: HcsStrings;
  readonly #lib: KoffiLibrary;
  readonly #signatures: Record<ComputecoreExport, Signature>;
  readonly #declared = new Map<ComputecoreExport, KoffiFunction | ExportMissingError>();

  private constructor(libraryPath: string, lib: KoffiLibrary) {
    this.libraryPath = libraryPath;
    this.#lib = lib;
    this.types = types();
    this.#signatures = signatures(this.types);
    this.strings = loadHcsStrings(lib);
  }

  /** Loads the library (the entry point's `explicitPath`, else the platform's). Throws if it is not there. */
  static load(explicitPath?: string): ComputecoreExports {
    const path = computecoreLibraryPath(explicitPath);
    checkComputecorePresent(path, explicitPath !== undefined);
    keepAsyncMemoryResident();
    return new ComputecoreExports(path, koffi.load(path));
  }

  /** The export, declared now if it was not yet; throws ExportMissingError when this build lacks it. */
  fn(name: ComputecoreExport): KoffiFunction {
    const found = this.#declare(name);
    if (found instanceof ExportMissingError) throw found;
    return found;
  }

  /** Whether this build has the export (declares it when it does). */
  has(name: ComputecoreExport): boolean {
    return !(this.#declare(name) instanceof ExportMissingError);
  }

  #declare(name: ComputecoreExport): KoffiFunction | ExportMissingError {
    let found = this.#declared.get(name);
    if (found === undefined) {
      const { result, params } = this.#signatures[name];
      try {
        found =
          process.platform === 'win32'
            ? this.#lib.func('__stdcall', name, result, [...params])
            : this.#lib.func(name, result, [...params]);
      } catch {
        // koffi cannot find the symbol: this build of the DLL does not export it.
        found = new ExportMissingError(name);
      }
      this.#declared.set(name, found);
    }
    return found;
  }
}
