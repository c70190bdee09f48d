/* Kiosk receipt: print once on load (58 mm receipt printer, see queue.css), then go back
   to the kiosk after a while so the next patient finds it ready. */
(function () {
  'use strict';
  var receipt = document.querySelector('[data-print-on-load]');
  document.addEventListener('click', function (evt) {
    if (evt.target.closest && evt.target.closest('[data-print]')) window.print();
  });
  if (!receipt) return;
  window.addEventListener('load', function () {
    window.setTimeout(function () { window.print(); }, 300);
  });
  var back = receipt.getAttribute('data-return-url');
  if (back) window.setTimeout(function () { window.location.assign(back); }, 20000);
})();
