// For admins (the forum's admin role): accounts (search, pages, role, state; disable, enable, sign out, role) and
// the audit log with its filters. Every user: "recent activity" (GET /account/events) on the account page.
import { call, message, token } from './api.js';
import { field, form, h, say, section } from './dom.js';
import { t } from './i18n.js';

// The audit log's event types (docs/API.md "Audit log"); the server refuses others with its own message.
export const EVENT_TYPES = ['signup', 'activation', 'signin_ok', 'signin_failed', 'signin_throttled', 'signout',
  'signout_all', 'password_change', 'password_reset', 'email_change', 'account_deleted', 'account_disabled',
  'account_enabled', 'role_change', 'admin_signout', 'totp_enabled', 'totp_disabled', 'totp_recovery_code_used'];

function when(instant) {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? String(instant ?? '') : date.toLocaleString();
}

function eventName(type) {
  const name = t(`event_${type}`);
  return name === `event_${type}` ? type : name;
}

/** A table whose cells carry their column's name (data-label): at phone width each row is shown as a card. */
function table(headers, rows) {
  for (const row of rows) {
    [...row.children].forEach((cell, i) => { if (headers[i]) cell.dataset.label = headers[i]; });
  }
  return h('div', { className: 'table' }, h('table', {},
    h('thead', {}, h('tr', {}, headers.map(text => h('th', { scope: 'col' }, text)))), h('tbody', {}, rows)));
}

let adminCheck = { token: null, admin: Promise.resolve(false) };

/** Whether the signed-in account is an admin: the admin API answers it 200, anyone else 403 (asked once per sign-in). */
export function isAdmin() {
  const current = token.get();
  if (!current) return Promise.resolve(false);
  if (adminCheck.token !== current) {
    adminCheck = { token: current, admin: call('GET', '/admin/users?size=1').then(reply => reply.ok) };
  }
  return adminCheck.admin;
}

/** The caller's last 50 security events, newest first. */
export async function recentActivity() {
  const reply = await call('GET', '/account/events');
  if (!reply.ok) return section(t('recentActivity'), h('p', { className: 'answer failed' }, message(reply)));
  const events = reply.body.events ?? [];
  return section(t('recentActivity'), h('p', { className: 'note' }, t('recentActivityHelp')),
    events.length === 0 ? h('p', {}, t('none')) : h('ol', { id: 'recent-activity', className: 'events' },
      events.map(event => h('li', { 'data-type': event.type },
        h('strong', {}, eventName(event.type)), ' ', h('time', { datetime: event.at }, when(event.at)),
        event.address ? ` · ${event.address}` : '', event.byAdmin ? h('em', {}, ` · ${t('byAdmin')}`) : ''))));
}

function usersPart(part) {
  const query = new URLSearchParams(part ?? '');
  const q = query.get('q') ?? '';
  const page = Number(query.get('page') ?? '1');
  const results = h('div', { id: 'admin-users' });
  const answer = h('p', { className: 'answer', role: 'alert', id: 'admin-answer' });
  const load = async (q, page) => {
    const reply = await call('GET', `/admin/users?${new URLSearchParams({ q, page: String(page), size: '20' })}`);
    if (!reply.ok) {
      results.replaceChildren(h('p', { className: 'answer failed' }, message(reply)));
      return;
    }
    const { users, more } = reply.body;
    const action = (user, path, label, body) => h('button', { type: 'button', 'data-action': path, onclick: async () => {
      const done = await call('POST', `/admin/users/${user.id}/${path}`, body);
      say(answer, `${user.username}: ${message(done)}`, done.ok);
      if (done.ok) await load(q, page);
    } }, label);
    results.replaceChildren(
      table(['ID', t('username'), t('email'), t('role'), t('state'), t('created'), t('lastSignin'), ''],
        users.map(user => h('tr', { 'data-username': user.username, 'data-state': user.state, 'data-role': user.role },
          h('td', {}, String(user.id)), h('td', {}, user.username), h('td', {}, user.email ?? ''),
          h('td', { className: 'role' }, t(`role_${user.role}`)), h('td', { className: 'state' }, t(`state_${user.state}`)),
          h('td', {}, when(user.created)), h('td', {}, user.lastSignin ? when(user.lastSignin) : t('never')),
          h('td', { className: 'buttons' },
            user.state === 'disabled' ? action(user, 'enable', t('enableUser')) : action(user, 'disable', t('disableUser')),
            action(user, 'signout', t('signoutUser')),
            user.role === 'admin' ? action(user, 'role', t('makeUser'), { role: 'user' }) : action(user, 'role', t('makeAdmin'), { role: 'admin' }),
            h('a', { href: `#/admin/audit?user=${user.id}` }, t('auditOf')))))),
      h('p', { className: 'pages' },
        page > 1 ? h('a', { href: `#/admin/users?${new URLSearchParams({ q, page: String(page - 1) })}`, id: 'users-previous' }, t('previousPage')) : null,
        ` ${t('page')} ${page} `,
        more ? h('a', { href: `#/admin/users?${new URLSearchParams({ q, page: String(page + 1) })}`, id: 'users-next' }, t('nextPage')) : null));
  };
  const search = form('admin-search', [field(t('searchUsers'), { name: 'q', value: q, type: 'search' }, t('searchUsersHelp'))],
    t('search'), async values => { location.hash = `#/admin/users?${new URLSearchParams({ q: values.q, page: '1' })}`; });
  return { element: section(t('users'), search, answer, results), load: () => load(q, page) };
}

