// Upload form: show the mapping box only for the generic importer and the period only for MINSAL.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.querySelector("select[name=importer]");
  if (!select) return;
  const generic = document.querySelector("[data-import-generic]");
  const period = document.querySelector("[data-import-period]");
  const sync = () => {
    if (generic) generic.hidden = select.value !== "generic";
    if (period) period.hidden = !["minsal", "generic"].includes(select.value);
  };
  select.addEventListener("change", sync);
  sync();
});
