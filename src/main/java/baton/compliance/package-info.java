/**
 * Keeping customers and the business safe: secret and personal-data detectors, redaction before
 * anything is stored, the output guard over the bot's words, the hash-chained audit log, and data
 * rights — retention purges, customer export and erasure — over the {@link baton.compliance.PersonalData}
 * that each feature holding customer data implements.
 */
package baton.compliance;
