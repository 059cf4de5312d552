package baton.signals;

/**
 * Precision, recall and F1 for one class of a classification, with its support (how many items truly
 * belong to it).
 */
public record ClassScores(double precision, double recall, double f1, long support) {}
