/**
 * Where handed-off conversations go: teams and their queues. Today a handoff lands in one team's
 * queue and agents of that team claim from it; capacity-aware assignment and wait estimates grow here.
 */
package baton.routing;
