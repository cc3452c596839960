// Upload (many at once, picked or dropped, one progress bar per file) and the gallery (newest first, large
// view, delete).
import { call, message, sendForm } from './api.js';
import { h, say, section } from './dom.js';
import { t } from './i18n.js';

const MAX_BYTES = 1024 * 1024;

/** Whether the first bytes are a PNG's or a JPEG's signature (the server decides by the bytes too). */
async function looksLikeImage(file) {
  const bytes = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return png || jpeg;
}

/** Which files most likely caused a refusal, by the documented rule it names (size, format); [] if unknown. */
async function likelyCauses(status, files) {
  if (status === 413) return files.filter(file => file.size > MAX_BYTES);
  if (status === 415) {
    const checks = await Promise.all(files.map(looksLikeImage));
    return files.filter((file, i) => !checks[i]);
  }
  return [];
}

export function uploader(onUploaded) {
  const input = h('input', { type: 'file', id: 'upload-files', multiple: true, accept: 'image/png,image/jpeg', className: 'visually-hidden' });
  const list = h('ul', { className: 'uploads', id: 'upload-list' });
  const answer = h('p', { className: 'answer', role: 'alert', id: 'upload-answer' });
  const zone = h('div', { className: 'dropzone', id: 'dropzone' },
    h('label', { for: 'upload-files', className: 'button' }, t('chooseFiles')), ' ', t('dropHere'));
  const start = files => upload(files, list, answer, onUploaded);
  input.addEventListener('change', () => { start([...input.files]); input.value = ''; });
  zone.addEventListener('dragover', event => { event.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', event => {
    event.preventDefault();
    zone.classList.remove('over');
    start([...event.dataTransfer.files]);
  });
  return section(t('upload'), h('p', { className: 'note' }, t('allOrNothing')), input, zone, list, answer);
}

async function upload(files, list, answer, onUploaded) {
  if (files.length === 0) return;
  list.replaceChildren();
  say(answer, t('uploading'), null);
  const rows = files.map(file => {
    const bar = h('progress', { max: 100, value: 0, 'aria-label': file.name });
    const note = h('span', { className: 'file-answer' });
    const row = h('li', { className: 'upload' }, h('span', { className: 'file-name' }, file.name), bar, note);
    list.append(row);
    return { file, bar, note, row };
  });
  const body = new FormData();
  files.forEach(file => body.append('file', file, file.name));
  const total = files.reduce((sum, file) => sum + file.size, 0) || 1;
  const reply = await sendForm('/upload', body, (sent, size) => {
    // one request: each file's share of the bytes sent, in the order of the parts
    let before = 0;
    const done = sent / (size || total) * total;
    for (const row of rows) {
      row.bar.value = Math.max(0, Math.min(100, (done - before) / (row.file.size || 1) * 100));
      before += row.file.size;
    }
  });
  if (reply.ok) {
    rows.forEach(row => { row.bar.value = 100; row.note.textContent = t('uploaded'); row.row.classList.add('ok'); });
    say(answer, `${t('uploaded')}: ${reply.body.urls.length}`, true);
    onUploaded?.();
    return;
  }
  const causes = await likelyCauses(reply.status, files);
  rows.forEach(row => {
    row.row.classList.add('refused');
    if (causes.includes(row.file)) {
      row.note.textContent = `${t('likelyCause')} ${message(reply)}`;
      row.row.classList.add('cause');
    }
  });
  say(answer, `${message(reply)} — ${t('refusedBatch')}`, false);
}

export function gallery(images, onChange) {
  const grid = h('ul', { className: 'gallery', id: 'gallery' });
  const dialog = h('dialog', { id: 'viewer', 'aria-label': t('view') });
  const container = section(t('gallery'), grid, dialog);
  const show = urls => {
    grid.replaceChildren(...urls.map((url, i) => h('li', {},
      h('button', { type: 'button', className: 'thumb', onclick: () => open(url, i) },
        h('img', { src: url, alt: `${t('view')} ${i + 1}`, loading: 'lazy' })))));
    if (urls.length === 0) grid.append(h('li', { className: 'empty' }, t('noPhotos')));
  };
  const open = (url) => {
    const answer = h('p', { className: 'answer', role: 'alert' });
    dialog.replaceChildren(
      h('img', { src: url, alt: '', className: 'large' }),
      h('div', { className: 'buttons' },
        h('button', { type: 'button', id: 'delete-photo', onclick: async () => {
          if (!window.confirm(t('confirmDelete'))) return;
          const reply = await call('DELETE', `/images?url=${encodeURIComponent(url)}`);
          say(answer, message(reply), reply.ok);
          if (reply.ok) { dialog.close(); onChange?.(); }
        } }, t('remove')),
        h('button', { type: 'button', id: 'close-viewer', onclick: () => dialog.close() }, t('close'))),
      answer);
    dialog.showModal();
  };
  show(images);
  return container;
}

/** The caller's photo URLs, newest first ([] when none: the API's 404). */
export async function listImages() {
  const reply = await call('GET', '/images');
  if (reply.ok) return reply.body.urls;
  if (reply.status === 404) return [];
  throw new Error(message(reply));
}

/** The upload and the gallery; an upload or a deletion redraws the gallery only (the upload's answers stay). */
export async function photosView() {
  const holder = h('div');
  const refresh = async () => holder.replaceChildren(gallery(await listImages(), refresh));
  await refresh();
  return h('div', {}, uploader(refresh), holder);
}
