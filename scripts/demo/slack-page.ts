/**
 * The demo's "what Slack would show" page: renders recorded Block Kit messages as threads
 * (parent message, replies, the OK resolution), styled after the Slack client.
 */
import type { KnownBlock, PlainTextElement, MrkdwnElement, Button } from '@slack/types';
import { escapeHtml, mrkdwnToHtml } from './slack-mrkdwn';

/** A message as the Slack stand-in recorded it (chat.postMessage, chat.update or an incoming webhook). */
export interface RecordedSlackMessage {
  readonly channel: string;
  readonly ts: string;
  readonly threadTs?: string;
  readonly text?: string;
  readonly blocks?: readonly KnownBlock[];
  /** True when a chat.update replaced the original content. */
  readonly edited?: boolean;
}

/** Extra content the page shows in a thread, after its first reply (the demo's own graph). */
export interface ThreadImage {
  readonly threadTs: string;
  readonly dataUrl: string;
  readonly alt: string;
  /** Shown under the image: where it comes from. */
  readonly caption: string;
}

export interface PageOptions {
  readonly images?: readonly ThreadImage[];
  /** Paragraphs (HTML-escaped) shown above the threads. */
  readonly notes?: readonly string[];
}

export interface SlackThread {
  readonly parent: RecordedSlackMessage;
  readonly replies: readonly RecordedSlackMessage[];
}

/** Group messages into threads: a message with threadTs is a reply to the message with that ts. */
export function groupThreads(messages: readonly RecordedSlackMessage[]): SlackThread[] {
  const threads = new Map<string, { parent: RecordedSlackMessage; replies: RecordedSlackMessage[] }>();
  for (const message of messages) {
    if (message.threadTs === undefined || message.threadTs === message.ts) {
      threads.set(message.ts, { parent: message, replies: threads.get(message.ts)?.replies ?? [] });
    }
  }
  for (const message of messages) {
    if (message.threadTs === undefined || message.threadTs === message.ts) continue;
    const thread = threads.get(message.threadTs);
    if (thread) thread.replies.push(message);
    else threads.set(message.ts, { parent: message, replies: [] });
  }
  return [...threads.values()];
}

function textObject(text: PlainTextElement | MrkdwnElement | undefined): string {
  if (text === undefined) return '';
  return text.type === 'mrkdwn' ? mrkdwnToHtml(text.text) : escapeHtml(text.text);
}

function button(element: Button): string {
  const style = element.style === 'danger' ? ' danger' : element.style === 'primary' ? ' primary' : '';
  const label = escapeHtml(element.text.text);
  return element.url !== undefined
    ? `<a class="button${style}" href="${escapeHtml(element.url)}" target="_blank" rel="noopener">${label}</a>`
    : `<span class="button${style}">${label}</span>`;
}

function block(b: KnownBlock): string {
  switch (b.type) {
    case 'header':
      return `<div class="header">${escapeHtml(b.text.text)}</div>`;
    case 'divider':
      return '<hr>';
    case 'section': {
      const text = b.text ? `<div class="section-text">${textObject(b.text)}</div>` : '';
      const fields = b.fields?.length
        ? `<div class="fields">${b.fields.map((f) => `<div>${textObject(f)}</div>`).join('')}</div>`
        : '';
      const accessory = b.accessory?.type === 'button' ? `<div class="accessory">${button(b.accessory)}</div>` : '';
      return `<div class="section">${text}${fields}${accessory}</div>`;
    }
    case 'context':
      return `<div class="context">${b.elements
        .map((e) => (e.type === 'image' ? '' : `<span>${textObject(e)}</span>`))
        .join(' ')}</div>`;
    case 'actions':
      return `<div class="actions">${b.elements.map((e) => (e.type === 'button' ? button(e) : '')).join('')}</div>`;
    default:
      return `<div class="context">[${escapeHtml(b.type)} block]</div>`;
  }
}

