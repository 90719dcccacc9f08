package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.type.StringValue;

/** String commands (Redis's t_string.c). */
public final class StringCommands {

  private StringCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("get", 2, StringCommands::get)
        .flags("readonly fast")
        .acl("@read @string @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("string").since("1.0.0");
    b.add("set", -3, StringCommands::set)
        .flags("write denyoom")
        .acl("@write @string @slow")
        .keys(1, 1, 1, "RW access update variable_flags|index:1|range:0,1,0")
        .group("string").since("1.0.0");
  }

  static void get(Invocation c) {
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().nullBulk();
      return;
    }
    if (!(e.value() instanceof StringValue s)) {
      throw ErrorReply.WRONGTYPE;
    }
    if (s.isInt()) {
      c.reply().bulkLong(s.longValue());
    } else {
      c.reply().bulk(s.array(), 0, s.length());
    }
  }

  static void set(Invocation c) {
    if (c.argc() != 3) {
      throw ErrorReply.SYNTAX;
    }
    c.db().set(c.argBytes(1), StringValue.of(c.argBytes(2)), false);
    c.dirty();
    c.reply().ok();
  }
}
