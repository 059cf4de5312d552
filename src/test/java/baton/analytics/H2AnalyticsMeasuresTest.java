package baton.analytics;

import baton.platform.OnH2;

class H2AnalyticsMeasuresTest extends OnH2 implements AnalyticsMeasuresContract {}
