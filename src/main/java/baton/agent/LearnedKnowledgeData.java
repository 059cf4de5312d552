package baton.agent;

import baton.compliance.DataSubject;
import baton.compliance.PersonalData;
import baton.compliance.RetentionPolicy;
import baton.knowledge.JdbiLearnedKnowledge;
import baton.knowledge.LearnedEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The learning loop's share of data rights: the knowledge suggestions made from a customer's
 * conversations are exported with them and forgotten with them (docs/learning.md). Lives with the
 * review routes, since the knowledge feature may not depend on compliance. Stateless.
 */
public final class LearnedKnowledgeData implements PersonalData {
  static final String SECTION = "knowledgeSuggestions";

  @Override
  public Map<String, Object> export(Handle handle, DataSubject subject) {
    List<Map<String, Object>> entries = JdbiLearnedKnowledge.fromConversations(handle, subject.conversationIds()).stream()
        .map(LearnedKnowledgeData::exported).toList();
    return Map.of(SECTION, entries);
  }

  private static Map<String, Object> exported(LearnedEntry entry) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", entry.id().toString());
    json.put("conversationId", entry.conversationId().map(Object::toString).orElse(null));
    json.put("state", entry.state().wireName());
    json.put("question", entry.question());
    json.put("phrasings", entry.phrasings());
    json.put("answer", entry.answer());
    json.put("createdAt", entry.createdAt().toString());
    return json;
  }

  @Override
  public Map<String, Integer> erase(Handle handle, DataSubject subject) {
    return Map.of(SECTION, JdbiLearnedKnowledge.forgetConversations(handle, subject.conversationIds()));
  }

  /** Suggestions live as long as the transcripts they came from. */
  @Override
  public Map<String, Integer> purge(Handle handle, RetentionPolicy policy, Instant now) {
    return RetentionPolicy.cutoff(policy.transcripts(), now)
        .map(cutoff -> Map.of(SECTION, JdbiLearnedKnowledge.forgetProposedBefore(handle, cutoff)))
        .orElse(Map.of());
  }
}
