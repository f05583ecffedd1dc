// Runs in every db test file's process before its tests: like a started app instance (startup.ts), incident
// changes committed here have their outbox events dispatched right after the commit. (The dispatcher loop
// itself is not started: tests call runIncidentEventTick when they want it.)
import { installCommitDispatch } from "@/lib/server/incident-outbox/start";

installCommitDispatch(`vitest-${process.pid}`);
