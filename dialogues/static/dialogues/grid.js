// The opinion grid: type, press Enter (or Tab in a row's last cell), the row is saved by htmx
// and a fresh row opens at the bottom, without reloading the page. Shift+Enter is a new line.
(() => {
  const grid = document.getElementById("opinion-grid");
  const blank = document.getElementById("opinion-blank-row");
  if (!grid || !blank) return;
  const body = grid.tBodies[0];
  const FIELDS = "input:not([type=hidden]), select, textarea";

  const save = (row) => {
    if (row.dataset.dirty !== "1") return;
    row.dataset.dirty = "0";
    htmx.trigger(row, "save");
  };

  const lastEditableRow = () => {
    const rows = body.querySelectorAll("tr[data-grid-row]");
    return rows[rows.length - 1];
  };

  const addRow = () => {
    const last = lastEditableRow();
    // Only one empty row at the bottom: reuse it if nothing was typed there yet.
    if (last && last.dataset.dirty !== "1" && last.hasAttribute("data-new") && isEmpty(last)) {
      return last;
    }
    const row = blank.content.firstElementChild.cloneNode(true);
    body.appendChild(row);
    htmx.process(row);
    return row;
  };

  const isEmpty = (row) =>
    [...row.querySelectorAll("textarea, input[type=text]")].every((el) => !el.value.trim());

  const moveOn = (row) => {
    save(row);
    const next = row.nextElementSibling && row.nextElementSibling.matches("tr[data-grid-row]")
      ? row.nextElementSibling
      : addRow();
    const first = next.querySelector(FIELDS);
    if (first) first.focus();
  };

  grid.addEventListener("input", (event) => {
    const row = event.target.closest("tr[data-grid-row]");
    if (row) row.dataset.dirty = "1";
  });
  grid.addEventListener("change", (event) => {
    const row = event.target.closest("tr[data-grid-row]");
    if (row) row.dataset.dirty = "1";
  });

  grid.addEventListener("keydown", (event) => {
    const row = event.target.closest("tr[data-grid-row]");
    if (!row) return;
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (row.hasAttribute("data-new") && isEmpty(row)) return; // nothing typed yet
      row.dataset.dirty = "1";
      moveOn(row);
    } else if (event.key === "Tab" && !event.shiftKey) {
      const fields = row.querySelectorAll(FIELDS);
      if (event.target === fields[fields.length - 1]) {
        event.preventDefault();
        moveOn(row);
      }
    }
  });

  // A changed row is saved when the focus leaves it for another row or the page.
  grid.addEventListener("focusout", (event) => {
    const row = event.target.closest("tr[data-grid-row]");
    if (row && !row.contains(event.relatedTarget)) save(row);
  });

  grid.addEventListener("click", (event) => {
    const button = event.target.closest("[data-grid-save]");
    if (!button) return;
    const row = button.closest("tr[data-grid-row]");
    row.dataset.dirty = "1";
    save(row);
  });

  // Rows that come back with errors stay editable; the count follows saved rows.
  document.body.addEventListener("htmx:afterSwap", () => {
    const count = document.getElementById("opinion-count");
    if (count) count.textContent = `(${body.querySelectorAll("tr[data-opinion-row]").length})`;
  });
})();
