package baton.escalation;

import baton.knowledge.AnswerConfidence;

/**
 * The confidence model and bounds in force for one spec and knowledge pair: fitted on the spec's
 * validation questions when it has them, else the spec's stated bounds over the default model.
 *
 * @param fittedOn how many labelled questions the bounds were fitted on; 0 when stated in the spec
 */
public record BotPolicy(AnswerConfidence confidence, double answerAbove, double clarifyAbove, int fittedOn) {}
