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
