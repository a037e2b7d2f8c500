import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { tidyText, visibleText } from '../../src/domain/extract/html-text.ts';

describe('visibleText', () => {
  it('keeps the visible text, with block elements on lines of their own', () => {
    expect(visibleText(parse('<p>Hello <b>world</b></p><script>x()</script><p>Bye</p>'))).toBe('Hello world\n\nBye');
    expect(visibleText(parse('<ul><li>Castellan Trading</li><li>Harbour Ltd</li></ul>'))).toBe('Castellan Trading\n\nHarbour Ltd');
    expect(visibleText(parse('<td>12 High Street<br>London</td>'))).toMatch(/^12 High Street\n+London$/);
  });

  it('leaves out scripts, styles, templates, form controls and hidden elements', () => {
    const html = `<div>Visible
      <script>track("leak")</script><style>.x{color:red}</style><noscript>Enable JS</noscript>
      <template><p>template</p></template><svg><text>chart label</text></svg><button>Share</button>
      <select><option>Option</option></select>
      <span hidden>hidden span</span><div aria-hidden="true">decoration</div>
    text</div>`;
    expect(visibleText(parse(html)).split(/\s+/)).toEqual(['Visible', 'text']);
  });

  it('decodes entities, folds spaces and leaves the doctype out', () => {
    const html = '<!DOCTYPE html>\n<html><body><p>Fees&nbsp;&amp;&nbsp;costs:   &euro;5&nbsp;000</p><p>&lt;!DOCTYPE&gt; is shown</p></body></html>';
    expect(visibleText(parse(html))).toBe('Fees & costs: €5 000\n\n<!DOCTYPE> is shown');
  });

  it('leaves XML declarations and XHTML doctypes out', () => {
    const html =
      '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n' +
      '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Statement draft</p></body></html>';
    expect(visibleText(parse(html))).toBe('Statement draft');
  });

  it('walks nesting deeper than a recursive walk survives without overflowing the stack', () => {
    // a recursive walk overflows Node's default stack at about 10,000 levels; the extractor test goes to 100,000
    const depth = 30_000;
    const root = parse('<div>'.repeat(depth) + 'at the bottom' + '</div>'.repeat(depth));
    expect(visibleText(root)).toBe('at the bottom');
  });
});

describe('tidyText', () => {
  it('folds runs of spaces and blank lines', () => {
    expect(tidyText('  a \t b\u00a0\u00a0c \n\n\n\n d  ')).toBe('a b c\n\nd');
  });
});
