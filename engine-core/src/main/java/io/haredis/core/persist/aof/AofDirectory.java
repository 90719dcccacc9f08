package io.haredis.core.persist.aof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * Where the AOF lives: {@code <dir>/<appenddirname>/}, and the file operations that must be
 * crash-safe there. A manifest is written to a temp file, fsynced, renamed over the old one, and
 * then the directory is fsynced, so after a crash the manifest on disk is either the old or the
 * new one, and names only files that exist (Redis's {@code writeAofManifestFile}).
 *
 * <p>Paths are resolved on every call: {@code dir} can change at runtime (CONFIG SET dir), as
 * Redis's {@code chdir} changes where relative AOF names point.
 */
public final class AofDirectory {

  private final Supplier<String> workDir;
  private final AofSettings settings;

  public AofDirectory(Supplier<String> workDir, AofSettings settings) {
    this.workDir = workDir;
    this.settings = settings;
  }

  /** The node's working directory ({@code dir}). */
  public Path workDir() {
    return Path.of(workDir.get());
  }

  /** {@code <dir>/<appenddirname>}. */
  public Path dir() {
    return workDir().resolve(settings.dirname);
  }

  public Path path(String fileName) {
    return dir().resolve(fileName);
  }

  public String filename() {
    return settings.filename;
  }

  public Path manifestPath() {
    return path(AofManifest.manifestName(settings.filename));
  }

  public boolean exists() {
    return Files.isDirectory(dir());
  }

  /** Creates the directory if missing (Redis's {@code dirCreateIfMissing}). */
  public void createIfMissing() throws IOException {
    Files.createDirectories(dir());
  }

  /**
   * Reads the manifest (Redis's {@code aofLoadManifestFromDisk}): an empty one when the directory
   * or the manifest does not exist, which is how a first start or an upgrade looks.
   */
  public AofManifest readManifest() throws IOException, AofManifestException {
    if (!exists()) {
      return new AofManifest();
    }
    Path p = manifestPath();
    if (!Files.exists(p)) {
      return new AofManifest();
    }
    return AofManifest.parse(Files.readString(p, StandardCharsets.UTF_8));
  }

  /** Writes {@code am} if it changed: temp file, fsync, rename, fsync of the directory. */
  public void persist(AofManifest am) throws IOException {
    if (!am.dirty()) {
      return;
    }
    Path tmp = path(AofManifest.tempManifestName(settings.filename));
    Path target = manifestPath();
    byte[] text = am.format().getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(text);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory(dir());
    am.markClean();
  }

  /** Makes a rename or a new file in {@code dir} durable. */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory for fsync; Linux can, and that is where it matters.
      if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
        throw e;
      }
    }
  }

  /** A file's size in the AOF directory, or -1 if it does not exist. */
  public long size(String fileName) throws IOException {
    try {
      return Files.size(path(fileName));
    } catch (NoSuchFileException e) {
      return -1;
    }
  }
}
