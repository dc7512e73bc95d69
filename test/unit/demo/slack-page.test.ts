import type { KnownBlock } from '@slack/types';
import { groupThreads, renderSlackPage } from '../../../scripts/demo/slack-page';
import type { RecordedSlackMessage } from '../../../scripts/demo/slack-page';
import { mrkdwnToHtml } from '../../../scripts/demo/slack-mrkdwn';

const blocks: KnownBlock[] = [
  { type: 'header', text: { type: 'plain_text', text: 'ALARM orders-api/prod: INTEGRATION_TIMEOUT' } },
  {
    type: 'section',
    fields: [
      { type: 'mrkdwn', text: '*5XX rate*\n42%' },
      { type: 'mrkdwn', text: '*Onset*\n12:01' },
    ],
  },
  { type: 'section', text: { type: 'mrkdwn', text: '```(abc) Execution failed due to a timeout error```' } },
  {
    type: 'actions',
    elements: [{ type: 'button', text: { type: 'plain_text', text: 'Logs' }, url: 'https://x.test/l' }],
  },
  { type: 'context', elements: [{ type: 'mrkdwn', text: 'diagnosed in 1.2 s' }] },
];

const parent: RecordedSlackMessage = { channel: 'C1', ts: '1700000000.000100', blocks };
const reply: RecordedSlackMessage = { channel: 'C1', ts: '1700000060.000200', threadTs: parent.ts, text: 'resolved' };
const other: RecordedSlackMessage = { channel: 'C1', ts: '1700000100.000300', text: 'second incident' };

describe('groupThreads', () => {
  it('puts replies under their parent and keeps separate incidents apart', () => {
    expect(groupThreads([parent, other, reply])).toEqual([
      { parent, replies: [reply] },
      { parent: other, replies: [] },
    ]);
  });

  it('keeps a reply whose parent was never recorded as its own thread', () => {
    const orphan = { ...reply, threadTs: '1.2' };
    expect(groupThreads([orphan])).toEqual([{ parent: orphan, replies: [] }]);
  });
});

describe('mrkdwnToHtml', () => {
  it.each([
    ['*bold* and _it_', '<b>bold</b> and <i>it</i>'],
    ['`x<y`', '<code>x&lt;y</code>'],
    [
      '<https://a.test/?q=1&amp;r=2|the link>',
      '<a href="https://a.test/?q=1&amp;r=2" target="_blank" rel="noopener">the link</a>',
    ],
    ['```a <b>```', '<pre>a &lt;b&gt;</pre>'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ])('renders %j', (input, html) => {
    expect(mrkdwnToHtml(input)).toBe(html);
  });
});

describe('renderSlackPage', () => {
  it('renders header, fields, code block, buttons, context and the reply in one thread card', () => {
    const html = renderSlackPage([parent, reply, other], 'demo');
    expect(html).toContain('<div class="header">ALARM orders-api/prod: INTEGRATION_TIMEOUT</div>');
    expect(html).toContain('<div><b>5XX rate</b><br>42%</div>');
    expect(html).toContain('<pre>(abc) Execution failed due to a timeout error</pre>');
    expect(html).toContain('<a class="button" href="https://x.test/l" target="_blank" rel="noopener">Logs</a>');
    expect(html).toContain('2 incident thread(s), 3 message(s)');
    expect(html.match(/class="message reply"/g)).toHaveLength(1);
  });
});
