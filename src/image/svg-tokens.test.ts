import { describe, expect, it } from 'vitest';
import { rootStartTag, scanStartTag } from './svg-tokens.ts';
import { decodeMarkup, svgRoot } from './svg-text.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('scanStartTag', () => {
  it('attributes with both quotes, > inside values, spaces around =, a self-closing end', () => {
    const t = '<rect  a = "x>y" b=\'"q"\'  c=bare d/>tail';
    const tag = scanStartTag(t, 0);
    expect(tag.name).toBe('rect');
    expect(tag.attrs.map((a) => [a.name, a.value])).toEqual([
      ['a', 'x>y'],
      ['b', '"q"'],
      ['c', 'bare'],
      ['d', null],
    ]);
    expect(t.slice(tag.end)).toBe('tail');
  });
  it('an unclosed tag or quote ends at the end of the text', () => {
    expect(scanStartTag('<svg width="10', 0).end).toBe(14);
    expect(scanStartTag('<svg width=10', 0).attrs[0]?.value).toBe('10');
  });
});

describe('svgRoot: the root element after the prolog', () => {
  it('after an XML declaration, comments, processing instructions and a DOCTYPE with an internal subset', () => {
    const text = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Generator: Adobe Illustrator 27.0 -->
<?xml-stylesheet href="x.css"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
  <!ENTITY ns_svg "http://www.w3.org/2000/svg">
  <!-- a comment with ] and > and "quotes -->
  <!ENTITY decoy "<svg width='1' height='1'>">
]>
<svg xmlns="&ns_svg;" width="300" height="200">`;
    expect(svgRoot(text)?.attrs.find((a) => a.name === 'width')?.value).toBe('300');
  });
  it('a long prolog (100 KB of comment) is walked, not cut at some byte count', () => {
    expect(svgRoot(`<!--${'x'.repeat(100_000)}--><svg width="5" height="5"/>`)).not.toBeNull();
  });
  it('a decoy <svg> inside a comment is not the root', () => {
    expect(svgRoot('<!-- <svg width="1" height="1"> --><html><svg/></html>')).toBeNull();
    expect(rootStartTag('<!-- <svg> --><html>')?.name).toBe('html');
  });
  it('a prefixed root (svg:svg) is an SVG root; text before the root is not XML', () => {
    expect(svgRoot('<svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>')?.name).toBe('svg:svg');
    expect(svgRoot('hello <svg/>')).toBeNull();
    expect(svgRoot('<!-- never closed <svg/>')).toBeNull();
  });
});

describe('decodeMarkup', () => {
  it('UTF-8 with a BOM, UTF-16 with and without a BOM', () => {
    expect(svgRoot(decodeMarkup(new Uint8Array([0xef, 0xbb, 0xbf, ...enc(' \n<svg/>')]))!)).not.toBeNull();
    const u16le = (s: string) => new Uint8Array(Uint16Array.from(s, (c) => c.charCodeAt(0)).buffer);
    expect(svgRoot(decodeMarkup(new Uint8Array([0xff, 0xfe, ...u16le('<svg/>')]))!)).not.toBeNull();
    expect(svgRoot(decodeMarkup(u16le('<?xml version="1.0"?><svg/>'))!)).not.toBeNull();
  });
  it('binary data and text not starting with < are never decoded', () => {
    expect(decodeMarkup(new Uint8Array([0x89, 0x3c, 0x73]))).toBeNull();
    expect(decodeMarkup(enc('plain text <svg/>'))).toBeNull();
  });
});