function message(m: RecordedSlackMessage, reply: boolean): string {
  const body = m.blocks?.length ? m.blocks.map(block).join('\n') : mrkdwnToHtml(m.text ?? '');
  const time = new Date(Number(m.ts.split('.')[0]) * 1000).toISOString().slice(11, 19);
  const edited = m.edited === true ? ' <span class="edited">(edited)</span>' : '';
  return `<div class="message${reply ? ' reply' : ''}">
  <div class="avatar">AR</div>
  <div class="content"><div class="meta"><b>apigw-responder</b> <span class="app">APP</span> <span class="time">${time} UTC</span>${edited}</div>
  ${body}</div></div>`;
}

const STYLE = `
body{font-family:-apple-system,"Segoe UI",Lato,Helvetica,Arial,sans-serif;background:#f8f8f8;margin:0;color:#1d1c1d}
main{max-width:860px;margin:0 auto;padding:24px}
h1{font-size:20px} .channel{color:#616061;margin-bottom:16px}
.thread{background:#fff;border:1px solid #ddd;border-radius:8px;margin:18px 0;padding:8px 0}
.message{display:flex;gap:10px;padding:8px 16px}
.message.reply{margin-left:42px;border-left:3px solid #e8e8e8}
.avatar{width:36px;height:36px;border-radius:6px;background:#4a154b;color:#fff;font-weight:700;display:flex;align-items:center;justify-content:center;flex:none;font-size:13px}
.content{flex:1;min-width:0;font-size:15px;line-height:1.46}
.meta{margin-bottom:2px}.app{font-size:10px;background:#e8e8e8;padding:1px 3px;border-radius:2px;color:#616061}
.time,.edited{color:#616061;font-size:12px}
.header{font-size:18px;font-weight:900;margin:4px 0}
.section{margin:6px 0}.fields{display:grid;grid-template-columns:1fr 1fr;gap:6px 16px;margin-top:4px}
.context{color:#616061;font-size:13px;margin:4px 0}
pre{background:#f8f8f8;border:1px solid #ddd;border-radius:4px;padding:8px;white-space:pre-wrap;word-break:break-all;font-size:12px;margin:4px 0}
code{background:#f3f3f3;border:1px solid #ddd;border-radius:3px;padding:0 3px;color:#e01e5a;font-size:12px}
blockquote{border-left:4px solid #ddd;margin:2px 0;padding-left:8px}
hr{border:none;border-top:1px solid #eee;margin:8px 0}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.button{border:1px solid #bbb;border-radius:4px;padding:3px 12px;font-size:13px;font-weight:700;color:#1d1c1d;text-decoration:none;background:#fff}
.button.primary{background:#007a5a;color:#fff;border-color:#007a5a}.button.danger{color:#e01e5a;border-color:#e01e5a}
a{color:#1264a3}
.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
.graph{max-width:100%;border:1px solid #ddd;border-radius:4px}
.note{background:#fff8e1;border:1px solid #f2d98c;border-radius:6px;padding:8px 12px;font-size:14px}
`;

/** The whole page: one card per thread, newest incident last, as a channel would show them. */
export function renderSlackPage(
  messages: readonly RecordedSlackMessage[],
  title: string,
  options: PageOptions = {},
): string {
  const threads = groupThreads(messages);
  const channel = messages[0]?.channel ?? 'incoming-webhook';
  const imageOf = (t: SlackThread): string => {
    const image = options.images?.find((i) => i.threadTs === t.parent.ts);
    return image === undefined
      ? ''
      : `<div class="message reply"><div class="avatar">AR</div><div class="content"><img class="graph" src="${escapeHtml(image.dataUrl)}" alt="${escapeHtml(image.alt)}"><div class="context">${escapeHtml(image.caption)}</div></div></div>`;
  };
  const cards = threads
    .map(
      (t) =>
        `<section class="thread">${message(t.parent, false)}${t.replies
          .map((r, i) => message(r, true) + (i === 0 ? imageOf(t) : ''))
          .join('\n')}${t.replies.length === 0 ? imageOf(t) : ''}</section>`,
    )
    .join('\n');
  const notes = (options.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><div class="channel"># ${escapeHtml(channel)} · ${threads.length} incident thread(s), ${messages.length} message(s)</div>
${notes}
${cards}
</main></body></html>
`;
}
