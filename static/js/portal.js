// Small behaviours shared by every page. No inline scripts anywhere (content security policy).
document.addEventListener("DOMContentLoaded", () => {
  // Forms marked data-autosubmit submit as soon as a choice changes (unit / period picker).
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
  // A table that scrolls sideways can be scrolled from the keyboard too (WCAG 2.1.1).
  document.querySelectorAll(".table-responsive").forEach((region) => {
    if (!region.hasAttribute("tabindex")) region.tabIndex = 0;
  });
  // Buttons with data-confirm ask before submitting.
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
});
