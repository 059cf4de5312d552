package baton.escalation;

import static java.util.Objects.requireNonNull;

import baton.platform.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of a conversation export ({@code baton conversations export}, docs/what-if.md): the
 * customer's messages in order, as stored (already redacted), and the handoff that really happened, if
 * any. The conversation feature writes the same field names; this side only reads them, so the what-if
 * depends on the file format, not on the conversation feature's types. Immutable.
 *
 * @param customerMessages the customer's messages, oldest first, including any sent to agents after a handoff
 * @param customerKnown which of name, email and phone the customer gave when starting; not the values,
 *     only whether the server knew them, because a checklist skips what it already knows
 * @param handoff the first handoff of the conversation; null when the bot kept it
 */
public record RecordedConversation(String id, String channel, Instant createdAt, List<String> customerMessages,
    List<String> customerKnown, RecordedHandoff handoff) {

  public RecordedConversation {
    requireNonNull(id, "id");
    channel = channel == null ? "web" : channel;
    customerMessages = List.copyOf(customerMessages == null ? List.of() : customerMessages);
    customerKnown = List.copyOf(customerKnown == null ? List.of() : customerKnown);
  }

  /**
   * The customer as the bot saw them, with stand-in values for what was known: the export leaves the
   * values out, and the bot only needs to know that a checklist need not ask.
   */
  public TurnContext.Customer customer() {
    return new TurnContext.Customer(
        customerKnown.contains("name") ? Optional.of("Customer") : Optional.empty(),
        customerKnown.contains("email") ? Optional.of("customer@example.invalid") : Optional.empty(),
        customerKnown.contains("phone") ? Optional.of("+1 303 555 0100") : Optional.empty());
  }

  /**
   * What really happened to the conversation.
   *
   * @param handleMinutes minutes from an agent claiming it to resolving it; null when not (yet) both
   */
  public record RecordedHandoff(String tier, String team, String reason, Double handleMinutes) {}

  /** A line of the export that cannot be used; {@code line} counts from 1. */
  public static final class MalformedLine extends IOException {
    private final int line;

    MalformedLine(Path file, int line, String message) {
      super(file + ":" + line + ": " + message);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  /** The field at fault, in the export's words rather than Jackson's. */
  private static String problem(JsonMappingException e) {
    if (e.getCause() instanceof NullPointerException missing) {
      // The constructor's requireNonNull names the field.
      return "missing \"" + missing.getMessage() + "\"";
    }
    String field = e.getPath().stream().map(reference -> reference.getFieldName() != null ? reference.getFieldName()
        : "[" + reference.getIndex() + "]").reduce((left, right) -> left + "." + right).orElse("");
    String message = e.getOriginalMessage().lines().findFirst().orElse("");
    return field.isEmpty() ? message : "\"" + field + "\" has the wrong type (" + message + ")";
  }

  /** Reads an export, skipping blank lines; fails on the first line that is not a conversation. */
  public static List<RecordedConversation> read(Path file) throws IOException {
    List<RecordedConversation> conversations = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        RecordedConversation conversation;
        try {
          conversation = Json.mapper().readValue(line, RecordedConversation.class);
        } catch (JsonMappingException e) {
          throw new MalformedLine(file, number, "not a conversation: " + problem(e));
        } catch (JsonProcessingException e) {
          throw new MalformedLine(file, number, "not a conversation: " + e.getOriginalMessage());
        }
        if (conversation == null) {
          throw new MalformedLine(file, number, "not a conversation: null");
        }
        conversations.add(conversation);
      }
    }
    return conversations;
  }
}
