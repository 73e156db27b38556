// menu.js: the header's drop-downs close when another opens, on a click elsewhere and on Escape. Without it the
// menu still works (each <details> opens and closes on its own).
'use strict';
const drops = Array.from(document.querySelectorAll('details.drop, details.narrow'));
const closeAll = (except) => drops.forEach((d) => { if (d !== except) d.open = false; });
drops.forEach((d) => d.addEventListener('toggle', () => { if (d.open) closeAll(d); }));
document.addEventListener('click', (e) => { if (!e.target.closest('details.drop, details.narrow')) closeAll(null); });
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  const open = drops.find((d) => d.open);
  if (open) { open.open = false; open.querySelector('summary').focus(); }
});
