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

/* Journeybook: filter forms, as progressive enhancement only (the KPI health and initiatives pages).
   A form with data-jb-filter is hidden in the HTML, whose grouped sections already let a
   reader find KPIs by owner or category without script. When this runs it shows the form;
   each <select data-filter="NAME"> keeps only the rows whose data-NAME holds it (empty: all)
   in the tables of the enclosing [data-jb-filter-scope], hides [data-jb-filter-group]
   sections left empty, writes "{shown} of {total}" into the form's <output>, and sets every
   [data-jb-filter-count=GROUP] (a group's heading, the summary at the top) to the rows still
   shown in the group [data-jb-filter-group=GROUP], so no count disagrees with the filter. */
(function () {
  "use strict";

  function apply(form) {
    var scope = form.closest("[data-jb-filter-scope]") || document;
    var chosen = Array.prototype.map.call(form.querySelectorAll("select[data-filter]"), function (select) {
      return { name: select.getAttribute("data-filter"), value: select.value };
    });
    var rows = scope.querySelectorAll("[data-jb-filter-group] tbody tr");
    var shown = 0;
    Array.prototype.forEach.call(rows, function (row) {
      // A row may carry several space-separated values (an initiative acting on two journeys).
      var match = chosen.every(function (c) {
        return !c.value || (row.getAttribute("data-" + c.name) || "").split(" ").indexOf(c.value) !== -1;
      });
      row.hidden = !match;
      if (match) shown += 1;
    });
    scope.querySelectorAll("[data-jb-filter-group]").forEach(function (group) {
      var visible = group.querySelectorAll("tbody tr:not([hidden])").length;
      group.hidden = !visible;
      var name = group.getAttribute("data-jb-filter-group");
      if (!name) return;
      scope.querySelectorAll('[data-jb-filter-count="' + name + '"]').forEach(function (count) {
        count.textContent = String(visible);
      });
    });
    var output = form.querySelector("output");
    if (output) {
      output.textContent = (output.getAttribute("data-template") || "{shown} / {total}")
        .replace("{shown}", shown).replace("{total}", rows.length);
    }
  }

  function enhance() {
    document.querySelectorAll("form[data-jb-filter]:not([data-jb-enhanced])").forEach(function (form) {
      form.setAttribute("data-jb-enhanced", "");
      form.hidden = false;
      form.addEventListener("change", function () { apply(form); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      apply(form);
    });
  }

  if (window.document$) window.document$.subscribe(enhance);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
})();
