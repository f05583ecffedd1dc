import "server-only";
// Small fetch wrapper for the HTTP probes: aborts with the probe's signal and never trusts the body to
// be JSON (Prometheus answers a 405 in plain text, proxies answer HTML).

export interface HttpAnswer {
  status: number;
  contentType: string;
  text: string;
  /** the parsed body, or undefined when it is not JSON */
  json: unknown;
}

export async function httpRequest(
  url: string,
  init: { signal: AbortSignal; method?: "GET" | "POST"; headers?: Record<string, string>; form?: Record<string, string> },
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { accept: "application/json", ...init.headers };
  let body: string | undefined;
  if (init.form) {
    body = new URLSearchParams(init.form).toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
  }
  const response = await fetch(url, { method: init.method ?? "GET", headers, body, signal: init.signal, redirect: "follow" });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", text, json };
}

/** "HTTP 405: Method Not Allowed" — the start of a non-JSON body, for error summaries. */
export function describeHttpBody(answer: HttpAnswer): string {
  const snippet = answer.text.replace(/\s+/g, " ").trim().slice(0, 120);
  return `HTTP ${answer.status}${snippet ? `: ${snippet}` : ""}`;
}
