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
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      out.push(text.slice(i));
      break;
    }
    out.push(text.slice(i, lt));
    const declarationEnd = endOfMarkupDeclaration(text, lt);
    if (declarationEnd >= 0) {
      out.push(text.slice(lt, declarationEnd));
      i = declarationEnd;
    } else if (text[lt + 1] === '/') {
      const gt = text.indexOf('>', lt);
      const end = gt < 0 ? text.length : gt + 1;
      out.push(text.slice(lt, end));
      i = end;
    } else if (startsName(text[lt + 1])) {
      const tag = scanStartTag(text, lt);
      let kept = lt;
      for (const a of tag.attrs) {
        if (!isEventHandlerName(a.name)) continue;
        out.push(text.slice(kept, a.start));
        kept = a.end;
      }
      out.push(text.slice(kept, tag.end));
      i = tag.end;
    } else {
      out.push('<');
      i = lt + 1;
    }
  }
  return out.join('');
}
