// One server-sent-events connection per browser tab for every component that listens: the hub opens
// /api/v1/stream for the union of the topics its subscribers want, reconnects (once per batch of
// changes) when that union changes, and hands each "change" event to the subscribers of its topic.

export type LiveState = "live" | "connecting";

/** One `change` event as the server sends it (app/api/v1/stream); `snapshot` only on incident changes that carry one. */
export interface LiveChange {
  topic: string;
  at: string;
  parts?: string[];
  snapshot?: unknown;
}

export interface LiveSubscriber {
  topics: ReadonlySet<string>;
  onChange(topic: string, change: LiveChange): void;
  onState(state: LiveState): void;
}

/** The part of EventSource the hub uses (a fake one in tests). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export type OpenStream = (url: string) => EventSourceLike;

export class LiveHub {
  private readonly subscribers = new Set<LiveSubscriber>();
  private source: EventSourceLike | null = null;
  private url = "";
  private pending: ReturnType<typeof setTimeout> | undefined;
  state: LiveState = "connecting";

  constructor(private readonly open: OpenStream = (url) => new EventSource(url)) {}

  subscribe(subscriber: LiveSubscriber): () => void {
    this.subscribers.add(subscriber);
    subscriber.onState(this.state);
    this.schedule();
    return () => {
      this.subscribers.delete(subscriber);
      this.schedule();
    };
  }

  close(): void {
    clearTimeout(this.pending);
    this.source?.close();
    this.source = null;
    this.url = "";
  }

  /** Components mount and unmount in batches: reconnect once after the batch, not once per component. */
  private schedule(): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => this.reconnect(), 0);
  }

  private reconnect(): void {
    const topics = new Set<string>();
    for (const s of this.subscribers) for (const t of s.topics) topics.add(t);
    const url = topics.size > 0 ? `/api/v1/stream?topics=${encodeURIComponent([...topics].sort().join(","))}` : "";
    if (url === this.url) return;
    this.close();
    this.url = url;
    if (!url) return;
    this.setState("connecting");
    const source = this.open(url);
    this.source = source;
    source.addEventListener("open", () => this.source === source && this.setState("live"));
    source.addEventListener("error", () => this.source === source && this.setState("connecting"));
    source.addEventListener("change", (event) => {
      if (this.source !== source) return;
      const change = JSON.parse((event as MessageEvent<string>).data) as LiveChange;
      for (const s of this.subscribers) if (s.topics.has(change.topic)) s.onChange(change.topic, change);
    });
  }

  private setState(state: LiveState): void {
    this.state = state;
    for (const s of this.subscribers) s.onState(state);
  }
}
