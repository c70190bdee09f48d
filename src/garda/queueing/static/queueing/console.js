/* Staff console keyboard: a key pressed outside a text field clicks the button that declares
   it with data-shortcut="n" (the keys are listed on the page). */
(function () {
  'use strict';
  document.addEventListener('keydown', function (evt) {
    if (evt.ctrlKey || evt.metaKey || evt.altKey) return;
    var target = evt.target;
    if (target && target.closest && target.closest('input, textarea, select, [contenteditable]')) return;
    var key = (evt.key || '').toLowerCase();
    var button = document.querySelector('[data-shortcut="' + key + '"]:not([disabled])');
    if (!button) return;
    evt.preventDefault();
    if (button.tagName === 'SELECT' || button.tagName === 'INPUT') {
      button.focus();
    } else {
      button.click();
    }
  });
})();
