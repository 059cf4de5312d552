/**
 * The bot's decisions: every customer turn is read into signals, the spec's ordered rules and the
 * confidence policy choose answer, clarify, collect (a pre-handoff checklist) or hand off to a tier,
 * with handoff copy, the context packet ({@link baton.escalation.HandoffPacket}) and a decision-log
 * line ({@link baton.escalation.DecisionRecord}). Owns the live brain (spec, knowledge and policy
 * reloaded together) and the escalation scenarios. Keeps no per-conversation state.
 */
package baton.escalation;
