// The Korean catalogues use one term per concept (docs/glossary.md). This catches the words the
// glossary rules out, in every ko*.json — also in catalogues added later by other features.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

const DIR = fileURLToPath(new URL("../../../lib/i18n/messages/", import.meta.url));

/** [ruled-out wording, the glossary's term] */
const RULED_OUT: [RegExp, string][] = [
  [/(?<!(?:시스템|DB|네트워크) )관리자/, "어드민 (the admin user role); 관리자 only in the contacts roles 시스템/DB/네트워크 관리자"],
  [/관리자\s*\(\s*매니저\s*\)/, "매니저 (the manager user role)"],
  [/인시던트/, "장애"],
  [/메트릭/, "지표"],
  [/등급/, "심각도"],
  [/보관함/, "발송함 (the outbox)"],
  [/장애 룸/, "장애 화면"],
  [/재오픈/, "다시 열기 / 다시 열림"],
  [/당번|당직/, "온콜"],
  [/\b(?:Provider|Vendor)\b/i, "제공업체 / 업체"],
];

function messages(value: unknown, key: string, out: [string, string][]) {
  if (typeof value === "string") out.push([key, value]);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) messages(v, key ? `${key}.${k}` : k, out);
  return out;
}

describe("Korean catalogues follow docs/glossary.md", () => {
  it("no ruled-out term", () => {
    const lines: string[] = [];
    for (const file of readdirSync(DIR)
      .filter((f) => /^ko(\..+)?\.json$/.test(f))
      .sort()) {
      for (const [key, text] of messages(JSON.parse(readFileSync(join(DIR, file), "utf8")), "", [])) {
        for (const [re, term] of RULED_OUT) if (re.test(text)) lines.push(`${file} ${key}: "${text}" — use ${term}`);
      }
    }
    if (lines.length > 0)
      throw new Error(`${lines.length} Korean message(s) off the glossary (docs/glossary.md):\n  ${lines.join("\n  ")}\n`);
  });
});
