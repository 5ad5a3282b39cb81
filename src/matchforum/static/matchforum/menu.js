// The header menu folds away on narrow screens: the button shows only with script, so
// without it the menu stays open.
document.addEventListener("DOMContentLoaded", () => {
  for (const toggle of document.querySelectorAll(".menu-toggle")) {
    toggle.hidden = false;
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
    });
  }
});
