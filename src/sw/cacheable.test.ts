import { describe, expect, it } from 'vitest';
import { isCacheable, withRealLength } from './cacheable.ts';
import { isolate } from './isolation.ts';

describe('isCacheable', () => {
  it('accepts a complete 200 only', () => {
    expect(isCacheable(new Response('x', { status: 200 }))).toBe(true);
    expect(isCacheable(new Response('x', { status: 206, headers: { 'content-range': 'bytes 0-0/10' } }))).toBe(false);
    expect(isCacheable(new Response('x', { status: 200, headers: { 'content-range': 'bytes 0-0/10' } }))).toBe(false);
    expect(isCacheable(new Response(null, { status: 304 }))).toBe(false);
    expect(isCacheable(new Response('nope', { status: 404 }))).toBe(false);
    expect(isCacheable(new Response('oops', { status: 500 }))).toBe(false);
    expect(isCacheable(new Response(null, { status: 204 }))).toBe(false);
    expect(isCacheable(Response.error())).toBe(false);
  });
});

describe('withRealLength', () => {
  it('re-serves the body with its decoded byte count', async () => {
    const res = await withRealLength(
      new Response('hello world', { headers: { 'content-length': '5', 'content-encoding': 'gzip', etag: '"e"' } }),
    );
    expect(res.headers.get('content-length')).toBe('11');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('etag')).toBe('"e"');
    expect(await res.text()).toBe('hello world');
  });
});

describe('isolate', () => {
  it('adds COOP/COEP/CORP to everything and the CSP to documents and workers only', async () => {
    const doc = isolate(
      new Response('<p>', { headers: { 'content-type': 'text/html' } }),
      'document',
      "default-src 'self'",
    );
    expect(doc.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(doc.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(doc.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(doc.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(doc.headers.get('content-type')).toBe('text/html');
    expect(await doc.text()).toBe('<p>');
    expect(isolate(new Response('w'), 'worker', 'c').headers.get('content-security-policy')).toBe('c');
    const script = isolate(new Response('s'), 'script', 'c');
    expect(script.headers.get('content-security-policy')).toBeNull();
    expect(script.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('keeps the status, gives null-body statuses no body, and leaves error responses alone', () => {
    const notModified = isolate(new Response(null, { status: 304 }), 'script', 'c');
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBeNull();
    expect(isolate(new Response('gone', { status: 404, statusText: 'Not Found' }), 'script', 'c').statusText).toBe(
      'Not Found',
    );
    const err = Response.error();
    expect(isolate(err, 'script', 'c')).toBe(err);
  });
});
