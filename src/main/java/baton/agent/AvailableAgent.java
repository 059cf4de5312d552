package baton.agent;

import baton.conversation.AgentRef;

/** An online agent of a team with room for more: {@code load} conversations held of {@code capacity}. */
public record AvailableAgent(AgentRef agent, int load, int capacity) {}
