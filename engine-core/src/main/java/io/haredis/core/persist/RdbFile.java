package io.haredis.core.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An RDB file being written: bytes go to a temporary file in the target directory, the CRC-64
 * of everything written is appended by {@link #commit}, which then fsyncs, renames the file over
 * the target atomically and fsyncs the directory, so a crash at any point leaves either the old
 * file or the complete new one. Used from one thread at a time (the node's background I/O
 * thread for BGSAVE, the loop for SAVE).
 */
public final class RdbFile implements AutoCloseable {

  private final Path temp;
  private final Path target;
  private final boolean checksum;
  private final FileChannel channel;
  private long crc;
  private long written;
  private boolean done;

  /** Creates {@code temp} (replacing a leftover of an earlier crash) to become {@code target}. */
  public RdbFile(Path temp, Path target, boolean checksum) throws IOException {
    this.temp = temp;
    this.target = target;
    this.checksum = checksum;
    this.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  public Path temp() {
    return temp;
  }

  public long written() {
    return written;
  }

  public void write(byte[] b, int off, int len) throws IOException {
    if (checksum) {
      crc = Crc64.update(crc, b, off, len);
    }
    writeFully(ByteBuffer.wrap(b, off, len));
    written += len;
  }

  private void writeFully(ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
  }

  /**
   * Appends the checksum (zero when {@code rdbchecksum no}, which loaders read as "not
   * computed"), makes the file durable and moves it into place.
   */
  public void commit() throws IOException {
    ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(checksum ? crc : 0).flip();
    writeFully(trailer);
    written += 8;
    channel.force(true);
    channel.close();
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    done = true;
    fsyncDirectory(target.toAbsolutePath().getParent());
  }

  /** Makes a rename or a new file in {@code dir} durable (no-op where directories can't be opened). */
  public static void fsyncDirectory(Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // some platforms cannot open a directory; the rename itself has happened
    }
  }

  /** Abandons an unfinished file: closes and deletes the temporary file. */
  @Override
  public void close() {
    if (done) {
      return;
    }
    done = true;
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to do for a file being thrown away
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // a leftover temp file is overwritten by the next save
    }
  }
}
