// List editor for the measures forms. A <textarea data-list-editor> holds one item per
// line and stays the value that is submitted; this script hides it and shows one input
// per item with buttons to add, remove and move items. Without JavaScript the textarea
// itself is the editor. With data-item-multiline each item is a wrapping text box (a
// memo's paragraph runs over several lines); Enter still starts the next item.
(function () {
  "use strict";

  function button(label, title, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-outline-secondary btn-sm";
    b.textContent = label;
    b.title = title;
    // Arrow and cross buttons are read by their title; worded buttons by their words.
    if (label.length <= 2) b.setAttribute("aria-label", title);
    b.addEventListener("click", onClick);
    return b;
  }

  function upgrade(textarea) {
    var itemLabel = textarea.dataset.itemLabel || "รายการ";
    var inputType = textarea.dataset.itemType || "text";
    var multiline = textarea.hasAttribute("data-item-multiline");
    var box = document.createElement("div");
    box.className = "list-editor";
    var list = document.createElement("ol");
    list.className = "list-unstyled mb-2";
    box.appendChild(list);

    function items() {
      return Array.prototype.map.call(list.querySelectorAll(".list-editor-item"), function (i) {
        return i.value.replace(/[\r\n]+/g, " ");
      });
    }

    function sync() {
      textarea.value = items().join("\n");
      Array.prototype.forEach.call(list.children, function (li, index) {
        var row = itemLabel + "ที่ " + (index + 1);
        li.querySelector(".list-editor-no").textContent = index + 1 + ".";
        li.querySelector(".list-editor-item").setAttribute("aria-label", itemLabel + " ข้อที่ " + (index + 1));
        // Icon-only buttons say which row they act on ("ลบลิงก์ที่ 2").
        li.querySelector("[data-act=up]").setAttribute("aria-label", "เลื่อน" + row + " ขึ้น");
        li.querySelector("[data-act=down]").setAttribute("aria-label", "เลื่อน" + row + " ลง");
        li.querySelector("[data-act=remove]").setAttribute("aria-label", "ลบ" + row);
      });
    }

    function addRow(value, focus) {
      var li = document.createElement("li");
      li.className = "input-group input-group-sm mb-1";
      var no = document.createElement("span");
      no.className = "input-group-text list-editor-no";
      var input = document.createElement(multiline ? "textarea" : "input");
      if (multiline) input.rows = 3;
      else input.type = inputType;
      input.className = "form-control list-editor-item";
      input.value = value;
      input.addEventListener("input", sync);
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          addRow("", true);
        }
      });
      li.appendChild(no);
      li.appendChild(input);
      // Moving a row takes it out of the page for a moment; the pressed button gets the
      // focus back. Removing a row hands the focus to the row that takes its place.
      var up = button("↑", "เลื่อนขึ้น", function () {
        if (li.previousElementSibling) list.insertBefore(li, li.previousElementSibling);
        sync();
        up.focus();
      });
      var down = button("↓", "เลื่อนลง", function () {
        if (li.nextElementSibling) list.insertBefore(li.nextElementSibling, li);
        sync();
        down.focus();
      });
      var remove = button("✕", "ลบรายการนี้", function () {
        var next = li.nextElementSibling || li.previousElementSibling;
        li.remove();
        sync();
        if (next) next.querySelector(".list-editor-item").focus();
        else addButton.focus();
      });
      up.dataset.act = "up";
      down.dataset.act = "down";
      remove.dataset.act = "remove";
      li.appendChild(up);
      li.appendChild(down);
      li.appendChild(remove);
      list.appendChild(li);
      sync();
      if (focus) input.focus();
    }

    var addButton = button("+ เพิ่มรายการ", "เพิ่ม" + itemLabel, function () {
      addRow("", true);
    });

    textarea.value
      .split(/\r?\n/)
      .filter(function (line) {
        return line.trim() !== "";
      })
      .forEach(function (line) {
        addRow(line, false);
      });
    if (!list.children.length) addRow("", false);

    box.appendChild(addButton);
    textarea.hidden = true;
    textarea.parentNode.insertBefore(box, textarea.nextSibling);
    if (textarea.form) textarea.form.addEventListener("submit", sync);
  }

  document.querySelectorAll("textarea[data-list-editor]").forEach(upgrade);
})();

// The OIT-item picker: the search box (hidden until this script runs) shows only the items
// whose code or title holds what is typed, and the sub-indicators that still have some.
// Ticked items stay ticked when hidden, and are sent with the form.
(function () {
  "use strict";
  document.querySelectorAll("[data-oit-picker]").forEach(function (picker) {
    var box = picker.querySelector("[data-oit-search-box]");
    var search = picker.querySelector("[data-oit-search]");
    var status = picker.querySelector("[data-oit-search-status]");
    if (!box || !search) return;
    box.hidden = false;
    var items = Array.prototype.slice.call(picker.querySelectorAll("[data-oit-item]"));

    function filter() {
      var words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        var text = item.textContent.toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        item.hidden = !match;
        if (match) shown += 1;
      });
      picker.querySelectorAll("[data-oit-group]").forEach(function (group) {
        group.hidden = !group.querySelector("[data-oit-item]:not([hidden])");
      });
      status.textContent = words.length ? "พบ " + shown + " ข้อจากทั้งหมด " + items.length + " ข้อ" : "";
    }

    search.addEventListener("input", filter);
    // Enter in the search box filters; it does not send the form.
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  });
})();
