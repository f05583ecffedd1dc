import { describe, expect, it } from "vitest";
import { ndjsonLines } from "@/lib/client/ndjson";

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

async function all(body: ReadableStream<Uint8Array>) {
  const out: unknown[] = [];
  for await (const line of ndjsonLines(body)) out.push(line);
  return out;
}

describe("NDJSON reader", () => {
  it("yields one value per line, across chunk boundaries, skipping blank lines, with a last line without newline", async () => {
    const bytes = new TextEncoder().encode('{"type":"start"}\n\n{"type":"result","summary":"지연 없음"}\n{"type":"done"}');
    // split inside a line and inside the multi-byte Korean characters
    const cuts = [5, 22, 40, bytes.length];
    const chunks = cuts.map((end, i) => bytes.subarray(i === 0 ? 0 : cuts[i - 1], end));
    expect(await all(streamOf(chunks))).toEqual([{ type: "start" }, { type: "result", summary: "지연 없음" }, { type: "done" }]);
  });

  it("yields lines as they arrive, before the body ends", async () => {
    let push!: (text: string) => void;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (push = (t) => c.enqueue(new TextEncoder().encode(t))) });
    const lines = ndjsonLines(body);
    push('{"n":1}\n{"n":');
    expect((await lines.next()).value).toEqual({ n: 1 });
    push("2}\n");
    expect((await lines.next()).value).toEqual({ n: 2 });
  });

  it("fails on a line that is not JSON", async () => {
    await expect(all(streamOf([new TextEncoder().encode('{"ok":true}\nnot json\n')]))).rejects.toThrow(SyntaxError);
  });
});
