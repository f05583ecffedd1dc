// Durations as the manual counts them (minutes), shortened for seconds: "45초", "2분 15초", "1시간 3분".
export function formatDuration(ms: number, locale: "ko" | "en"): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (locale === "ko") {
    if (h > 0) return `${h}시간 ${m}분`;
    if (m > 0) return s > 0 && m < 10 ? `${m}분 ${s}초` : `${m}분`;
    return `${s}초`;
  }
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return s > 0 && m < 10 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

export function formatClock(t: number, locale: "ko" | "en", withSeconds = false): string {
  return new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-GB", {
    timeZone: "Asia/Seoul",
    hour: "2-digit",
    minute: "2-digit",
    ...(withSeconds ? { second: "2-digit" } : {}),
    hourCycle: "h23",
  }).format(new Date(t));
}
