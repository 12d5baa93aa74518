// Small behaviours shared by every page. No inline scripts anywhere (content security policy).
document.addEventListener("DOMContentLoaded", () => {
  // Forms marked data-autosubmit submit as soon as a choice changes (unit / period picker).
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
  // Buttons with data-confirm ask before submitting.
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
});
