/* Sortable data tables: progressive enhancement of <table class="sortable">.
   Without JavaScript the table keeps its order (the source's order). Each column heading
   becomes a button; cells sort by their data-sort attribute, else by their text. */
(function () {
  "use strict";
  function value(row, index) {
    var cell = row.cells[index];
    return cell ? (cell.getAttribute("data-sort") || cell.textContent.trim()) : "";
  }
  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var result = value(a, index).localeCompare(value(b, index), undefined, { numeric: true });
      return ascending ? result : -result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  function enhance(table) {
    if (table.dataset.sortReady) return;
    table.dataset.sortReady = "1";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, th); });
    });
    var hint = table.parentNode.previousElementSibling;
    if (hint && hint.classList.contains("sort-hint")) hint.hidden = false;
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
