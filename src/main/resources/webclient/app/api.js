// The documented API (openapi.yaml), nothing else. The xphoto token is kept in localStorage; the forum's
// session is its HttpOnly cookie.
import { t } from './i18n.js';

const TOKEN = 'xphoto.token';

export const token = {
  get: () => localStorage.getItem(TOKEN),
  set: value => localStorage.setItem(TOKEN, value),
  clear: () => localStorage.removeItem(TOKEN),
};

/** The server's own words of an answer: error, success, reason or message, as sent. */
export function message(reply) {
  const body = reply.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    return body.error ?? body.reason ?? body.success ?? body.message ?? '';
  }
  return reply.status === 0 ? t('networkError') : `HTTP ${reply.status}`;
}

function authorization(headers, bearer = true) {
  const value = token.get();
  if (value && bearer) headers.Authorization = `Bearer ${value}`;
  return headers;
}

async function read(response) {
  const type = response.headers.get('Content-Type') ?? '';
  const body = type.includes('json') ? await response.json().catch(() => null) : null;
  const reply = { status: response.status, ok: response.ok, body, headers: response.headers };
  if (response.status === 401 && token.get() && body && 'error' in body) {
    token.clear();
    window.dispatchEvent(new Event('xphoto-signed-out'));
  }
  return reply;
}

/**
 * A JSON request (body: an object, or undefined for none) with the token when signed in, unless bearer is
 * false: the forum's calls go with its session cookie only (with a token, the forum would not look at it).
 */
export async function call(method, path, body, bearer = true) {
  const headers = authorization({ Accept: 'application/json' }, bearer);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return await read(response);
  } catch {
    return { status: 0, ok: false, body: null };
  }
}

/** A raw body (the forum avatar's bytes) with its own type, with the forum's session cookie. */
export async function put(path, blob) {
  try {
    const response = await fetch(path, { method: 'PUT', headers: { 'Content-Type': blob.type || 'application/octet-stream' }, body: blob });
    return await read(response);
  } catch {
    return { status: 0, ok: false, body: null };
  }
}

/** A picture of the server (the captcha) as an object URL. */
export async function picture(path) {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return URL.createObjectURL(await response.blob());
}

/**
 * A multipart request by XMLHttpRequest, whose upload reports progress: onProgress(bytesSent, total).
 * Resolves with the reply once answered.
 */
export function sendForm(path, formData, onProgress) {
  return new Promise(resolve => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    const value = token.get();
    if (value) xhr.setRequestHeader('Authorization', `Bearer ${value}`);
    xhr.upload.addEventListener('progress', event => onProgress?.(event.loaded, event.total));
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status === 401 && value) {
        token.clear();
        window.dispatchEvent(new Event('xphoto-signed-out'));
      }
      resolve({ status: xhr.status, ok: xhr.status >= 200 && xhr.status < 300, body });
    });
    xhr.addEventListener('error', () => resolve({ status: 0, ok: false, body: null }));
    xhr.send(formData);
  });
}

/** Saves an answer with the token (the account export) as a file. */
export async function download(path) {
  const response = await fetch(path, { headers: authorization({}) });
  if (!response.ok) return read(response);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'xphoto-export.json';
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { status: response.status, ok: true, body: null, name };
}
