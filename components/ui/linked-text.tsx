"use client";
import Link from "next/link";
import { linkify } from "@/lib/domain/linkify";

/** Free text with its in-app paths and http(s) URLs clickable (see lib/domain/linkify.ts). */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, i) =>
        part.kind === "text" ? (
          part.text
        ) : part.external ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer" className="break-all text-blue-700 underline dark:text-blue-400">{part.text}</a>
        ) : (
          <Link key={i} href={part.href} className="break-all text-blue-700 underline dark:text-blue-400">{part.text}</Link>
        ),
      )}
    </>
  );
}
