package io.haredis.core.resp;

/** The reply protocol a client chose with HELLO. */
public enum RespVersion {
  RESP2,
  RESP3
}
