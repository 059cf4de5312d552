package baton.routing;

import baton.platform.OnH2;

class H2TeamStoreTest extends OnH2 implements TeamStoreContract {}
