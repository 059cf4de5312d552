/**
 * Help articles the bot answers from: reading Markdown folders, splitting articles into sections,
 * the Lucene BM25 index, and serving the articles that answers cite. Knows nothing of conversations.
 */
package baton.knowledge;
