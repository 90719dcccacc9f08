package io.haredis.core.persist.aof;

import io.haredis.api.time.Clock;
import io.haredis.core.node.ServerNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the files a manifest names, base first, then the incr files in order: Redis 7.0's
 * {@code loadAppendOnlyFiles} and {@code loadSingleAppendOnlyFile}.
 *
 * <h2>Files</h2>
 * A file that starts with {@code REDIS} is an RDB (an {@code .rdb} base, or the preamble of an
 * old-style AOF) and goes through the RDB codec; commands may follow it. Commands run through
 * the command table as Redis's fake AOF client ({@link AofReplayClient}).
 *
 * <h2>Damage</h2>
 * <ul>
 *   <li>The last file ending in the middle of a command, or inside a MULTI that never got its
 *   EXEC, is what a crash leaves: with {@code aof-load-truncated yes} the complete commands load,
 *   the file is cut back to the last one ("!!! Warning: short read while loading the AOF file
 *   ...!!!") and the node starts.</li>
 *   <li>Anything else refuses to start with the file, the offset and the reason: corrupt bytes
 *   anywhere, a truncated file that is not the last one, {@code aof-load-truncated no}, an unknown
 *   command, a file missing from the directory. Unlike Redis, which cuts a truncated file even
 *   when it then refuses it for not being the last, nothing on disk is changed then.</li>
 * </ul>
 *
 * <h2>Steps</h2>
 * {@link #step(int)} runs a bounded number of commands, so the node's loop can serve (with
 * {@code -LOADING}) between steps as Redis's {@code processEventsWhileBlocked} does every 1024
 * commands.
 */
public final class AofLoader implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AofLoader.class);

  /** How a load ended (Redis's AOF_OK, AOF_EMPTY, AOF_NOT_EXIST, AOF_TRUNCATED). */
  public enum Status {
    OK, EMPTY, NOT_EXIST, TRUNCATED
  }

  private final ServerNode node;
  private final AofDirectory dir;
  private final AofSettings settings;
  private final AofRdbCodec rdb;
  private final Clock clock;
  private final List<AofManifest.Entry> files;
  private final long totalBytes;
  private final long baseSize;
  private AofReplayClient client;
  private long loadedBytes;
  private int fileIndex = -1;
  private AofCommandReader reader;
  private long fileStartNanos;
  private long validUpTo;
  private long validBeforeMulti;
  private Status status;
  private long commands;
  private long lastProgressNanos;

  private AofLoader(ServerNode node, AofDirectory dir, AofSettings settings, AofRdbCodec rdb, List<AofManifest.Entry> files,
      long totalBytes, long baseSize, Status early) {
    this.node = node;
    this.dir = dir;
    this.settings = settings;
    this.rdb = rdb;
    this.clock = node.context().clock();
    this.files = files;
    this.totalBytes = totalBytes;
    this.baseSize = baseSize;
    this.status = early;
    this.lastProgressNanos = clock.nanoTime();
  }

  /**
   * Prepares loading the files {@code manifest} names: checks that they exist and sums their
   * sizes (the loading progress), as {@code loadAppendOnlyFiles} does before reading any.
   *
   * @throws AofLoadException if a file the manifest names is missing
   */
  public static AofLoader open(ServerNode node, AofDirectory dir, AofSettings settings, AofRdbCodec rdb, AofManifest manifest)
      throws AofLoadException {
    if (manifest.isEmpty()) {
      return new AofLoader(node, dir, settings, rdb, List.of(), 0, 0, Status.NOT_EXIST);
    }
    List<AofManifest.Entry> files = manifest.loadOrder();
    long total = 0;
    long base = 0;
    for (AofManifest.Entry e : files) {
      long size;
      try {
        size = dir.size(e.fileName());
      } catch (IOException x) {
        log.warn("Unable to obtain the AOF file {} length. stat: {}", e.fileName(), x.getMessage());
        throw new AofLoadException("Unable to obtain the AOF file " + e.fileName() + " length: " + x.getMessage(), e.fileName(), -1, x);
      }
      if (size < 0) {
        log.warn("Unable to obtain the AOF file {} length. stat: No such file or directory", e.fileName());
        throw new AofLoadException("The AOF file " + e.fileName() + " named in the manifest does not exist in " + dir.dir(),
            e.fileName(), -1, null);
      }
      if (e.type() == AofManifest.Type.BASE) {
        base = size;
      }
      total += size;
    }
    if (total == 0) {
      return new AofLoader(node, dir, settings, rdb, files, 0, base, Status.EMPTY);
    }
    return new AofLoader(node, dir, settings, rdb, files, total, base, null);
  }

  /** Bytes of all the files to load (Redis's {@code loading_total_bytes}). */
  public long totalBytes() {
    return totalBytes;
  }

  /** Bytes loaded so far ({@code loading_loaded_bytes}). */
  public long loadedBytes() {
    return loadedBytes + (reader == null ? 0 : reader.position());
  }

  /** The base file's size ({@code aof_rewrite_base_size} after a restart). */
  public long baseSize() {
    return baseSize;
  }

  /** How the load ended, or {@code null} while it goes on. */
  public Status status() {
    return status;
  }

  /**
   * Loads up to {@code maxCommands} more commands (an RDB base counts as one); returns whether
   * loading has finished.
   */
  public boolean step(int maxCommands) throws AofLoadException {
    if (status != null) {
      return true;
    }
    if (client == null) {
      client = new AofReplayClient(node);
    }
    try {
      int budget = maxCommands;
      while (budget > 0 && status == null) {
        if (reader == null) {
          if (++fileIndex == files.size()) {
            finish(Status.OK);
            break;
          }
          openFile();
          budget--;
        } else {
          budget -= runCommands(budget);
        }
      }
      return status != null;
    } catch (AofLoadException e) {
      close();
      throw e;
    }
  }

  private AofManifest.Entry current() {
    return files.get(fileIndex);
  }

  private boolean lastFile() {
    return fileIndex == files.size() - 1;
  }

  private void openFile() throws AofLoadException {
    AofManifest.Entry e = current();
    Path p = dir.path(e.fileName());
    fileStartNanos = clock.nanoTime();
    client.startFile();
    validUpTo = 0;
    validBeforeMulti = 0;
    try {
      FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
      reader = new AofCommandReader(ch);
      if (reader.size() == 0) {
        endFile(); // an empty file: nothing to load (AOF_EMPTY, fine for incr files)
        return;
      }
      if (reader.startsWithRdb()) {
        boolean oldStyle = e.fileName().equals(settings.filename);
        log.info(oldStyle ? "Reading RDB preamble from AOF file..." : "Reading RDB base file on AOF loading...");
        try {
          long rdbLength = rdb.load(node.keyspace(), reader.asInputStream());
          reader.seek(rdbLength); // the RDB loader reads ahead: commands resume where the RDB ends
        } catch (IOException | RuntimeException x) {
          log.warn(oldStyle ? "Error reading the RDB preamble of the AOF file {}, AOF loading aborted"
              : "Error reading the RDB base file {}, AOF loading aborted", e.fileName());
          throw new AofLoadException("Error reading the RDB " + (oldStyle ? "preamble of the AOF file " : "base file ") + e.fileName()
              + ": " + x.getMessage(), e.fileName(), reader.position(), x);
        }
        validUpTo = reader.position();
        if (oldStyle) {
          log.info("Reading the remaining AOF tail...");
        }
      }
    } catch (IOException x) {
      log.warn("Fatal error: can't open the append log file {} for reading: {}", e.fileName(), x.getMessage());
      throw new AofLoadException("Can't open the append log file " + e.fileName() + " for reading: " + x.getMessage(),
          e.fileName(), -1, x);
    }
  }

  /** Runs up to {@code budget} commands of the current file; returns how many (the file's end counts as one). */
  private int runCommands(int budget) throws AofLoadException {
    AofManifest.Entry e = current();
    for (int i = 0; i < budget; i++) {
      byte[][] argv;
      try {
        argv = reader.next();
      } catch (AofCommandReader.Truncated t) {
        truncated(e, t.getMessage());
        return i + 1;
      } catch (AofCommandReader.Corrupt c) {
        log.warn("Bad file format reading the append only file {}: make a backup of your AOF file, then use "
            + "./redis-check-aof --fix <filename.manifest>", e.fileName());
        throw new AofLoadException("Bad file format reading the append only file " + e.fileName() + " at offset "
            + c.offset + ": " + c.getMessage(), e.fileName(), c.offset, null);
      } catch (IOException x) {
        log.warn("Unrecoverable error reading the append only file {}: {}", e.fileName(), x.getMessage());
        throw new AofLoadException("Unrecoverable error reading the append only file " + e.fileName() + ": " + x.getMessage(),
            e.fileName(), reader.position(), x);
      }
      if (argv == null) {
        if (client.inMulti()) {
          // A MULTI without its EXEC at the end is a cut-short transaction: its commands were
          // only queued, so dropping them and cutting the file before the MULTI is exact.
          log.warn("Revert incomplete MULTI/EXEC transaction in AOF file {}", e.fileName());
          client.discardMulti();
          validUpTo = validBeforeMulti;
          truncated(e, "the file ends inside a MULTI/EXEC transaction");
          return i + 1;
        }
        endFile();
        return i + 1;
      }
      int argc = reader.argc();
      if (client.isMulti(argv)) {
        validBeforeMulti = validUpTo;
      }
      AofReplayClient.Outcome o = client.run(argv, argc);
      if (o == AofReplayClient.Outcome.UNKNOWN_COMMAND) {
        String name = new String(argv[0], StandardCharsets.UTF_8);
        log.warn("Unknown command '{}' reading the append only file {}", name, e.fileName());
        throw new AofLoadException("Unknown command '" + name + "' reading the append only file " + e.fileName(),
            e.fileName(), validUpTo, null);
      }
      validUpTo = reader.position();
      if ((++commands & 1023) == 0) {
        progress();
      }
    }
    return budget;
  }

  /** A load that takes more than a second says how far it is, once a second. */
  private void progress() {
    long now = clock.nanoTime();
    if (now - lastProgressNanos >= 1_000_000_000L) {
      lastProgressNanos = now;
      log.info("Loading AOF: {}% ({} of {} bytes, file {})",
          String.format(Locale.ROOT, "%.1f", totalBytes == 0 ? 100.0 : 100.0 * loadedBytes() / totalBytes), loadedBytes(), totalBytes,
          current().fileName());
    }
  }

  /**
   * The current file ended inside a command (or a transaction): loadable only as the last file
   * with {@code aof-load-truncated yes}, and then cut back to {@link #validUpTo}.
   */
  private void truncated(AofManifest.Entry e, String detail) throws AofLoadException {
    long fileSize = reader.size();
    if (!settings.loadTruncated) {
      log.warn("Unexpected end of file reading the append only file {}. You can: 1) Make a backup of your AOF file, then use "
          + "./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can set the 'aof-load-truncated' configuration "
          + "option to yes and restart the server.", e.fileName());
      throw new AofLoadException("Unexpected end of file reading the append only file " + e.fileName() + " (" + detail
          + "; the last complete command ends at offset " + validUpTo + " of " + fileSize + ")", e.fileName(), validUpTo, null);
    }
    if (!lastFile()) {
      log.warn("Fatal error: the truncated file is not the last file");
      throw new AofLoadException("The AOF file " + e.fileName() + " is truncated (" + detail + "; the last complete command ends at offset "
          + validUpTo + " of " + fileSize + ") but is not the last file", e.fileName(), validUpTo, null);
    }
    log.warn("!!! Warning: short read while loading the AOF file {}!!!", e.fileName());
    log.warn("!!! Truncating the AOF {} at offset {} !!!", e.fileName(), validUpTo);
    try (FileChannel ch = FileChannel.open(dir.path(e.fileName()), StandardOpenOption.WRITE)) {
      ch.truncate(validUpTo);
      ch.force(true);
    } catch (IOException x) {
      log.warn("Error truncating the AOF file {}: {}", e.fileName(), x.getMessage());
      throw new AofLoadException("Error truncating the AOF file " + e.fileName() + ": " + x.getMessage(), e.fileName(), validUpTo, x);
    }
    log.warn("AOF {} loaded anyway because aof-load-truncated is enabled", e.fileName());
    endFile();
    finish(Status.TRUNCATED);
  }

  private void endFile() throws AofLoadException {
    AofManifest.Entry e = current();
    loadedBytes += reader.size();
    try {
      reader.close();
    } catch (IOException x) {
      log.debug("Closing {}: {}", e.fileName(), x.getMessage());
    }
    reader = null;
    double secs = (clock.nanoTime() - fileStartNanos) / 1e9;
    log.info("DB loaded from {} file {}: {} seconds", e.type() == AofManifest.Type.BASE ? "base" : "incr", e.fileName(),
        String.format(Locale.ROOT, "%.3f", secs));
  }

  private void finish(Status s) {
    status = s;
    close();
  }

  /** Stops loading (also after a failure): the node leaves its loading state. */
  @Override
  public void close() {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException x) {
        log.debug("Closing the AOF file: {}", x.getMessage());
      }
      reader = null;
    }
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
