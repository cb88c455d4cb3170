import { DEFAULT_THEME } from '@mantine/core';
import indexHtml from '../../index.html?raw';
import favicon from '../../public/favicon.svg?raw';
import { theme } from './provider';

// Without a declared icon the browser asks for /favicon.ico, which nothing serves (404 in every tab).
describe('index.html', () => {
  it('links the SVG favicon that public/ ships at the site root', () => {
    const head = new DOMParser().parseFromString(indexHtml, 'text/html').head;
    const icon = head.querySelector('link[rel="icon"]');
    expect(icon?.getAttribute('type')).toBe('image/svg+xml');
    expect(icon?.getAttribute('href')).toBe('/favicon.svg');
  });

  it('has a favicon that is well-formed SVG in the primary colour', () => {
    const svg = new DOMParser().parseFromString(favicon, 'image/svg+xml');
    expect(svg.querySelector('parsererror')).toBeNull();
    expect(svg.documentElement.tagName).toBe('svg');
    expect(svg.documentElement.getAttribute('viewBox')).toBe('0 0 32 32');
    const primary = DEFAULT_THEME.colors[theme.primaryColor ?? DEFAULT_THEME.primaryColor][6];
    expect(favicon.toLowerCase()).toContain(`fill="${primary.toLowerCase()}"`);
  });
});
