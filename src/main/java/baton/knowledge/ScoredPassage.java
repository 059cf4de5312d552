package baton.knowledge;

/** A retrieval hit; {@code score} is Lucene's BM25 score, comparable only within one index. */
public record ScoredPassage(Passage passage, double score) {}
