// The report page's own script, inlined (the file works offline). It reads the JSON data block,
// colours the graph for the chosen execution (or by coverage), fills the event timeline and shows a
// state's visits on click. User text only ever goes through textContent, never innerHTML.
// When done it sets data-rendered="ok" on <body> (the browser test reads it), or "error".

export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var body = document.body;
  try {
    var data = JSON.parse(document.getElementById('report-data').textContent);
    var OUTCOMES = ['succeeded', 'failed', 'caught', 'cancelled', 'notRun', 'covered', 'uncovered'];
    var nodes = Array.prototype.slice.call(document.querySelectorAll('svg.graph g.node[data-pointer]'));
    var picker = document.getElementById('execution');
    var rows = document.getElementById('timeline-rows');
    var panel = document.getElementById('details');
    var summary = document.getElementById('summary');
    var current = 0;

    function el(tag, text, cls) {
      var e = document.createElement(tag);
      if (text !== undefined) e.textContent = text;
      if (cls) e.className = cls;
      return e;
    }
    function json(value) {
      return value === undefined ? '(none)' : JSON.stringify(value, null, 2);
    }
    function seconds(ms) {
      return '+' + (ms / 1000).toFixed(3) + ' s';
    }
    function colour() {
      var ex = data.executions[current];
      nodes.forEach(function (node) {
        OUTCOMES.forEach(function (c) { node.classList.remove(c); });
        var p = node.getAttribute('data-pointer');
        if (data.coverage) node.classList.add(data.coverage[p] ? 'covered' : 'uncovered');
        else if (ex) node.classList.add(ex.outcomes[p] || 'notRun');
      });
    }
    function showState(pointer, name) {
      var ex = data.executions[current];
      panel.replaceChildren(el('h3', name));
      var visits = (ex && ex.visits[pointer]) || [];
      if (visits.length === 0) panel.appendChild(el('p', 'Not run in this execution.', 'muted'));
      visits.forEach(function (v, i) {
        var box = el('div', undefined, 'visit');
        box.appendChild(el('h4', 'Visit ' + (i + 1) + ' (event ' + v.enteredEventId + '): ' + (v.outcome || 'running')));
        box.appendChild(el('div', 'Input', 'label'));
        box.appendChild(el('pre', json(v.input)));
        if (v.error !== undefined || v.cause !== undefined) {
          box.appendChild(el('div', 'Error', 'label'));
          box.appendChild(el('pre', (v.error || '') + (v.cause ? ': ' + v.cause : '')));
        }
        box.appendChild(el('div', 'Output', 'label'));
        box.appendChild(el('pre', json(v.output)));
        panel.appendChild(box);
      });
    }
    function showEvent(event) {
      panel.replaceChildren(el('h3', 'Event ' + event.id + ': ' + event.type));
      if (event.state !== undefined) panel.appendChild(el('p', 'State: ' + event.state));
      panel.appendChild(el('pre', json(event.details)));
    }
    function timeline() {
      var ex = data.executions[current];
      rows.replaceChildren();
      if (!ex) return;
      summary.textContent = ex.name + ': ' + ex.result.status + (ex.result.error ? ' (' + ex.result.error + (ex.result.cause ? ': ' + ex.result.cause : '') + ')' : '');
      summary.className = 'status-' + ex.result.status;
      ex.events.forEach(function (event) {
        var tr = el('tr');
        tr.setAttribute('data-event-id', String(event.id));
        tr.className = /Failed|TimedOut|Aborted/.test(event.type) ? 'bad' : /Succeeded/.test(event.type) ? 'good' : '';
        tr.appendChild(el('td', String(event.id), 'num'));
        tr.appendChild(el('td', seconds(event.offsetMs), 'num'));
        tr.appendChild(el('td', event.type));
        tr.appendChild(el('td', event.state === undefined ? '' : event.state));
        tr.addEventListener('click', function () {
          showEvent(event);
          if (event.pointer !== undefined) highlight(event.pointer);
        });
        rows.appendChild(tr);
      });
    }
    function highlight(pointer) {
      nodes.forEach(function (node) { node.classList.toggle('selected', node.getAttribute('data-pointer') === pointer); });
    }
    function select(index) {
      current = index;
      colour();
      timeline();
      panel.replaceChildren(el('p', 'Click a state in the graph, or an event in the timeline, to see its input and output.', 'muted'));
    }
    var openers = {};
    nodes.forEach(function (node) {
      var open = function () {
        highlight(node.getAttribute('data-pointer'));
        showState(node.getAttribute('data-pointer'), node.querySelector('title').textContent.split('\n')[0]);
      };
      openers[node.getAttribute('data-pointer')] = open;
      node.addEventListener('click', open);
      node.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') open(); });
    });
    data.executions.forEach(function (ex, i) {
      var option = el('option', ex.name + ' (' + ex.result.status + ')');
      option.value = String(i);
      picker.appendChild(option);
    });
    picker.disabled = data.executions.length < 2;
    picker.addEventListener('change', function () { select(Number(picker.value)); });
    select(0);
    // report.html#state=/States/Name opens that state's details, so a link can point at one.
    if (location.hash.indexOf('#state=') === 0) {
      var wanted = openers[decodeURIComponent(location.hash.slice(7))];
      if (wanted) wanted();
    }
    body.setAttribute('data-rendered', 'ok');
  } catch (err) {
    body.setAttribute('data-rendered', 'error');
    var box = document.getElementById('script-error');
    if (box) box.textContent = 'The report could not be drawn: ' + (err && err.message ? err.message : String(err));
  }
})();
`;
