package baton.conversation;

import baton.escalation.Decision;

/**
 * Told about every handoff after it is committed, e.g. to email the team inbox of an email tier. Runs
 * on the request's thread: implementations hand slow work (SMTP) to their own threads and must not
 * throw; a failure there never undoes the handoff, which is already safely queued.
 */
public interface HandoffListener {

  void handedOff(Conversation conversation, Decision.HandOff handOff);
}
