// The order editing page: add committees and move them up or down. Each committee card
// holds a formset form; its ORDER field is renumbered from the cards' order on the page,
// so the server saves them in the order the user sees (and re-shows them so on errors).
(function () {
  "use strict";
  const container = document.getElementById("committees");
  if (!container) return;
  const prefix = container.dataset.formsetPrefix;
  const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  const template = document.getElementById("committee-empty-form");

  function cards() {
    return Array.from(container.querySelectorAll("[data-committee]"));
  }

  function renumber() {
    cards().forEach(function (card, index) {
      const order = card.querySelector("input.committee-order");
      if (order) order.value = index + 1;
      const label = card.querySelector("[data-committee-number]");
      if (label) label.textContent = index + 1;
    });
  }

  function addCommittee() {
    const index = parseInt(total.value, 10);
    container.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(index)));
    total.value = index + 1;
    renumber();
    const added = cards()[cards().length - 1];
    added.scrollIntoView({ behavior: "smooth", block: "start" });
    const first = added.querySelector("input[type=text]");
    if (first) first.focus({ preventScroll: true });
  }

  function move(card, direction) {
    if (direction === "up" && card.previousElementSibling) {
      container.insertBefore(card, card.previousElementSibling);
    } else if (direction === "down" && card.nextElementSibling) {
      container.insertBefore(card.nextElementSibling, card);
    }
    renumber();
  }

  // A member row's ↑ ↓ buttons post the page back when script is off; here the row moves
  // in place and the hidden ORDER fields are renumbered, so saving keeps the new order.
  function moveMember(row, direction) {
    const list = row.parentElement;
    if (direction === "up" && row.previousElementSibling) {
      list.insertBefore(row, row.previousElementSibling);
    } else if (direction === "down" && row.nextElementSibling) {
      list.insertBefore(row.nextElementSibling, row);
    }
    Array.from(list.querySelectorAll("[data-member-row]")).forEach(function (item, index) {
      const order = item.querySelector("input[data-member-order]");
      if (order) order.value = index + 1;
      const number = item.querySelector("[data-member-number]");
      if (number) number.textContent = index + 1;
      item.querySelectorAll("[data-member-move]").forEach(function (move) {
        const way = move.dataset.memberMove === "up" ? "ขึ้น" : "ลง";
        move.setAttribute("aria-label", "เลื่อนแถวที่ " + (index + 1) + " " + way);
      });
    });
  }

  document.addEventListener("click", function (event) {
    const memberButton = event.target.closest("[data-member-move]");
    if (memberButton && container.contains(memberButton)) {
      event.preventDefault();
      moveMember(memberButton.closest("[data-member-row]"), memberButton.dataset.memberMove);
      memberButton.focus();
      return;
    }
    const button = event.target.closest("[data-committee-add], [data-committee-move]");
    if (!button) return;
    if (button.hasAttribute("data-committee-add")) {
      addCommittee();
    } else {
      move(button.closest("[data-committee]"), button.dataset.committeeMove);
      button.focus();
    }
  });

  function markDeleted(checkbox) {
    checkbox.closest("[data-committee]").classList.toggle("opacity-50", checkbox.checked);
  }

  container.addEventListener("change", function (event) {
    if (event.target.matches("input[name$='-DELETE']")) markDeleted(event.target);
  });
  container.querySelectorAll("input[name$='-DELETE']").forEach(markDeleted);
})();
