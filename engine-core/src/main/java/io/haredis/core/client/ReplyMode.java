package io.haredis.core.client;

/** CLIENT REPLY modes, with Redis's two-step SKIP (the SKIP command itself, then the next one). */
public enum ReplyMode {
  ON,
  OFF,
  /** CLIENT REPLY SKIP was just run: the next command's reply is dropped. */
  SKIP_NEXT,
  /** The current command's reply is dropped. */
  SKIP
}
