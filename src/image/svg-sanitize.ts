import { endOfMarkupDeclaration, localName, scanStartTag, startsName } from './svg-tokens.ts';

/** `onload`, `onclick`, `ev:onfocusin`…: any attribute whose local name starts with "on". */
export function isEventHandlerName(name: string): boolean {
  return localName(name).startsWith('on');
}

/**
 * Cuts event-handler attributes out of SVG text before any parser sees it:
 * handlers never run in an <img>, but DOMParser checks them against the
 * page's CSP and reports a violation. One linear pass (see svg-tokens.ts):
 * comments, CDATA, processing instructions and the DOCTYPE are copied as
 * they are, end tags too, and start tags lose their `on*` attributes.
 */
export function stripEventHandlers(text: string): string {
  // Only the pieces around a removed attribute are copied; text with no handler comes back as it is.
  const kept: string[] = [];
  let copiedTo = 0;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    const declarationEnd = endOfMarkupDeclaration(text, lt);
    if (declarationEnd >= 0) {
      i = declarationEnd;
    } else if (text.charCodeAt(lt + 1) === 0x2f) {
      const gt = text.indexOf('>', lt);
      i = gt < 0 ? text.length : gt + 1; // an end tag has no attributes
    } else if (startsName(text[lt + 1])) {
      const tag = scanStartTag(text, lt);
      for (const a of tag.attrs) {
        if (!isEventHandlerName(a.name)) continue;
        kept.push(text.slice(copiedTo, a.start));
        copiedTo = a.end;
      }
      i = tag.end;
    } else {
      i = lt + 1; // a lone "<": XML will refuse it later; nothing to cut here
    }
  }
  if (copiedTo === 0) return text;
  kept.push(text.slice(copiedTo));
  return kept.join('');
}
