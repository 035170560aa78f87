// Printing a playbook: a diagram drawn at its natural size, which scrolls sideways on screen,
// is scaled down to the width of its printed column and restored afterwards. The column is
// measured once print styles apply (the print media query's change, which printing and print
// emulation both fire); beforeprint, which comes first, still sees the screen's layout. The
// root element's data-jb-print-fit says which layout the diagrams were last fitted to.
(() => {
  const hosts = () => document.querySelectorAll(".jb-diagram .mermaid");
  const restore = () => {
    for (const host of hosts()) host.style.zoom = "";
    delete document.documentElement.dataset.jbPrintFit;
  };
  const fit = () => {
    restore();
    for (const host of hosts()) {
      const room = host.parentElement.clientWidth;
      const width = host.offsetWidth;
      if (width > room && room > 0) host.style.zoom = String(room / width);
    }
    document.documentElement.dataset.jbPrintFit = window.matchMedia("print").matches ? "print" : "screen";
  };
  window.addEventListener("beforeprint", fit);
  window.addEventListener("afterprint", restore);
  window.matchMedia("print").addEventListener("change", (event) => (event.matches ? fit() : restore()));
})();
