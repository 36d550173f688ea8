/** Number, time and distance formatting for the UI (one place, so every panel agrees). */

export function fmtClock(t: number): string {
  const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), s = Math.floor(t % 60);
  const d = Math.floor(h / 24);
  const hh = String(h % 24).padStart(2, '0');
  return `${d ? `${d}d ` : ''}${hh}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** 12 m, 340 m, 1.2 km */
export function fmtDistance(m: number): string {
  if (!Number.isFinite(m)) return '–';
  if (m < 10) return `${m.toFixed(1)} m`;
  if (m < 1000) return `${Math.round(m)} m`;
  return `${(m / 1000).toFixed(m < 10_000 ? 1 : 0)} km`;
}

/** a duration in seconds, short: 40 s, 12 min, 3 h 5 min, 2 d */
export function fmtDuration(s: number): string {
  if (!Number.isFinite(s)) return '–';
  s = Math.max(0, s);
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) {
    const h = Math.floor(s / 3600), m = Math.round((s % 3600) / 60);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  return `${(s / 86400).toFixed(1)} d`;
}

/** "just now", "3 min ago" */
export function fmtAgo(s: number): string {
  if (!Number.isFinite(s)) return '';
  if (s < 45) return 'just now';
  return `${fmtDuration(s)} ago`;
}

/** thousands separators, and a sensible number of decimals for the magnitude */
export function fmtNumber(v: number, maxDecimals = 2): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  const d = a >= 100 ? 0 : a >= 10 ? Math.min(1, maxDecimals) : maxDecimals;
  return v.toLocaleString('en-US', { maximumFractionDigits: d });
}

export function fmtPercent(share: number): string {
  return Number.isFinite(share) ? `${Math.round(share * 100)}%` : '–';
}

/** median BLE range from the log-distance model: 10^((rssi1m - sensitivity) / (10 n)) metres */
export function medianRange(rssiAt1m: number, sensitivityDbm: number, n: number): number {
  return Math.pow(10, (rssiAt1m - sensitivityDbm) / (10 * n));
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
