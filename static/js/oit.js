/* OIT answers: selection counts on the queue and the assign page, and live hints on the
   answer form (own-domain warnings, link names in the evidence choices). No inline
   scripts: the CSP forbids them. */
(function () {
  "use strict";

  function updateSelection() {
    var boxes = document.querySelectorAll(".oit-select");
    var checked = 0;
    boxes.forEach(function (box) { if (box.checked) { checked += 1; } });
    document.querySelectorAll(".oit-selected-count").forEach(function (el) {
      el.textContent = String(checked);
    });
    document.querySelectorAll(".oit-approve-selected").forEach(function (button) {
      button.disabled = checked === 0;
    });
    // The sticky bar takes room over the cards: it is there only while it can be used.
    document.querySelectorAll(".oit-approve-bar").forEach(function (bar) {
      bar.hidden = checked === 0;
    });
    document.querySelectorAll(".oit-select-all").forEach(function (all) {
      all.checked = boxes.length > 0 && checked === boxes.length;
      all.indeterminate = checked > 0 && checked < boxes.length;
    });
  }

  document.querySelectorAll(".oit-select-all").forEach(function (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll(".oit-select").forEach(function (box) { box.checked = all.checked; });
      updateSelection();
    });
  });
  document.querySelectorAll(".oit-select").forEach(function (box) {
    box.addEventListener("change", updateSelection);
  });
  updateSelection();

  var form = document.querySelector(".oit-answer-form");
  if (!form) { return; }
  var domains = (form.dataset.domains || "").split(" ").filter(Boolean);
  var portalHosts = (form.dataset.portalHosts || "").split(" ").filter(Boolean);

  function hostOf(url) {
    try { return new URL(url).hostname.toLowerCase(); } catch (e) { return null; }
  }

  function isOwn(host) {
    return domains.some(function (d) { return host === d || host.endsWith("." + d); });
  }

  function checkRow(row) {
    var url = row.querySelector("input[name=link_url]").value.trim();
    var out = row.querySelector(".oit-link-warning");
    out.className = "col-12 small oit-link-warning";
    out.textContent = "";
    if (!url) { return; }
    var host = hostOf(url);
    if (!host || !/^https?:$/.test(new URL(url).protocol)) {
      out.classList.add("text-danger");
      out.textContent = "ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://";
    } else if (portalHosts.indexOf(host) !== -1) {
      out.classList.add("text-danger", "fw-semibold");
      out.textContent = "ห้ามใช้: ลิงก์นี้ชี้มาที่ ITA Portal ไม่ใช่เว็บไซต์ของหน่วยงาน";
    } else if (domains.length && !isOwn(host)) {
      out.classList.add("text-warning-emphasis");
      out.textContent = "ระวัง: ลิงก์นี้อยู่นอกเว็บไซต์หลักของหน่วยงาน (" + domains.join(", ") + ")";
    }
  }

  function relabelEvidence() {
    var names = {};
    form.querySelectorAll(".oit-link-row").forEach(function (row) {
      var label = row.querySelector("input[name=link_label]").value.trim();
      var url = row.querySelector("input[name=link_url]").value.trim();
      names[row.dataset.position] = label || url;
    });
    form.querySelectorAll("select.oit-element option").forEach(function (option) {
      var match = /^link:(\d+)$/.exec(option.value);
      if (!match) { return; }
      var name = names[match[1]];
      option.textContent = "ลิงก์ที่ " + match[1] + (name ? ": " + name : " (ยังว่าง)");
    });
  }

  form.querySelectorAll(".oit-link-row").forEach(function (row) {
    row.querySelectorAll("input").forEach(function (input) {
      input.addEventListener("input", function () { checkRow(row); relabelEvidence(); });
    });
    checkRow(row);
  });
  relabelEvidence();
})();
