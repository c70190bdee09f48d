/* Display board (TV) of one puskesmas. Polls a small JSON feed every second; announces
   each new call or recall with a chime (Web Audio, generated tone) and Indonesian speech
   (speechSynthesis): "Nomor antrean A-12, silakan ke Poli Umum". When the server is away
   (restart, network) it retries with growing pauses and carries on by itself, no reload.
   Calls already on the feed when the page opens are shown, not announced. */
(function () {
  'use strict';

  var body = document.body;
  var feedUrl = body.getAttribute('data-feed-url');
  var phraseNumber = body.getAttribute('data-phrase-number') || 'Nomor antrean';
  var phraseGo = body.getAttribute('data-phrase-go') || 'silakan ke';
  var textOnline = body.getAttribute('data-text-online') || 'Tersambung';
  var textOffline = body.getAttribute('data-text-offline') || 'Terputus, mencoba lagi…';
  var seen = {};
  var primed = false;
  var failures = 0;
  var queue = [];
  var speaking = false;
  var audio = null;

  function $(id) { return document.getElementById(id); }

  function setStatus(ok) {
    var badge = $('status-koneksi');
    if (!badge) return;
    badge.className = 'badge ' + (ok ? 'text-bg-success' : 'text-bg-danger');
    badge.textContent = ok ? textOnline : textOffline;
  }

  function audioContext() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return null;
    if (!audio) audio = new Ctx();
    return audio;
  }

  function chime(done) {
    var ctx = audioContext();
    if (!ctx) { done(); return; }
    if (ctx.state === 'suspended' && ctx.resume) ctx.resume();
    var start = ctx.currentTime + 0.05;
    [[659.25, 0], [523.25, 0.45]].forEach(function (note) {
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = note[0];
      gain.gain.setValueAtTime(0.0001, start + note[1]);
      gain.gain.exponentialRampToValueAtTime(0.4, start + note[1] + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + note[1] + 0.6);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(start + note[1]);
      osc.stop(start + note[1] + 0.65);
    });
    window.setTimeout(done, 1200);
  }

  function sentence(item) {
    var text = phraseNumber + ' ' + item.number + ', ' + phraseGo + ' ' + item.poli;
    if (item.counter) text += ', ' + item.counter;
    return text;
  }

  function speak(text, done) {
    if (!('speechSynthesis' in window) || typeof SpeechSynthesisUtterance === 'undefined') {
      done();
      return;
    }
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'id-ID';
    utterance.rate = 0.9;
    var voices = window.speechSynthesis.getVoices ? window.speechSynthesis.getVoices() : [];
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().indexOf('id') === 0) {
        utterance.voice = voices[i];
        break;
      }
    }
    var finished = false;
    function finish() { if (!finished) { finished = true; done(); } }
    utterance.onend = finish;
    utterance.onerror = finish;
    window.setTimeout(finish, 8000);  // some engines never fire onend
    window.speechSynthesis.speak(utterance);
  }

  function showLatest(item) {
    $('panggilan-nomor').textContent = item.number;
    $('panggilan-tujuan').textContent = item.poli + (item.counter ? ' · ' + item.counter : '');
    var latest = document.querySelector('.queue-display-latest');
    latest.classList.remove('queue-flash');
    void latest.offsetWidth;  // restart the animation
    latest.classList.add('queue-flash');
  }

  function next() {
    if (speaking || !queue.length) return;
    speaking = true;
    var item = queue.shift();
    showLatest(item);
    chime(function () {
      speak(sentence(item), function () {
        speaking = false;
        next();
      });
    });
  }

  function render(data) {
    $('jam').textContent = data.time;
    (data.polis || []).forEach(function (poli) {
      var box = document.querySelector('.queue-display-poli[data-prefix="' + poli.prefix + '"]');
      if (!box) return;
      box.querySelector('[data-field="now_calling"]').textContent = poli.now_calling || '—';
      box.querySelector('[data-field="counter"]').textContent = poli.counter || '';
      box.querySelector('[data-field="waiting"]').textContent = poli.waiting;
      var nextUp = box.querySelector('[data-field="next_up"]');
      if (nextUp) nextUp.textContent = (poli.next_up || []).join('  ') || '—';
    });
    var fresh = [];
    (data.announcements || []).forEach(function (item) {
      if (!seen[item.key]) {
        seen[item.key] = true;
        fresh.push(item);
      }
    });
    if (!primed) {
      primed = true;
      if (data.announcements && data.announcements.length) showLatest(data.announcements[0]);
      return;
    }
    fresh.reverse().forEach(function (item) { queue.push(item); });  // oldest first
    next();
  }

  function poll() {
    fetch(feedUrl, {cache: 'no-store', headers: {'Accept': 'application/json'}})
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        setStatus(true);
        render(data);
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        failures += 1;
        setStatus(false);
        // 1, 2, 4, 8 s, then every 10 s until the server answers again.
        window.setTimeout(poll, Math.min(10000, 1000 * Math.pow(2, failures - 1)));
      });
  }

  var button = $('aktifkan-suara');
  if (button) {
    button.addEventListener('click', function () {
      var ctx = audioContext();
      if (ctx && ctx.resume) ctx.resume();
      button.hidden = true;
      if (document.documentElement.requestFullscreen) {
        document.documentElement.requestFullscreen().catch(function () {});
      }
    });
  }
  poll();
})();
