package baton.bench;

import java.util.List;

/**
 * What every part of one load run shares. {@code http} talks to {@code --url} (health, admin, metrics),
 * {@code agentNode} to the node agents use, {@code customerNodes} to the nodes customers are spread over;
 * all three share one client. Each part is thread-safe, so this is too.
 */
record Run(LoadOptions options, BatonHttp http, BatonHttp agentNode, List<BatonHttp> customerNodes, QuestionMix questions,
    CustomerWording wording, Measures measures, ErrorCounts errors, HandoffWatch handoffs) {
  Run {
    customerNodes = List.copyOf(customerNodes);
  }
}
