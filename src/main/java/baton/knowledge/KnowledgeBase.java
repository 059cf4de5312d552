package baton.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An immutable hybrid index over article sections and FAQ answers, built once from the articles it is
 * given, with three views of every passage:
 *
 * <ul>
 *   <li>lexical: Lucene BM25 over title, heading, body and phrasings. Heading and title count more than
 *       the body, since they name what a section is about. Customer text is never parsed as Lucene
 *       query syntax: it is analysed into terms, so no input can break a search.
 *   <li>semantic: sentence vectors of each passage's samples (its FAQ phrasings, or its heading and its
 *       text) in a Lucene HNSW graph; a passage's similarity is that of its closest sample.
 *   <li>topic: a classifier trained on those samples (when the knowledge is small enough to train one
 *       in seconds), giving each passage a probability.
 * </ul>
 *
 * Candidates from the three are merged by reciprocal rank fusion, which needs no score scaling across
 * retrievers; the raw scores stay on each candidate, since confidence calibration reads them.
 * Thread-safe; a later sync replaces the whole instance.
 */
public final class KnowledgeBase implements AutoCloseable {
  private static final int MAX_QUERY_TERMS = 64;
  /**
   * Reciprocal rank fusion's damping constant. The usual 60 (Cormack et al., SIGIR 2009) flattens
   * ranks so much that a passage fourth for every retriever beats one first for one of them; with the
   * topic classifier in the mix that cost 3 points of top-1 accuracy on the CLINC150 and Banking77
   * validation splits, so ranks are kept sharper. Weights: the classifier, when there is one, leads;
   * keyword and vector search break its near-ties and rank alone when it is absent.
   */
  private static final int FUSION_K = 5;
  private static final double TOPIC_WEIGHT = 1.0;
  private static final double SEMANTIC_WEIGHT = 0.35;
  private static final double LEXICAL_WEIGHT = 0.35;
  private static final int CANDIDATES_PER_RETRIEVER = 20;
  private static final int MAX_SAMPLE_CHARS = 1_500;
  /**
   * Lucene's English stop words plus the pronouns, question words and pleasantries of chat. In an
   * article they carry no topic, and matching "you" or "how" must not lift an unrelated section.
   */
  static final CharArraySet STOP_WORDS = stopWords();
  private final Analyzer analyzer = new EnglishAnalyzer(STOP_WORDS);
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final List<Passage> passages;
  private final Map<String, Article> articles = new LinkedHashMap<>();
  private final SentenceEmbedder embedder;
  private final List<float[]> sampleVectors;
  private final int[][] samplesOfPassage;
  private final TopicClassifier classifier;
  /**
   * What each Lucene document stands for, read once when the index is built: the passage of a sample
   * vector, or the ordinal of a passage; -1 where the field is absent. Reading stored fields per hit
   * decompressed a block each time and was a quarter of the server's allocation under load.
   */
  private final int[] sampleOfDoc;
  private final int[] ordinalOfDoc;

