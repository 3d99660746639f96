/**
 * The HTML report's only style sheet, inlined and allowed by its hash in the Content-Security-Policy. No style
 * attributes anywhere (the policy forbids them): every look comes from a class. Colour is never the only
 * signal: severities carry an icon and a word, value groups a letter, absence a dash and a label.
 */
export const HTML_REPORT_STYLES = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --head: #f3f5f7; --panel: #f8fafc;
  --error: #b3261e; --error-bg: #fdecea; --warning: #8a5300; --warning-bg: #fff4d6; --info: #0b57d0; --info-bg: #e8f0fe;
  --ok: #1a7f37; --focus: #0b57d0;
  --g1: #cfe3ff; --g2: #ffd8b5; --g3: #d2f4d3; --g4: #f6d0f0; --g5: #fff0a8; --g6: #c9f1f1; --g7: #e3d7ff; --g8: #e6e6e6;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #111418; --fg: #e6e9ed; --muted: #a0a8b1; --line: #39414a; --head: #1b2027; --panel: #171b21;
    --error: #ff8a80; --error-bg: #3b1614; --warning: #ffc46b; --warning-bg: #352608; --info: #8ab4f8; --info-bg: #132742;
    --ok: #6fdd8b; --focus: #8ab4f8;
    --g1: #1f4b8f; --g2: #8a4b12; --g3: #1f6a2a; --g4: #7a2a6e; --g5: #6f6410; --g6: #12605f; --g7: #4b3a8f; --g8: #4a4f55;
  }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem 1.25rem; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 1.35rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1rem; margin: 0 0 .4rem; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .92em; }
.summary { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; padding: .6rem .75rem; border: 1px solid var(--line); border-radius: 8px; background: var(--panel); }
.count { padding: .15rem .55rem; border-radius: 999px; border: 1px solid var(--line); white-space: nowrap; }
.count.error { color: var(--error); background: var(--error-bg); }
.count.warning { color: var(--warning); background: var(--warning-bg); }
.count.info { color: var(--info); background: var(--info-bg); }
.verdict { font-weight: 700; padding: .15rem .6rem; border-radius: 6px; border: 2px solid currentColor; }
.verdict.failed { color: var(--error); }
.verdict.incomplete { color: var(--warning); }
.verdict.passed, .verdict.clean { color: var(--ok); }
.controls { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: .75rem 0; }
.controls input[type=search] { padding: .3rem .5rem; min-width: 16rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
.legend { color: var(--muted); font-size: .9em; }
.matrix-wrap { overflow-x: auto; }
table.matrix { border-collapse: collapse; margin: .25rem 0 1rem; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: .25rem .45rem; vertical-align: top; text-align: left; }
.matrix thead th { background: var(--head); position: sticky; top: 0; }
.matrix th.key { font-weight: 600; white-space: nowrap; }
.matrix th .variant { display: block; font-weight: 400; color: var(--muted); font-size: .85em; }
.matrix tr.category th { background: var(--head); text-transform: uppercase; letter-spacing: .04em; font-size: .8em; color: var(--muted); }
.matrix td.cell { min-width: 8.5rem; cursor: default; }
.matrix td.cell.has-findings { cursor: pointer; }
.matrix td.cell:focus { outline: 3px solid var(--focus); outline-offset: -3px; }
.matrix td.cell.sev-error { background: var(--error-bg); box-shadow: inset 4px 0 0 var(--error); }
.matrix td.cell.sev-warning { background: var(--warning-bg); box-shadow: inset 4px 0 0 var(--warning); }
.matrix td.cell.sev-info { background: var(--info-bg); box-shadow: inset 4px 0 0 var(--info); }
.matrix td.cell.selected { outline: 3px solid var(--focus); outline-offset: -3px; }
.absent { color: var(--muted); }
.source { display: block; font-size: .85em; color: var(--muted); }
.chip { display: inline-block; min-width: 1.5em; text-align: center; font-weight: 700; border-radius: 4px; padding: 0 .3em; margin-right: .3em; border: 1px solid var(--line); color: var(--fg); }
.chip.g1 { background: var(--g1); } .chip.g2 { background: var(--g2); } .chip.g3 { background: var(--g3); } .chip.g4 { background: var(--g4); }
.chip.g5 { background: var(--g5); } .chip.g6 { background: var(--g6); } .chip.g7 { background: var(--g7); } .chip.g8 { background: var(--g8); }
.mark { font-weight: 700; white-space: nowrap; }
.mark.error { color: var(--error); } .mark.warning { color: var(--warning); } .mark.info { color: var(--info); } .mark.unknown { color: var(--warning); }
.panel { border: 1px solid var(--line); border-radius: 8px; background: var(--panel); padding: .75rem 1rem; margin: .5rem 0 1rem; }
.panel:focus { outline: 3px solid var(--focus); }
.details ul { margin: .25rem 0 0; padding-left: 1.1rem; }
.details li { margin-bottom: .6rem; }
.details .where, .details .fix, .details .related { display: block; }
.details .where, .details .related { color: var(--muted); }
.notice { color: var(--muted); }
.unevaluated li { margin-bottom: .25rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { padding: 0; font-size: 10pt; background: #fff; color: #000; }
  .controls, .hint { display: none; }
  .matrix thead th { position: static; }
  .matrix tr { break-inside: avoid; }
  .details[hidden], .panel .details { display: block; break-inside: avoid; }
  .panel { border: 0; padding: 0; }
}
`;
