package baton.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An immutable BM25 index over article sections, built once from the articles it is given. The
 * heading and title count more than the body, since they name what a section is about. Customer text
 * is never parsed as Lucene query syntax: it is analysed into terms, so no input can break a search.
 * Thread-safe; a later sync replaces the whole instance.
 */
public final class KnowledgeBase implements AutoCloseable {
  private static final int MAX_QUERY_TERMS = 64;
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

  private KnowledgeBase(List<Article> articles) {
    List<Passage> all = new ArrayList<>();
    for (Article article : articles) {
      this.articles.put(article.slug(), article);
      all.addAll(article.passages());
    }
    this.passages = List.copyOf(all);
    try (var writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
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

  public static KnowledgeBase of(List<Article> articles) {
    return new KnowledgeBase(articles);
  }

  public static KnowledgeBase fromFolders(List<Path> folders) {
    return fromSources(folders, List.of());
  }

  /** Articles from Markdown folders plus one article per FAQ file. */
  public static KnowledgeBase fromSources(List<Path> folders, List<Path> faqFiles) {
    var reader = new MarkdownArticles();
    List<Article> articles = new ArrayList<>();
    for (Path folder : folders) {
      articles.addAll(reader.readFolder(folder));
    }
    var faqs = new FaqFiles();
    for (Path file : faqFiles) {
      articles.add(faqs.read(file));
    }
    return new KnowledgeBase(articles);
  }

  public int passageCount() {
    return passages.size();
  }

  public Optional<Article> article(String slug) {
    return Optional.ofNullable(articles.get(slug));
  }

  public List<Article> articles() {
    return List.copyOf(articles.values());
  }

  /** Best passages first; empty when no term of the question appears anywhere. */
  public List<ScoredPassage> search(String question, int limit) {
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
      List<ScoredPassage> hits = new ArrayList<>();
      for (ScoreDoc hit : searcher.search(query.build(), limit).scoreDocs) {
        int ordinal = searcher.storedFields().document(hit.doc).getField("ordinal").numericValue().intValue();
        hits.add(new ScoredPassage(passages.get(ordinal), hit.score));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException("knowledge search failed", e);
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
