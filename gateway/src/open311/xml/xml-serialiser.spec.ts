import { describe, expect, it } from '@jest/globals';
import { escapeXml, toXml } from './xml-serialiser.js';

const body = (xml: string) => xml.replace(/^<\?xml[^>]*>\n/, '');

describe('toXml', () => {
  it('lays lists out as the standard does: a container with one element per item', () => {
    expect(
      body(
        toXml('services', [
          { service_code: 'pothole', metadata: false },
          { service_code: 'graffiti', metadata: true },
        ]),
      ),
    ).toBe(
      '<services><service><service_code>pothole</service_code><metadata>false</metadata></service>' +
        '<service><service_code>graffiti</service_code><metadata>true</metadata></service></services>',
    );
    expect(body(toXml('service_requests', [{ service_request_id: 'SR-1' }]))).toBe(
      '<service_requests><request><service_request_id>SR-1</service_request_id></request></service_requests>',
    );
  });

  it('writes the error list as <errors><error><code/><description/></error></errors>', () => {
    expect(body(toXml('errors', [{ code: 400, description: 'service_code is required' }]))).toBe(
      '<errors><error><code>400</code><description>service_code is required</description></error></errors>',
    );
  });

  it('nests attributes and their values, and writes null as an empty element', () => {
    const xml = body(
      toXml('service_definition', {
        service_code: 'pothole',
        attributes: [{ code: 'SIZE', order: null, values: [{ key: 's', name: 'Small' }] }],
      }),
    );
    expect(xml).toBe(
      '<service_definition><service_code>pothole</service_code><attributes><attribute><code>SIZE</code><order/>' +
        '<values><value><key>s</key><name>Small</name></value></values></attribute></attributes></service_definition>',
    );
  });

  it('starts with an XML declaration', () => {
    expect(toXml('errors', [])).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<errors><\/errors>$/,
    );
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    );
    expect(escapeXml('bell\u0007 and lone \uD800 surrogate')).toBe(
      'bell\uFFFD and lone \uFFFD surrogate',
    );
    expect(body(toXml('request', { description: '<script>' }))).toBe(
      '<request><description>&lt;script&gt;</description></request>',
    );
  });

  it('keeps keys that are not XML names (catalog attribute codes) in a key attribute', () => {
    expect(body(toXml('attributes', { WHEREIST: 'TRAFFIC', '1st choice': ['a', 'b'] }))).toBe(
      '<attributes><WHEREIST>TRAFFIC</WHEREIST><entry key="1st choice"><value>a</value><value>b</value></entry></attributes>',
    );
  });
});
