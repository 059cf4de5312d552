package baton.agent;

import baton.platform.OnH2;

class H2AgentStoreTest extends OnH2 implements AgentStoreContract {}
