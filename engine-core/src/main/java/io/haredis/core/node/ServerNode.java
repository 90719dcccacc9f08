package io.haredis.core.node;

import io.haredis.api.RedisClient;
import io.haredis.api.RedisException;
import io.haredis.api.RedisServer;
import io.haredis.api.time.Scheduler;
import io.haredis.api.transport.Acceptor;
import io.haredis.api.transport.Address;
import io.haredis.api.transport.Listener;
import io.haredis.api.transport.Transport;
import io.haredis.core.client.ClientRegistry;
import io.haredis.core.client.ClientState;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.Dispatcher;
import io.haredis.core.commands.CoreCommands;
import io.haredis.core.commands.MonitorFeed;
import io.haredis.core.config.ConfigTable;
import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.repl.Propagator;
import io.haredis.core.repl.ReplicationLog;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis server node: keyspace, command table, replication log and clients, all owned by one
 * event loop (see {@link NodeContext}). Built by {@link ServerBuilder}.
 *
 * <p>Everything but {@link #close()}, {@link #address()} and {@link #client()} runs on the
 * loop. Roles and features outside engine-core (replication, cluster) plug in through the
 * command table and {@link NodeHooks}.
 */
public final class ServerNode implements RedisServer {

  private static final Logger log = LoggerFactory.getLogger(ServerNode.class);

  private final NodeContext ctx;
  private final ConfigTable config;
  private final ServerSettings settings;
  private final Transport transport;
  private final AutoCloseable ownedLoop;
  private final String runId;
  private final long startMillis;
  private final Keyspace keyspace;
  private final ReplicationLog replicationLog;
  private final Propagator propagator;
  private final Dispatcher dispatcher;
  private final ClientRegistry clients = new ClientRegistry();
  private final ServerStats stats = new ServerStats();
  private final Slowlog slowlog;
  private final Pauses pauses;
  private final MonitorFeed monitors;
  private final NodeHooks hooks = new NodeHooks();
  private final WatchedKeys watches = new WatchedKeys();
  private final PubSub pubsub = new PubSub(this);
  private final BlockedClients blocking = new BlockedClients(this);
  private final KeyspaceNotifier notifier;
  private final java.util.LinkedHashSet<ClientState> pendingFlush = new java.util.LinkedHashSet<>();
  private final List<Runnable> shutdownHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicBoolean shutdownHooksRan = new java.util.concurrent.atomic.AtomicBoolean();
  private final List<Listener> listeners = new ArrayList<>();
  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private final String configFile;
  private final InProcessClient inProcessClient;
  private final io.haredis.core.persist.BackgroundIo bio;
  private final io.haredis.core.persist.RdbSaver rdb;
  private final io.haredis.core.persist.aof.AppendOnlyFile aof;
  private Scheduler.Cancellable cron;
  private volatile Address address;
  private volatile boolean closed;
  private long dirty;
  private long lastSaveSeconds;
  private io.haredis.core.persist.DatasetLoading loader;
  private volatile boolean noFinalSave;
  private long cronLoops;

  ServerNode(NodeContext ctx, ConfigTable config, ServerSettings settings, Transport transport, AutoCloseable ownedLoop, String configFile) {
    this.ctx = ctx;
    this.config = config;
    this.settings = settings;
    this.notifier = new KeyspaceNotifier(settings, pubsub);
    this.transport = transport;
    this.ownedLoop = ownedLoop;
    this.configFile = configFile;
    this.runId = ReplicationLog.randomId(ctx.random());
    this.startMillis = ctx.clock().currentTimeMillis();
    this.lastSaveSeconds = startMillis / 1000;
    this.keyspace = new Keyspace(settings.databases, ctx.clock(), ctx.random());
    keyspace.accessPolicy(settings.access);
    this.replicationLog = new ReplicationLog((int) Math.min(Integer.MAX_VALUE - 16, settings.replBacklogSize), ctx.random());
    this.propagator = new Propagator(replicationLog);
    CommandTable table = CoreCommands.table();
    this.dispatcher = new Dispatcher(this, table, ctx.clock());
    this.slowlog = new Slowlog(settings, this);
    this.pauses = new Pauses(this);
    this.monitors = new MonitorFeed(this);
    keyspace.listener(new io.haredis.core.keyspace.KeyspaceListener() {
      @Override
      public void keyExpired(Database db, byte[] key) {
        watches.touch(db, key, 0, key.length); // an expired watched key counts as changed
        notifier.notify(KeyspaceEvent.EXPIRED_EVENT, key, db.index());
        // Redis's propagateDeletion: an expired key leaves the replicas and the AOF as a DEL.
        propagator.begin();
        propagator.add(db.index(), new byte[][] {{'D', 'E', 'L'}, key});
        propagator.end();
      }

      @Override
      public void keyAdded(Database db, byte[] key) {
        blocking.signalKeyAsReady(db, key);
        notifier.notify(KeyspaceEvent.NEW_KEY, key, db.index()); // Redis's dbAdd fires "new"
      }
    });
    this.inProcessClient = new InProcessClient(this);
    this.bio = new io.haredis.core.persist.BackgroundIo("haredis-bio-" + settings.port);
    this.rdb = new io.haredis.core.persist.RdbSaver(this, bio);
    this.aof = new io.haredis.core.persist.aof.AppendOnlyFile(this, settings.aof, bio::submit);
    io.haredis.core.persist.aof.AofWiring.wire(this, rdb, aof);
  }

  /** Binds listeners and starts the cron; called once by the builder, off the loop. */
  void start() {
    // Clients that connect before a load has begun get -LOADING too, never an empty dataset
    // (redis-server reads its files before it handles any client event).
    loader = new StartupPending(clockMillis() / 1000);
    // Binding waits for the transport, so it runs on the caller's thread, never on the loop.
    try {
      bindListeners();
    } catch (RuntimeException e) {
      close();
      throw e instanceof RedisException re ? re : new RedisException(e.getMessage(), e);
    }
    try {
      CompletableFuture<Void> aofLoaded = call(aof::loadOnStartInSteps);
      if (ownedLoop instanceof NodeLoop) {
        aofLoaded.join();
      }
    } catch (RuntimeException e) {
      noFinalSave = true; // a refused AOF leaves every file on disk as it was
      close();
      Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
      throw cause instanceof RedisException re ? re : new RedisException(cause.getMessage(), cause);
    }
    ctx.loop().execute(this::scheduleCron);
    log.info("Server initialized, ready to accept connections on {} (run id {})", address, runId);
    loadDataAtStartup();
  }

  /**
   * Redis's {@code loadDataFromDisk}: the RDB file in {@code dir}, if there is one. Clients can
   * connect meanwhile and get {@code -LOADING}; the caller waits for the end of the load (unless
   * the loop is a simulated one the caller drives). A file that cannot be loaded stops the node,
   * as it stops redis-server.
   */
  private void loadDataAtStartup() {
    if (aof.enabled()) {
      endStartupPending(); // the AOF was loaded instead, as Redis loads the AOF when appendonly is on
      return;
    }
    java.nio.file.Path file = java.nio.file.Path.of(settings.dir).resolve(settings.dbfilename);
    if (!java.nio.file.Files.exists(file)) {
      endStartupPending();
      return;
    }
    CompletableFuture<Void> done = call(() -> io.haredis.core.persist.RdbLoading.start(this, file));
    if (!(ownedLoop instanceof NodeLoop)) {
      return;
    }
    try {
      done.get();
    } catch (java.util.concurrent.ExecutionException e) {
      log.warn("Terminating server after rdb file reading failure.");
      noFinalSave = true; // the file on disk stays as it is
      close();
      throw new RedisException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      noFinalSave = true;
      close();
      throw new RedisException("interrupted while loading " + file, e);
    }
  }

  /** The load that is about to begin, as INFO shows it until a loader takes over. */
  private static final class StartupPending implements io.haredis.core.persist.DatasetLoading {
    private final long startSeconds;

    StartupPending(long startSeconds) {
      this.startSeconds = startSeconds;
    }

    @Override
    public void info(StringBuilder b) {
      io.haredis.core.persist.DatasetLoading.info(b, startSeconds, startSeconds, 0, 0, 0);
    }
  }

  /** Nothing (more) to load: clients are served once the loop gets here. */
  private void endStartupPending() {
    call(() -> {
      if (loader instanceof StartupPending) {
        loader = null;
      }
      return null;
    });
  }

  private void bindListeners() {
    List<String> binds = settings.bind;
    int port = settings.port;
    for (String b : binds) {
      boolean optional = b.startsWith("-");
      String host = optional ? b.substring(1) : b;
      host = switch (host) {
        case "*" -> "0.0.0.0";
        case "::*" -> "::";
        default -> host;
      };
      try {
        Listener l = transport.bind(new Address(host, port), ctx.loop(), acceptor());
        listeners.add(l);
        if (port == 0) {
          port = l.address().port(); // every address of one node listens on the same port
        }
      } catch (IOException e) {
        if (optional) {
          log.debug("Skipping optional bind address {}: {}", host, e.getMessage());
          continue;
        }
        throw new RedisException("Failed listening on port " + port + " (tcp), aborting. " + e.getMessage(), e);
      }
    }
    if (listeners.isEmpty()) {
      throw new RedisException("Failed listening on any bind address: " + binds);
    }
    Address first = listeners.get(0).address();
    String host = first.host().equals("0.0.0.0") || first.host().equals("::") ? "127.0.0.1" : first.host();
    this.address = new Address(host, first.port());
  }

  private Acceptor acceptor() {
    return conn -> {
      ClientState c = newClient(conn);
      ClientHandler h = new ClientHandler(this, c);
      c.attachment(h);
      stats.connectionsReceived++;
      if (clients.size() > settings.maxClients) {
        c.reply().error("ERR max number of clients reached");
        stats.rejectedConnections++;
        c.closeAfterReply(true);
        conn.setReadEnabled(false);
        ctx.loop().execute(h::flush);
      } else if (deniedByProtectedMode(conn.remoteAddress())) {
        c.reply().error(PROTECTED_MODE_DENIED);
        stats.rejectedConnections++;
        c.closeAfterReply(true);
        ctx.loop().execute(h::flush);
      }
      return h;
    };
  }

  private static final String PROTECTED_MODE_DENIED = "DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. 3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. 4) Set up an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.";

  private boolean deniedByProtectedMode(Address peer) {
    if (!settings.protectedMode || !settings.requirePass.isEmpty()) {
      return false;
    }
    // Redis applies protected mode only when no bind address was configured (bind-all).
    boolean bindAll = settings.bind.stream().anyMatch(b -> b.equals("*") || b.equals("-::*") || b.equals("0.0.0.0"));
    if (!bindAll) {
      return false;
    }
    try {
      return !InetAddress.getByName(peer.host()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return true;
    }
  }

  ClientState newClient(io.haredis.api.transport.Connection conn) {
    ClientState c = new ClientState(clients.nextId(), conn, conn == null ? alloc : conn.alloc(), stats::countError, ctx.clock().currentTimeMillis());
    c.db(keyspace.db(0));
    c.authenticated(!authRequired());
    clients.add(c);
    return c;
  }

  private void scheduleCron() {
    long period = Math.max(1, 1000 / settings.hz);
    cron = ctx.loop().schedule(this::serverCron, period, TimeUnit.MILLISECONDS);
  }

  /** Redis's {@code serverCron}: expiry, rehashing, pauses, client timeouts. */
  private void serverCron() {
    if (closed) {
      return;
    }
    cronLoops++;
    try {
      long now = keyspace.refreshNow();
      pauses.cron(now);
      stats.trackInstantaneous(now);
      keyspace.activeExpireCycle(settings.hz);
      keyspace.rehashCron();
      clientsCron(now);
      rdb.cron();
      aof.cron();
      hooks.runCron(this);
    } catch (RuntimeException e) {
      log.error("serverCron failed", e);
    } finally {
      scheduleCron();
    }
  }

  private void clientsCron(long now) {
    List<ClientState> idle = null;
    for (ClientState c : clients.all()) {
      if (settings.timeoutSeconds > 0 && c.connection() != null && !c.paused() && !monitors.contains(c)
          && now - c.lastInteractionMillis() > settings.timeoutSeconds * 1000) {
        if (idle == null) {
          idle = new ArrayList<>();
        }
        idle.add(c);
      }
      c.query().trimIfIdle(32 * 1024);
    }
    if (idle != null) {
      for (ClientState c : idle) {
        log.debug("Closing idle client id={}", c.id());
        closeClient(c);
      }
    }
  }

  // ---- clients --------------------------------------------------------------------------

  /** Closes a client now (CLIENT KILL, limits). Its pending replies are flushed first. */
  public void closeClient(ClientState c) {
    if (c.closed()) {
      return;
    }
    c.markClosed();
    if (c.connection() != null) {
      io.netty.buffer.ByteBuf out = c.takeOutput();
      if (out != null) {
        if (aof.beforeRepliesFlushed()) {
          c.connection().write(out);
        } else {
          out.release(); // its writes are not on disk: not acknowledged
        }
      }
      c.connection().close();
    }
    clientDisconnected(c);
  }

  void clientDisconnected(ClientState c) {
    c.markClosed();
    if (clients.get(c.id()) == c) {
      clients.remove(c);
      watches.unwatchAll(c);
      pubsub.unsubscribeAll(c);
      blocking.unblock(c);
      pendingFlush.remove(c);
      hooks.clientClosed(c);
      c.release();
    }
  }

  /** Writes a client's pending output now: replies produced outside its own request (MONITOR). */
  public void flushOutput(ClientState c) {
    if (!c.closed() && c.connection() != null && c.attachment() instanceof ClientHandler h) {
      h.flush();
    }
  }

  /** Continues a client whose command was postponed (CLIENT UNPAUSE). */
  void resume(ClientState c) {
    if (!c.closed() && c.attachment() instanceof ClientHandler h) {
      ctx.loop().execute(h::resume);
    }
  }

  // ---- accessors for commands -----------------------------------------------------------

  public NodeContext context() {
    return ctx;
  }

  public ConfigTable config() {
    return config;
  }

  public ServerSettings settings() {
    return settings;
  }

  public Keyspace keyspace() {
    return keyspace;
  }

  public Database db(int index) {
    return keyspace.db(index);
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  public ReplicationLog replicationLog() {
    return replicationLog;
  }

  public Propagator propagator() {
    return propagator;
  }

  /** The append-only file (on or off). */
  public io.haredis.core.persist.aof.AppendOnlyFile aof() {
    return aof;
  }

  public ClientRegistry clients() {
    return clients;
  }

  public ServerStats stats() {
    return stats;
  }

  public Slowlog slowlog() {
    return slowlog;
  }

  public Pauses pauses() {
    return pauses;
  }

  /** Clients in MONITOR mode. */
  public MonitorFeed monitors() {
    return monitors;
  }

  public NodeHooks hooks() {
    return hooks;
  }

  /** Clients blocked on keys (BLPOP and friends). */
  public BlockedClients blocking() {
    return blocking;
  }

  /** Keyspace notifications ({@code notify-keyspace-events}). */
  public KeyspaceNotifier notifier() {
    return notifier;
  }

  /** Channel, pattern and shard subscriptions. */
  public PubSub pubsub() {
    return pubsub;
  }

  /**
   * Flushes a client's output after the current task (a pub/sub message written into another
   * client's buffer): many messages to one subscriber leave in one write.
   */
  void flushOutputLater(ClientState c) {
    if (pendingFlush.isEmpty()) {
      ctx.loop().execute(() -> {
        List<ClientState> due = new ArrayList<>(pendingFlush);
        pendingFlush.clear();
        for (ClientState x : due) {
          flushOutput(x);
        }
      });
    }
    pendingFlush.add(c);
  }

  /** WATCH bookkeeping. */
  public WatchedKeys watches() {
    return watches;
  }

  public String runId() {
    return runId;
  }

  public long startMillis() {
    return startMillis;
  }

  public long cronLoops() {
    return cronLoops;
  }

  /** Path of the config file the node was started from, or {@code null}. */
  public String configFile() {
    return configFile;
  }

  public List<Listener> listeners() {
    return listeners;
  }

  /** Wall-clock now from the node's clock. */
  public long clockMillis() {
    return ctx.clock().currentTimeMillis();
  }

  public boolean authRequired() {
    return !settings.requirePass.isEmpty();
  }

  /** Changes since the last save ({@code rdb_changes_since_last_save}). */
  public long dirty() {
    return dirty;
  }

  public void addDirty(long n) {
    dirty += n;
  }

  public long lastSaveSeconds() {
    return lastSaveSeconds;
  }

  /** Whether the dataset is being loaded (commands without the {@code loading} flag get -LOADING). */
  public boolean loading() {
    return loader != null;
  }

  /** The load in progress, or {@code null}. */
  public io.haredis.core.persist.DatasetLoading loader() {
    return loader;
  }

  public void loader(io.haredis.core.persist.DatasetLoading l) {
    this.loader = l;
  }

  public void lastSaveSeconds(long unixSeconds) {
    this.lastSaveSeconds = unixSeconds;
  }

  /** SAVE/BGSAVE and the save points. */
  public io.haredis.core.persist.RdbSaver rdb() {
    return rdb;
  }

  /** The node's background I/O thread (file writes and fsyncs off the loop). */
  public io.haredis.core.persist.BackgroundIo bio() {
    return bio;
  }

  // ---- RedisServer ----------------------------------------------------------------------

  @Override
  public Address address() {
    return address;
  }

  @Override
  public RedisClient client() {
    return inProcessClient;
  }

  /**
   * Runs one command through the in-process client and returns the raw RESP reply, as a
   * network client would receive it (tests and tools).
   */
  public byte[] executeRaw(Object... args) {
    return inProcessClient.executeRaw(args);
  }

  /** Runs {@code task} on the node's loop and waits for it (tests, embedding helpers). */
  public <T> T call(java.util.concurrent.Callable<T> task) {
    if (ctx.loop().inLoop()) {
      try {
        return task.call();
      } catch (Exception e) {
        throw new RedisException(e.getMessage(), e);
      }
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    ctx.loop().execute(() -> {
      try {
        f.complete(task.call());
      } catch (Throwable t) {
        f.completeExceptionally(t);
      }
    });
    return f.join();
  }

  /**
   * Runs {@code hook} once when the node has closed, whether by {@link #close()} or by the
   * SHUTDOWN command (a launcher exits the process from here). Runs on the thread that closed
   * the node, or once the loop has stopped after SHUTDOWN; never on the node's loop while it
   * still serves.
   */
  public void onShutdown(Runnable hook) {
    shutdownHooks.add(java.util.Objects.requireNonNull(hook, "hook"));
  }

  private void runShutdownHooks() {
    if (!shutdownHooksRan.compareAndSet(false, true)) {
      return;
    }
    bio.close(); // lets file jobs already queued finish
    for (Runnable r : shutdownHooks) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.warn("Shutdown hook failed", e);
      }
    }
  }

  /** Loop side of closing: cron, listeners, clients (their pending replies are flushed). */
  private void closeOnLoop() {
    if (cron != null) {
      cron.cancel();
    }
    rdb.abortBackground("the server is shutting down");
    for (Listener l : listeners) {
      l.close();
    }
    for (ClientState c : new ArrayList<>(clients.all())) {
      closeClient(c);
    }
    aof.close();
  }

  /**
   * SHUTDOWN: closes the node from its own loop without blocking it. The command schedules this
   * on the loop after its reply, so the reply is the last thing the clients get; the loop (if
   * the node owns it) then stops, and the {@link #onShutdown} hooks run once it has.
   */
  public void shutdownFromLoop() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      closeOnLoop();
    } catch (RuntimeException e) {
      log.debug("Error while closing", e);
    }
    log.info("Redis is now ready to exit, bye bye...");
    if (ownedLoop instanceof NodeLoop nl) {
      nl.shutdownAsync(this::runShutdownHooks);
    } else {
      if (ownedLoop != null) {
        try {
          ownedLoop.close();
        } catch (Exception e) {
          log.debug("Error while stopping the loop", e);
        }
      }
      runShutdownHooks();
    }
  }

  /** Stops accepting, closes the clients and stops the loop if the node owns it. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      call(() -> {
        // As redis-server on SIGTERM: a final snapshot when save points are configured.
        rdb.abortBackground("the server is shutting down");
        if (rdb.savePointsConfigured() && !noFinalSave) {
          log.info("Saving the final RDB snapshot before exiting.");
          if (!rdb.saveNow()) {
            log.warn("Error trying to save the DB before exiting: the last changes are not on disk");
          }
        }
        closeOnLoop();
        return null;
      });
    } catch (RuntimeException e) {
      log.debug("Error while closing", e);
    }
    if (ownedLoop != null) {
      try {
        ownedLoop.close();
      } catch (Exception e) {
        log.debug("Error while stopping the loop", e);
      }
    }
    log.info("Redis is now ready to exit, bye bye...");
    runShutdownHooks();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }
}
