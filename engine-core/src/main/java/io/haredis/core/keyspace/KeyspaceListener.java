package io.haredis.core.keyspace;

/** What the node does when the keyspace changes on its own (expiry). Called on the node loop. */
public interface KeyspaceListener {

  /**
   * A key expired and was deleted, lazily or by the active cycle: the node propagates a DEL
   * (Redis's {@code propagateDeletion}) and fires the {@code expired} notification.
   */
  void keyExpired(Database db, byte[] key);

  /** A key was created (Redis's {@code dbAdd}): clients blocked on it may be served. */
  default void keyAdded(Database db, byte[] key) {}
}
