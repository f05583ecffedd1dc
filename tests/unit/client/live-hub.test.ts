import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveHub, type EventSourceLike, type LiveChange, type LiveState } from "@/lib/client/live-hub";

class FakeSource implements EventSourceLike {
  closed = false;
  private listeners = new Map<string, ((event: Event) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data?: unknown) {
    const event = data === undefined ? new Event(type) : new MessageEvent(type, { data: JSON.stringify(data) });
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
}

let opened: FakeSource[];
let hub: LiveHub;
beforeEach(() => {
  vi.useFakeTimers();
  opened = [];
  hub = new LiveHub((url) => {
    const s = new FakeSource(url);
    opened.push(s);
    return s;
  });
});
afterEach(() => void vi.useRealTimers());

function subscriber(...topics: string[]) {
  const changes: string[] = [];
  const received: LiveChange[] = [];
  const states: LiveState[] = [];
  const onChange = (t: string, change: LiveChange) => {
    changes.push(t);
    received.push(change);
  };
  return { sub: { topics: new Set(topics), onChange, onState: (s: LiveState) => void states.push(s) }, changes, received, states };
}
const topicsOf = (s: FakeSource) => decodeURIComponent(s.url.split("topics=")[1]);

describe("one live-updates connection per tab", () => {
  it("opens one stream for the union of what the components mounted together want", () => {
    const a = subscriber("incident:7");
    const b = subscriber("incidents", "escalations");
    hub.subscribe(a.sub);
    hub.subscribe(b.sub);
    expect(opened).toHaveLength(0); // not once per component: after the batch
    vi.runAllTimers();
    expect(opened).toHaveLength(1);
    expect(topicsOf(opened[0])).toBe("escalations,incident:7,incidents");
  });

  it("hands each change to the subscribers of its topic only, and tells all of them when it is live", () => {
    const a = subscriber("incident:7");
    const b = subscriber("incidents");
    hub.subscribe(a.sub);
    hub.subscribe(b.sub);
    vi.runAllTimers();
    opened[0].emit("open");
    const pushed = { topic: "incident:7", at: "2026-11-29T00:00:00Z", parts: ["incident"], snapshot: { incident: { version: 3 } } };
    opened[0].emit("change", pushed);
    expect(a.changes).toEqual(["incident:7"]);
    expect(a.received).toEqual([pushed]); // the data it carries reaches the subscriber whole
    expect(b.changes).toEqual([]);
    expect(a.states.at(-1)).toBe("live");
    expect(b.states.at(-1)).toBe("live");
    opened[0].emit("error");
    expect(a.states.at(-1)).toBe("connecting");
  });

  it("reconnects when the wanted topics change, keeps the stream when they do not, and closes when nobody listens", () => {
    const a = subscriber("incident:7");
    const offA = hub.subscribe(a.sub);
    vi.runAllTimers();
    const b = subscriber("incident:7");
    const offB = hub.subscribe(b.sub);
    vi.runAllTimers();
    expect(opened).toHaveLength(1); // same union, same stream
    const c = subscriber("alerts");
    const offC = hub.subscribe(c.sub);
    vi.runAllTimers();
    expect(opened).toHaveLength(2);
    expect(opened[0].closed).toBe(true);
    expect(topicsOf(opened[1])).toBe("alerts,incident:7");
    // a late event of the old stream is ignored
    opened[0].emit("change", { topic: "incident:7" });
    expect(a.changes).toEqual([]);
    offA();
    offB();
    offC();
    vi.runAllTimers();
    expect(opened[1].closed).toBe(true);
    expect(opened).toHaveLength(2);
  });
});
