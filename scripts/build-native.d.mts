// Types of scripts/build-native.mjs for TypeScript importers (tests, scripts).

export interface NativeLibraries {
  /** build/native */
  dir: string;
  /** build/native/libvmcompute_sim.so */
  vmcompute: string;
  /** build/native/libcomputecore_sim.so: computecore.dll's exports, newer ones included */
  computecore: string;
  /** build/native/libcomputecore_sim_base.so: only the base exports of the first builds with computecore.dll */
  computecoreBase: string;
  /** build/native/libsimhost.so */
  simhost: string;
}

export interface BuildResult extends NativeLibraries {
  /** Something was compiled (false when the stamp matched). */
  built: boolean;
  /** Nothing to build on this platform (Windows). */
  skipped: boolean;
}

export const nativeLibraries: NativeLibraries;

/** Compiles sim/native into build/native unless the build stamp is current; rejects with the compiler's output. */
export function buildNative(options?: { quiet?: boolean }): Promise<BuildResult>;