  private KnowledgeBase(List<Article> articles, VectorCache vectors) {
    List<Passage> all = new ArrayList<>();
    for (Article article : articles) {
      this.articles.put(article.slug(), article);
      all.addAll(article.passages());
    }
    this.passages = List.copyOf(all);
    this.embedder = vectors.embedder();
    List<String> sampleTexts = new ArrayList<>();
    List<Integer> passageOfSample = new ArrayList<>();
    samplesOfPassage = new int[passages.size()][];
    for (int i = 0; i < passages.size(); i++) {
      List<String> samples = samples(passages.get(i));
      samplesOfPassage[i] = new int[samples.size()];
      for (int j = 0; j < samples.size(); j++) {
        samplesOfPassage[i][j] = sampleTexts.size();
        sampleTexts.add(samples.get(j));
        passageOfSample.add(i);
      }
    }
    sampleVectors = vectors.vectorsFor(sampleTexts);
    vectors.retainOnly(sampleTexts);
    int[] topicOfSample = passageOfSample.stream().mapToInt(Integer::intValue).toArray();
    classifier = TopicClassifier.worthTraining(passages.size(), sampleTexts.size())
        ? TopicClassifier.train(sampleVectors, topicOfSample, passages.size(), embedder.dimension())
        : null;
    try (var writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
      for (int i = 0; i < sampleVectors.size(); i++) {
        var doc = new Document();
        doc.add(new StoredField("sampleOf", topicOfSample[i]));
        doc.add(new KnnFloatVectorField("vector", sampleVectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
        writer.addDocument(doc);
      }
      for (int i = 0; i < passages.size(); i++) {
        Passage passage = passages.get(i);
        var doc = new Document();
        doc.add(new StoredField("ordinal", i));
        doc.add(new TextField("title", passage.articleTitle(), Field.Store.NO));
        doc.add(new TextField("heading", passage.heading(), Field.Store.NO));
        doc.add(new TextField("body", passage.text(), Field.Store.NO));
        for (String phrasing : passage.phrasings()) {
          doc.add(new TextField("phrasing", phrasing, Field.Store.NO));
        }
        writer.addDocument(doc);
      }
      writer.commit();
      reader = DirectoryReader.open(directory);
      searcher = new IndexSearcher(reader);
      sampleOfDoc = new int[reader.maxDoc()];
      ordinalOfDoc = new int[reader.maxDoc()];
      var stored = searcher.storedFields();
      for (int doc = 0; doc < reader.maxDoc(); doc++) {
        var fields = stored.document(doc);
        sampleOfDoc[doc] = fields.getField("sampleOf") == null ? -1 : fields.getField("sampleOf").numericValue().intValue();
        ordinalOfDoc[doc] = fields.getField("ordinal") == null ? -1 : fields.getField("ordinal").numericValue().intValue();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the knowledge index", e);
    }
  }

  private static CharArraySet stopWords() {
    var words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    words.addAll(List.of("i", "me", "my", "mine", "you", "your", "yours", "we", "our", "us", "he", "she", "him", "her",
        "can", "could", "would", "should", "do", "does", "did", "done", "how", "what", "where", "when", "why", "which", "who",
        "please", "hi", "hello", "hey", "thanks", "thank", "want", "need", "like", "get", "got", "know", "tell", "explain",
        "am", "im", "i'm", "have", "has", "had", "some", "any", "about", "just", "also", "so", "very", "really", "there",
        "here", "ok", "okay", "yes", "from", "again", "still", "anyone", "someone", "something", "much", "many"));
    return CharArraySet.unmodifiableSet(words);
  }

  /**
   * The texts a passage is recognised by: an FAQ answer by its question and other phrasings (never its
   * answer, which reads nothing like a question); a section by its heading path and by its text.
   */
  private static List<String> samples(Passage passage) {
    List<String> samples = new ArrayList<>();
    String heading = passage.citationTitle();
    if (!passage.phrasings().isEmpty()) {
      samples.add(passage.heading());
      samples.addAll(passage.phrasings());
    } else {
      samples.add(heading);
      String text = heading + ". " + passage.text();
      samples.add(text.length() > MAX_SAMPLE_CHARS ? text.substring(0, MAX_SAMPLE_CHARS) : text);
    }
    return samples.stream().filter(sample -> !sample.isBlank()).distinct().toList();
  }

  public static KnowledgeBase of(List<Article> articles, VectorCache vectors) {
    return new KnowledgeBase(articles, vectors);
  }

  public int passageCount() {
    return passages.size();
  }

  /** The passage a citation URL points at. */
  public Optional<Passage> passage(String url) {
    return passages.stream().filter(passage -> passage.url().equals(url)).findFirst();
  }

  public Optional<Article> article(String slug) {
    return Optional.ofNullable(articles.get(slug));
  }

  public List<Article> articles() {
    return List.copyOf(articles.values());
  }

  /** Best passages first by BM25 alone; empty when no term of the question appears anywhere. */
  public List<ScoredPassage> search(String question, int limit) {
    return searchOrdinals(question, limit).stream()
        .map(hit -> new ScoredPassage(passages.get(hit.ordinal), hit.score)).toList();
  }

  private record OrdinalHit(int ordinal, double score) {}

  private List<OrdinalHit> searchOrdinals(String question, int limit) {
    List<String> terms = terms(question);
    if (terms.isEmpty() || passages.isEmpty()) {
      return List.of();
    }
    var query = new BooleanQuery.Builder();
    for (String term : terms) {
      query.add(field("title", term, 2.5f), BooleanClause.Occur.SHOULD);
      query.add(field("heading", term, 1.5f), BooleanClause.Occur.SHOULD);
      query.add(field("body", term, 1.0f), BooleanClause.Occur.SHOULD);
      query.add(field("phrasing", term, 1.5f), BooleanClause.Occur.SHOULD);
    }
    try {
      List<OrdinalHit> hits = new ArrayList<>();
      for (ScoreDoc hit : searcher.search(query.build(), limit).scoreDocs) {
        hits.add(new OrdinalHit(ordinalOfDoc[hit.doc], hit.score));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException("knowledge search failed", e);
    }
  }

  /**
   * Hybrid retrieval: the best {@code limit} passages by fused rank, each with its lexical, semantic
   * and topic scores. Empty only when the knowledge is empty or the question is blank.
   */
  public Retrieval retrieve(String question, int limit) {
    return retrieve(question, embed(question), limit);
  }

  /** The sentence vector of {@code text}, as this index's retrieval computes it. */
  public float[] embed(String text) {
    return embedder.embed(text);
  }

  /** Retrieval for a question whose vector the caller already has (it also uses it for repeats). */
  public Retrieval retrieve(String question, float[] query, int limit) {
    if (passages.isEmpty() || question.isBlank()) {
      return new Retrieval(question, List.of());
    }
    Map<Integer, Double> lexical = new HashMap<>();
    Map<Integer, Integer> lexicalRank = new HashMap<>();
    for (OrdinalHit hit : searchOrdinals(question, CANDIDATES_PER_RETRIEVER)) {
      lexical.put(hit.ordinal, hit.score);
      lexicalRank.put(hit.ordinal, lexicalRank.size() + 1);
    }
    Map<Integer, Integer> semanticRank = new HashMap<>();
    for (int ordinal : nearestPassages(query)) {
      semanticRank.putIfAbsent(ordinal, semanticRank.size() + 1);
    }
    double[] topics = classifier == null ? null : classifier.probabilities(query);
    Map<Integer, Integer> topicRank = new HashMap<>();
    if (topics != null) {
      Integer[] byProbability = new Integer[topics.length];
      Arrays.setAll(byProbability, i -> i);
      Arrays.sort(byProbability, Comparator.comparingDouble(i -> -topics[i]));
      for (int i = 0; i < Math.min(CANDIDATES_PER_RETRIEVER, byProbability.length); i++) {
        topicRank.put(byProbability[i], i + 1);
      }
    }
    var pool = new java.util.LinkedHashSet<Integer>();
    pool.addAll(topicRank.keySet());
    pool.addAll(semanticRank.keySet());
    pool.addAll(lexicalRank.keySet());
    // Fusion reads only ranks, so exact similarities are computed for the few candidates kept.
    List<Integer> ranked = new ArrayList<>(pool);
    ranked.sort(Comparator.comparingDouble((Integer ordinal) -> -fused(lexicalRank.getOrDefault(ordinal, 0),
        semanticRank.getOrDefault(ordinal, 0), topicRank.getOrDefault(ordinal, 0)))
        .thenComparingInt(ordinal -> semanticRank.getOrDefault(ordinal, Integer.MAX_VALUE)));
    List<Candidate> candidates = new ArrayList<>();
    for (int ordinal : ranked.subList(0, Math.min(limit, ranked.size()))) {
      int lr = lexicalRank.getOrDefault(ordinal, 0);
      int sr = semanticRank.getOrDefault(ordinal, 0);
      int tr = topicRank.getOrDefault(ordinal, 0);
      candidates.add(new Candidate(passages.get(ordinal), lexical.getOrDefault(ordinal, 0.0), lr,
          similarity(query, ordinal), sr, topics == null ? 0 : topics[ordinal], tr, fused(lr, sr, tr)));
    }
    return new Retrieval(question, candidates);
  }

  private static double fused(int lexicalRank, int semanticRank, int topicRank) {
    return LEXICAL_WEIGHT * fusion(lexicalRank) + SEMANTIC_WEIGHT * fusion(semanticRank) + TOPIC_WEIGHT * fusion(topicRank);
  }

  private static double fusion(int rank) {
    return rank == 0 ? 0 : 1.0 / (FUSION_K + rank);
  }

  /** The cosine of the question to the passage's closest sample (vectors are unit length). */
  private double similarity(float[] query, int ordinal) {
    double best = 0;
    for (int sample : samplesOfPassage[ordinal]) {
      float[] vector = sampleVectors.get(sample);
      double dot = 0;
      for (int d = 0; d < vector.length; d++) {
        dot += vector[d] * query[d];
      }
      best = Math.max(best, dot);
    }
    return best;
  }

  /** Passage ordinals of the nearest sample vectors, nearest first (may repeat a passage). */
  private List<Integer> nearestPassages(float[] query) {
    boolean zero = true;
    for (float value : query) {
      zero &= value == 0;
    }
    if (zero || sampleVectors.isEmpty()) {
      return List.of();
    }
    try {
      List<Integer> ordinals = new ArrayList<>();
      var hits = searcher.search(new KnnFloatVectorQuery("vector", query, 3 * CANDIDATES_PER_RETRIEVER), 3 * CANDIDATES_PER_RETRIEVER);
      for (ScoreDoc hit : hits.scoreDocs) {
        ordinals.add(sampleOfDoc[hit.doc]);
      }
      return ordinals;
    } catch (IOException e) {
      throw new UncheckedIOException("knowledge vector search failed", e);
    }
  }

  private static Query field(String field, String term, float boost) {
    return new BoostQuery(new TermQuery(new Term(field, term)), boost);
  }

  private List<String> terms(String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("body", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
        if (!terms.contains(term.toString())) {
          terms.add(term.toString());
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
      analyzer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
