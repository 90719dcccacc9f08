package io.haredis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the same two-connection script against our node and a real redis-server and requires
 * the same bytes for every reply and every pushed message (pub/sub, blocking pops).
 */
public final class TwoClientScript {

  private TwoClientScript() {}

  /**
   * Steps: {@code "<conn><n> cmd args"}: on connection A or B send the command and read n
   * replies (n may be 0); {@code "<conn><n>"} alone reads n more (messages pushed meanwhile).
   * A {@code ~} after n compares the n replies (and each array) as unordered, where Redis leaves
   * the order unspecified; a {@code !} reads without comparing (replies with client ids).
   */
  public static void run(RedisServer ours, RealRedis redis, String... steps) {
    try (RawRespClient a1 = new RawRespClient(ours.address().host(), ours.address().port());
         RawRespClient b1 = new RawRespClient(ours.address().host(), ours.address().port());
         RawRespClient a2 = new RawRespClient(redis.host(), redis.port());
         RawRespClient b2 = new RawRespClient(redis.host(), redis.port())) {
      List<String> log = new ArrayList<>();
      for (String step : steps) {
        String[] w = step.split(" ");
        boolean onA = w[0].charAt(0) == 'A';
        boolean unordered = w[0].endsWith("~");
        boolean ignore = w[0].endsWith("!");
        int n = Integer.parseInt(w[0].substring(1).replaceAll("[~!]", ""));
        RawRespClient mine = onA ? a1 : b1;
        RawRespClient theirs = onA ? a2 : b2;
        if (w.length > 1) {
          byte[][] args = new byte[w.length - 1][];
          for (int i = 1; i < w.length; i++) {
            args[i - 1] = w[i].getBytes(StandardCharsets.UTF_8);
          }
          mine.send(args);
          theirs.send(args);
        }
        List<String> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          String x = mine.readReply();
          String y = theirs.readReply();
          log.add(step + " -> " + RandomCommands.printable(y));
          xs.add(unordered ? RandomCommands.sortArray(x) : x);
          ys.add(unordered ? RandomCommands.sortArray(y) : y);
        }
        if (unordered) {
          xs.sort(null);
          ys.sort(null);
        }
        if (!ignore) {
          assertThat(RandomCommands.printable(String.join("", xs))).as("step '%s' after:\n  %s", step, String.join("\n  ", log))
              .isEqualTo(RandomCommands.printable(String.join("", ys)));
        }
      }
    }
  }
}
