// The source workbench (templates/admin/networks/source/workbench.html): the passage selected in the source's
// text goes into the form's quote field ("Use the selected passage") and into the links that open the other
// facts' forms; the server says, as the quote changes, whether it is a passage of the source (the rule the
// save applies). Without this script the editor pastes the passage into the quote field.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const page = document.querySelector(".workbench[data-check-url]");
  const text = document.getElementById("workbench-text");
  if (!page || !text) {
    return;
  }
  const quote = document.getElementById("id_quote");
  const use = document.getElementById("workbench-use-selection");
  const status = document.getElementById("workbench-check");
  const token = document.querySelector("#workbench-form input[name=csrfmiddlewaretoken]");
  const links = document.querySelectorAll(".workbench-links a[data-param]");
  const LONGEST_LINK = 3500; // a request line longer than 4094 bytes is refused by gunicorn
  let selected = "";

  const inText = (node) => node !== null && text.contains(node);

  // The last passage selected in the text: pressing the button may move the selection elsewhere.
  document.addEventListener("selectionchange", () => {
    const selection = window.getSelection();
    if (selection === null || !inText(selection.anchorNode) || !inText(selection.focusNode)) {
      return;
    }
    selected = selection.isCollapsed ? "" : selection.toString().trim();
  });

  const say = (message, state) => {
    if (status !== null) {
      status.textContent = message;
      status.dataset.state = state;
    }
  };

  const updateLinks = (value) => {
    let tooLong = false;
    for (const link of links) {
      const url = new URL(link.dataset.baseHref, window.location.href);
      if (value) {
        url.searchParams.set(link.dataset.param, value);
      }
      if (url.href.length > LONGEST_LINK) {
        tooLong = true;
        link.href = link.dataset.baseHref;
      } else {
        link.href = url.href;
      }
    }
    return tooLong;
  };

  let pending = null;
  const check = () => {
    const value = quote === null ? selected : quote.value;
    const tooLong = updateLinks(value.trim());
    if (!value.trim() || token === null) {
      say("", "");
      return;
    }
    const body = new URLSearchParams({ quote: value });
    fetch(page.dataset.checkUrl, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token.value },
    })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((answer) => {
        const note = tooLong ? ` ${page.dataset.tooLong}` : "";
        say(answer.message + note, answer.passage ? "ok" : "bad");
      })
      .catch(() => say(page.dataset.checkFailed, "bad"));
  };

  if (quote !== null) {
    quote.addEventListener("input", () => {
      clearTimeout(pending);
      pending = setTimeout(check, 300);
    });
  }

  if (use !== null && quote !== null) {
    use.hidden = false;
    use.addEventListener("click", () => {
      if (!selected) {
        say(page.dataset.noSelection, "bad");
        return;
      }
      quote.value = selected;
      quote.focus();
      check();
    });
  }

  // The admin's autocompletes (select2, built after this script runs) are named by their field's label,
  // which select2 does not do.
  const nameAutocompletes = () => {
    for (const select of document.querySelectorAll("#workbench-form select.admin-autocomplete")) {
      const label = document.getElementById(`${select.id}_label`);
      const container = select.nextElementSibling;
      if (label === null || container === null || !container.classList.contains("select2")) {
        continue;
      }
      const rendered = container.querySelector(".select2-selection__rendered");
      const combobox = container.querySelector(".select2-selection");
      if (rendered !== null && rendered.getAttribute("aria-labelledby") !== label.id) {
        rendered.setAttribute("aria-labelledby", label.id);
      }
      const names = rendered === null ? label.id : `${label.id} ${rendered.id}`;
      if (combobox !== null && combobox.getAttribute("aria-labelledby") !== names) {
        combobox.setAttribute("aria-labelledby", names);
      }
    }
  };
  const form = document.getElementById("workbench-form");
  if (form !== null) {
    nameAutocompletes();
    new MutationObserver(nameAutocompletes).observe(form, { childList: true, subtree: true });
  }

  if (quote !== null && quote.value.trim()) {
    check(); // a form sent back with its errors
  }
});
