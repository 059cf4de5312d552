package baton.conversation;

import baton.platform.OnPostgres;

class PostgresConversationStoreTest extends OnPostgres implements ConversationStoreContract {}
