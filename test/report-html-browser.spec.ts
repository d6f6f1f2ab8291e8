import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, Counterexample } from '../src/check/driver.js';
import { counterexampleHtml } from '../src/report/html.js';
import { junitXml } from '../src/report/junit.js';
import { codec, HOSTILE, inject, naiveCampaign, settings } from './report-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(import.meta.dirname, '..');
const SCREENSHOT = join(ROOT, 'reports', 'screenshots', 'counterexample-html.png');

let browser: Browser;
let page: Page;
let cx: Counterexample;
let result: CheckResult;
const consoleErrors: string[] = [];
const pageErrors: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the HTML report's browser test needs Debian's chromium at ${CHROMIUM}: install it with 'apt-get install -y chromium' (.ci/run installs it)`);
  }
  const campaign = await naiveCampaign();
  cx = inject(campaign.counterexample, 'get a', HOSTILE);
  result = { ...campaign, counterexample: cx };
  const dir = mkdtempSync(join(tmpdir(), 'byzcheck-html-'));
  const file = join(dir, 'counterexample.html');
  writeFileSync(file, counterexampleHtml({ settings, counterexample: cx, reportPath: 'reports/naive-broadcast-seed1/counterexample.json', codec }));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('#canvas [data-event]');
});

afterAll(async () => {
  await browser?.close();
});

/** Trace index of the first event matching `test`. */
function indexOf(test: (e: Counterexample['trace'][number]) => boolean): number {
  const i = cx.trace.findIndex(test);
  if (i < 0) throw new Error('no such event in the counterexample');
  return i;
}

describe('counterexample.html in a real browser', () => {
  it('loads without console errors, page errors or dialogs, and renders no payload as markup', async () => {
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate('document.querySelectorAll("img").length')).toBe(0);
    expect(await page.evaluate('document.scripts.length')).toBe(2);
    expect(await page.locator('h1').textContent()).toContain('violated');
  });

  it('draws one lane per replica and client, faulty replicas marked', async () => {
    const { n, clients, byzantine } = cx.scenario;
    await expect(page.locator('.lane-label').count()).resolves.toBe(n + clients);
    const faulty = await page.evaluate('Array.from(document.querySelectorAll(".lane-label.faulty"), (e) => e.getAttribute("data-node"))');
    expect(faulty).toEqual(byzantine.map((b) => String(b.node)));
    await expect(page.locator('.lane-label.client').count()).resolves.toBe(clients);
  });

  it('shows the full payload as literal text when a message is clicked', async () => {
    const request = indexOf((e) => e.kind === 'deliver' && e.from >= cx.scenario.n);
    await page.locator(`#canvas text.tag[data-event="${request}"]`).click();
    const payload = await page.locator('#panel pre.payload').textContent();
    expect(payload).toContain(HOSTILE);
    expect(await page.evaluate('document.querySelectorAll("#panel *").length')).toBeGreaterThan(3);
    expect(await page.evaluate('document.querySelectorAll("img, #panel script").length')).toBe(0);
  });

  it('highlights the violating decisions and shows their values as text when clicked', async () => {
    const hot = page.locator('#canvas .chip.hot');
    expect(await hot.count()).toBeGreaterThan(0);
    await hot.first().click();
    expect(await page.locator('#panel .badge').textContent()).toContain('violation evidence');
    expect(await page.locator('#panel dl').textContent()).toContain(HOSTILE);
  });

  it('toggles between the causal slice and the full trace', async () => {
    const slice = await page.locator('#canvas [data-event]').count();
    await page.locator('button[data-view="full"]').click();
    const full = await page.locator('#canvas [data-event]').count();
    expect(full).toBeGreaterThan(slice);
    await page.locator('button[data-view="slice"]').click();
    expect(await page.locator('#canvas [data-event]').count()).toBe(slice);
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('parses junit.xml with the browser\'s XML parser', async () => {
    const xml = junitXml({ settings, result, seed: 1, elapsedSeconds: 1, reportPath: 'r/counterexample.json' });
    const errors = await page.evaluate(`new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml').getElementsByTagName('parsererror').length`);
    expect(errors).toBe(0);
    const failure = await page.evaluate(`new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml').querySelector('failure').textContent`);
    expect(failure).toContain(HOSTILE);
  });

  it('saves a screenshot of the slice with a message selected', async () => {
    const request = indexOf((e) => e.kind === 'deliver' && e.from < cx.scenario.n && e.to < cx.scenario.n);
    await page.locator(`#canvas text.tag[data-event="${request}"]`).click();
    mkdirSync(join(ROOT, 'reports', 'screenshots'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
