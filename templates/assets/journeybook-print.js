// Printing a playbook: a diagram drawn at its natural size, which scrolls sideways on screen,
// is scaled down to the width of its printed column and restored afterwards. The column is
// measured once print styles apply (the print media query's change, which printing and print
// emulation both fire); beforeprint, which comes first, still sees the screen's layout.
(() => {
  const hosts = () => document.querySelectorAll(".jb-diagram .mermaid");
  const restore = () => {
    for (const host of hosts()) host.style.zoom = "";
  };
  const fit = () => {
    restore();
    for (const host of hosts()) {
      const room = host.parentElement.clientWidth;
      const width = host.offsetWidth;
      if (width > room && room > 0) host.style.zoom = String(room / width);
    }
  };
  window.addEventListener("beforeprint", fit);
  window.addEventListener("afterprint", restore);
  window.matchMedia("print").addEventListener("change", (event) => (event.matches ? fit() : restore()));
})();
