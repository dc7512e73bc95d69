/**
 * Slack mrkdwn to HTML, for the demo page: enough of Slack's formatting to show a summary the
 * way the Slack client would (bold, italic, strike, inline code, code blocks, quotes, links, user mentions).
 */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Slack sends &amp; &lt; &gt; inside text; undo them before our own escaping so nothing is doubled. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function inline(segment: string): string {
  // Links first: <url|label> and <url>. Everything else is escaped text.
  const parts: string[] = [];
  let rest = segment;
  const link = /<((?:https?|mailto):[^|>\s]+)(?:\|([^>]*))?>/;
  for (let m = link.exec(rest); m !== null; m = link.exec(rest)) {
    parts.push(styles(escapeHtml(unescapeSlack(rest.slice(0, m.index)))));
    const url = unescapeSlack(m[1] ?? '');
    const label = m[2] ?? url;
    parts.push(`<a href="${escapeHtml(url)}" target="_blank" rel="noopener">${escapeHtml(unescapeSlack(label))}</a>`);
    rest = rest.slice(m.index + m[0].length);
  }
  parts.push(styles(escapeHtml(unescapeSlack(rest))));
  return parts.join('');
}

function styles(html: string): string {
  return html
    .replace(/&lt;@([UW][A-Z0-9]{2,20})&gt;/g, '<span class="mention">@$1</span>')
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/g, '$1<b>$2</b>')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/g, '$1<i>$2</i>')
    .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,:;!?])/g, '$1<s>$2</s>');
}

/** Render one mrkdwn text object to HTML. */
export function mrkdwnToHtml(text: string): string {
  const out: string[] = [];
  const chunks = text.split('```');
  chunks.forEach((chunk, index) => {
    if (index % 2 === 1) {
      out.push(`<pre>${escapeHtml(unescapeSlack(chunk.replace(/^\n/, '')))}</pre>`);
      return;
    }
    const lines = chunk.split('\n').map((line) => {
      const quote = /^(?:&gt;|>)\s?(.*)$/.exec(line);
      return quote ? `<blockquote>${inline(quote[1] ?? '')}</blockquote>` : inline(line);
    });
    out.push(lines.join('<br>').replace(/<\/blockquote><br>/g, '</blockquote>'));
  });
  return out.join('');
}
