import { describe, expect, it } from 'vitest';
import { hasMalformedEscape } from './bad-url.js';

describe('hasMalformedEscape: the paths find-my-way refuses with FST_ERR_BAD_URL', () => {
  it.each([
    '/readyz/%ZZ',
    '/readyz/%',
    '/readyz/%E0%A4%A',
    '/readyz/%C3',
    '/readyz/%C0%AF',
    '/readyz/%ZZ?verbose',
  ])('%s is malformed', (url) => {
    expect(hasMalformedEscape(url)).toBe(true);
  });

  it.each([
    '/readyz',
    '/readyz/%20db',
    '/readyz/%e0%a4%a8',
    '/readyz/%25',
    '/readyz?exclude=%ZZ',
    '/readyz/a?x=%',
  ])('%s is not (escapes decode, or sit in the query, which readyz bounds itself)', (url) => {
    expect(hasMalformedEscape(url)).toBe(false);
  });
});
