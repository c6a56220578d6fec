/*
 * "Find a film you liked": on the films' page, type a title and see the
 * films most like it. The index (films/similar.json: title, page, year and
 * similar films of every film) is fetched on first use. Without JavaScript
 * the form stays hidden and the A-Z index leads to the same pages.
 */
(function () {
  'use strict';
  var form = document.querySelector('.find-form');
  if (!form || !window.fetch || !''.normalize) return;
  var input = form.querySelector('input');
  var status = document.getElementById('find-status');
  var list = document.getElementById('find-results');
  var root = form.getAttribute('data-root');
  var films = null, loading = null;

  /* Accents, case and punctuation aside, as Marquee folds titles. */
  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/\u0153/g, 'oe').replace(/\u00e6/g, 'ae').replace(/\u00df/g, 'ss')
      .replace(/[^a-z0-9\u00c0-\u024f\u0370-\u04ff\u3040-\u9fff]+/g, ' ').trim();
  }

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute('data-index')).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (j) {
        films = j.films;
        for (var i = 0; i < films.length; i++) films[i].push(' ' + fold(films[i][0]));
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function link(f) {
    var a = document.createElement('a');
    a.href = root + 'films/' + f[1] + '/';
    a.textContent = f[0];
    return a;
  }

  function show() {
    var q = fold(input.value);
    list.textContent = '';
    status.textContent = '';
    if (!q || !films) return;
    var words = q.split(' '), hits = [];
    for (var i = 0; i < films.length; i++) {
      var t = films[i][4], all = true;
      for (var w = 0; w < words.length && all; w++) all = t.indexOf(' ' + words[w]) >= 0;
      if (all) hits.push(films[i]);
    }
    /* Titles that start with what was typed first, then the shorter. */
    hits.sort(function (a, b) {
      var sa = a[4].indexOf(' ' + q) === 0 ? 0 : 1, sb = b[4].indexOf(' ' + q) === 0 ? 0 : 1;
      return sa - sb || a[4].length - b[4].length || b[2] - a[2];
    });
    if (!hits.length) {
      status.textContent = form.getAttribute('data-none');
      return;
    }
    hits.slice(0, 8).forEach(function (f) {
      var li = document.createElement('li');
      var head = document.createElement('p');
      head.className = 'find-film';
      head.appendChild(link(f));
      head.appendChild(document.createTextNode(' ' + f[2]));
      li.appendChild(head);
      if (f[3].length) {
        var like = document.createElement('p');
        like.appendChild(document.createTextNode(form.getAttribute('data-like') + ' '));
        f[3].forEach(function (k, j) {
          if (j) like.appendChild(document.createTextNode(' \u00b7 '));
          like.appendChild(link(films[k]));
        });
        li.appendChild(like);
      }
      list.appendChild(li);
    });
  }

  form.hidden = false;
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  input.addEventListener('focus', load);
  function search() {
    load().then(show, function () { status.textContent = form.getAttribute('data-error'); });
  }
  input.addEventListener('input', search);
  /* films/?q=TITLE searches at once: a link can share a search. */
  var q = /[?&]q=([^&]*)/.exec(location.search);
  if (q) {
    input.value = decodeURIComponent(q[1].replace(/\+/g, ' '));
    search();
  }
})();
