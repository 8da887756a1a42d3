/*
 * "Cite this" (kzrights/render/cite_block.py): the copy button, hidden until this file
 * runs. It copies the citation's text; where the clipboard is not available it selects
 * the text so that the reader can copy it. No inline script: the page's Content Security
 * Policy allows only files from the site.
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

  function setUp(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".cite-status");
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
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

  Array.prototype.forEach.call(document.querySelectorAll("button.cite-copy[data-copy]"), setUp);
}());
