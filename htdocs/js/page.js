// page.js: small comforts on every page of a logged-in user; without it every page still works.
//  - The header's drop-downs close when another opens, on a click elsewhere and on Escape.
//  - Tables read as cards on a phone: each cell gets its column's heading as data-label, which the stylesheet
//    shows before the value under 40rem (without the script a table scrolls sideways in its frame).
'use strict';
const drops = Array.from(document.querySelectorAll('details.menu, details.drop'));
const closeAll = (except) => drops.forEach((d) => { if (d !== except && !(except && d.contains(except))) d.open = false; });
drops.forEach((d) => d.addEventListener('toggle', () => { if (d.open) closeAll(d); }));
document.addEventListener('click', (e) => { if (!e.target.closest('details.menu')) closeAll(null); });
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  const open = drops.find((d) => d.open);
  if (open) { open.open = false; open.querySelector('summary').focus(); }
});

document.querySelectorAll('main table').forEach((table) => {
  const heads = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent.trim());
  if (!heads.length) return;
  table.querySelectorAll('tbody tr').forEach((tr) => {
    let col = 0;
    Array.from(tr.children).forEach((cell) => {
      if (heads[col]) cell.dataset.label = heads[col];
      col += cell.colSpan || 1;
    });
  });
  table.classList.add('cards');
});
