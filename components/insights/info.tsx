// A figure's definition (which timestamps it uses) on hover, on keyboard focus and on tap.
export function Info({ text }: { text: string }) {
  return (
    <span
      tabIndex={0}
      role="img"
      aria-label={text}
      title={text}
      className="ml-1 inline-flex h-4 w-4 cursor-help items-center justify-center rounded-full border border-slate-400 text-[10px] leading-none text-slate-500"
    >
      ?
    </span>
  );
}
