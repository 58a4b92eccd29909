// django-import-export's export page: the "Select all" checkbox ticks or clears every field's checkbox.
// Bound here because the Content-Security-Policy refuses the inline onchange attribute the library's
// template had (see templates/admin/import_export/export.html).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const toggle of document.querySelectorAll("input.select-toggle")) {
    toggle.addEventListener("change", () => {
      const fields = document.querySelectorAll('.selectable-field-export-row input[type="checkbox"]');
      for (const checkbox of fields) {
        checkbox.checked = toggle.checked;
      }
    });
  }
});
