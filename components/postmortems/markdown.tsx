// Markdown as the report will read: react-markdown (no raw HTML) plus rehype-sanitize (GitHub's
// allow-list), so text pasted from anywhere can never run script or smuggle markup into the page.
import ReactMarkdown from "react-markdown";
import rehypeSanitize from "rehype-sanitize";

const PROSE =
  "space-y-2 break-words text-sm leading-relaxed [&_a]:text-blue-700 [&_a]:underline dark:[&_a]:text-blue-400 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 " +
  "dark:[&_code]:bg-slate-800 [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-2 " +
  "dark:[&_pre]:bg-slate-800 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-semibold";

export function Markdown({ text, className = "" }: { text: string; className?: string }) {
  return (
    <div className={`${PROSE} ${className}`}>
      <ReactMarkdown rehypePlugins={[rehypeSanitize]}>{text}</ReactMarkdown>
    </div>
  );
}
