/**
 * The browser code of counterexample.html (plain ES2019, inlined; its hash is the page's only
 * allowed script). Every string from the data is untrusted and reaches the page through
 * `textContent` or numeric SVG attributes only — never innerHTML, never a URL attribute.
 */
export const TIMELINE_SCRIPT = String.raw`(function () {
'use strict';
var SVG = 'http://www.w3.org/2000/svg';
var LANE_W = 186, GUTTER = 96, TOP = 8, CHIP = 22, ANCHOR = 24, STUB = 16;
var CHIP_KINDS = { commit: 1, execute: 1, submit: 1, accept: 1, timer: 1, log: 1, error: 1 };
var data = JSON.parse(document.getElementById('byzcheck-data').textContent);
var byIndex = data.events;
var laneOf = {};
data.lanes.forEach(function (l, k) { laneOf[l.node] = k; });
var sliceCount = data.events.filter(function (e) { return e.slice; }).length;
var view = sliceCount > 0 ? 'slice' : 'full';
var selected = -1;
var shapes = {};

function h(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function s(tag, attrs, cls) {
  var e = document.createElementNS(SVG, tag);
  for (var k in attrs) e.setAttribute(k, String(attrs[k]));
  if (cls) e.setAttribute('class', cls);
  return e;
}
function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
function laneX(node) { return GUTTER + (laneOf[node] === undefined ? 0 : laneOf[node]) * LANE_W + LANE_W / 2; }
function lane(node) { return data.lanes[laneOf[node]]; }
function nodeText(node) {
  var l = lane(node);
  if (!l) return String(node);
  return l.name + (l.adversary ? ' (faulty: ' + l.adversary + ')' : l.kind === 'client' ? ' (client)' : '');
}

function renderHeader() {
  var head = document.getElementById('head');
  clear(head);
  document.title = 'byzcheck: ' + data.title;
  head.appendChild(h('h1', '', data.title));
  var meta = h('p', 'meta');
  meta.appendChild(h('span', 'regime ' + data.regime, data.regime === 'beyond-f' ? 'expected: more than f faulty' : 'within f: a bug'));
  meta.appendChild(document.createTextNode('target ' + data.target + ' \u00b7 ' + data.scenario));
  head.appendChild(meta);
  var list = h('ul', 'violations');
  data.violations.forEach(function (v) {
    var li = h('li');
    li.appendChild(h('b', '', v.property + ': '));
    li.appendChild(document.createTextNode(v.message));
    li.addEventListener('click', function () { jumpToSteps(v.steps); });
    list.appendChild(li);
  });
  head.appendChild(list);
  var replay = h('p', 'meta', 'Replay: ');
  replay.appendChild(h('code', '', data.replay));
  head.appendChild(replay);
  explanation(head);
  head.appendChild(toolbar());
}

// "Why it didn't happen" and the forged messages, shown open: the cause should need no click.
function explanation(head) {
  if (data.whyNot.length === 0 && data.forgeries.length === 0) return;
  var box = h('div', 'explain');
  if (data.whyNot.length > 0) {
    var why = h('section', 'why');
    why.appendChild(h('h2', '', 'Why it didn’t happen'));
    data.whyNot.forEach(function (b) {
      why.appendChild(h('p', 'why-head', b.heading));
      var ul = h('ul');
      b.lines.forEach(function (l) { ul.appendChild(h('li', l.indexOf('Missing:') === 0 || l.indexOf('Never sent:') === 0 ? 'cause' : '', l)); });
      why.appendChild(ul);
    });
    box.appendChild(why);
  }
  if (data.forgeries.length > 0) {
    var forged = h('section', 'forged');
    forged.appendChild(h('h2', '', 'Forged or altered messages'));
    var list = h('ul');
    data.forgeries.forEach(function (l) { list.appendChild(h('li', '', l)); });
    forged.appendChild(list);
    box.appendChild(forged);
  }
  head.appendChild(box);
}

function toolbar() {
  var bar = h('div', 'toolbar');
  var toggle = h('div', 'toggle');
  [['slice', 'Causal slice (' + sliceCount + (sliceCount === 1 ? ' event)' : ' events)')], ['full', 'Full trace (' + data.events.length + (data.events.length === 1 ? ' event)' : ' events)')]].forEach(function (opt) {
    var b = h('button', view === opt[0] ? 'on' : '', opt[1]);
    b.type = 'button';
    b.setAttribute('data-view', opt[0]);
    b.addEventListener('click', function () { view = opt[0]; renderHeader(); renderTimeline(); });
    toggle.appendChild(b);
  });
  bar.appendChild(toggle);
  var legend = h('div', 'legend');
  [['l-honest', 'honest message'], ['l-faulty', 'from a faulty replica'], ['l-client', 'client request / reply'], ['l-drop', 'dropped'], ['l-partition', 'cut by a partition'], ['l-missing', 'needed, never arrived'], ['l-hot', 'violation evidence']].forEach(function (p) {
    legend.appendChild(h('span', p[0], p[1]));
  });
  bar.appendChild(legend);
  return bar;
}

// A row is one step: the arriving message lands at its anchor (label above), the node's decisions
// stack below as chips, and the step's sends leave from under the chips; drops and undelivered
// sends get a stub each, staggered so their labels do not overlap.
function layout(events) {
  var rows = [], byStep = {}, delivered = {};
  events.forEach(function (e) { if (e.ev.kind === 'deliver') delivered[e.ev.msg] = true; });
  events.forEach(function (e) {
    var row = byStep[e.ev.step];
    if (!row) { row = { step: e.ev.step, t: e.ev.t, chips: [], stubs: [], hot: false }; byStep[e.ev.step] = row; rows.push(row); }
    if (CHIP_KINDS[e.ev.kind]) row.chips.push(e);
    if (e.ev.kind === 'drop' || (e.ev.kind === 'send' && !delivered[e.ev.msg])) row.stubs.push(e);
    if (e.hot) row.hot = true;
  });
  var y = TOP;
  rows.forEach(function (r) {
    r.y = y;
    r.out = y + ANCHOR + 10 + r.chips.length * CHIP;
    r.h = r.out - y + 12 + r.stubs.length * STUB;
    y += r.h;
  });
  return { rows: rows, byStep: byStep, height: y + 24 };
}

function renderLaneHead(width) {
  var head = document.getElementById('lane-head');
  clear(head);
  head.style.width = width + 'px';
  head.appendChild(h('div', 'gutter-label', 'step \u00b7 time'));
  data.lanes.forEach(function (l, k) {
    var cls = 'lane-label' + (l.adversary ? ' faulty' : '') + (l.kind === 'client' ? ' client' : '');
    var d = h('div', cls, l.name);
    d.setAttribute('data-node', String(l.node));
    d.style.left = (GUTTER + k * LANE_W) + 'px';
    d.style.width = LANE_W + 'px';
    d.appendChild(h('small', '', l.adversary ? 'faulty: ' + l.adversary : l.kind === 'client' ? 'client' : 'replica'));
    head.appendChild(d);
  });
}

function defs(svg) {
  var d = s('defs', {});
  [['arrow-honest', '#3b5b92'], ['arrow-faulty', '#c0392b'], ['arrow-client', '#1e7f5c'], ['arrow-pending', '#7a7a7a']].forEach(function (m) {
    var marker = s('marker', { id: m[0], viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.appendChild(s('path', { d: 'M0,0 L10,5 L0,10 z', fill: m[1] }));
    d.appendChild(marker);
  });
  var hatch = s('pattern', { id: 'hatch', width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  hatch.appendChild(s('rect', { width: 8, height: 8, fill: '#f5eefa' }));
  hatch.appendChild(s('line', { x1: 0, y1: 0, x2: 0, y2: 8, stroke: '#c9a9dc', 'stroke-width': 3 }));
  d.appendChild(hatch);
  svg.appendChild(d);
}

function background(svg, lay, width) {
  data.lanes.forEach(function (l, k) {
    if (l.adversary || l.kind === 'client') svg.appendChild(s('rect', { x: GUTTER + k * LANE_W + 6, y: 0, width: LANE_W - 12, height: lay.height }, 'lane-band ' + (l.adversary ? 'faulty' : 'client')));
  });
  lay.rows.forEach(function (r, k) {
    if (r.hot) svg.appendChild(s('rect', { x: 0, y: r.y, width: width, height: r.h }, 'row-hot'));
    else if (k % 2 === 1) svg.appendChild(s('rect', { x: 0, y: r.y, width: width, height: r.h }, 'row-stripe'));
    var step = s('text', { x: 10, y: r.y + ANCHOR + 4 }, 'gutter');
    step.textContent = 'step ' + r.step + ' \u00b7 ' + r.t + ' ms';
    svg.appendChild(step);
  });
  partitions(svg, lay);
  data.lanes.forEach(function (l) {
    svg.appendChild(s('line', { x1: laneX(l.node), y1: 0, x2: laneX(l.node), y2: lay.height }, 'lane-line' + (l.adversary ? ' faulty' : '')));
  });
}

function partitions(svg, lay) {
  data.partitions.forEach(function (p) {
    var inside = lay.rows.filter(function (r) { return r.t >= p.startMs && r.t < p.endMs && r.t < data.gstMs; });
    if (inside.length === 0) return;
    var top = inside[0].y, last = inside[inside.length - 1], bottom = last.y + last.h;
    p.side.forEach(function (node) {
      var x = laneX(node) - LANE_W / 2 + 14;
      svg.appendChild(s('rect', { x: x, y: top, width: LANE_W - 28, height: bottom - top, rx: 4 }, 'partition'));
      var t = s('text', { x: x + 4, y: top + 11 }, 'partition-label');
      t.textContent = 'partitioned (' + p.direction + ') ' + p.startMs + '\u2013' + p.endMs + ' ms';
      svg.appendChild(t);
    });
  });
}

function remember(i, el) {
  (shapes[i] = shapes[i] || []).push(el);
  el.setAttribute('data-event', String(i));
  el.setAttribute('tabindex', '0');
  el.setAttribute('role', 'button');
  el.addEventListener('click', function (ev) { ev.stopPropagation(); select(i); });
  el.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); select(i); } });
}

function msgClass(ev) {
  if (lane(ev.from) && lane(ev.from).kind === 'client' || lane(ev.to) && lane(ev.to).kind === 'client') return 'client';
  return lane(ev.from) && lane(ev.from).adversary ? 'faulty' : 'honest';
}

function wire(g, x1, y1, x2, y2, marker) {
  var d = x1 === x2
    ? 'M' + x1 + ',' + y1 + ' C' + (x1 + 60) + ',' + y1 + ' ' + (x1 + 60) + ',' + y2 + ' ' + (x1 + 5) + ',' + y2
    : 'M' + x1 + ',' + y1 + ' L' + x2 + ',' + y2;
  g.appendChild(s('path', { d: d }, 'hit'));
  var w = s('path', { d: d }, 'wire');
  if (marker) w.setAttribute('marker-end', 'url(#' + marker + ')');
  g.appendChild(w);
}

// Message labels live in a top layer so no other arrow covers them; a label selects its own message.
var labels = null;
function tag(i, cls, x, y, text, anchor) {
  var t = s('text', { x: x, y: y, 'text-anchor': anchor || 'middle' }, 'tag ' + cls);
  t.textContent = text;
  hover(t, i);
  labels.appendChild(t);
  remember(i, t);
}
// The full text of a cut label, on hover (an SVG title) — a click shows it in the side panel too.
function hover(el, i) {
  var e = byIndex[i], title = s('title', {});
  title.textContent = (e.mark ? e.mark + ' · ' : '') + e.full;
  el.appendChild(title);
}

function message(svg, e, sendRow, deliverRow) {
  var ev = e.ev, cls = msgClass(ev);
  var x1 = laneX(ev.from), x2 = laneX(ev.to);
  var y2 = deliverRow.y + ANCHOR;
  var y1 = sendRow ? sendRow.out : y2 - ANCHOR + 4;
  var g = s('g', {}, 'msg ' + cls + (e.mark ? ' marked' : ''));
  wire(g, x1, y1, x2, y2, 'arrow-' + cls);
  var text = e.mark ? marked(e) : e.label;
  if (x1 === x2) tag(e.i, cls + (e.mark ? ' marked' : ''), x1 + 50, (y1 + y2) / 2 + 4, text, 'start');
  else tag(e.i, cls + (e.mark ? ' marked' : ''), x2 > x1 ? x2 - 12 : x2 + 12, y2 - 7, text, x2 > x1 ? 'end' : 'start');
  g.appendChild(s('circle', { cx: x2, cy: y2, r: 3.5, fill: cls === 'faulty' ? '#c0392b' : cls === 'client' ? '#1e7f5c' : '#3b5b92' }, 'dot'));
  if (sendRow) g.appendChild(s('circle', { cx: x1, cy: y1, r: 2.5, fill: '#667085' }, 'dot'));
  svg.appendChild(g);
  remember(e.i, g);
}

// A marked message's label: the mark's head first, the label cut to leave the whole within a lane
// or two (the full text is on hover and in the panel).
function marked(e) {
  var head = '\u26a0 ' + e.mark.split(',')[0] + ' \u00b7 ';
  var room = Math.max(12, 44 - head.length);
  return head + (e.label.length > room ? e.label.slice(0, room - 1) + '\u2026' : e.label);
}

// A message that never arrived: dropped (with a cross) or still in flight when the run ended.
function stub(svg, row, e, k) {
  var ev = e.ev, x1 = laneX(ev.from), x2 = laneX(ev.to), y = row.out;
  var dropped = ev.kind === 'drop';
  var xe = x1 === x2 ? x1 + 40 : x1 + (x2 - x1) * 0.6, ye = y + 12 + k * STUB;
  var g = s('g', {}, 'msg ' + (dropped ? 'drop' + (ev.reason === 'partition' ? ' partition' : '') : 'pending') + (e.missing ? ' missing' : ''));
  wire(g, x1, y, xe, ye, dropped ? null : 'arrow-pending');
  if (dropped) g.appendChild(s('path', { d: 'M' + (xe - 5) + ',' + (ye - 5) + ' L' + (xe + 5) + ',' + (ye + 5) + ' M' + (xe - 5) + ',' + (ye + 5) + ' L' + (xe + 5) + ',' + (ye - 5) }, 'cross'));
  var what = e.missing ? 'MISSING, ' + e.mark.split(',')[0] + ': ' : dropped ? (ev.reason === 'partition' ? 'cut by partition: ' : 'dropped (' + ev.reason + '): ') : 'never delivered: ';
  tag(e.i, (dropped ? 'drop' : 'pending') + (e.missing ? ' missing' : ''), xe + (x2 >= x1 ? 9 : -9), ye + 4, what + e.label, x2 >= x1 ? 'start' : 'end');
  svg.appendChild(g);
  remember(e.i, g);
}

// Shortens a chip's value by its middle until the chip's text fits (mutated values differ at their
// ends); the head ("commit #1 = ") stays whole.
function fitText(t, head, value, width) {
  t.textContent = head + value;
  var chars = Array.from(value), keep = chars.length;
  while (keep > 3 && t.getComputedTextLength() > width) {
    keep -= 1;
    var front = Math.ceil((keep - 1) / 2);
    t.textContent = head + chars.slice(0, front).join('') + '\u2026' + chars.slice(chars.length - (keep - 1 - front)).join('');
  }
}

function chips(svg, row) {
  row.chips.forEach(function (e, k) {
    var node = e.ev.node, x = laneX(node) - LANE_W / 2 + 8, y = row.y + ANCHOR + 6 + k * CHIP;
    var g = s('g', {}, 'chip ' + e.ev.kind + (e.hot ? ' hot' : ''));
    g.appendChild(s('rect', { x: x, y: y, width: LANE_W - 16, height: CHIP - 4, rx: 5 }));
    var t = s('text', { x: x + 7, y: y + 13 });
    g.appendChild(t);
    svg.appendChild(g);
    var value = e.value === undefined ? '' : e.value;
    fitText(t, (e.hot ? '\u26a0 ' : '') + e.label.slice(0, e.label.length - value.length), value, LANE_W - 30);
    hover(g, e.i);
    remember(e.i, g);
  });
}

function messages(svg, lay, events) {
  var sends = {};
  events.forEach(function (e) { if (e.ev.kind === 'send') sends[e.ev.msg] = e; });
  events.forEach(function (e) {
    if (e.ev.kind !== 'deliver') return;
    var send = sends[e.ev.msg];
    message(svg, e, send ? lay.byStep[send.ev.step] : null, lay.byStep[e.ev.step]);
  });
  lay.rows.forEach(function (r) { r.stubs.forEach(function (e, k) { stub(svg, r, e, k); }); });
}

function renderTimeline() {
  var events = byIndex.filter(function (e) { return view === 'full' || e.slice; });
  var lay = layout(events);
  var width = GUTTER + data.lanes.length * LANE_W + 24;
  renderLaneHead(width);
  var svg = document.getElementById('canvas');
  clear(svg);
  shapes = {};
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(lay.height));
  defs(svg);
  background(svg, lay, width);
  var wires = s('g', {}, 'wires'), decisions = s('g', {}, 'decisions');
  labels = s('g', {}, 'labels');
  svg.appendChild(wires);
  svg.appendChild(decisions);
  svg.appendChild(labels);
  messages(wires, lay, events);
  lay.rows.forEach(function (r) { chips(decisions, r); });
  if (selected >= 0) mark(selected);
}

function mark(i) {
  Array.prototype.forEach.call(document.querySelectorAll('#canvas .selected'), function (el) { el.classList.remove('selected'); });
  (shapes[i] || []).forEach(function (el) { el.classList.add('selected'); });
}

function pretty(payload) {
  try { return JSON.stringify(JSON.parse(payload), null, 2); } catch (err) { return payload; }
}

function field(dl, name, value) {
  dl.appendChild(h('dt', '', name));
  dl.appendChild(h('dd', '', value));
}

function partner(ev) {
  if (ev.kind !== 'send' && ev.kind !== 'deliver') return null;
  var want = ev.kind === 'send' ? 'deliver' : 'send';
  for (var k = 0; k < byIndex.length; k++) if (byIndex[k].ev.kind === want && byIndex[k].ev.msg === ev.msg) return byIndex[k].ev;
  return null;
}

function select(i) {
  selected = i;
  mark(i);
  var e = byIndex[i], ev = e.ev, panel = document.getElementById('panel');
  clear(panel);
  panel.appendChild(h('h2', '', ev.kind + (ev.from !== undefined ? ': ' + nodeText(ev.from) + ' \u2192 ' + nodeText(ev.to) : ': ' + nodeText(ev.node))));
  if (e.hot) panel.appendChild(h('div', 'badge', '\u26a0 violation evidence'));
  if (e.mark) panel.appendChild(h('div', 'badge mark', '\u26a0 ' + e.mark));
  var dl = h('dl');
  field(dl, 'label', e.full);
  if (e.detail) field(dl, 'forged / altered', e.detail);
  field(dl, 'trace index', i);
  Object.keys(ev).forEach(function (k) {
    if (k === 'payload' || k === 'kind') return;
    var v = ev[k];
    field(dl, k, (k === 'from' || k === 'to' || k === 'node') ? nodeText(v) : String(v));
  });
  var other = partner(ev);
  if (other) field(dl, other.kind === 'deliver' ? 'delivered' : 'sent', 'step ' + other.step + ' at ' + other.t + ' ms');
  else if (ev.kind === 'send') field(dl, 'delivered', 'never (still in flight when the run ended)');
  field(dl, 'in causal slice', e.slice ? 'yes' : 'no');
  panel.appendChild(dl);
  if (ev.payload !== undefined) {
    panel.appendChild(h('h3', '', 'Payload'));
    panel.appendChild(h('pre', 'payload', pretty(ev.payload)));
  }
}

function jumpToSteps(steps) {
  var hit = byIndex.filter(function (e) { return e.hot && steps.indexOf(e.ev.step) >= 0; })[0];
  if (!hit) return;
  if (view === 'slice' && !hit.slice) { view = 'full'; renderHeader(); renderTimeline(); }
  select(hit.i);
  var el = (shapes[hit.i] || [])[0];
  if (el && el.scrollIntoView) el.scrollIntoView({ block: 'center', inline: 'nearest' });
}

renderHeader();
renderTimeline();
var first = byIndex.filter(function (e) { return e.hot; })[0];
if (first) select(first.i);
})();
`;
