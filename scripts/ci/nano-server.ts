/**
 * Which Nano Server image a Windows host can run with process isolation. A process-isolated container shares
 * the host's kernel, so its image must not be newer than the host: a newer one fails in HCS
 * (`hcs::System::Start`, 0xc0370106 on the CI service's runners), and an older one fails on Windows Server
 * with "the operating system of the container does not match" (0xc0370101). Microsoft's version
 * compatibility table ("Windows container version compatibility", learn.microsoft.com) pairs each Windows
 * Server build with its image tag; Windows 11 (build 22000 and later) also runs the 2022 images isolated
 * as processes.
 */
export const NANO_SERVER_REPOSITORY = 'mcr.microsoft.com/windows/nanoserver';

/** Windows Server builds and the Nano Server tag built from each, oldest first. */
export const NANO_SERVER_TAGS: readonly { build: number; tag: string; server: string }[] = [
  { build: 20348, tag: 'ltsc2022', server: 'Windows Server 2022' },
  { build: 26100, tag: 'ltsc2025', server: 'Windows Server 2025' },
];

export interface ImageChoice {
  image: string;
  tag: string;
  /** The image's own build, which equals the host's on a Windows Server of that release. */
  imageBuild: number;
  exactMatch: boolean;
}

/** The newest Nano Server image whose build is not newer than `hostBuild`. */
export function nanoServerImageFor(hostBuild: number): ImageChoice {
  if (!Number.isInteger(hostBuild) || hostBuild <= 0)
    throw new Error(`not a Windows build number: ${String(hostBuild)}`);
  const fitting = NANO_SERVER_TAGS.filter((t) => t.build <= hostBuild);
  const chosen = fitting[fitting.length - 1];
  if (!chosen) {
    throw new Error(
      `Windows build ${hostBuild} is older than every Nano Server image this script knows ` +
        `(${NANO_SERVER_TAGS.map((t) => `${t.tag} = ${t.build}`).join(', ')}): no image can run isolated as a process here`,
    );
  }
  return {
    image: `${NANO_SERVER_REPOSITORY}:${chosen.tag}`,
    tag: chosen.tag,
    imageBuild: chosen.build,
    exactMatch: chosen.build === hostBuild,
  };
}

/** The build number of an `os.release()` string such as "10.0.20348". */
export function windowsBuildOf(release: string): number {
  const m = /^\d+\.\d+\.(\d+)/.exec(release.trim());
  if (!m) throw new Error(`cannot read a Windows build number from "${release}"`);
  return Number(m[1]);
}
