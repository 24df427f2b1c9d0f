// Small progressive enhancements. No inline scripts anywhere: the CSP forbids them.
document.addEventListener("DOMContentLoaded", () => {
  // Auto-submit filter forms marked data-autosubmit when a select changes.
  document.querySelectorAll("form[data-autosubmit] select").forEach((el) => {
    el.addEventListener("change", () => el.form.requestSubmit());
  });
});

// Small screens: the main navigation folds behind a "Menú" button (it stays a plain list without JS).
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".nav-toggle");
  const nav = document.getElementById("main-nav");
  if (!toggle || !nav) return;
  document.documentElement.classList.add("js");
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    nav.classList.toggle("open", !open);
  });
  // Move focus to the error summary so keyboard and screen-reader users hear it first.
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
});

// Tables wider than the screen scroll inside .table-wrap: make that box reachable by keyboard (arrow keys
// scroll it) and name it "Tabla: <caption or nearest heading>" (numbered when repeated) so it is announced.
function labelScrollableTables() {
  const word = document.documentElement.lang === "en" ? "Table" : "Tabla";
  const headings = Array.from(document.querySelectorAll("main h1, main h2, main h3, main h4"));
  const used = {};
  document.querySelectorAll(".table-wrap").forEach((wrap) => {
    const scrollable = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrollable && !wrap.dataset.scrollFocus && !wrap.hasAttribute("tabindex")) {
      const caption = wrap.querySelector("caption");
      const before = headings.filter((h) => h.compareDocumentPosition(wrap) & Node.DOCUMENT_POSITION_FOLLOWING);
      const source = caption || before[before.length - 1];
      let name = source ? `${word}: ${source.textContent.trim().replace(/\s+/g, " ")}` : word;
      used[name] = (used[name] || 0) + 1;
      if (used[name] > 1) name = `${name} (${used[name]})`;
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", name);
      wrap.dataset.scrollFocus = "1";
    } else if (!scrollable && wrap.dataset.scrollFocus) {
      ["tabindex", "role", "aria-label"].forEach((a) => wrap.removeAttribute(a));
      delete wrap.dataset.scrollFocus;
    }
  });
}
document.addEventListener("DOMContentLoaded", labelScrollableTables);
window.addEventListener("resize", labelScrollableTables);
document.addEventListener("htmx:afterSettle", labelScrollableTables);

// Print: external links get their address printed after them (hub.css), except where the text already is it.
document.addEventListener("DOMContentLoaded", () => {
  const bare = (url) => url.trim().replace(/^https?:\/\//, "").replace(/\/$/, "");
  document.querySelectorAll('main a[href^="http"]').forEach((a) => {
    if (bare(a.textContent) === bare(a.getAttribute("href"))) a.classList.add("url-shown");
  });
});
