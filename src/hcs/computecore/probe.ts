/**
 * Which computecore exports this host has, without calling any: the `auto` choice of API (computecore.dll where
 * the exports the HCS layer needs exist, vmcompute.dll otherwise) and the Windows smoke test's report.
 */
import { COMPUTECORE_EXPORTS, REQUIRED_EXPORTS, type ComputecoreExport } from './export-names.ts';

export interface ComputecoreSupport {
  /** The library probed. */
  libraryPath: string;
  /** Loaded, and every export the HCS layer needs is there. */
  usable: boolean;
  /** Why it cannot be loaded at all (absent, not a DLL); null when it loaded. */
  loadError: string | null;
  present: ComputecoreExport[];
  missing: ComputecoreExport[];
  /** The required exports among `missing`. */
  missingRequired: ComputecoreExport[];
}

/** Loads the library (koffi is imported only now) and looks up every export. */
export async function probeComputecore(libraryPath?: string): Promise<ComputecoreSupport> {
  const { ComputecoreExports } = await import('./exports.ts');
  let exports: ReturnType<typeof ComputecoreExports.load>;
  try {
    exports = ComputecoreExports.load(libraryPath);
  } catch (e) {
    return {
      libraryPath: libraryPath ?? '',
      usable: false,
      loadError: e instanceof Error ? e.message : String(e),
      present: [],
      missing: [...COMPUTECORE_EXPORTS],
      missingRequired: [...REQUIRED_EXPORTS],
    };
  }
  const present = COMPUTECORE_EXPORTS.filter((name) => exports.has(name));
  const missing = COMPUTECORE_EXPORTS.filter((name) => !present.includes(name));
  const missingRequired = REQUIRED_EXPORTS.filter((name) => missing.includes(name));
  return {
    libraryPath: exports.libraryPath,
    usable: missingRequired.length === 0,
    loadError: null,
    present,
    missing,
    missingRequired,
  };
}
