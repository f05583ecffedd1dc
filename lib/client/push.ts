"use client";
// This browser's side of Web Push: register the service worker (public/sw.js, scope "/"), ask for permission,
// subscribe with the server's VAPID public key, and hand the subscription to the API.

export type DeviceState = "checking" | "unsupported" | "insecure" | "denied" | "off" | "on";

export function pushSupported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

export async function registerServiceWorker(): Promise<ServiceWorkerRegistration> {
  const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/", updateViaCache: "none" });
  await navigator.serviceWorker.ready;
  return registration;
}

/** The subscription this browser holds, if any. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration("/");
  return registration ? registration.pushManager.getSubscription() : null;
}

export async function deviceState(): Promise<{ state: DeviceState; endpoint: string | null }> {
  if (!pushSupported()) return { state: "unsupported", endpoint: null };
  if (!window.isSecureContext) return { state: "insecure", endpoint: null };
  if (Notification.permission === "denied") return { state: "denied", endpoint: null };
  const subscription = await currentSubscription();
  return subscription ? { state: "on", endpoint: subscription.endpoint } : { state: "off", endpoint: null };
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** A short name for the device list: browser and platform from the user agent. */
export function deviceLabel(): string {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Chrome\//.test(ua)
      ? "Chrome"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Safari\//.test(ua)
          ? "Safari"
          : "Browser";
  const platform = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Mac OS X/.test(ua)
        ? "macOS"
        : /Windows/.test(ua)
          ? "Windows"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return platform ? `${browser} · ${platform}` : browser;
}

/**
 * Subscribes this browser (asking for notification permission first) and returns the subscription as the API
 * takes it. An existing subscription made with another key (the server's keys changed) is replaced.
 */
export async function subscribeThisDevice(publicKey: string): Promise<PushSubscriptionJSON & { label: string }> {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") throw new PermissionError(permission);
  const registration = await registerServiceWorker();
  const key = keyBytes(publicKey);
  let subscription = await registration.pushManager.getSubscription();
  const current = subscription?.options.applicationServerKey;
  if (subscription && current && !sameBytes(new Uint8Array(current), key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  return { ...subscription.toJSON(), label: deviceLabel() };
}

export async function unsubscribeThisDevice(): Promise<void> {
  const subscription = await currentSubscription();
  await subscription?.unsubscribe();
}

export class PermissionError extends Error {
  constructor(readonly permission: NotificationPermission) {
    super(`notification permission ${permission}`);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
