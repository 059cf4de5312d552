/**
 * The bot spec file: the one YAML "brain" that every channel shares (identity, greeting, knowledge
 * sources, the confidence policy, escalation rules, keywords, topics, tiers, checklists, teams and
 * handoff copy). Loading validates everything, rule conditions included, and reports each problem at
 * its own {@code file:line:column}.
 */
package baton.spec;
