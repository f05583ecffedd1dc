// Turns the errors of net, fetch, ioredis, mysql2, kafkajs and the Kubernetes client into one readable
// line, e.g. "Redis at 127.0.0.1:6380 refused the connection". Pure.

export interface ErrorInfo {
  message: string;
  code?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The innermost useful error: fetch wraps the socket error in `cause`, net wraps several in AggregateError. */
function innermost(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    if (!isRecord(current)) return current;
    if (typeof current.code === "string" && current.code.startsWith("E")) return current;
    if (Array.isArray(current.errors) && current.errors.length > 0) {
      current = current.errors[0];
      continue;
    }
    if (current.cause !== undefined) {
      current = current.cause;
      continue;
    }
    return current;
  }
  return current;
}

export function errorInfo(error: unknown): ErrorInfo {
  const inner = innermost(error);
  const source = isRecord(inner) ? inner : isRecord(error) ? error : undefined;
  const outer = isRecord(error) && typeof error.message === "string" ? error.message : String(error);
  const message = source && typeof source.message === "string" && source.message ? source.message : outer;
  const info: ErrorInfo = { message };
  if (source && typeof source.code === "string") info.code = source.code;
  else if (source && typeof source.code === "number") info.code = String(source.code);
  return info;
}

const BY_CODE: Record<string, string> = {
  ECONNREFUSED: "refused the connection",
  ECONNRESET: "reset the connection",
  EPIPE: "closed the connection",
  ETIMEDOUT: "did not accept the connection in time",
  ENOTFOUND: "could not be resolved (host not found)",
  EAI_AGAIN: "could not be resolved (DNS lookup failed)",
  EHOSTUNREACH: "is unreachable (no route to host)",
  ENETUNREACH: "is unreachable (network unreachable)",
  ECONNABORTED: "aborted the connection",
  ERR_TLS_CERT_ALTNAME_INVALID: "presented a TLS certificate for another host name",
  DEPTH_ZERO_SELF_SIGNED_CERT: "presented a self-signed TLS certificate",
  SELF_SIGNED_CERT_IN_CHAIN: "presented a TLS certificate signed by an unknown authority",
  ER_ACCESS_DENIED_ERROR: "denied access",
  ER_DBACCESS_DENIED_ERROR: "denied access to the database",
  ER_BAD_DB_ERROR: "has no such database",
};

/** `label` names the target, e.g. "Redis at 127.0.0.1:6380". */
export function describeError(label: string, error: unknown): string {
  const info = errorInfo(error);
  const phrase = info.code ? BY_CODE[info.code] : undefined;
  if (phrase) {
    // The driver's own text adds the user name for access errors; keep it, it holds no secret.
    const detail = info.code?.startsWith("ER_") ? `: ${info.message}` : "";
    return `${label} ${phrase}${detail}`;
  }
  return `${label}: ${info.message}`;
}
