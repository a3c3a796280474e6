// Leaving a page with unsaved edits asks first. A form opts in with
// data-unsaved-warning: once one of its fields changes (fields outside it that belong to
// it through form="…" included), closing or leaving the page asks the browser's own
// question, until the form is sent. No inline script: the CSP forbids them.
(function () {
  var changed = new Set();

  function watched(target) {
    var form = target && target.form;
    return form && form.hasAttribute("data-unsaved-warning") ? form : null;
  }

  function mark(event) {
    var form = watched(event.target);
    if (form) changed.add(form);
  }

  document.addEventListener("input", mark, true);
  document.addEventListener("change", mark, true);
  // Sending the form keeps what was typed: no question then.
  document.addEventListener("submit", function (event) {
    changed.delete(event.target);
  }, true);
  window.addEventListener("beforeunload", function (event) {
    if (changed.size === 0) return;
    event.preventDefault();
    event.returnValue = "";  // older browsers ask only when a value is set
  });
})();
