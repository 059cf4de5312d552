/**
 * Plumbing with no support-domain words: HTTP server and JSON errors, database pool and migrations,
 * the live event bus, secure tokens, clocks and settings. Features build on it; it never imports them.
 */
package baton.platform;
