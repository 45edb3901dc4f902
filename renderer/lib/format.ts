/** Bytes as a person reads them (binary units). */
export function formatBytes(n: unknown): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

/** HCS durations come in 100-ns units. */
export function formatDuration100ns(n: unknown): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  let seconds = Math.floor(n / 1e7);
  const h = Math.floor(seconds / 3600);
  seconds -= h * 3600;
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  if (h > 0) return `${h} h ${m} min ${s} s`;
  if (m > 0) return `${m} min ${s} s`;
  return `${(n / 1e7).toFixed(n < 1e7 ? 2 : 0)} s`;
}

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleTimeString();
}
