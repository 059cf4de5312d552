package baton.knowledge;

import static java.util.Objects.requireNonNull;

/**
 * One passage a question may be about, with what each retriever thought of it. Ranks start at 1;
 * 0 means that retriever did not return the passage at all.
 *
 * @param lexical BM25 score, comparable only within one index (0 when not matched)
 * @param semantic cosine similarity of the question to the passage's closest sample question or text
 * @param topicProbability the topic classifier's probability for this passage (0 when there is none)
 * @param fused the reciprocal-rank-fusion score the candidates are ordered by
 */
public record Candidate(Passage passage, double lexical, int lexicalRank, double semantic, int semanticRank,
    double topicProbability, int topicRank, double fused) {
  public Candidate {
    requireNonNull(passage, "passage");
  }
}
