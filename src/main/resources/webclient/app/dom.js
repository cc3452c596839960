// A few lines instead of a framework: build elements, labelled fields and forms.
let fieldCount = 0;

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'className') element.className = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

/** A labelled input; hint is shown under it and named by aria-describedby. */
export function field(label, attributes, hint) {
  const id = `f${++fieldCount}`;
  const input = h('input', { id, ...attributes, 'aria-describedby': hint ? `${id}-hint` : null });
  return h('div', { className: 'field' }, h('label', { for: id }, label), input,
    hint ? h('small', { id: `${id}-hint` }, hint) : null);
}

/** A form whose submit calls action(values) with the button disabled meanwhile; its answer goes in .answer. */
export function form(name, children, submitLabel, action) {
  const answer = h('p', { className: 'answer', role: 'alert' });
  const button = h('button', { type: 'submit' }, submitLabel);
  const element = h('form', { name, novalidate: true }, children, button, answer);
  element.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    answer.className = 'answer';
    answer.textContent = '';
    try {
      await action(Object.fromEntries(new FormData(element)), answer, element);
    } finally {
      button.disabled = false;
    }
  });
  return element;
}

/** Shows text in answer: ok true (done), false (refused) or null (under way). */
export function say(answer, text, ok) {
  answer.textContent = text ?? '';
  answer.className = `answer ${ok === null ? 'busy' : ok ? 'ok' : 'failed'}`;
}

export function section(title, ...children) {
  return h('section', {}, h('h2', {}, title), ...children);
}
