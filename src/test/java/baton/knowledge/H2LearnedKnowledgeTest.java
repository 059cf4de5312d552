package baton.knowledge;

import baton.platform.OnH2;

class H2LearnedKnowledgeTest extends OnH2 implements LearnedKnowledgeContract {}
