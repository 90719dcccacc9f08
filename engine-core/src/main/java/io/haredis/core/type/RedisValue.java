package io.haredis.core.type;

/** A value stored under a key. Data structures only: nothing here knows RESP. */
public sealed interface RedisValue permits StringValue, ListValue, HashValue, SetValue, ZSetValue, StreamValue {

  ValueType type();

  /** The name OBJECT ENCODING prints, by Redis's rules ({@code int}, {@code embstr}, ...). */
  String encoding();

  /** A deep copy (COPY command). */
  RedisValue copy();
}
