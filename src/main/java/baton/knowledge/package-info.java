/**
 * Help content the bot answers from: reading Markdown, HTML, plain-text and FAQ files and web pages
 * into articles split into quotable sections; keeping them in step with their sources (incremental
 * sync by content hash, conditional GET, robots.txt) with a live status per source; the hybrid index
 * (Lucene BM25, sentence vectors in an HNSW graph, a topic classifier, fused by rank); the calibrated
 * probability that an answer is right and the bounds fitted for a target precision; the intent
 * evaluation harness; and serving the articles that answers cite. Knows nothing of conversations.
 */
package baton.knowledge;
