// Printing a playbook: a wide diagram, drawn at its natural size and scrolled sideways on
// screen, is scaled down to the width of its column for the printout and restored after.
(() => {
  const hosts = () => document.querySelectorAll(".jb-diagram .mermaid");
  window.addEventListener("beforeprint", () => {
    for (const host of hosts()) {
      const room = host.parentElement.clientWidth;
      const width = host.offsetWidth;
      if (width > room && room > 0) host.style.zoom = String(room / width);
    }
  });
  window.addEventListener("afterprint", () => {
    for (const host of hosts()) host.style.zoom = "";
  });
})();
