// CampaignBot web chat: posts what the person types, clicks and submits, and shows the live stream the service sends.
// The service renders every message and form as escaped HTML; this script only places it, sends values back and
// moves focus. No library, no build step.
'use strict';

(() => {
  const log = document.getElementById('log');
  if (!log) {
    return; // The sign-in page works without script.
  }

  const token = document.querySelector('meta[name="chat-token"]').content;
  const announcer = document.getElementById('announcer');
  const connection = document.getElementById('connection');
  const composer = document.getElementById('composer');
  const say = document.getElementById('say');
  const dialog = document.getElementById('confirm');
  let live = false;
  let focusNextForm = false;
  let lastEventId = '';

  // Names one send, so a post the browser retries is acted on once.
  const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), b => b.toString(16).padStart(2, '0')).join('');

  const fromHtml = html => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return template.content.firstElementChild;
  };

  const nearBottom = () => window.innerHeight + window.scrollY >= document.body.scrollHeight - 120;

  const announce = text => {
    if (!live || !text) {
      return;
    }
    const line = document.createElement('p');
    line.textContent = text;
    announcer.append(line);
    while (announcer.childElementCount > 5) {
      announcer.firstElementChild.remove();
    }
  };

  const focusInside = node => {
    const field = node.querySelector('input:not([type="hidden"]):not([disabled]), select, textarea');
    (field || node).focus({ preventScroll: false });
  };

  const notice = (text, tone) => {
    const article = document.createElement('article');
    article.className = 'card';
    const p = document.createElement('p');
    p.className = `notice notice-${tone || 'error'}`;
    p.setAttribute('role', 'alert');
    p.textContent = text;
    article.append(p);
    const item = document.createElement('li');
    item.append(article);
    log.append(item);
    article.scrollIntoView({ block: 'nearest' });
  };

  const apply = item => {
    const existing = document.getElementById(item.id);
    if (item.op === 'replace') {
      if (!existing) {
        return; // An update of something this page never showed (older than the stream keeps).
      }
      const hadFocus = existing.contains(document.activeElement);
      const node = fromHtml(item.html);
      existing.replaceWith(node);
      if (hadFocus) {
        focusInside(node);
      }
      announce(item.summary);
      return;
    }

    const node = fromHtml(item.html);
    if (existing) {
      existing.replaceWith(node); // The person's own words, shown already while they were sent.
      return;
    }
    const follow = nearBottom();
    const entry = document.createElement('li');
    entry.append(node);
    log.append(entry);
    if (item.kind === 'form' && focusNextForm && live) {
      focusNextForm = false;
      focusInside(node);
      node.scrollIntoView({ block: 'start' });
    } else if (follow) {
      node.scrollIntoView({ block: 'end' });
    }
    if (item.kind !== 'said') {
      announce(item.summary);
    }
  };

  const post = async (path, body) => {
    let response;
    try {
      response = await fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', RequestVerificationToken: token },
        body: JSON.stringify(body),
      });
    } catch {
      notice('The service did not answer. Check that it is running, then try again.');
      return null;
    }
    if (response.status === 401) {
      location.assign('/chat');
      return null;
    }
    if (!response.ok) {
      let detail = `The service answered ${response.status}.`;
      try {
        detail = (await response.json()).detail || detail;
      } catch {
        // Not a problem document; the status says enough.
      }
      notice(detail);
      return null;
    }
    return response;
  };

  const values = form => {
    const data = new FormData(form);
    const result = {};
    for (const field of form.querySelectorAll('[data-field]')) {
      result[field.dataset.field] = data.getAll(field.dataset.field).map(String);
    }
    return result;
  };

  const clearErrors = form => {
    for (const error of form.querySelectorAll('.field-error, .form-error')) {
      error.textContent = '';
      error.hidden = true;
    }
    for (const invalid of form.querySelectorAll('[aria-invalid]')) {
      invalid.removeAttribute('aria-invalid');
    }
  };

  const showErrors = (form, errors) => {
    const fields = new Map(Array.from(form.querySelectorAll('[data-field]'), f => [f.dataset.field, f]));
    const elsewhere = [];
    let first = null;
    for (const [name, text] of Object.entries(errors)) {
      const field = fields.get(name);
      if (!field) {
        elsewhere.push(text);
        continue;
      }
      const slot = field.querySelector('.field-error');
      slot.textContent = text;
      slot.hidden = false;
      const control = field.querySelector('input:not(.typeahead), select, textarea');
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        first = first || control;
      }
    }
    if (elsewhere.length > 0) {
      const box = form.querySelector('.form-error');
      box.textContent = elsewhere.join(' ');
      box.hidden = false;
    }
    (first || form.querySelector('.form-error')).focus();
  };

  const busy = (element, on) => {
    for (const button of element.querySelectorAll('button')) {
      button.disabled = on;
    }
    element.setAttribute('aria-busy', on ? 'true' : 'false');
  };

  const sendForm = async (form, action, value) => {
    const card = form.closest('article');
    clearErrors(form);
    busy(form, true);
    const response = await post('/chat/submit', {
      message: card.id,
      formId: form.dataset.formId,
      state: form.dataset.state,
      values: values(form),
      action: action || null,
      value: value ?? null,
    });
    if (document.body.contains(form)) {
      busy(form, false);
    }
    if (response) {
      const answer = await response.json();
      if (answer.errors && Object.keys(answer.errors).length > 0 && document.body.contains(form)) {
        showErrors(form, answer.errors);
      }
    }
  };

  const confirmed = button => new Promise(resolve => {
    dialog.querySelector('#confirm-title').textContent = button.dataset.confirmTitle;
    dialog.querySelector('#confirm-text').textContent = button.dataset.confirmText || '';
    dialog.querySelector('#confirm-yes').textContent = button.dataset.confirmYes || 'Yes';
    dialog.querySelector('#confirm-no').textContent = button.dataset.confirmNo || 'Cancel';
    dialog.returnValue = '';
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'yes');
      button.focus();
    }, { once: true });
    dialog.showModal();
    dialog.querySelector('#confirm-no').focus();
  });

  composer.addEventListener('submit', async event => {
    event.preventDefault();
    const text = say.value.trim();
    if (!text) {
      return;
    }
    const key = newKey();
    // Shown at once; the service echoes it under the same id with its answer.
    const article = document.createElement('article');
    article.className = 'card said';
    article.id = `said-${key}`;
    article.tabIndex = -1;
    const p = document.createElement('p');
    const prefix = document.createElement('span');
    prefix.className = 'sr';
    prefix.textContent = 'You said: ';
    p.append(prefix, document.createTextNode(text));
    article.append(p);
    const entry = document.createElement('li');
    entry.append(article);
    log.append(entry);
    article.scrollIntoView({ block: 'end' });
    say.value = '';
    focusNextForm = true;
    await post('/chat/say', { text, key });
  });

  log.addEventListener('submit', event => {
    const form = event.target.closest('form.chat-form');
    if (form) {
      event.preventDefault();
      sendForm(form, null, null);
    }
  });

  log.addEventListener('click', async event => {
    const button = event.target.closest('button');
    if (!button || !log.contains(button) || button.type === 'submit') {
      return;
    }
    const card = button.closest('article');
    if (button.hasAttribute('data-dismiss')) {
      await post('/chat/dismiss', { message: card.id });
      say.focus();
      return;
    }
    const action = button.dataset.action;
    if (!action) {
      return;
    }
    if (button.dataset.confirmTitle && !(await confirmed(button))) {
      return;
    }
    const value = button.dataset.valueFrom ? document.getElementById(button.dataset.valueFrom).value : (button.dataset.value || '');
    const form = button.closest('form.chat-form');
    if (form) {
      await sendForm(form, action, value);
      return;
    }
    focusNextForm = true;
    button.disabled = true;
    await post('/chat/click', { action, value, message: card.id, key: newKey() });
    if (document.body.contains(button)) {
      button.disabled = false;
    }
  });

  // Type-ahead: the service searches the long list; matches are shown (and added when the list left them out).
  const searches = new WeakMap();
  const search = async input => {
    const options = document.getElementById(input.getAttribute('aria-controls'));
    const status = document.getElementById(input.id.replace(/-search$/, '-matches'));
    const query = input.value.trim();
    const url = `/chat/search?source=${encodeURIComponent(input.dataset.source)}&q=${encodeURIComponent(query)}`;
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok || input.value.trim() !== query) {
      return;
    }
    const choices = await response.json();
    const shown = new Set(choices.map(c => c.value));
    const present = new Set(Array.from(options.querySelectorAll('input'), i => i.value));
    for (const choice of choices.filter(c => !present.has(c.value))) {
      const row = document.createElement('div');
      row.className = 'option';
      const box = document.createElement('input');
      box.type = input.dataset.kind;
      box.name = input.dataset.name;
      box.value = choice.value;
      box.id = `${options.id}-s${options.childElementCount}`;
      const label = document.createElement('label');
      label.htmlFor = box.id;
      label.textContent = choice.label;
      row.append(box, label);
      options.append(row);
    }
    for (const row of options.querySelectorAll('.option')) {
      const box = row.querySelector('input');
      row.hidden = query !== '' && !shown.has(box.value) && !box.checked;
    }
    status.textContent = query === '' ? '' : `${choices.length} ${choices.length === 1 ? 'match' : 'matches'}`;
  };

  log.addEventListener('input', event => {
    const input = event.target.closest('input.typeahead');
    if (!input) {
      return;
    }
    clearTimeout(searches.get(input));
    searches.set(input, setTimeout(() => search(input), 150));
  });

  log.addEventListener('keydown', event => {
    // Enter in a search box searches; it must not submit the form half filled in.
    if (event.key === 'Enter' && event.target.matches('input.typeahead')) {
      event.preventDefault();
      search(event.target);
    }
  });

  const connect = () => {
    const query = lastEventId ? `?lastEventId=${encodeURIComponent(lastEventId)}` : '';
    const source = new EventSource(`/chat/events${query}`);
    source.addEventListener('chat', event => {
      lastEventId = event.lastEventId;
      apply(JSON.parse(event.data));
    });
    source.addEventListener('reset', () => {
      live = false;
      log.replaceChildren();
    });
    source.addEventListener('ready', () => {
      live = true;
      connection.textContent = '';
      document.body.dataset.live = 'true';
    });
    source.addEventListener('signedout', () => {
      source.close();
      location.assign('/chat');
    });
    source.addEventListener('error', () => {
      connection.textContent = 'Connection lost; reconnecting…';
      document.body.dataset.live = 'false';
      if (source.readyState === EventSource.CLOSED) {
        // Refused (signed out, or the service restarted and forgot the session): the page shows the sign-in again.
        setTimeout(() => location.assign('/chat'), 1000);
      }
    });
  };

  connect();
  say.focus();
})();
