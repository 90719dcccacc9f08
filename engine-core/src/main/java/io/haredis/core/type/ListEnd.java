package io.haredis.core.type;

/** One end of a list: Redis's {@code LIST_HEAD} (left, index 0) or {@code LIST_TAIL} (right). */
public enum ListEnd {
  HEAD,
  TAIL;

  /** The other end (LMOVE's and RPOPLPUSH's push side when it differs). */
  public ListEnd opposite() {
    return this == HEAD ? TAIL : HEAD;
  }
}
