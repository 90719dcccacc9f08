package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.CommandError;
import io.haredis.core.command.Invocation;
import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.node.KeyspaceEvent;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.type.HashValue;
import io.haredis.core.type.ListValue;
import io.haredis.core.type.RedisValue;
import io.haredis.core.type.SetValue;
import io.haredis.core.type.StringValue;
import io.haredis.core.type.ZSetValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * SORT and SORT_RO, following Redis 7.0.15's {@code sort.c} behaviour.
 *
 * <h2>What decides the order</h2>
 * <ul>
 *   <li>Numeric (default): every element (or its BY value) is read with C's {@code strtod} over
 *       its C string; a missing BY key counts as 0. Equal scores fall back to a binary comparison
 *       of the elements, so the result is a total order.</li>
 *   <li>ALPHA: without STORE the comparison is {@code strcoll}, which for the C locale is
 *       {@code strcmp} (unsigned bytes, stops at the first NUL); with STORE it is a binary
 *       comparison with length as the tie breaker. Under ALPHA BY, elements whose BY key is
 *       missing sort first.</li>
 *   <li>Ties left by the comparator keep their input order: glibc's {@code qsort} is a merge
 *       sort, and so is {@link Arrays#sort(Object[], Comparator)}. The exception is BY with a LIMIT
 *       that narrows the range: Redis then runs its partial quicksort, which is not stable, and
 *       {@link PartialQuicksort} follows the same steps so ties (ALPHA BY values that are equal or
 *       missing) land where Redis puts them.</li>
 *   <li>BY with a pattern without {@code *} means "don't sort": lists and sorted sets come out in
 *       their own order (DESC walks from the other end, LIMIT selects a range of it); sets come
 *       out in iteration order, except with STORE, where Redis sorts them ALPHA so the stored
 *       result (and what replicas compute) is deterministic.</li>
 * </ul>
 * Sorting a sorted set converts it to the skip-list encoding, as Redis does.
 *
 * <h2>Propagation</h2>
 * Only SORT ... STORE writes: verbatim when it stored a list or deleted the destination.
 */
public final class SortCommands {

  private static final byte[] ASC = Invocation.ascii("asc");
  private static final byte[] DESC = Invocation.ascii("desc");
  private static final byte[] ALPHA = Invocation.ascii("alpha");
  private static final byte[] LIMIT = Invocation.ascii("limit");
  private static final byte[] STORE = Invocation.ascii("store");
  private static final byte[] BY = Invocation.ascii("by");
  private static final byte[] GET = Invocation.ascii("get");
  private static final byte[] EMPTY = new byte[0];

  private static final CommandError NOT_DOUBLE =
      new CommandError("ERR One or more scores can't be converted into double");

  private SortCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("sort", -2, SortCommands::sort)
        .flags("write denyoom movablekeys")
        .acl("@write @set @sortedset @list @slow @dangerous")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0", "RO access|unknown|unknown", "OW update|unknown|unknown")
        .group("generic").since("1.0.0");
    b.add("sort_ro", -2, SortCommands::sortRo)
        .flags("readonly movablekeys")
        .acl("@read @set @sortedset @list @slow @dangerous")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0", "RO access|unknown|unknown")
        .group("generic").since("7.0.0");
  }

  static void sort(Invocation c) {
    sortGeneric(c, false);
  }

  static void sortRo(Invocation c) {
    sortGeneric(c, true);
  }

  /** One element being sorted: the element, its numeric score, its ALPHA BY value (or null). */
  private static final class Item {
    final byte[] obj;
    double score;
    byte[] cmp;

    Item(byte[] obj) {
      this.obj = obj;
    }
  }

  private static void sortGeneric(Invocation c, boolean readonly) {
    boolean desc = false;
    boolean alpha = false;
    boolean dontsort = false;
    long limitStart = 0;
    long limitCount = -1;
    byte[] sortby = null;
    byte[] storekey = null;
    int storeIdx = -1;
    List<byte[]> gets = new ArrayList<>();
    int argc = c.argc();
    for (int j = 2; j < argc; j++) {
      int left = argc - j - 1;
      if (c.argIs(j, ASC)) {
        desc = false;
      } else if (c.argIs(j, DESC)) {
        desc = true;
      } else if (c.argIs(j, ALPHA)) {
        alpha = true;
      } else if (c.argIs(j, LIMIT) && left >= 2) {
        limitStart = c.argLong(j + 1);
        limitCount = c.argLong(j + 2);
        j += 2;
      } else if (!readonly && c.argIs(j, STORE) && left >= 1) {
        storekey = c.argBytes(j + 1);
        storeIdx = j + 1;
        j++;
      } else if (c.argIs(j, BY) && left >= 1) {
        sortby = c.argBytes(j + 1);
        if (indexOf(sortby, 0, cLen(sortby), (byte) '*') < 0) {
          dontsort = true;
        }
        j++;
      } else if (c.argIs(j, GET) && left >= 1) {
        gets.add(c.argBytes(j + 1));
        j++;
      } else {
        throw ErrorReply.SYNTAX;
      }
    }

    Entry e = c.lookupRead(1);
    RedisValue sortval = e == null ? null : e.value();
    if (sortval != null && !(sortval instanceof ListValue) && !(sortval instanceof SetValue)
        && !(sortval instanceof ZSetValue)) {
      throw ErrorReply.WRONGTYPE;
    }
    if (sortval == null) {
      sortval = new ListValue();
    }
    if (dontsort && sortval instanceof SetValue && storekey != null) {
      // Sets have no order of their own: what gets stored (and replicated) must not depend on
      // iteration order, so BY <constant> STORE on a set sorts it ALPHA.
      dontsort = false;
      alpha = true;
      sortby = null;
    }
    if (sortval instanceof ZSetValue z) {
      z.convertToSkiplist();
    }

    int vectorlen = size(sortval);
    long start = limitStart < 0 ? 0 : limitStart;
    // start + count - 1 without wrapping: 7.0.15's build behaves as if it saturated
    long end = limitCount < 0 ? vectorlen - 1
        : start - 1 > Long.MAX_VALUE - limitCount ? Long.MAX_VALUE : start + limitCount - 1;
    if (start >= vectorlen) {
      start = vectorlen - 1;
      end = vectorlen - 2;
    }
    if (end >= vectorlen) {
      end = vectorlen - 1;
    }

    Item[] vector;
    if (dontsort && !(sortval instanceof SetValue)) {
      // Lists and sorted sets have their own order: load just the selected range of it.
      int n = (int) (end - start + 1);
      vector = new Item[n];
      if (n > 0) {
        int from = desc ? (int) (vectorlen - start - 1) : (int) start;
        if (sortval instanceof ListValue l) {
          byte[][] all = l.toArray();
          for (int j = 0; j < n; j++) {
            vector[j] = new Item(all[desc ? from - j : from + j]);
          }
        } else {
          ZSetValue z = (ZSetValue) sortval;
          int[] k = {0};
          z.walk(from, desc, (member, score) -> {
            vector[k[0]++] = new Item(member);
            return k[0] < n;
          });
        }
      }
      end -= start;
      start = 0;
    } else {
      vector = load(sortval, vectorlen);
    }

    boolean conversionError = false;
    if (!dontsort) {
      Database db = c.db();
      for (Item it : vector) {
        byte[] byval;
        if (sortby != null) {
          byval = lookupByPattern(c, sortby, it.obj);
          if (byval == null) {
            continue;
          }
        } else {
          byval = it.obj;
        }
        if (alpha) {
          if (sortby != null) {
            it.cmp = byval;
          }
        } else {
          double d = SortedSetArgs.strtodCString(byval, 0, byval.length);
          if (Double.isNaN(d)) {
            conversionError = true;
          } else {
            it.score = d;
          }
        }
      }
      if (!conversionError) {
        Comparator<Item> cmp = comparator(alpha, sortby != null, storekey != null, desc);
        if (sortby != null && (start != 0 || end != vectorlen - 1)) {
          PartialQuicksort.sort(vector, cmp, start, end);
        } else {
          Arrays.sort(vector, cmp);
        }
      }
    }

    if (conversionError) {
      throw NOT_DOUBLE;
    }
    int getop = gets.size();
    long count = end - start + 1;
    long outputlen = getop > 0 ? getop * count : count;
    Database db = c.db();
    if (storekey == null) {
      ReplyWriter r = c.reply();
      r.arrayLen((int) outputlen);
      for (long j = start; j <= end; j++) {
        byte[] obj = vector[(int) j].obj;
        if (getop == 0) {
          r.bulk(obj);
        }
        for (int g = 0; g < getop; g++) {
          byte[] val = lookupByPattern(c, gets.get(g), obj);
          if (val == null) {
            r.nullBulk();
          } else {
            r.bulk(val);
          }
        }
      }
      return;
    }
    ListValue sv = new ListValue();
    for (long j = start; j <= end; j++) {
      byte[] obj = vector[(int) j].obj;
      if (getop == 0) {
        sv.pushTail(obj.clone());
      }
      for (int g = 0; g < getop; g++) {
        byte[] val = lookupByPattern(c, gets.get(g), obj);
        sv.pushTail(val == null ? EMPTY.clone() : val.clone());
      }
    }
    if (outputlen > 0) {
      db.set(storekey, sv, false);
      c.notifyKey(KeyspaceEvent.SORTSTORE, storeIdx);
      c.dirty();
    } else if (c.deleteKeyArg(storeIdx)) {
      c.notifyKey(KeyspaceEvent.DEL, storeIdx);
      c.dirty();
    }
    c.reply().integer(outputlen);
  }

  private static int size(RedisValue v) {
    if (v instanceof ListValue l) {
      return l.size();
    }
    if (v instanceof SetValue s) {
      return s.size();
    }
    return ((ZSetValue) v).size();
  }

  /** Every element, for sorting (or, for a set under "don't sort", in iteration order). */
  private static Item[] load(RedisValue v, int n) {
    Item[] out = new Item[n];
    if (v instanceof ListValue l) {
      byte[][] all = l.toArray();
      for (int j = 0; j < n; j++) {
        out[j] = new Item(all[j]);
      }
    } else if (v instanceof SetValue s) {
      int[] k = {0};
      s.forEach(m -> out[k[0]++] = new Item(m));
    } else {
      int[] k = {0};
      ((ZSetValue) v).walk(0, false, (member, score) -> {
        out[k[0]++] = new Item(member);
        return true;
      });
    }
    return out;
  }

  private static Comparator<Item> comparator(boolean alpha, boolean bypattern, boolean store, boolean desc) {
    Comparator<Item> cmp;
    if (!alpha) {
      cmp = (a, b) -> a.score > b.score ? 1 : a.score < b.score ? -1 : binary(a.obj, b.obj);
    } else if (bypattern) {
      cmp = (a, b) -> {
        if (a.cmp == null || b.cmp == null) {
          return a.cmp == b.cmp ? 0 : a.cmp == null ? -1 : 1;
        }
        return store ? binary(a.cmp, b.cmp) : strcmp(a.cmp, b.cmp);
      };
    } else {
      cmp = store ? (a, b) -> binary(a.obj, b.obj) : (a, b) -> strcmp(a.obj, b.obj);
    }
    return desc ? cmp.reversed() : cmp;
  }

  /** memcmp over the common length, then the shorter first. */
  static int binary(byte[] a, byte[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int d = (a[i] & 0xff) - (b[i] & 0xff);
      if (d != 0) {
        return d;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  /** C's strcmp: unsigned bytes, each string ends at its first NUL. */
  static int strcmp(byte[] a, byte[] b) {
    int la = cLen(a);
    int lb = cLen(b);
    int n = Math.min(la, lb);
    for (int i = 0; i < n; i++) {
      int d = (a[i] & 0xff) - (b[i] & 0xff);
      if (d != 0) {
        return d;
      }
    }
    return Integer.compare(la, lb);
  }

  private static int cLen(byte[] a) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == 0) {
        return i;
      }
    }
    return a.length;
  }

  private static int indexOf(byte[] a, int from, int to, byte x) {
    for (int i = from; i < to; i++) {
      if (a[i] == x) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The value a BY/GET pattern names for {@code subst}: {@code #} is the element itself;
   * otherwise the first {@code *} is replaced by the element and the key is read as a string,
   * or, with {@code ->field} after the {@code *}, as a hash field. Null when the pattern has no
   * {@code *}, the key is missing or has another type, or the field is missing.
   */
  static byte[] lookupByPattern(Invocation c, byte[] pat, byte[] subst) {
    if (pat.length > 0 && pat[0] == '#' && (pat.length == 1 || pat[1] == 0)) {
      return subst;
    }
    int clen = cLen(pat);
    int star = indexOf(pat, 0, clen, (byte) '*');
    if (star < 0) {
      return null;
    }
    int arrow = -1;
    for (int i = star + 1; i + 1 < clen; i++) {
      if (pat[i] == '-' && pat[i + 1] == '>') {
        arrow = i;
        break;
      }
    }
    int fieldlen = 0;
    if (arrow >= 0 && arrow + 2 < clen) {
      fieldlen = pat.length - arrow - 2;
    }
    int postfix = pat.length - (star + 1) - (fieldlen > 0 ? fieldlen + 2 : 0);
    byte[] key = new byte[star + subst.length + postfix];
    System.arraycopy(pat, 0, key, 0, star);
    System.arraycopy(subst, 0, key, star, subst.length);
    System.arraycopy(pat, star + 1, key, star + subst.length, postfix);
    Entry e = c.db().lookupRead(key, 0, key.length);
    if (e == null) {
      c.notifyKey(KeyspaceEvent.KEYMISS, key); // Redis's lookupKeyByPattern reads with lookupKeyRead
      return null;
    }
    RedisValue v = e.value();
    if (fieldlen > 0) {
      if (!(v instanceof HashValue h)) {
        return null;
      }
      return h.get(pat, arrow + 2, fieldlen);
    }
    if (!(v instanceof StringValue s)) {
      return null;
    }
    return s.toBytes();
  }
}
