/**
 * The HTML report's only script, inlined and allowed by its hash in the Content-Security-Policy. It carries
 * no data (everything it works on is already in the DOM, escaped), so its hash never changes with a report.
 * It opens a cell's findings, filters and searches rows, and moves focus through the matrix with the arrow
 * keys (one tab stop per table, as grids do). Without it, the report still reads and prints.
 */
export const HTML_REPORT_SCRIPT = `
(function () {
  'use strict';
  var search = document.getElementById('search');
  var onlyFindings = document.getElementById('only-findings');
  var shown = document.getElementById('rows-shown');

  function visibleRows(table) {
    return Array.prototype.filter.call(table.querySelectorAll('tbody tr.row'), function (row) { return !row.hidden; });
  }
  function cellsOf(row) { return Array.prototype.slice.call(row.querySelectorAll('td.cell')); }

  function focusCell(cell) {
    var table = cell.closest('table');
    Array.prototype.forEach.call(table.querySelectorAll('td.cell[tabindex="0"]'), function (other) { other.tabIndex = -1; });
    cell.tabIndex = 0;
    cell.focus();
  }

  function openCell(cell) {
    var id = cell.getAttribute('data-details');
    if (!id) return;
    var section = cell.closest('section.environment');
    Array.prototype.forEach.call(section.querySelectorAll('.details'), function (details) { details.hidden = details.id !== id; });
    Array.prototype.forEach.call(document.querySelectorAll('td.cell.selected'), function (other) {
      other.classList.remove('selected');
      other.setAttribute('aria-expanded', 'false');
    });
    cell.classList.add('selected');
    cell.setAttribute('aria-expanded', 'true');
    var hint = section.querySelector('.panel .hint');
    if (hint) hint.hidden = true;
    document.getElementById(id).scrollIntoView({ block: 'nearest' });
  }

  function closeCells(section) {
    Array.prototype.forEach.call(section.querySelectorAll('.details'), function (details) { details.hidden = true; });
    Array.prototype.forEach.call(section.querySelectorAll('td.cell.selected'), function (cell) {
      cell.classList.remove('selected');
      cell.setAttribute('aria-expanded', 'false');
    });
    var hint = section.querySelector('.panel .hint');
    if (hint) hint.hidden = false;
  }

  function move(cell, rowStep, columnStep, toEdge) {
    var rows = visibleRows(cell.closest('table'));
    var rowIndex = rows.indexOf(cell.parentElement);
    var columnIndex = cellsOf(cell.parentElement).indexOf(cell);
    var targetRow = rows[Math.max(0, Math.min(rows.length - 1, rowIndex + rowStep))];
    var cells = cellsOf(targetRow);
    var targetColumn = toEdge === 'start' ? 0 : toEdge === 'end' ? cells.length - 1 : Math.max(0, Math.min(cells.length - 1, columnIndex + columnStep));
    focusCell(cells[targetColumn]);
  }

  document.addEventListener('click', function (event) {
    var cell = event.target.closest && event.target.closest('td.cell');
    if (!cell) return;
    focusCell(cell);
    openCell(cell);
  });

  document.addEventListener('keydown', function (event) {
    var cell = event.target.closest && event.target.closest('td.cell');
    if (!cell) return;
    var steps = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (steps[event.key]) { move(cell, steps[event.key][0], steps[event.key][1]); event.preventDefault(); }
    else if (event.key === 'Home') { move(cell, 0, 0, 'start'); event.preventDefault(); }
    else if (event.key === 'End') { move(cell, 0, 0, 'end'); event.preventDefault(); }
    else if (event.key === 'Enter' || event.key === ' ') { openCell(cell); event.preventDefault(); }
    else if (event.key === 'Escape') { closeCells(cell.closest('section.environment')); }
  });

  function applyFilters() {
    var query = search.value.trim().toLowerCase();
    var total = 0;
    var visible = 0;
    Array.prototype.forEach.call(document.querySelectorAll('table.matrix'), function (table) {
      var category = null;
      var categoryHasRows = false;
      Array.prototype.forEach.call(table.querySelectorAll('tbody tr'), function (row) {
        if (row.classList.contains('category')) {
          if (category) category.hidden = !categoryHasRows;
          category = row;
          categoryHasRows = false;
          return;
        }
        total += 1;
        var hide = (onlyFindings.checked && row.getAttribute('data-attention') !== 'true') ||
          (query !== '' && row.getAttribute('data-search').indexOf(query) === -1);
        row.hidden = hide;
        if (!hide) { visible += 1; categoryHasRows = true; }
      });
      if (category) category.hidden = !categoryHasRows;
      // Keep the table's one tab stop on a row that is still shown.
      var stop = table.querySelector('td.cell[tabindex="0"]');
      if (!stop || stop.parentElement.hidden) {
        var rows = visibleRows(table);
        if (stop) stop.tabIndex = -1;
        if (rows.length > 0) cellsOf(rows[0])[0].tabIndex = 0;
      }
    });
    shown.textContent = visible + ' of ' + total + ' rows shown';
  }

  search.addEventListener('input', applyFilters);
  onlyFindings.addEventListener('change', applyFilters);
  applyFilters();
})();
`;
