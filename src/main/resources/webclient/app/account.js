// Sign-up, sign-in, forgotten password, and the account page (sign-outs, password, email, export, deletion).
import { call, download, message, token } from './api.js';
import { recentActivity } from './admin.js';
import { twoStepSection } from './totp.js';
import { field, form, h, say, section } from './dom.js';
import { t } from './i18n.js';

export async function signupView() {
  const template = await call('GET', '/forum/user/template', undefined, false);
  const passwordRule = Array.isArray(template.body)
    ? template.body.find(item => item.key === 'password')?.limit : undefined;
  return section(t('signup'), form('signup', [
    field(t('username'), { name: 'username', autocomplete: 'username', required: true }, t('usernameRule')),
    field(t('email'), { name: 'email', type: 'email', autocomplete: 'email', required: true }, t('emailRule')),
    field(t('password'), { name: 'password', type: 'password', autocomplete: 'new-password', required: true }, passwordRule),
    field(t('repeatPassword'), { name: 'repeat_password', type: 'password', autocomplete: 'new-password', required: true }),
  ], t('signup'), async (values, answer) => {
    const reply = await call('POST', '/signup', values);
    say(answer, reply.ok ? `${message(reply)} ${t('signupDone')}` : message(reply), reply.ok);
  }));
}

/**
 * Sign-in. For an account with two-step verification the server answers 401 "totp": "required" after the right
 * password: the form then asks for the code and sends the sign-in again with it. The password is kept only in
 * this closure for that second request, never stored.
 */
export function signinView(go) {
  const view = section(t('signin'));
  const links = h('p', {}, h('a', { href: '#/signup' }, t('signup')), ' · ', h('a', { href: '#/forgot' }, t('forgot')));
  const signedIn = reply => {
    token.set(reply.body.JWTToken);
    go('#/photos');
  };
  const passwordStep = form('signin', [
    field(t('usernameOrEmail'), { name: 'username', autocomplete: 'username', required: true }),
    field(t('password'), { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
  ], t('signin'), async (values, answer) => {
    const reply = await call('POST', '/signin', values);
    if (reply.ok && reply.body?.JWTToken) signedIn(reply);
    else if (reply.status === 401 && reply.body?.totp === 'required') {
      passwordStep.elements.password.value = '';
      passwordStep.replaceWith(codeStep(values, message(reply)));
    }
    else say(answer, message(reply), false);
  });
  const codeStep = (credentials, prompt) => {
    const step = form('signin-totp', [
      h('p', { className: 'note' }, prompt),
      field(t('totpCode'), { name: 'totp', autocomplete: 'one-time-code', autocapitalize: 'off', spellcheck: 'false', required: true }, t('totpCodeHint')),
    ], t('signin'), async (values, answer, element) => {
      const reply = await call('POST', '/signin', { ...credentials, totp: values.totp });
      if (reply.ok && reply.body?.JWTToken) {
        signedIn(reply);
      } else {
        say(answer, message(reply), false);
        element.elements.totp.value = '';
        element.elements.totp.focus();
      }
    });
    step.append(h('p', {}, h('a', { href: '#/signin', id: 'signin-restart', onclick: event => {
      event.preventDefault();
      step.replaceWith(passwordStep);
    } }, t('startOver'))));
    setTimeout(() => step.elements.totp.focus());
    return step;
  };
  view.append(passwordStep, links);
  return view;
}

export function forgotView() {
  return section(t('forgot'), form('forgot', [
    field(t('usernameOrEmail'), { name: 'username', autocomplete: 'username', required: true }, t('forgotHelp')),
  ], t('sendResetMail'), async (values, answer) => {
    const reply = await call('POST', '/password/forgot', values);
    say(answer, message(reply), reply.ok);
  }));
}

export async function accountView(go) {
  const info = await call('GET', '/userInfo');
  if (!info.ok) return h('p', {}, message(info));
  const exportAnswer = h('p', { className: 'answer', role: 'alert' });
  return h('div', {},
    section(t('account'),
      h('p', { id: 'who' }, t('signedInAs'), h('strong', {}, info.body.username), info.body.email ? ` (${info.body.email})` : ''),
      h('div', { className: 'buttons' },
        h('button', { type: 'button', id: 'signout', onclick: () => signOut('/signout', go) }, t('signout')),
        h('button', { type: 'button', id: 'signout-all', onclick: () => signOut('/signout/all', go) }, t('signoutAll')),
        h('button', { type: 'button', id: 'export', onclick: async () => {
          const reply = await download('/account/export');
          say(exportAnswer, reply.ok ? reply.name : message(reply), reply.ok);
        } }, t('exportData'))),
      exportAnswer),
    await twoStepSection(() => go('#/account')),
    await recentActivity(),
    section(t('changePassword'), form('change-password', [
      field(t('oldPassword'), { name: 'old_password', type: 'password', autocomplete: 'current-password' }),
      field(t('newPassword'), { name: 'password', type: 'password', autocomplete: 'new-password' }),
      field(t('repeatPassword'), { name: 'repeat_password', type: 'password', autocomplete: 'new-password' }),
    ], t('changePassword'), async (values, answer) => {
      const reply = await call('POST', '/password/change', values);
      say(answer, message(reply), reply.ok);
    })),
    section(t('changeEmail'), form('change-email', [
      field(t('newEmail'), { name: 'email', type: 'email', autocomplete: 'email' }),
      field(t('password'), { name: 'password', type: 'password', autocomplete: 'current-password' }),
    ], t('changeEmail'), async (values, answer) => {
      const reply = await call('POST', '/email/change', values);
      say(answer, message(reply), reply.ok);
    })),
    section(t('deleteAccount'), h('p', {}, t('deleteWarning')), form('delete-account', [
      field(t('password'), { name: 'password', type: 'password', autocomplete: 'current-password' }),
    ], t('deleteAccount'), async (values, answer) => {
      const reply = await call('DELETE', '/account', values);
      say(answer, message(reply), reply.ok);
      if (reply.ok) {
        token.clear();
        setTimeout(() => go('#/signin'), 1500);
      }
    })));
}

async function signOut(path, go) {
  const reply = await call('POST', path);
  if (reply.ok || reply.status === 401) {
    token.clear();
    go('#/signin', message(reply));
  } else {
    document.getElementById('status').textContent = message(reply);
  }
}
