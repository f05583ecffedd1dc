// The usage scan behind catalogues.test.ts: if it misreads code, unused keys hide or used keys get deleted.
import { describe, expect, it } from "vitest";
import { scanSource, type Usage } from "./usage-scan";

function scan(text: string): { keys: string[]; patterns: string[]; problems: string[] } {
  const usage: Usage = { staticKeys: new Map(), dynamicPatterns: new Map(), problems: [] };
  scanSource("x.tsx", text, usage);
  return { keys: [...usage.staticKeys.keys()].sort(), patterns: [...usage.dynamicPatterns.keys()].sort(), problems: usage.problems };
}

describe("translation usage scan", () => {
  it("resolves each call to the nearest translator bound above it, with its namespace", () => {
    const r = scan(`
      export function A() {
        const t = useTranslations("escalations");
        const common = useTranslations("common");
        return <p>{t("title")} {common("loading")} {t.rich("subtitle", { b: (c) => c })} {t.has("x.y") && 1}</p>;
      }
      function B() {
        const t = useTranslations();
        return t("nav.incidents", { n: 1 });
      }
      export default async function Page() {
        const t = await getTranslations({ locale: "ko", namespace: "postmortems.print" });
        return t(locale === "ko" ? "inEnglish" : 'inKorean');
      }`);
    expect(r.keys).toEqual([
      "common.loading",
      "escalations.subtitle",
      "escalations.title",
      "escalations.x.y",
      "nav.incidents",
      "postmortems.print.inEnglish",
      "postmortems.print.inKorean",
    ]);
    expect(r.problems).toEqual([]);
  });

  it("turns keys built at run time into patterns", () => {
    const r = scan(`
      const t = useTranslations("escalations");
      t(\`delivery.\${d.state}\`); t(\`severity.\${s}desc\`); t(verdict); t(row.role);
      t(\`outbox.events.\${n.event}\`, { x: \`\${a}\` });`);
    expect(r.patterns).toEqual(["escalations.*", "escalations.delivery.*", "escalations.outbox.events.*", "escalations.severity.*desc"]);
    expect(r.keys).toEqual([]);
  });

  it("ignores comments, strings that merely look like calls, other objects' methods and calls before any binding", () => {
    const r = scan(`
      t("before.binding");
      const t = useTranslations("a");
      // t("in.a.comment")
      /* t("in.a.block") */
      const s = "t(\\"in.a.string\\")"; const re = /t\\("in.a.regex"\\)/;
      obj.t("method"); it("not t"); const x = at("nope");
      t("real");`);
    expect(r.keys).toEqual(["a.real"]);
  });

  it("reports what it cannot resolve instead of skipping it", () => {
    const r = scan(`
      const t = useTranslations("a");
      const u = useTranslations(ns);
      t(prefix + ".x"); t();`);
    expect(r.problems).toHaveLength(3);
    expect(r.problems[0]).toMatch(/x\.tsx:3: useTranslations\(…\) is not bound/);
    expect(r.problems[1]).toMatch(/x\.tsx:4: t\(prefix \+ "\.x"\)/);
    expect(r.problems[2]).toMatch(/called without a key/);
  });

  it("follows a translator declared by comment (a wrapper or createTranslator)", () => {
    const r = scan(`
      import { createTranslator } from "next-intl";
      const t = translator(locale); // i18n-translator: t
      const e = wrap(); // i18n-translator: e = escalations.timeline
      t("timeline.declared"); e("ack");`);
    expect(r.keys).toEqual(["escalations.timeline.ack", "timeline.declared"]);
  });
});