function auditPart(part) {
  const query = new URLSearchParams(part ?? '');
  const filters = { user: query.get('user') ?? '', type: query.get('type') ?? '', since: query.get('since') ?? '' };
  const page = Number(query.get('page') ?? '1');
  const results = h('div', { id: 'admin-audit' });
  const types = h('datalist', { id: 'event-types' }, EVENT_TYPES.map(type => h('option', { value: type }, eventName(type))));
  const filter = form('admin-audit-filter', [
    field(t('auditUser'), { name: 'user', value: filters.user, inputmode: 'numeric' }),
    field(t('auditType'), { name: 'type', value: filters.type, list: 'event-types' }),
    field(t('auditSince'), { name: 'since', value: filters.since, placeholder: '2026-12-07T00:00:00Z' }, t('auditSinceHelp')),
    types,
  ], t('filter'), async values => {
    const chosen = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
    location.hash = `#/admin/audit?${new URLSearchParams(chosen)}`;
  });
  const load = async () => {
    const chosen = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
    const reply = await call('GET', `/admin/audit?${new URLSearchParams({ ...chosen, page: String(page) })}`);
    if (!reply.ok) {
      results.replaceChildren(h('p', { className: 'answer failed' }, message(reply)));
      return;
    }
    const { events, more } = reply.body;
    const pageLink = n => `#/admin/audit?${new URLSearchParams({ ...chosen, page: String(n) })}`;
    results.replaceChildren(
      events.length === 0 ? h('p', {}, t('none')) : table(
        [t('time'), t('event'), t('auditUser'), t('actor'), t('address'), t('requestId'), t('details')],
        events.map(event => h('tr', { 'data-type': event.type },
          h('td', {}, when(event.at)), h('td', {}, eventName(event.type)), h('td', {}, event.userId ?? ''),
          h('td', {}, event.actorId ?? ''), h('td', {}, event.address ?? ''), h('td', {}, event.requestId ?? ''),
          h('td', {}, event.details ? JSON.stringify(event.details) : '')))),
      h('p', { className: 'pages' },
        page > 1 ? h('a', { href: pageLink(page - 1) }, t('previousPage')) : null, ` ${t('page')} ${page} `,
        more ? h('a', { href: pageLink(page + 1) }, t('nextPage')) : null));
  };
  return { element: section(t('audit'), filter, results), load };
}

/** #/admin/users?q=&page= and #/admin/audit?user=&type=&since=&page= */
export async function adminView(rerender, part) {
  if (!(await isAdmin())) return h('p', { className: 'answer failed' }, t('adminsOnly'));
  const [name, query] = (part ?? 'users').split('?');
  const tabs = h('p', { className: 'tabs' },
    h('a', { href: '#/admin/users', 'aria-current': name !== 'audit' ? 'page' : null }, t('users')), ' · ',
    h('a', { href: '#/admin/audit', 'aria-current': name === 'audit' ? 'page' : null }, t('audit')));
  const view = name === 'audit' ? auditPart(query) : usersPart(query);
  await view.load();
  return h('div', {}, tabs, view.element);
}
