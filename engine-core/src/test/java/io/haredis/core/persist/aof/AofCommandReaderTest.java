package io.haredis.core.persist.aof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AofCommandReaderTest {

  @TempDir
  Path dir;

  private static final String TWO_COMMANDS = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n#TS:1700000000\r\n*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nv\r\nal\r\n";

  @Test
  void next_readsCommands_skipsAnnotations_binaryValuesIntact() throws Exception {
    List<String> cmds = readAll(TWO_COMMANDS.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(cmds).containsExactly("SELECT 0", "SET key v\r\nal");
  }

  @Test
  void next_emptyFile_isACleanEnd() throws Exception {
    assertThat(readAll(new byte[0])).isEmpty();
  }

  @Test
  void next_cutAtEveryByte_isTruncatedAtTheBrokenCommandsStart_neverCorrupt() throws Exception {
    byte[] full = TWO_COMMANDS.getBytes(StandardCharsets.ISO_8859_1);
    int firstEnd = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n".length();
    int annotationEnd = firstEnd + "#TS:1700000000\r\n".length();
    for (int cut = 1; cut < full.length; cut++) {
      byte[] part = Arrays.copyOf(full, cut);
      Path f = write(part);
      try (AofCommandReader r = new AofCommandReader(FileChannel.open(f, StandardOpenOption.READ))) {
        int n = 0;
        try {
          while (r.next() != null) {
            n++;
          }
          // Clean ends: after the first whole command, in or after the annotation line (a cut
          // annotation is still an annotation, as fgets reads it).
          assertThat(cut).as("cut at %d", cut).isBetween(firstEnd, annotationEnd);
          assertThat(n).isEqualTo(1);
        } catch (AofCommandReader.Truncated t) {
          assertThat(t.commandStart).as("cut at %d", cut).isEqualTo(cut < firstEnd ? 0 : annotationEnd);
        }
      }
    }
  }

  @Test
  void next_corruption_isReportedWithItsOffset() throws Exception {
    assertCorrupt("*1\r\n$4\r\nPING\r\nXYZ\r\n", 14, "expected '*'");
    assertCorrupt("*1\r\n%4\r\nPING\r\n", 4, "expected '$'");
    assertCorrupt("*x\r\n$4\r\nPING\r\n", 0, "invalid argument count");
    assertCorrupt("*0\r\n", 0, "invalid argument count");
    assertCorrupt("*1\r\n$-4\r\nPING\r\n", 4, "invalid bulk length");
    assertCorrupt("*1\r\n$4\r\nPINGxx\r\n", 12, "expected CRLF");
  }

  @Test
  void next_hugeDeclaredLength_pastTheEnd_isTruncationNotAnAllocation() throws Exception {
    Path f = write("*1\r\n$999999999999\r\nab".getBytes(StandardCharsets.US_ASCII));
    try (AofCommandReader r = new AofCommandReader(FileChannel.open(f, StandardOpenOption.READ))) {
      assertThatThrownBy(r::next).isInstanceOf(AofCommandReader.Truncated.class);
    }
  }

  @Test
  void startsWithRdb_thenCommandsContinueAfterTheBytesTheRdbLoaderRead() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write("REDIS0010-fake-rdb".getBytes(StandardCharsets.US_ASCII));
    b.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
    Path f = write(b.toByteArray());
    try (AofCommandReader r = new AofCommandReader(FileChannel.open(f, StandardOpenOption.READ))) {
      assertThat(r.startsWithRdb()).isTrue();
      byte[] rdb = r.asInputStream().readNBytes(18);
      assertThat(new String(rdb, StandardCharsets.US_ASCII)).isEqualTo("REDIS0010-fake-rdb");
      assertThat(r.position()).isEqualTo(18);
      byte[][] argv = r.next();
      assertThat(new String(argv[0], StandardCharsets.US_ASCII)).isEqualTo("PING");
    }
  }

  private void assertCorrupt(String text, long offset, String detail) throws Exception {
    Path f = write(text.getBytes(StandardCharsets.ISO_8859_1));
    try (AofCommandReader r = new AofCommandReader(FileChannel.open(f, StandardOpenOption.READ))) {
      assertThatThrownBy(() -> {
        while (r.next() != null) {
          // read on
        }
      }).isInstanceOfSatisfying(AofCommandReader.Corrupt.class, c -> {
        assertThat(c.offset).as(text).isEqualTo(offset);
        assertThat(c.getMessage()).contains(detail);
      });
    }
  }

  private List<String> readAll(byte[] bytes) throws Exception {
    Path f = write(bytes);
    List<String> out = new ArrayList<>();
    try (AofCommandReader r = new AofCommandReader(FileChannel.open(f, StandardOpenOption.READ))) {
      byte[][] argv;
      while ((argv = r.next()) != null) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < r.argc(); i++) {
          s.append(i == 0 ? "" : " ").append(new String(argv[i], StandardCharsets.ISO_8859_1));
        }
        out.add(s.toString());
      }
    }
    return out;
  }

  private int files;

  private Path write(byte[] bytes) throws Exception {
    Path f = dir.resolve("f" + files++ + ".aof");
    Files.write(f, bytes);
    return f;
  }
}
