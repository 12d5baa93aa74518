// Browser-side backup of a report draft: whatever is typed is mirrored into localStorage, so a
// dropped connection or an expired session loses nothing. When the page opens with a backup
// newer than the server's draft (and different from it), the user is offered to restore it.
(() => {
  const form = document.getElementById("report-form");
  if (!form) return;
  const key = "danvan:" + form.dataset.backupKey;
  const offer = document.getElementById("restore-offer");
  const status = document.getElementById("autosave-status");
  const skip = new Set(["csrfmiddlewaretoken", "version"]);

  const fields = () => Array.from(form.elements).filter((el) => el.name && !skip.has(el.name) && el.type !== "submit");
  const snapshot = () => Object.fromEntries(fields().map((el) => [el.name, el.value]));
  const read = () => {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  };
  const write = (submitted = false) => {
    try { localStorage.setItem(key, JSON.stringify({ at: Date.now(), submitted, fields: snapshot() })); } catch (e) { /* storage full or off */ }
  };
  const differs = (saved) => Object.entries(saved.fields || {}).some(([name, value]) => form.elements[name] && form.elements[name].value !== value);

  const backup = read();
  const serverSavedAt = Number(form.dataset.savedAt || 0) * 1000;
  // A copy written when the form was sent and a draft the server saved after that (its time is
  // whole seconds, hence the second's grace) are the same text, written the server's way
  // ("1204" comes back "1.204"): nothing to offer. If the clocks disagree, the offer shows
  // and nothing is lost.
  const sentAndSaved = backup && backup.submitted && serverSavedAt + 1000 >= backup.at;
  if (sentAndSaved) {
    write();
  } else if (backup && backup.at > serverSavedAt && differs(backup)) {
    offer.classList.remove("d-none");
  }
  offer.querySelector("[data-restore]").addEventListener("click", () => {
    const saved = read();
    if (saved) {
      Object.entries(saved.fields).forEach(([name, value]) => { if (form.elements[name]) form.elements[name].value = value; });
      form.dispatchEvent(new Event("input", { bubbles: true }));  // lets htmx autosave it
    }
    offer.classList.add("d-none");
  });
  offer.querySelector("[data-discard]").addEventListener("click", () => {
    localStorage.removeItem(key);
    offer.classList.add("d-none");
  });

  form.addEventListener("input", () => write());
  form.addEventListener("submit", () => write(true));

  // Text typed while the page's scripts were still loading fired its input events before htmx
  // listened: once htmx has set the form up (its own DOMContentLoaded handler runs first), send
  // one input event so that text is backed up and autosaved like the rest.
  document.addEventListener("DOMContentLoaded", () => {
    const typedEarly = fields().some((el) => el.type !== "hidden" && "defaultValue" in el && el.value !== el.defaultValue);
    if (typedEarly) form.dispatchEvent(new Event("input", { bubbles: true }));
  });

  // An expired session makes the autosave land on the login page: keep the text, say so.
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    const url = event.detail.xhr.responseURL || "";
    if (url.includes("/dang-nhap/")) {
      event.detail.shouldSwap = false;
      status.textContent = status.dataset.expired;
      status.classList.add("text-danger");
    } else if (event.detail.xhr.status >= 400) {
      event.detail.shouldSwap = false;
      status.textContent = status.dataset.failed;
    }
  });
  document.body.addEventListener("htmx:sendError", () => { status.textContent = status.dataset.offline; });
  document.body.addEventListener("htmx:afterSwap", () => {
    const saved = status.querySelector("[data-saved-at]");
    if (saved) {
      form.dataset.savedAt = saved.dataset.savedAt;
      status.classList.remove("text-danger");
      write();  // the server has it now: the backup is no longer newer and differs from nothing
    }
  });
})();
