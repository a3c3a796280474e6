// List editor for the measures forms. A <textarea data-list-editor> holds one item per
// line and stays the value that is submitted; this script hides it and shows one input
// per item with buttons to add, remove and move items. Without JavaScript the textarea
// itself is the editor.
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
    var box = document.createElement("div");
    box.className = "list-editor";
    var list = document.createElement("ol");
    list.className = "list-unstyled mb-2";
    box.appendChild(list);

    function items() {
      return Array.prototype.map.call(list.querySelectorAll("input"), function (i) {
        return i.value.replace(/[\r\n]+/g, " ");
      });
    }

    function sync() {
      textarea.value = items().join("\n");
      Array.prototype.forEach.call(list.children, function (li, index) {
        li.querySelector(".list-editor-no").textContent = index + 1 + ".";
        li.querySelector("input").setAttribute("aria-label", itemLabel + " ข้อที่ " + (index + 1));
      });
    }

    function addRow(value, focus) {
      var li = document.createElement("li");
      li.className = "input-group input-group-sm mb-1";
      var no = document.createElement("span");
      no.className = "input-group-text list-editor-no";
      var input = document.createElement("input");
      input.type = inputType;
      input.className = "form-control";
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
      li.appendChild(
        button("↑", "เลื่อนขึ้น", function () {
          if (li.previousElementSibling) list.insertBefore(li, li.previousElementSibling);
          sync();
        })
      );
      li.appendChild(
        button("↓", "เลื่อนลง", function () {
          if (li.nextElementSibling) list.insertBefore(li.nextElementSibling, li);
          sync();
        })
      );
      li.appendChild(
        button("✕", "ลบรายการนี้", function () {
          li.remove();
          sync();
        })
      );
      list.appendChild(li);
      sync();
      if (focus) input.focus();
    }

    textarea.value
      .split(/\r?\n/)
      .filter(function (line) {
        return line.trim() !== "";
      })
      .forEach(function (line) {
        addRow(line, false);
      });
    if (!list.children.length) addRow("", false);

    box.appendChild(
      button("+ เพิ่มรายการ", "เพิ่ม" + itemLabel, function () {
        addRow("", true);
      })
    );
    textarea.hidden = true;
    textarea.parentNode.insertBefore(box, textarea.nextSibling);
    if (textarea.form) textarea.form.addEventListener("submit", sync);
  }

  document.querySelectorAll("textarea[data-list-editor]").forEach(upgrade);
})();
