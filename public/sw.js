// Incident Command's service worker: shows Web Push pages and acknowledges them from the notification.
// A push carries (lib/domain/push/subscription.ts PushPayload) the page's title and text, the incident room's URL
// and the step's signed single-use acknowledge link. The "Acknowledge" action POSTs that link's API (the same one
// the /ack page posts to), so it works without a session; the answer replaces the notification. Plain script, no
// build step: the browser fetches it as it is, from the site root so its scope is the whole app.
/* global self */
"use strict";

const ICON = "/icons/icon-192.png";
const BADGE = "/icons/badge-96.png";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function parse(event) {
  try {
    const data = event.data ? event.data.json() : null;
    return data && data.v === 1 ? data : null;
  } catch {
    return null;
  }
}

self.addEventListener("push", (event) => {
  const page = parse(event);
  if (!page) {
    // a push that is not ours (or unreadable) still has to show something: browsers penalise silent pushes
    event.waitUntil(self.registration.showNotification("Incident Command", { icon: ICON, badge: BADGE }));
    return;
  }
  const actions = [];
  if (page.ack) actions.push({ action: "ack", title: page.labels.acknowledge });
  if (page.url) actions.push({ action: "open", title: page.labels.open });
  event.waitUntil(
    self.registration.showNotification(page.title, {
      body: page.body,
      tag: page.tag,
      icon: ICON,
      badge: BADGE,
      // a P0/P1 page stays on screen until it is answered
      requireInteraction: page.severity === "P0" || page.severity === "P1",
      renotify: true,
      actions,
      data: page,
    }),
  );
});

async function acknowledge(page) {
  let text = page.labels.failed;
  try {
    const response = await fetch(page.ack.api, { method: "POST", credentials: "omit", cache: "no-store" });
    const outcome = await response.json().catch(() => null);
    const state = outcome && (outcome.state || (outcome.outcome && outcome.outcome.state));
    if (state === "acknowledged" || state === "already") text = page.labels.acknowledged + (outcome.by ? ` (${outcome.by})` : "");
    else if (outcome && outcome.error && outcome.error.message) text = outcome.error.message;
  } catch {
    // offline: the failure text asks to acknowledge in the app
  }
  await self.registration.showNotification(page.title, {
    body: text,
    tag: page.tag,
    icon: ICON,
    badge: BADGE,
    data: { ...page, ack: null },
  });
}

async function focusOrOpen(url) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) {
    if (client.url === url && "focus" in client) return client.focus();
  }
  return self.clients.openWindow(url);
}

self.addEventListener("notificationclick", (event) => {
  const page = event.notification.data;
  event.notification.close();
  if (!page) return;
  if (event.action === "ack" && page.ack) {
    event.waitUntil(acknowledge(page));
    return;
  }
  // A tap on the notification itself opens the incident room. Where notifications show no buttons (iOS), the tap
  // is the only answer there is, so it opens the acknowledge page instead (which acknowledges once it runs).
  const canAct = Boolean(self.Notification && self.Notification.maxActions > 0);
  const target = page.ack && (!canAct || !page.url) ? page.ack.url : page.url;
  if (target) event.waitUntil(focusOrOpen(target));
});
