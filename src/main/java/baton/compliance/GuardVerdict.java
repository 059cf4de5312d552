package baton.compliance;

import static java.util.Objects.requireNonNull;

/**
 * What the {@link OutputGuard} says about one message the bot is about to send. Closed set: callers
 * switch over it exhaustively. A {@link Blocked} verdict names its rule ({@link Blocked#rule()}), a
 * stable id for the decision log and the audit log; it never carries the message text.
 */
public sealed interface GuardVerdict {

  /** Nothing wrong: send it. */
  record Allowed() implements GuardVerdict {}

  /** Do not send it; hand the customer to a person instead. */
  sealed interface Blocked extends GuardVerdict permits AsksForSecret, AnswersNoGoTopic, DisclosesSecret {
    /** Stable id of the rule that blocked, e.g. {@code never_ask:password}, {@code no_go_topic:billing_dispute}. */
    String rule();
  }

  /** The message asks the customer for something on the spec's {@code neverAsk} list. */
  record AsksForSecret(AskedSecret secret) implements Blocked {
    public AsksForSecret {
      requireNonNull(secret, "secret");
    }

    @Override
    public String rule() {
      return "never_ask:" + secret.wireName();
    }
  }

  /** The message is about a topic the spec says the bot must never answer. */
  record AnswersNoGoTopic(String topic) implements Blocked {
    public AnswersNoGoTopic {
      requireNonNull(topic, "topic");
    }

    @Override
    public String rule() {
      return "no_go_topic:" + topic;
    }
  }

  /** The message itself holds a secret (a card number, a key) that the bot must not repeat. */
  record DisclosesSecret(SecretKind kind) implements Blocked {
    public DisclosesSecret {
      requireNonNull(kind, "kind");
    }

    @Override
    public String rule() {
      return "discloses:" + kind.wireName();
    }
  }
}
