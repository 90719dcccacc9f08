package io.haredis.core.resp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inline splitting with the semantics of Redis's {@code sdssplitargs}. The expected values were
 * checked by sending the same lines as {@code ECHO} arguments to redis-server 7.0.15.
 */
class InlineSplitterTest {

  /** The arguments, or null on unbalanced quotes. */
  private static List<String> split(String line) {
    byte[] b = line.getBytes(ISO_8859_1);
    RequestArgs args = new RequestArgs();
    if (!InlineSplitter.split(b, 0, b.length, new byte[b.length], args)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.argc(); i++) {
      out.add(new String(args.array(i), args.offset(i), args.length(i), ISO_8859_1));
    }
    return out;
  }

  @Test
  void split_blanks_separateArguments() {
    assertThat(split("  SET   k\tv  ")).containsExactly("SET", "k", "v");
    assertThat(split("")).isEmpty();
    assertThat(split("   \t ")).isEmpty();
  }

  @Test
  void split_doubleQuotes_escapesUnderstood() {
    assertThat(split("ECHO \"a\\x41\\n\\t\"")).containsExactly("ECHO", "aA\n\t");
    assertThat(split("ECHO \"\\r\\b\\a\\\\\"")).containsExactly("ECHO", "\r\b\u0007\\");
    assertThat(split("ECHO \"a\\\"b\"")).containsExactly("ECHO", "a\"b");
    assertThat(split("ECHO \"a b\"")).containsExactly("ECHO", "a b");
  }

  @Test
  void split_unknownEscapeOrBadHex_keepsTheCharacter() {
    assertThat(split("ECHO \"\\q\\xZZ\"")).containsExactly("ECHO", "qxZZ");
    assertThat(split("ECHO \"\\x4\"")).containsExactly("ECHO", "x4");
  }

  @Test
  void split_hexEscape_anyByte() {
    assertThat(split("ECHO \"\\x00\\xff\\xAb\"")).containsExactly("ECHO", "\u0000\u00ff\u00ab");
  }

  @Test
  void split_singleQuotes_onlyQuoteEscaped() {
    assertThat(split("ECHO 'it\\'s'")).containsExactly("ECHO", "it's");
    assertThat(split("ECHO 'a\\nb'")).containsExactly("ECHO", "a\\nb");
  }

  @Test
  void split_emptyQuoted_emptyArgument() {
    assertThat(split("ECHO \"\"")).containsExactly("ECHO", "");
    assertThat(split("SET '' \"\"")).containsExactly("SET", "", "");
  }

  @Test
  void split_quoteInsideBareWord_joinsWithIt() {
    assertThat(split("ECHO foo\"bar\"")).containsExactly("ECHO", "foobar");
    assertThat(split("ECHO foo'b c'")).containsExactly("ECHO", "foob c");
  }

  @Test
  void split_closingQuoteFollowedByNonBlank_unbalanced() {
    assertThat(split("SET \"a\"b")).isNull();
    assertThat(split("SET 'a'b")).isNull();
  }

  @Test
  void split_unterminatedQuote_unbalanced() {
    assertThat(split("SET \"abc")).isNull();
    assertThat(split("SET 'abc")).isNull();
    assertThat(split("SET \"abc\\")).isNull();
  }

  @Test
  void split_nulByte_endsTheLine() {
    assertThat(split("ECHO a\u0000b c")).containsExactly("ECHO", "a");
  }

  @Test
  void split_closingQuoteThenBlank_ok() {
    assertThat(split("SET \"a\" \"b\"\t'c'")).containsExactly("SET", "a", "b", "c");
  }
}
