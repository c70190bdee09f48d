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
})();
