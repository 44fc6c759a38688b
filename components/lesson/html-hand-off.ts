// Hands a rendered body from the server component that has it to the client component that prints it during
// server-side rendering, without passing it as a prop. A prop would be serialized into the page's RSC payload,
// which carries the whole body a second time (half the lesson page's bytes, sent and compressed on every hit).
// Both renders run in this one process but load their modules separately (React's server and SSR layers), so the
// hand-off goes through globalThis. Keys are content hashes; the browser never fills or reads this.
const slot = Symbol.for("shipshape.html-hand-off");
// Only a render in progress needs an entry (put and taken within one request); a few recent ones are kept so
// that concurrent renders of the same body find it, without holding every lesson ever rendered.
const keep = 32;

function store(): Map<string, string> {
  const holder = globalThis as { [slot]?: Map<string, string> };
  holder[slot] ??= new Map();
  return holder[slot];
}

export function handOffHtml(key: string, html: string): void {
  const bodies = store();
  bodies.delete(key);
  bodies.set(key, html);
  for (const oldest of bodies.keys()) {
    if (bodies.size <= keep) break;
    bodies.delete(oldest);
  }
}

export function handedOffHtml(key: string): string | undefined {
  return store().get(key);
}
