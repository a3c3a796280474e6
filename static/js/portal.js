// The portal's own behaviour on every page (no inline scripts: the CSP forbids them).
// Browsers word their "fill out this field" bubbles in the browser's language; the
// portal speaks Thai, so required fields say it in Thai.
document.addEventListener("invalid", function (event) {
  var field = event.target;
  if (field.validity && field.validity.valueMissing) {
    field.setCustomValidity("กรุณากรอกข้อมูลช่องนี้");
  }
}, true);
document.addEventListener("input", function (event) {
  if (event.target.setCustomValidity) event.target.setCustomValidity("");
}, true);

// A table wider than the phone scrolls sideways inside its .table-responsive box; a
// keyboard user can scroll it only if the box takes focus. Boxes with nothing focusable
// inside become a named, focusable region.
document.querySelectorAll(".table-responsive").forEach(function (box) {
  if (box.querySelector("a[href], button, input, select, textarea, [tabindex]")) return;
  box.tabIndex = 0;
  box.setAttribute("role", "region");
  if (!box.hasAttribute("aria-label")) {
    var caption = box.querySelector("caption");
    var heading = box.closest(".card-body, section, main");
    heading = heading && heading.querySelector("h1, h2, h3");
    var name = (caption || heading || {}).textContent || "";
    box.setAttribute("aria-label", "ตาราง " + name.trim());
  }
});

// Form errors are tied to their fields and announced. Crispy forms already point a field
// at its error (aria-describedby); hand-written fields get the same here: the messages
// after an .is-invalid field become its description. The first invalid field then takes
// the focus, so a screen reader reads its label and what is wrong, and the keyboard is
// where the fix is.
(function () {
  var invalid = document.querySelectorAll("main .is-invalid, main [aria-invalid=true]");
  var counter = 0;
  invalid.forEach(function (field) {
    field.setAttribute("aria-invalid", "true");
    var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    var scope = field.closest(".mb-3, .col, [class*=col-], .input-group, div") || field.parentNode;
    scope.querySelectorAll(".invalid-feedback").forEach(function (feedback) {
      if (!feedback.id) { counter += 1; feedback.id = "field-error-" + counter; }
      if (described.indexOf(feedback.id) === -1) described.push(feedback.id);
    });
    if (described.length) field.setAttribute("aria-describedby", described.join(" "));
  });
  var first = invalid[0];
  if (first && !document.querySelector("main [autofocus]")) {
    first.focus({ preventScroll: false });
  }
})();
// A button marked data-print prints the page (the calendar); the print stylesheet hides
// the navigation and whatever is marked no-print.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) window.print();
});
