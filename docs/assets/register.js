/* Filters of the Views register: progressive enhancement of <table class="kz-register">
   (kzrights/render/tables.py). Without JavaScript the whole table is shown.

   Each row carries data-areas (area ids), data-articles (articles invoked), data-year
   (year of adoption, empty when not recorded) and data-finding (what the Committee found,
   as read: "violation", "violation-19", "partial", "not-read"...). The table carries the
   filter words in the page's language (data-filter-*), the names of its areas
   (data-filter-areas, JSON) and the choices of the finding filter (data-filter-findings,
   JSON, in the order to show).
   Above the table: one <select> per filter, a button that clears them, and a live count. */
(function () {
  "use strict";

  function words(row, name) {
    var value = row.getAttribute(name) || "";
    return value ? value.split(" ") : [];
  }

  function distinct(rows, name) {
    var seen = {};
    rows.forEach(function (row) {
      words(row, name).forEach(function (word) { seen[word] = true; });
    });
    return Object.keys(seen);
  }

  function byNumber(a, b) { return parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b); }

  function select(id, label, any, choices) {
    var wrap = document.createElement("div");
    wrap.className = "kz-filter";
    var labelElement = document.createElement("label");
    labelElement.htmlFor = id;
    labelElement.textContent = label;
    var element = document.createElement("select");
    element.id = id;
    [["", any]].concat(choices).forEach(function (choice) {
      var option = document.createElement("option");
      option.value = choice[0];
      option.textContent = choice[1];
      element.appendChild(option);
    });
    wrap.appendChild(labelElement);
    wrap.appendChild(element);
    return { wrap: wrap, element: element };
  }

  function enhance(table, index) {
    var text = table.dataset;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var present = distinct(rows, "data-areas");
    var areaChoices = JSON.parse(text.filterAreas || "[]").filter(function (area) {
      return present.indexOf(area[0]) >= 0;
    });
    var articleChoices = distinct(rows, "data-articles").sort(byNumber).map(function (n) {
      return [n, text.filterArticleOption.replace("{n}", n)];
    });
    var yearChoices = distinct(rows, "data-year").sort(byNumber).reverse().map(function (y) {
      return [y, y];
    });
    var findings = distinct(rows, "data-finding");
    var findingChoices = JSON.parse(text.filterFindings || "[]").filter(function (choice) {
      return findings.indexOf(choice[0]) >= 0;
    });

    var prefix = "kz-register-" + index + "-";
    var filters = [
      { attribute: "data-areas", control: select(prefix + "area", text.filterArea, text.filterAny, areaChoices) },
      { attribute: "data-articles", control: select(prefix + "article", text.filterArticle, text.filterAny, articleChoices) },
      { attribute: "data-year", control: select(prefix + "year", text.filterYear, text.filterAny, yearChoices) },
      { attribute: "data-finding", control: select(prefix + "finding", text.filterFinding, text.filterAny, findingChoices) }
    ];

    var fieldset = document.createElement("fieldset");
    fieldset.className = "kz-filters";
    var legend = document.createElement("legend");
    legend.textContent = text.filterLegend;
    fieldset.appendChild(legend);
    filters.forEach(function (filter) { fieldset.appendChild(filter.control.wrap); });
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "kz-filters__clear";
    clear.textContent = text.filterClear;
    fieldset.appendChild(clear);
    var count = document.createElement("p");
    count.className = "kz-filters__count";
    count.setAttribute("role", "status");  // announced politely (an implicit aria-live)
    count.setAttribute("aria-live", "polite");
    count.id = prefix + "count";
    fieldset.appendChild(count);

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var match = filters.every(function (filter) {
          var wanted = filter.control.element.value;
          return !wanted || words(row, filter.attribute).indexOf(wanted) >= 0;
        });
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = text.filterCount
        .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    }

    filters.forEach(function (filter) { filter.control.element.addEventListener("change", apply); });
    clear.addEventListener("click", function () {
      filters.forEach(function (filter) { filter.control.element.value = ""; });
      apply();
    });

    apply();  // the count, before the region is in the page (not announced on load)
    // Above the sort hint (tablesort.js), which stays next to the table it explains.
    var wrap = table.closest(".table-wrap") || table;
    var hint = wrap.previousElementSibling;
    var before = hint && hint.classList.contains("sort-hint") ? hint : wrap;
    before.parentNode.insertBefore(fieldset, before);
    table.setAttribute("aria-describedby", count.id);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.kz-register"), enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
