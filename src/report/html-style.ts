/** The stylesheet of counterexample.html, inlined so the page works from file:// with nothing fetched. */
export const TIMELINE_STYLE = `
:root { --ink: #1d2430; --muted: #667085; --line: #d0d5dd; --honest: #3b5b92; --faulty: #c0392b; --client: #1e7f5c;
  --hot: #fde2e2; --hot-ink: #a61b1b; --drop: #7a7a7a; --partition: #7d3c98; --panel: #f7f8fa; }
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
header { padding: 12px 18px 10px; border-bottom: 1px solid var(--line); background: #fff; }
header h1 { font-size: 18px; margin: 0 0 4px; }
header .meta { color: var(--muted); margin: 2px 0; }
header .regime { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; font-size: 12px; margin-right: 8px; }
header .regime.within-f { background: var(--hot); color: var(--hot-ink); }
header .regime.beyond-f { background: #fff3cd; color: #7a5b00; }
header ul.violations { margin: 6px 0; padding-left: 18px; max-height: 7.5em; overflow: auto; }
header ul.violations li { overflow-wrap: anywhere; }
header ul.violations li { cursor: pointer; }
header ul.violations li:hover { text-decoration: underline; }
header ul.violations b { color: var(--hot-ink); }
header code { background: #f2f4f7; padding: 1px 6px; border-radius: 4px; font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; user-select: all; }
.toolbar { display: flex; gap: 14px; align-items: center; flex-wrap: wrap; margin-top: 8px; }
.toggle button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); background: #fff; cursor: pointer; }
.toggle button:first-child { border-radius: 6px 0 0 6px; }
.toggle button:last-child { border-radius: 0 6px 6px 0; border-left: none; }
.toggle button.on { background: var(--ink); color: #fff; border-color: var(--ink); }
.legend { display: flex; gap: 12px; color: var(--muted); font-size: 12px; flex-wrap: wrap; }
.legend span::before { content: ""; display: inline-block; width: 18px; height: 0; margin-right: 4px; vertical-align: middle; border-top: 2px solid; }
.legend .l-honest::before { border-color: var(--honest); }
.legend .l-faulty::before { border-color: var(--faulty); }
.legend .l-client::before { border-color: var(--client); }
.legend .l-drop::before { border-top-style: dashed; border-color: var(--drop); }
.legend .l-partition::before { border-top-style: dashed; border-color: var(--partition); }
.legend .l-missing::before { border-top-style: dotted; border-top-width: 3px; border-color: #d35400; }
header .explain { display: flex; gap: 18px; flex-wrap: wrap; margin: 6px 0 0; }
header .explain section { flex: 1 1 420px; max-height: 11em; overflow: auto; background: #fff8f0; border: 1px solid #f3d9b1; border-radius: 6px; padding: 4px 10px; }
header .explain h2 { font-size: 13px; margin: 2px 0; color: #9a4a00; }
header .explain .why-head { font-weight: 600; margin: 4px 0 0; overflow-wrap: anywhere; }
header .explain ul { margin: 2px 0 4px; padding-left: 18px; }
header .explain li { overflow-wrap: anywhere; }
header .explain li.cause { font-weight: 600; color: #9a4a00; }
#canvas .tag.marked, #canvas .tag.missing { fill: #b03a00; font-weight: 600; }
#canvas .msg.missing .wire, #canvas .msg.drop.missing .wire { stroke: #d35400; stroke-width: 2.2; stroke-dasharray: 2 3; }
#canvas .msg.missing .cross { stroke: #d35400; }
#panel .badge.mark { background: #fff0e0; color: #9a4a00; }
.legend .l-hot::before { height: 10px; border: 1px solid var(--hot-ink); background: var(--hot); }
main { flex: 1; display: flex; min-height: 0; }
#timeline { flex: 1; overflow: auto; position: relative; background: #fff; }
#lane-head { position: sticky; top: 0; z-index: 2; height: 46px; background: #fff; border-bottom: 1px solid var(--line); }
.lane-label { position: absolute; top: 4px; height: 38px; text-align: center; font-weight: 600; padding-top: 2px; line-height: 1.25; }
.lane-label small { display: block; font-weight: 500; font-size: 11px; color: var(--muted); }
.lane-label.faulty { color: var(--faulty); }
.lane-label.faulty small { color: var(--faulty); }
.lane-label.client { color: var(--client); }
.gutter-label { position: absolute; left: 10px; top: 14px; color: var(--muted); font-size: 11px; }
#canvas { display: block; }
#canvas text { font-size: 11px; fill: var(--ink); }
#canvas .gutter { fill: var(--muted); font-size: 10.5px; }
#canvas .lane-line { stroke: var(--line); stroke-width: 1.5; }
#canvas .lane-line.faulty { stroke: var(--faulty); stroke-dasharray: 5 4; }
#canvas .lane-band.faulty { fill: #fff4f3; }
#canvas .lane-band.client { fill: #f3faf6; }
#canvas .row-stripe { fill: #fafbfc; }
#canvas .row-hot { fill: var(--hot); opacity: 0.4; }
#canvas .partition { fill: url(#hatch); stroke: var(--partition); stroke-dasharray: 3 3; }
#canvas .partition-label { fill: var(--partition); font-size: 10px; font-weight: 600; }
#canvas .msg { cursor: pointer; }
#canvas .msg .wire { fill: none; stroke-width: 1.6; }
#canvas .msg.honest .wire { stroke: var(--honest); }
#canvas .msg.faulty .wire { stroke: var(--faulty); }
#canvas .msg.client .wire { stroke: var(--client); }
#canvas .msg.pending .wire { stroke: var(--drop); stroke-dasharray: 2 3; }
#canvas .msg.drop .wire { stroke: var(--drop); stroke-dasharray: 6 4; }
#canvas .msg.drop.partition .wire { stroke: var(--partition); }
#canvas .msg .cross { stroke-width: 2.2; stroke: var(--drop); }
#canvas .msg.partition .cross { stroke: var(--partition); }
#canvas .msg .hit { stroke: transparent; stroke-width: 12; fill: none; }
#canvas .tag { paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; font-size: 10.5px; font-weight: 500; cursor: pointer; }
#canvas .tag.selected { font-weight: 700; }
#canvas .tag.faulty { fill: var(--faulty); }
#canvas .tag.client { fill: var(--client); }
#canvas .tag.drop, #canvas .tag.pending { fill: var(--muted); }
#canvas .msg:hover .wire, #canvas .msg.selected .wire { stroke-width: 3; }
#canvas .dot { stroke: #fff; stroke-width: 1.5; }
#canvas .chip { cursor: pointer; }
#canvas .chip rect { fill: #eef2f8; stroke: #b8c4d9; }
#canvas .chip.commit rect { fill: #e6f4ea; stroke: #8cc8a0; }
#canvas .chip.error rect { fill: #fff0e0; stroke: #e0a060; }
#canvas .chip.hot rect { fill: #fbd0d0; stroke: var(--hot-ink); stroke-width: 1.6; }
#canvas .chip.hot text { fill: var(--hot-ink); font-weight: 700; }
#canvas .chip:hover rect, #canvas .chip.selected rect { stroke: var(--ink); stroke-width: 2; }
#canvas :focus { outline: none; }
#canvas :focus-visible rect, #canvas :focus-visible .wire { stroke: #1570ef; stroke-width: 3; }
#panel { width: 380px; flex: none; overflow: auto; border-left: 1px solid var(--line); background: var(--panel); padding: 12px 16px; }
#panel h2 { font-size: 15px; margin: 0 0 8px; }
#panel h3 { font-size: 13px; margin: 14px 0 4px; }
#panel .hint { color: var(--muted); }
#panel .badge { display: inline-block; background: var(--hot); color: var(--hot-ink); font-weight: 700; padding: 1px 8px; border-radius: 10px; margin-bottom: 6px; }
#panel dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
#panel dt { color: var(--muted); }
#panel dd { margin: 0; word-break: break-word; }
#panel pre { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px; white-space: pre-wrap; word-break: break-word; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; margin: 0; }
`;
