/* app.js: makes the forms faster; every page works without it.
 * On a sheet: a field is saved when it is left (or on Enter, which then
 * moves to the next field), the row shows 保存中 / 已保存 / 未保存, and
 * while a person types the server recomputes the row (试算, nothing
 * saved). Elsewhere: buttons that ask before doing something final. */
(function () {
  'use strict';
  var csrf = document.body.getAttribute('data-csrf') || '';

  function post(url, data) {
    return fetch(url, {
      method: 'POST',
      body: data,
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrf }
    }).then(function (r) {
      return r.json().catch(function () {
        return { error: '服务器没有正常回应（' + r.status + '）' };
      });
    }, function () {
      return { error: '无法连接服务器，输入尚未保存' };
    });
  }

  // Confirmation for final steps (approval, publication, removal).
  document.addEventListener('submit', function (e) {
    var f = e.target;
    var ask = f.getAttribute && f.getAttribute('data-confirm');
    if (ask && !window.confirm(ask)) e.preventDefault();
  });

  var sheet = document.querySelector('table.sheet');
  if (!sheet) return;
  var unit = document.querySelector('.summary').getAttribute('data-unit');
  var base = '/sheet/' + encodeURIComponent(unit);
  var pending = {};     // form id -> true while not saved

  function rowOf(form) { return document.getElementById('n' + form.id.slice(1)); }
  function setState(form, text, cls) {
    var s = rowOf(form).querySelector('.state');
    if (s) { s.textContent = text; s.className = 'state ' + (cls || ''); }
  }
  function setError(form, text) {
    var e = rowOf(form).querySelector('.field-error');
    if (e) e.textContent = text || '';
  }
  function apply(data) {
    if (data.total !== undefined) document.getElementById('total').textContent = data.total;
    Object.keys(data.rows || {}).forEach(function (i) {
      var tr = document.getElementById('n' + i);
      if (!tr) return;
      var row = data.rows[i];
      var d = tr.querySelector('td.deduction');
      var open = d.querySelector('details') && d.querySelector('details').open;
      // The deduction comes as HTML the server escaped (see rows_json).
      d.innerHTML = row.deduction;
      if (open && d.querySelector('details')) d.querySelector('details').open = true;
      tr.querySelector('td.score').textContent = row.score;
      var w = tr.querySelector('.warning');
      if (row.warning) {
        if (!w) { w = document.createElement('p'); w.className = 'warning'; tr.querySelector('td.note').appendChild(w); }
        w.textContent = '提示：' + row.warning;
      } else if (w) {
        w.remove();
      }
    });
  }
  function send(form, what) {
    var data = new FormData(form);
    if (what !== 'preview') { setState(form, '保存中…', 'saving'); }
    return post(base + '/' + what, data).then(function (r) {
      if (r.error) {
        setError(form, r.error);
        if (what !== 'preview') setState(form, '未保存', 'unsaved');
        return false;
      }
      setError(form, '');
      if (what !== 'preview') {
        delete pending[form.id];
        setState(form, '已保存', 'saved');
        // the rows as they now stand (kept by the server until the next change)
        return fetch(base + '/rows' + location.search, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
          .then(function (x) { return x.json(); })
          .then(function (rows) { if (!rows.error) apply(rows); return true; }, function () { return true; });
      }
      apply(r);
      setState(form, '未保存（试算）', 'unsaved');
      return true;
    });
  }

  var timers = {};
  var forms = sheet.querySelectorAll('form.row');
  Array.prototype.forEach.call(forms, function (form) {
    var inputs = form.elements;
    Array.prototype.forEach.call(inputs, function (el) {
      if (el.type === 'hidden' || el.tagName === 'BUTTON') return;
      el.addEventListener('input', function () {
        pending[form.id] = true;
        setState(form, '未保存', 'unsaved');
        clearTimeout(timers[form.id]);
        timers[form.id] = setTimeout(function () { send(form, 'preview'); }, 350);
      });
      el.addEventListener('change', function () {
        clearTimeout(timers[form.id]);
        send(form, 'finding');
      });
      el.addEventListener('keydown', function (e) {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        clearTimeout(timers[form.id]);
        send(form, 'finding');
        // on to the next field of the sheet
        var all = Array.prototype.filter.call(sheet.querySelectorAll('input'), function (x) {
          return x.type !== 'hidden' && !x.disabled;
        });
        var i = all.indexOf(el);
        if (i >= 0 && i + 1 < all.length) all[i + 1].focus();
      });
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var b = e.submitter;
      if (b && b.classList.contains('clear')) {
        send(form, 'clear').then(function (ok) {
          // the row is empty again: its fields too
          if (ok) Array.prototype.forEach.call(form.elements, function (x) {
            if (x.type === 'checkbox') x.checked = false;
            else if (x.type === 'text' && x.name !== 'note') x.value = '';
          });
        });
        return;
      }
      if (b && b.classList.contains('none'))
        Array.prototype.forEach.call(form.elements, function (x) { if (x.type === 'checkbox') x.checked = false; });
      send(form, 'finding');
    });
  });
  // The row's own save button is for pages without the script.
  Array.prototype.forEach.call(sheet.querySelectorAll('button.save'), function (b) { b.hidden = true; });
  window.addEventListener('beforeunload', function (e) {
    if (Object.keys(pending).length) { e.preventDefault(); e.returnValue = ''; }
  });
})();
