package baton.conversation;

import baton.platform.OnH2;

class H2ConversationStoreTest extends OnH2 implements ConversationStoreContract {}
