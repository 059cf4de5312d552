/**
 * The bot spec file: the one YAML "brain" that every channel shares (identity, greeting, knowledge
 * sources, answer threshold, teams and handoff copy). Loading validates it and reports each problem
 * as {@code file:line:column: message}.
 */
package baton.spec;
