/**
 * The demo page shows what the on-call engineer gets: the short parent, the thread with the full
 * detail and the graph image, and the buttons. Built from the real renderers and a real demo
 * summary (recorded from `npm run demo`); the checked-in screenshot is a real browser's PNG.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSlack } from '../../../functions/notify/render-slack';
import { renderSlackParent } from '../../../functions/notify/render-slack-parent';
import type { IncidentSummary } from '../../../functions/types';
import { incidentGraphDataUrl, incidentGraphSvg } from '../../../scripts/demo/incident-graph';
import { renderSlackPage } from '../../../scripts/demo/slack-page';

const ROOT = join(__dirname, '..', '..', '..');
const [summary] = JSON.parse(
  readFileSync(join(ROOT, 'test', 'fixtures', 'summaries', 'demo', 'demo-incidents.json'), 'utf8'),
) as IncidentSummary[];

function page(): string {
  const parent = {
    channel: 'C0API5XX',
    ts: '1764400000.000100',
    ...renderSlackParent(summary!, { interactive: true }),
  };
  const detail = { channel: 'C0API5XX', ts: '1764400001.000200', threadTs: parent.ts, ...renderSlack(summary!) };
  const image = {
    threadTs: parent.ts,
    dataUrl: incidentGraphDataUrl({
      title: 'orders-api/prod',
      series: summary!.impact.errorSeries,
      threshold: 5,
      onsetIndex: 9,
    }),
    alt: '5XX per minute for orders-api/prod',
    caption: 'Graph drawn by the demo: the emulator has no GetMetricWidgetImage.',
  };
  return renderSlackPage([parent, detail], 'demo', { images: [image], notes: ['Acknowledge: 200'] });
}

describe('the demo page', () => {
  it('has the short parent, then the full detail in the thread', () => {
    const html = page();
    const parentAt = html.indexOf('Full detail in the thread');
    const detailAt = html.indexOf('Log templates');
    expect(parentAt).toBeGreaterThan(0);
    expect(detailAt).toBeGreaterThan(parentAt);
    expect(html).toContain('<b>Cause:</b> Integration timed out, high confidence');
  });

  it('has the graph image in the thread and says where it comes from', () => {
    const html = page();
    expect(html).toMatch(/<img class="graph" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="5XX per minute/);
    expect(html).toContain('the emulator has no GetMetricWidgetImage');
  });

  it('has the Acknowledge, Re-run and Mute buttons', () => {
    const html = page();
    expect(html).toMatch(/<span class="button primary">Acknowledge<\/span>/);
    expect(html).toMatch(/<span class="button">Re-run diagnosis<\/span>/);
    expect(html).toMatch(/<span class="button">Mute 1 h<\/span>/);
    expect(html).toMatch(/<span class="button danger">Mute until OK<\/span>/);
  });

  it('draws the threshold and the onset on the graph', () => {
    const svg = incidentGraphSvg({ title: 't', series: [0, 0, 7, 9], threshold: 5, onsetIndex: 2 });
    expect(svg).toContain('threshold 5');
    expect(svg).toContain('>onset<');
    expect(svg.match(/<rect /g)).toHaveLength(5);
  });

  it('has a real browser screenshot of the demo page checked in', () => {
    const png = readFileSync(join(ROOT, 'docs', 'demo-on-call.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(900);
  });
});
