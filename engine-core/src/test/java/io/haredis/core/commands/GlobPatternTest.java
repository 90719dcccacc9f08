package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobPatternTest {

  private static boolean match(String pattern, String s) {
    return GlobPattern.matches(pattern.getBytes(StandardCharsets.ISO_8859_1), s.getBytes(StandardCharsets.ISO_8859_1), false);
  }

  private static boolean matchNocase(String pattern, String s) {
    return GlobPattern.matches(pattern.getBytes(StandardCharsets.ISO_8859_1), s.getBytes(StandardCharsets.ISO_8859_1), true);
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' ~ ''{1}'' = {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "*|abc|true",
      "a*|abc|true",
      "*c|abc|true",
      "*b*|abc|true",
      "a*c|ac|true",
      "a*d|abc|false",
      "a**c|abc|true",
      "?|a|true",
      "?|ab|false",
      "a?c|abc|true",
      "h[ae]llo|hello|true",
      "h[ae]llo|hillo|false",
      "h[^e]llo|hallo|true",
      "h[^e]llo|hello|false",
      "h[a-b]llo|hbllo|true",
      "h[b-a]llo|hallo|true", // reversed range is swapped
      "[^a]|b|true",
      "a\\*|a*|true",
      "a\\*|ab|false",
      "a\\|a\\|true", // trailing lone backslash is literal
      "a[\\]]|a]|true",
      "a[\\]|a]|true", // escaped ']' then unterminated set
      "a[]]|a]|false", // empty set never matches
      "a[b-|ab|true", // unterminated: 'b' and '-' are members
      "a[b-|a-|true",
      "a[|a]|false",
      "[a-]|b|false", // range a..']' then the set continues
      "[^|x|true",
      "\"\"|\"\"|true",
      "*|\"\"|false", // empty subject only matches the empty pattern
      "**|\"\"|false",
      "abc|ABC|false",
  })
  void matches_redisSemantics(String pattern, String subject, boolean expected) {
    assertThat(match(pattern, subject)).isEqualTo(expected);
  }

  @Test
  void nocase_foldsAsciiOnly() {
    assertThat(matchNocase("abc", "ABC")).isTrue();
    assertThat(matchNocase("[A-C]x", "bX")).isTrue();
    assertThat(matchNocase("[^B]", "b")).isFalse();
    assertThat(matchNocase("\u00e9", "\u00c9")).isFalse();
  }

  @Test
  void rangeWithHighBytes_comparesSigned() {
    // As C's signed char: 0xE9 is negative, so it falls below 'a' and inside [\u00e9-a].
    assertThat(match("[\u00e9-a]", "Z")).isTrue();
    assertThat(match("[a-z]", "\u00e9")).isFalse();
  }

  @Test
  void manyStars_nonMatching_finishesQuickly() {
    String pattern = "a*".repeat(30) + "b";
    String subject = "a".repeat(60);
    assertThat(match(pattern, subject)).isFalse();
    assertThat(match(pattern, subject + "b")).isTrue();
  }

  @Test
  void moreThanThousandNestedStars_neverMatch() {
    String pattern = "a*".repeat(1002);
    assertThat(match(pattern, "a".repeat(1002))).isFalse();
    assertThat(match("a*".repeat(900), "a".repeat(900))).isTrue();
  }

  @Test
  void matchesAll_onlyForLoneStar() {
    assertThat(GlobPattern.compile("*".getBytes(StandardCharsets.US_ASCII)).matchesAll()).isTrue();
    assertThat(GlobPattern.compile("**".getBytes(StandardCharsets.US_ASCII)).matchesAll()).isFalse();
  }

  @Test
  void slice_matchesOnlyTheGivenRange() {
    byte[] buf = "xxh?lloyy".getBytes(StandardCharsets.US_ASCII);
    GlobPattern p = GlobPattern.compile(buf, 2, 5);
    assertThat(p.matches("hello".getBytes(StandardCharsets.US_ASCII))).isTrue();
    byte[] subj = "..hallo..".getBytes(StandardCharsets.US_ASCII);
    assertThat(p.matches(subj, 2, 5)).isTrue();
    assertThat(p.matches(subj, 2, 6)).isFalse();
  }
}
