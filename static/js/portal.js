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
// A button marked data-print prints the page (the calendar); the print stylesheet hides
// the navigation and whatever is marked no-print.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) window.print();
});
