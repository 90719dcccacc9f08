package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.command.CommandSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** README.md's list of supported commands is the command table's, group by group. */
class ReadmeCommandListTest {

  static String expectedList() {
    Map<String, TreeSet<String>> byGroup = new TreeMap<>();
    for (CommandSpec c : CoreCommands.table().commands()) {
      String name = c.name().toUpperCase(Locale.ROOT);
      if (c.subcommands() != null) {
        TreeSet<String> subs = new TreeSet<>();
        for (CommandSpec s : c.subcommands().commands()) {
          subs.add(s.name().toUpperCase(Locale.ROOT));
        }
        name = name + " (" + String.join(", ", subs) + ")";
      }
      byGroup.computeIfAbsent(c.group(), g -> new TreeSet<>()).add(name);
    }
    StringBuilder sb = new StringBuilder();
    byGroup.forEach((g, names) -> sb.append("- **").append(g).append("**: ").append(String.join(", ", names)).append('\n'));
    return sb.toString();
  }

  @Test
  void readme_listsExactlyTheCommandTable() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("<!-- commands -->");
    int end = readme.indexOf("<!-- /commands -->");
    assertThat(start).as("README has <!-- commands --> ... <!-- /commands -->").isNotNegative();
    assertThat(end).isGreaterThan(start);
    String block = readme.substring(start, end);
    int first = block.indexOf("\n- ");
    String list = first < 0 ? "" : block.substring(first + 1);
    assertThat(list).as("README command list; paste this block:\n" + expectedList()).isEqualTo(expectedList());
  }
}
