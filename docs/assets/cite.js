/*
 * "Cite this" (kzrights/render/cite_block.py): the copy button, hidden until this file
 * runs. It copies the citation's text; where the clipboard is not available it selects
 * the text so that the reader can copy it. No inline script: the page's Content Security
 * Policy allows only files from the site.
 *
 * The citation carries the page's full address and the date it was accessed. The address
 * is the site's when the build had one (the element is marked data-cite-fixed), else the
 * browser's (location, without the fragment), read again when the reader copies. The date
 * is the reader's today, written the page language's way (data-months). The downloads
 * (CSL-JSON, BibTeX) get the same address and date (`accessed`, `urldate`) when clicked.
 */
(function () {
  "use strict";

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function today() {
    var now = new Date();
    return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate(),
             iso: now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) };
  }

  function here(block) {
    var element = block.querySelector(".cite-url");
    if (element && element.hasAttribute("data-cite-fixed")) { return element.textContent; }
    return window.location.href.split("#")[0];
  }

  // The address and the accessed date in the citation's text.
  function fill(block) {
    var date = today();
    var url = block.querySelector(".cite-url");
    if (url && !url.hasAttribute("data-cite-fixed")) { url.textContent = here(block); }
    var accessed = block.querySelector(".cite-accessed");
    var months = JSON.parse(block.getAttribute("data-months") || "[]");
    if (accessed && months.length === 12) {
      var written = months[date.m - 1].replace("{d}", String(date.d)).replace("{y}", String(date.y));
      accessed.textContent = ", " + accessed.getAttribute("data-cite-accessed").replace("{date}", written);
      accessed.hidden = false;
    }
    return date;
  }

  function setUp(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var block = button.closest(".cite-this");
    var status = button.parentNode.querySelector(".cite-status");
    if (!source || !block) { return; }
    fill(block);
    button.hidden = false;
    button.addEventListener("click", function () {
      fill(block);
      var text = source.textContent.replace(/\s+/g, " ").trim();
      var done = function () { if (status) { status.textContent = button.getAttribute("data-copied"); } };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { select(source); });
      } else {
        select(source);
        try { if (document.execCommand("copy")) { done(); } } catch (err) { /* selected: copy by hand */ }
      }
    });
  }

  // The downloads with the full address and the accessed date.
  function download(name, type, content) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([content], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  function csl(block, date) {
    var items = JSON.parse(block.getAttribute("data-csl"));
    items.forEach(function (item) {
      item.URL = here(block);
      item.accessed = { "date-parts": [[date.y, date.m, date.d]] };
    });
    return JSON.stringify(items, null, 1) + "\n";
  }

  function bib(block, date) {
    var text = block.getAttribute("data-bib");
    var url = block.querySelector(".cite-url");
    var path = url ? url.getAttribute("data-cite-path") : "";
    if (url && !url.hasAttribute("data-cite-fixed") && path) { text = text.split(path).join(here(block)); }
    return text.replace(/^( {2}url = \{[^\n]*\},)$/m, "$1\n  urldate = {" + date.iso + "},");
  }

  function setUpDownloads(block) {
    if (!block.hasAttribute("data-csl")) { return; }
    var section = block.parentNode;
    Array.prototype.forEach.call(section.querySelectorAll('a[href$="cite.json"], a[href$="cite.bib"]'),
      function (link) {
        link.addEventListener("click", function (event) {
          event.preventDefault();
          var date = fill(block);
          var json = /cite\.json$/.test(link.getAttribute("href"));
          download(link.getAttribute("download") || (json ? "cite.json" : "cite.bib"),
                   json ? "application/vnd.citationstyles.csl+json" : "application/x-bibtex",
                   json ? csl(block, date) : bib(block, date));
        });
      });
  }

  Array.prototype.forEach.call(document.querySelectorAll("button.cite-copy[data-copy]"), setUp);
  Array.prototype.forEach.call(document.querySelectorAll(".cite-this"), setUpDownloads);
}());
