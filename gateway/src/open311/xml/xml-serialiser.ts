/**
 * JSON → XML the way Open311 lays it out: a list becomes its container element with one child per
 * item (`<services><service>…`), an object becomes child elements, null an empty element. The item
 * element of a list is named by the list's own element (`ITEM_NAMES`), so the XML mirrors the JSON.
 */
export const ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  notes: 'note',
};

const XML_NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;
// Characters XML 1.0 cannot carry at all, even escaped.

const NOT_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}

function element(name: string, value: unknown): string {
  // Keys that are not XML names (attribute codes are chosen by the catalog) keep their name in an attribute.
  const [open, close] =
    XML_NAME.test(name) && !/^xml/i.test(name)
      ? [name, name]
      : [`entry key="${escapeXml(name)}"`, 'entry'];
  if (value === null || value === undefined) {
    return `<${open}/>`;
  }
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'value';
    return `<${open}>${value.map((v) => element(item, v)).join('')}</${close}>`;
  }
  if (value instanceof Date) {
    return `<${open}>${escapeXml(value.toISOString())}</${close}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, unknown>)
      .map(([key, child]) => element(key, child))
      .join('');
    return `<${open}>${children}</${close}>`;
  }
  return `<${open}>${escapeXml(String(value))}</${close}>`;
}
