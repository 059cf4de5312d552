package baton.bench;

/** What every part of one load run shares. Each part is thread-safe, so this is too. */
record Run(LoadOptions options, BatonHttp http, QuestionMix questions, Measures measures, ErrorCounts errors, HandoffWatch handoffs) {}
