/**
 * Keeping customers and the business safe: secret and personal-data detectors, redaction before
 * anything is stored, the output guard over the bot's words, and the hash-chained audit log.
 */
package baton.compliance;
