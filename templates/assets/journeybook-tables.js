/* Journeybook: sortable tables, as progressive enhancement only.
   Tables with class "jb-sortable" are complete, readable HTML without this script; when it
   runs, each column heading becomes a button that sorts the rows (again to reverse), and
   aria-sort tells assistive technology the current order. A cell's data-sort attribute, when
   present, is the value sorted on (dates, titles); headings with data-type="number" sort
   numerically. Material's instant navigation swaps pages without reloading scripts, so the
   tables of each new page are enhanced through its document$ observable. */
(function () {
  "use strict";

  function key(cell, numeric) {
    var text = cell ? (cell.getAttribute("data-sort") || cell.textContent).trim() : "";
    if (!numeric) return text;
    var number = parseFloat(text);
    return isNaN(number) ? -Infinity : number;
  }

  function compare(a, b) {
    return typeof a === "number" ? a - b : a.localeCompare(b, undefined, { sensitivity: "base", numeric: true });
  }

  function sort(table, index, heading) {
    var ascending = heading.getAttribute("aria-sort") !== "ascending";
    var numeric = heading.getAttribute("data-type") === "number";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (x, y) {
      var order = compare(key(x.cells[index], numeric), key(y.cells[index], numeric));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function enhance() {
    document.querySelectorAll("table.jb-sortable:not([data-jb-sortable])").forEach(function (table) {
      table.setAttribute("data-jb-sortable", "");
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (heading, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "jb-sort";
        while (heading.firstChild) button.appendChild(heading.firstChild);
        heading.appendChild(button);
        button.addEventListener("click", function () { sort(table, index, heading); });
      });
    });
  }

  if (window.document$) window.document$.subscribe(enhance);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
})();
