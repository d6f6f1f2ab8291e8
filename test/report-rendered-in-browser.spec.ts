import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, diagramOf, runCase, type ReportCase } from './report-cases.js';

// The reports as a person sees them: counterexample.md's diagram rendered by the real Mermaid
// library (a parse error fails the test), and counterexample.html in Chromium, screenshotted, with
// the violation, the slice and the replay command on screen before any click.

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(import.meta.dirname, '..');
const SCREENSHOTS = join(ROOT, 'reports', 'screenshots');
const VIEWPORT = { width: 1400, height: 900 };
const MERMAID = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

let browser: Browser;
const cases = new Map<string, ReportCase>();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the reports' browser test needs Debian's chromium at ${CHROMIUM}: install it with 'apt-get install -y chromium' (.ci/run installs it)`);
  }
  for (const name of Object.keys(CASES) as (keyof typeof CASES)[]) cases.set(name, await runCase(name));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Renders a Mermaid diagram in a blank page with mermaid's own bundle; returns the SVG's text, or throws Mermaid's parse error. */
async function renderMermaid(page: Page, diagram: string): Promise<string> {
  await page.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
  await page.addScriptTag({ path: MERMAID });
  // A string, as the page runs it: the test's own TypeScript has no DOM types.
  return page.evaluate<string>(`(async (text) => {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    await mermaid.parse(text);
    const { svg } = await mermaid.render('diagram', text);
    const host = document.getElementById('out');
    host.innerHTML = svg;
    return host.textContent || '';
  })(${JSON.stringify(diagram)})`);
}

/** True when the element is on screen, within the first viewport, without scrolling or clicking. */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  return box !== null && box.width > 0 && box.height > 0 && box.y >= 0 && box.y < VIEWPORT.height && box.x < VIEWPORT.width;
}

describe.each(Object.keys(CASES))('the reports of %s', (name) => {
  it('render counterexample.md\'s diagram with Mermaid, without a parse error, showing the cause', async () => {
    const c = cases.get(name) as ReportCase;
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const text = await renderMermaid(page, diagramOf(c.markdown));
    await page.close();
    expect(errors).toEqual([]);
    const cause = name === 'my-replica-total-order' ? /MISSING, dropped/ : name === 'python-liveness' ? /R0 heard of request 1 of C4 here/ : /forged: claims R\d, signed by R0/;
    expect(text).toMatch(cause);
  });

  it('show the violation, the slice, the explanation and the replay command in counterexample.html before any click', async () => {
    const c = cases.get(name) as ReportCase;
    const page = await browser.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(c.htmlPath).href);
    await page.waitForSelector('#canvas [data-event]');
    mkdirSync(SCREENSHOTS, { recursive: true });
    const shot = join(SCREENSHOTS, `${name}.png`);
    await page.screenshot({ path: shot });
    expect(existsSync(shot)).toBe(true);
    expect(errors).toEqual([]);
    expect(await onScreen(page, 'header ul.violations li')).toBe(true);
    expect(await page.locator('header ul.violations li').first().textContent()).toContain(c.data.violations[0]?.message.slice(0, 40));
    expect(await onScreen(page, 'header code')).toBe(true);
    expect(await page.locator('header code').textContent()).toBe(c.data.replay);
    expect(await page.locator('button[data-view="slice"].on').count()).toBe(1);
    expect(await onScreen(page, '#canvas [data-event]')).toBe(true);
    const section = name === 'forged-votes' ? 'header .explain .forged' : 'header .explain .why';
    expect(await onScreen(page, section)).toBe(true);
    const marked = name === 'python-liveness' ? '#canvas [data-event]' : name === 'my-replica-total-order' ? '#canvas .tag.missing' : '#canvas .tag.marked';
    expect(await onScreen(page, marked)).toBe(true);
    await page.close();
  });
});

describe('labels in counterexample.html', () => {
  it('carry their full text on hover', async () => {
    const c = cases.get('forged-votes') as ReportCase;
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(pathToFileURL(c.htmlPath).href);
    await page.waitForSelector('#canvas [data-event]');
    const titles = await page.locator('#canvas .tag.marked title').allTextContents();
    expect(titles.some((t) => /^forged: claims R\d, signed by R0 · (PREPARE|COMMIT) v0 seq 1 d=[0-9a-f]{16}$/.test(t))).toBe(true);
    const shown = await page.evaluate<string[]>('Array.from(document.querySelectorAll("#canvas .tag.marked"), (t) => t.firstChild.textContent)');
    expect(shown.some((t) => t.endsWith('…'))).toBe(true);
    await page.close();
  });
});
