// Observatory: a click on a comuna of the choropleth opens its page (the ranking table is the keyboard path).
document.addEventListener("click", (event) => {
  const path = event.target.closest("svg.choropleth path[data-cut]");
  if (path) {
    window.location.href = `/comunas/${path.dataset.cut}/`;
  }
});
