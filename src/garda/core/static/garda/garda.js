/* Garda site behaviour. Lives in a file because the Content-Security-Policy
   (script-src 'self') forbids inline <script> and on* attributes.
   Plain ES2017, no build step. Uses event delegation on document, so it works
   for content htmx swaps in later and does not depend on load order. */
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  function sameOrigin(path) {
    try {
      return new URL(path, window.location.href).origin === window.location.origin;
    } catch (e) {
      return false;
    }
  }

  // (a) Django rejects unsafe htmx requests without the CSRF token; send it
  // as a header, but never leak it to another origin.
  document.addEventListener('htmx:configRequest', function (evt) {
    var token = csrfToken();
    if (token && sameOrigin(evt.detail.path)) {
      evt.detail.headers['X-CSRFToken'] = token;
    }
  });

  // (b) <select data-autosubmit> (language switcher) submits on change, so no
  // submit button or inline onchange is needed. requestSubmit() fires the
  // submit event, so htmx/boost and (c) below still see it.
  document.addEventListener('change', function (evt) {
    var el = evt.target;
    if (!el.matches || !el.matches('select[data-autosubmit]') || !el.form) return;
    if (typeof el.form.requestSubmit === 'function') {
      el.form.requestSubmit();
    } else {
      el.form.submit();
    }
  });

  // (c) data-confirm="text" on a form or its submit button asks first.
  // Capture phase on window runs before htmx's listener on the form, and
  // stopPropagation keeps htmx from sending the request when cancelled.
  window.addEventListener('submit', function (evt) {
    var src = evt.submitter && evt.submitter.closest('[data-confirm]');
    if (!src) src = evt.target.closest && evt.target.closest('form[data-confirm]');
    if (!src) return;
    if (!window.confirm(src.getAttribute('data-confirm'))) {
      evt.preventDefault();
      evt.stopPropagation();
    }
  }, true);

  // (d) A table wider than the screen scrolls inside its .table-responsive box; a keyboard
  // user reaches that box only if it takes focus (WCAG 2.1.1), and a screen reader needs its
  // name. Boxes that scroll get tabindex, role=region and the table's caption (or the
  // nearest heading) as their name; boxes a template already labelled keep theirs. Runs on
  // load, on resize (a phone turned sideways) and after htmx swaps in a table.
  function nameOf(box) {
    var caption = box.querySelector('caption');
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var section = box.closest('section, article, main');
    var heading = section && section.querySelector('h1, h2, h3');
    return heading ? heading.textContent.trim() : '';
  }
  function markScrollAreas() {
    var boxes = document.querySelectorAll('.table-responsive');
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.hasAttribute('data-garda-scroll') || !box.hasAttribute('tabindex')) {
        if (box.scrollWidth > box.clientWidth) {
          box.setAttribute('data-garda-scroll', '');
          box.setAttribute('tabindex', '0');
          box.setAttribute('role', 'region');
          if (!box.hasAttribute('aria-label') && !box.hasAttribute('aria-labelledby')) {
            box.setAttribute('aria-label', nameOf(box));
          }
        } else if (box.hasAttribute('data-garda-scroll')) {
          box.removeAttribute('tabindex');
        }
      }
    }
  }
  document.addEventListener('DOMContentLoaded', markScrollAreas);
  // Again once fonts and images are in: a table that fitted at DOMContentLoaded can overflow
  // when they arrive (seen on a 390 px phone), and its box then needs focus too.
  window.addEventListener('load', markScrollAreas);
  window.addEventListener('resize', markScrollAreas);
  document.addEventListener('htmx:afterSettle', markScrollAreas);
})();
