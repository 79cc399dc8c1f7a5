'use strict';
/*
 * The example page: log in, who am I, refresh, log out (and log out everywhere), and the user's
 * sessions (GET /sessions), each with a "sign out" button (DELETE /sessions/{id}), and "sign out
 * other sessions" (POST /logout-others).
 *
 * The tokens travel in HttpOnly cookies that this script cannot read. Every POST echoes the
 * readable CSRF cookie in the CSRF header (double submit). The access token returned in the
 * /login and /refresh answers is kept in memory only (never in storage), to show its claims and
 * count down to its expiry: display only, the server's check is what counts. The refresh token is
 * never needed here (the refresh cookie carries it): a server for this page runs with
 * REFRESH_TOKEN_IN_BODY=false, so that the answers this script reads do not hold it at all; one that
 * still sends it gets it dropped on arrival.
 */
(function () {
  const config = document.body.dataset;
  const ACCESS_CSRF_COOKIE = config.accessCsrfCookie || 'csrf_access_token';
  const REFRESH_CSRF_COOKIE = config.refreshCsrfCookie || 'csrf_refresh_token';
  const ACCESS_CSRF_HEADER = config.accessCsrfHeader || 'X-CSRF-TOKEN';
  const REFRESH_CSRF_HEADER = config.refreshCsrfHeader || 'X-CSRF-TOKEN';
  const ERROR_KEY = config.errorKey || 'msg';

  const $ = (id) => document.getElementById(id);
  const el = {
    status: $('status'),
    loginPanel: $('login-panel'),
    loginForm: $('login-form'),
    loginButton: $('login-button'),
    username: $('username'),
    password: $('password'),
    sessionPanel: $('session-panel'),
    identity: $('identity'),
    countdown: $('countdown'),
    lifetime: $('lifetime'),
    claims: $('claims'),
    results: $('results'),
    whoami: $('whoami-button'),
    refresh: $('refresh-button'),
    logout: $('logout-button'),
    logoutAll: $('logout-all-button'),
    sessions: $('sessions'),
    sessionsReload: $('sessions-reload-button'),
    logoutOthers: $('logout-others-button')
  };

  let accessToken = null; // in memory only
  let claims = null;
  let ticker = null;

  // ---- talking to the server ------------------------------------------------------------------

  function readCookie(name) {
    for (const part of document.cookie.split(';')) {
      const i = part.indexOf('=');
      if (i > 0 && part.slice(0, i).trim() === name) {
        let value = part.slice(i + 1).trim();
        if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
          value = value.slice(1, -1);
        }
        try {
          return decodeURIComponent(value);
        } catch (e) {
          return value;
        }
      }
    }
    return null;
  }

  /** One request; never throws. Answers {status, ok, data, msg}; status 0 when the server was not reached. */
  async function call(method, path, options) {
    const opts = options || {};
    const headers = { 'Accept': 'application/json' };
    if (opts.csrfCookie) {
      const csrf = readCookie(opts.csrfCookie);
      if (csrf) {
        headers[opts.csrfHeader] = csrf;
      }
    }
    let body;
    if (opts.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
    } catch (e) {
      return { status: 0, ok: false, data: null, msg: null };
    }
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (data && typeof data === 'object') {
      delete data.refresh_token; // never kept: it lives in the HttpOnly cookie
    }
    const msg = data && typeof data[ERROR_KEY] === 'string' ? data[ERROR_KEY] : null;
    return { status: response.status, ok: response.ok, data, msg };
  }

  const postWithAccess = (path) => call('POST', path, { csrfCookie: ACCESS_CSRF_COOKIE, csrfHeader: ACCESS_CSRF_HEADER });
  const deleteWithAccess = (path) => call('DELETE', path, { csrfCookie: ACCESS_CSRF_COOKIE, csrfHeader: ACCESS_CSRF_HEADER });
  const postWithRefresh = (path) => call('POST', path, { csrfCookie: REFRESH_CSRF_COOKIE, csrfHeader: REFRESH_CSRF_HEADER });

  /** A failed answer in words: never raw JSON. */
  function explain(res) {
    const m = res.msg || '';
    if (res.status === 0) {
      return 'The server cannot be reached. Check that it is running, then try again.';
    }
    if (m === 'Bad username or password') {
      return 'Wrong user name or password.';
    }
    if (m === 'Missing CSRF token') {
      return 'The request was refused because it carried no CSRF token (the ' + ACCESS_CSRF_HEADER + ' header). Log in again.';
    }
    if (m === 'CSRF double submit tokens do not match') {
      return 'The request was refused because its CSRF token does not match the cookie. Log in again.';
    }
    if (m === 'Token has expired') {
      return 'Your token has expired.';
    }
    if (m === 'Token has been revoked') {
      return 'This session has been logged out (its token is revoked). Log in again.';
    }
    if (m === 'Fresh token required') {
      return 'This needs a fresh token, straight from logging in. Log in again.';
    }
    if (m === 'Session not found') {
      return 'That session has already ended.';
    }
    if (m === 'Admins only!') {
      return 'You are signed in, but this area is for administrators only.';
    }
    if (m.startsWith('Missing JWT') || m.startsWith('Missing cookie') || m.startsWith('Missing Authorization')) {
      return 'You are not signed in.';
    }
    if (m.startsWith('Error loading the user')) {
      return 'Your user account no longer exists.';
    }
    if (res.status === 422) {
      return 'The server could not use your token (' + (m || 'invalid token') + '). Log in again.';
    }
    if (res.status === 503) {
      return 'The server cannot reach its database right now. Try again in a moment.';
    }
    if (res.status >= 500) {
      return 'The server failed unexpectedly. Try again later.';
    }
    if (res.status === 415 || res.status === 413 || res.status === 400) {
      return 'The server could not read the request' + (m ? ': ' + m : '.');
    }
    if (res.status === 404) {
      return 'The server has no such page.';
    }
    return 'The server refused the request (status ' + res.status + ')' + (m ? ': ' + m : '.');
  }

  // ---- showing things -------------------------------------------------------------------------

  function say(text, kind) {
    el.status.textContent = text;
    el.status.className = 'status ' + (kind || 'info');
    el.status.hidden = false;
  }

  function showLogin() {
    forgetToken();
    el.sessionPanel.hidden = true;
    el.loginPanel.hidden = false;
    el.results.replaceChildren(item('muted', 'Press “Who am I?” to ask the server.'));
    el.sessions.replaceChildren(item('muted', 'Loading…'));
  }

  function showSession(identity) {
    el.identity.textContent = identity;
    el.loginPanel.hidden = true;
    el.sessionPanel.hidden = false;
    el.password.value = '';
    loadSessions();
  }

  function item(cls, text) {
    const li = document.createElement('li');
    li.className = cls;
    li.textContent = text;
    return li;
  }

  /** The payload of a JWT, decoded for display; null when it cannot be read. */
  function decodePayload(token) {
    try {
      const part = token.split('.')[1];
      const b64 = part.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((part.length + 3) % 4);
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      return payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : null;
    } catch (e) {
      return null;
    }
  }

  const CLAIM_LABELS = {
    sub: 'user (sub)',
    roles: 'roles',
    type: 'type',
    fresh: 'fresh',
    iat: 'issued (iat)',
    nbf: 'valid from (nbf)',
    exp: 'expires (exp)',
    jti: 'token id (jti)',
    csrf: 'CSRF value (csrf)'
  };

  function claimText(name, value) {
    if ((name === 'iat' || name === 'nbf' || name === 'exp') && typeof value === 'number') {
      return new Date(value * 1000).toLocaleString() + ' (' + value + ')';
    }
    if (name === 'fresh' && typeof value === 'boolean') {
      return value ? 'yes (straight from login)' : 'no (from a refresh)';
    }
    if (Array.isArray(value)) {
      return value.length ? value.join(', ') : '(none)';
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  function useToken(token) {
    accessToken = token;
    claims = decodePayload(token);
    el.claims.replaceChildren();
    if (!claims) {
      el.claims.append(item('muted', 'The token could not be decoded.'));
      return;
    }
    const names = Object.keys(CLAIM_LABELS).filter((n) => n in claims)
      .concat(Object.keys(claims).filter((n) => !(n in CLAIM_LABELS)));
    for (const name of names) {
      const row = document.createElement('div');
      row.className = 'claim';
      row.dataset.claim = name;
      const dt = document.createElement('dt');
      dt.textContent = CLAIM_LABELS[name] || name;
      const dd = document.createElement('dd');
      dd.textContent = claimText(name, claims[name]);
      row.append(dt, dd);
      el.claims.append(row);
    }
    startCountdown();
  }

  function forgetToken() {
    accessToken = null;
    claims = null;
    el.claims.replaceChildren();
    if (ticker) {
      clearInterval(ticker);
      ticker = null;
    }
    el.countdown.textContent = 'No token yet.';
    el.countdown.className = 'countdown';
    el.lifetime.hidden = true;
  }

  function startCountdown() {
    if (ticker) {
      clearInterval(ticker);
    }
    tick();
    ticker = setInterval(tick, 1000);
  }

  function tick() {
    if (!claims || typeof claims.exp !== 'number') {
      el.countdown.textContent = claims ? 'This access token never expires.' : 'No token yet.';
      el.lifetime.hidden = true;
      return;
    }
    // The server refuses a token once exp <= now: show 0:01 until then, "expired" from then on.
    const left = Math.ceil(claims.exp - Date.now() / 1000);
    const total = typeof claims.iat === 'number' ? claims.exp - claims.iat : null;
    if (left <= 0) {
      el.countdown.textContent = 'The access token has expired: press “Refresh token” for a new one.';
      el.countdown.className = 'countdown expired';
      el.lifetime.value = 0;
      clearInterval(ticker);
      ticker = null;
      return;
    }
    const h = Math.floor(left / 3600);
    const m = Math.floor((left % 3600) / 60);
    const s = left % 60;
    const two = (n) => String(n).padStart(2, '0');
    el.countdown.textContent = 'Expires in ' + (h > 0 ? h + ':' + two(m) : m) + ':' + two(s);
    el.countdown.className = 'countdown' + (left <= 60 ? ' soon' : '');
    if (total && total > 0) {
      el.lifetime.hidden = false;
      el.lifetime.max = total;
      el.lifetime.value = Math.min(left, total);
    }
  }

  function busy(on) {
    for (const b of [el.loginButton, el.whoami, el.refresh, el.logout, el.logoutAll, el.sessionsReload, el.logoutOthers]) {
      b.disabled = on;
    }
  }

  async function action(fn) {
    busy(true);
    try {
      await fn();
    } finally {
      busy(false);
    }
  }

  // ---- the actions ----------------------------------------------------------------------------

  async function logIn(event) {
    event.preventDefault();
    const username = el.username.value.trim();
    const password = el.password.value;
    if (!username || !password) {
      say('Enter a user name and a password.', 'error');
      return;
    }
    const res = await call('POST', '/login', { json: { username, password } });
    if (!res.ok || !res.data || typeof res.data.access_token !== 'string') {
      say(res.ok ? 'The server answered without a token.' : explain(res), 'error');
      return;
    }
    const payload = decodePayload(res.data.access_token);
    showSession(payload && typeof payload.sub === 'string' ? payload.sub : username);
    useToken(res.data.access_token);
    say('Logged in. Your tokens are in HttpOnly cookies; this page holds the CSRF values only.', 'ok');
  }

  async function whoAmI() {
    const results = [];
    const me = await call('GET', '/protected');
    if (me.ok && me.data) {
      results.push(item('ok', 'GET /protected: you are ' + me.data.logged_in_as + '.'));
    } else {
      results.push(item('error', 'GET /protected: ' + explain(me)));
    }
    const admin = await call('GET', '/admin');
    if (admin.ok && admin.data) {
      results.push(item('ok', 'GET /admin: welcome to the admin area, ' + admin.data.logged_in_as + '.'));
    } else {
      results.push(item(admin.status === 403 ? 'refused' : 'error', 'GET /admin: ' + explain(admin)));
    }
    el.results.replaceChildren(...results);
    if (me.ok) {
      say('The server checked your access token.', 'ok');
    } else {
      say(explain(me) + (me.msg === 'Token has expired' ? ' Press “Refresh token”.' : ''), 'error');
    }
  }

  /** A new access token from the refresh cookie; answers whether it worked. */
  async function refresh(quiet) {
    const res = await postWithRefresh('/refresh');
    if (res.ok && res.data && typeof res.data.access_token === 'string') {
      useToken(res.data.access_token);
      if (!quiet) {
        say('New access token received (not fresh: /fresh would now refuse it).', 'ok');
      }
      return true;
    }
    if (res.status === 401 || res.status === 422) {
      showLogin();
      say((res.msg === 'Token has expired' ? 'Your session has expired.' : explain(res)) + ' Log in again.', 'error');
    } else {
      say(explain(res), 'error');
    }
    return false;
  }

  async function logOut() {
    let res = await postWithAccess('/logout');
    if (res.msg === 'Token has expired' && (await refresh(true))) {
      res = await postWithAccess('/logout');
    }
    if (res.ok) {
      showLogin();
      say('You are logged out: both tokens are revoked and the cookies are cleared.', 'ok');
    } else if (res.status === 401 || res.status === 422) {
      showLogin();
      say(explain(res), 'error');
    } else {
      say('Logging out failed: ' + explain(res), 'error');
    }
  }

  // ---- sessions (GET /sessions, DELETE /sessions/{id}, POST /logout-others) -------------------

  /** A session's time for display; the server sends ISO-8601 UTC. */
  function when(iso) {
    const d = new Date(iso);
    return isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
  }

  /** One request that needs the access token; an expired one is refreshed once first. */
  async function withAccess(send) {
    let res = await send();
    if (res.msg === 'Token has expired' && (await refresh(true))) {
      res = await send();
    }
    return res;
  }

  async function loadSessions() {
    const res = await withAccess(() => call('GET', '/sessions'));
    if (!res.ok || !Array.isArray(res.data)) {
      el.sessions.replaceChildren(item('muted', res.status === 404 && res.msg && res.msg.startsWith('Sessions need')
        ? 'This server keeps no sessions (refresh-token rotation is off).'
        : 'The sessions could not be loaded: ' + explain(res)));
      return;
    }
    if (res.data.length === 0) {
      el.sessions.replaceChildren(item('muted', 'No sessions.'));
      return;
    }
    el.sessions.replaceChildren(...res.data.map(sessionItem));
  }

  function sessionItem(s) {
    const li = document.createElement('li');
    li.className = 'session' + (s.current ? ' current' : '');
    li.dataset.session = s.id;
    const text = document.createElement('span');
    text.className = 'session-text';
    text.textContent = (s.client || 'Unknown client') + (s.current ? ' (this session)' : '')
      + ': signed in ' + when(s.created_at) + ', last active ' + when(s.last_used_at);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'session-signout';
    button.textContent = 'Sign out';
    button.addEventListener('click', () => action(() => endSession(s.id, s.current)));
    li.append(text, button);
    return li;
  }

  async function endSession(id, current) {
    const res = await withAccess(() => deleteWithAccess('/sessions/' + encodeURIComponent(id)));
    if (res.ok && current) {
      showLogin();
      say('This session is signed out: its tokens are revoked and the cookies are cleared.', 'ok');
      return;
    }
    if (res.ok) {
      say('The session is signed out: its tokens are revoked on that device.', 'ok');
    } else if (res.status === 401 || res.status === 422) {
      showLogin();
      say(explain(res), 'error');
      return;
    } else {
      say('Signing the session out failed: ' + explain(res), 'error');
    }
    await loadSessions();
  }

  async function logOutOthers() {
    const res = await withAccess(() => postWithAccess('/logout-others'));
    if (res.ok && res.data && typeof res.data.ended === 'number') {
      say(res.data.ended === 1 ? 'One other session is signed out.' : res.data.ended + ' other sessions are signed out.', 'ok');
    } else if (res.status === 401 || res.status === 422) {
      showLogin();
      say(explain(res), 'error');
      return;
    } else {
      say('Signing out the other sessions failed: ' + explain(res), 'error');
    }
    await loadSessions();
  }

  // ---- log out everywhere (POST /logout-all), kept apart: older servers answer 404 ------------

  async function logOutEverywhere() {
    let res = await postWithAccess('/logout-all');
    if (res.msg === 'Token has expired' && (await refresh(true))) {
      res = await postWithAccess('/logout-all');
    }
    if (res.status === 404 || res.status === 405) {
      say('This server does not offer “log out everywhere” (POST /logout-all is not there). '
        + 'You are still logged in; use “Log out” to end this session.', 'error');
    } else if (res.ok) {
      showLogin();
      say('You are logged out everywhere: every token of your account is revoked, on every device.', 'ok');
    } else if (res.status === 401 || res.status === 422) {
      showLogin();
      say(explain(res), 'error');
    } else {
      say('Logging out everywhere failed: ' + explain(res), 'error');
    }
  }

  // ---- start ----------------------------------------------------------------------------------

  async function start() {
    if (config.cookies === 'false') {
      $('no-cookies').hidden = false;
    }
    el.loginForm.addEventListener('submit', (e) => action(() => logIn(e)));
    el.whoami.addEventListener('click', () => action(whoAmI));
    el.refresh.addEventListener('click', () => action(() => refresh(false)));
    el.logout.addEventListener('click', () => action(logOut));
    el.logoutAll.addEventListener('click', () => action(logOutEverywhere));
    el.sessionsReload.addEventListener('click', () => action(loadSessions));
    el.logoutOthers.addEventListener('click', () => action(logOutOthers));

    // Already signed in (cookies from an earlier visit)? The token's claims are unknown until a refresh.
    const res = await call('GET', '/optional');
    if (res.ok && res.data && typeof res.data.logged_in_as === 'string') {
      showSession(res.data.logged_in_as);
      el.countdown.textContent = 'The access token is in a cookie this page cannot read: press “Refresh token” to see a new one\u2019s claims.';
    } else if (res.msg === 'Token has expired' && readCookie(REFRESH_CSRF_COOKIE)) {
      showSession('…');
      if (await refresh(true)) {
        el.identity.textContent = claims && typeof claims.sub === 'string' ? claims.sub : '?';
        say('Your access token had expired; a new one was fetched with your refresh token.', 'ok');
      }
    } else {
      showLogin();
      if (res.status !== 200) {
        say(res.status === 0 ? explain(res) : 'Your earlier session is over: ' + explain(res), 'error');
      }
    }
  }

  start();
}());
