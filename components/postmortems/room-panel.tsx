"use client";
import type { RoomSlotProps } from "@/components/incidents/room-slot-props";

// Incident-room panel slot; filled in by its feature.
export function PostmortemRoomPanel(_props: RoomSlotProps) {
  return null;
}
