package io.ferry.cli.bundle;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress of a transfer of a known number of bytes: a bar redrawn in place with bytes per second
 * and ETA when standard error is a terminal, a plain line every ten percent otherwise (logs, CI).
 * Thread-safe: parallel transfers report into one instance.
 */
final class Progress {

  private final PrintWriter out;
  private final String label;
  private final boolean terminal;
  private final LongSupplier clock;
  private volatile long started;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private volatile long total;
  private volatile long lastDraw;
  private volatile int lastTenth = -1;
  private final AtomicBoolean finished = new AtomicBoolean();

  Progress(PrintWriter out, String label, boolean terminal) {
    this(out, label, terminal, System::nanoTime);
  }

  /** With {@code clock} in nanoseconds, as {@link System#nanoTime} (tests move their own). */
  Progress(PrintWriter out, String label, boolean terminal, LongSupplier clock) {
    this.out = out;
    this.label = label;
    this.terminal = terminal;
    this.clock = clock;
    this.started = clock.getAsLong();
  }

  /**
   * Whether standard error, where progress goes, is a terminal a bar can be redrawn on. Linux names
   * the terminal behind {@code /proc/self/fd/2}; elsewhere the JVM's console (standard input and
   * output on a terminal) is the best guess.
   */
  static boolean onTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** The size of the transfer, known when it starts: rates count from here. */
  void total(long bytes) {
    total = bytes;
    started = clock.getAsLong();
  }

  /** Counts bytes moved; called from every transferring thread at once. */
  void add(long bytes) {
    done.addAndGet(bytes);
    draw(false);
  }

  /**
   * Counts bytes that need no moving (a blob the target has): they fill the bar but are not part of
   * the rate, which says how fast bytes move.
   */
  void skip(long bytes) {
    skipped.addAndGet(bytes);
    add(bytes);
  }

  long done() {
    return done.get();
  }

  /**
   * Draws the count as it is inside the lock, so a thread that added earlier but drew later never
   * moves the bar back.
   */
  private synchronized void draw(boolean last) {
    long now = done.get();
    long t = clock.getAsLong();
    long all = Math.max(total, 1);
    if (terminal) {
      if (!last && t - lastDraw < 200_000_000L) {
        return;
      }
      lastDraw = t;
      out.print("\r" + line(now, all, t) + "   ");
      if (last) {
        out.println();
      }
      out.flush();
    } else {
      int tenth = (int) Math.min(10, now * 10 / all);
      if (tenth > lastTenth || (last && tenth != lastTenth)) { // the end once, not twice
        lastTenth = tenth;
        out.println(line(now, all, t));
        out.flush();
      }
    }
  }

  /** Draws the final count once; later calls do nothing (output may follow the bar). */
  void finish() {
    if (!finished.getAndSet(true)) {
      draw(true);
    }
  }

  private String line(long now, long all, long t) {
    double seconds = Math.max((t - started) / 1e9, 0.001);
    long rate = (long) ((now - skipped.get()) / seconds);
    int width = 30;
    int filled = (int) Math.min(width, now * width / all);
    // Before half a second has passed, or before the first MiB (or 1 %) has moved, a rate says
    // nothing: a few bytes in a few microseconds, or a manifest's 96 bytes while the first blobs
    // are still on their way ("168 B/s ETA 1414h58m").
    long moved = now - skipped.get();
    boolean known = rate > 0 && seconds >= 0.5 && moved >= Math.min(all / 100, 1 << 20);
    String counts =
        String.format(
            Locale.ROOT,
            "%s [%s%s] %3d%% %s/%s",
            label,
            "#".repeat(filled),
            " ".repeat(width - filled),
            now * 100 / all,
            Sizes.bytes(now),
            Sizes.bytes(total));
    if (!known) {
      // A bar keeps its place for the rate; a log line just leaves it out.
      return terminal ? counts + " ?/s ETA ?" : counts;
    }
    return counts
        + " "
        + Sizes.bytes(rate)
        + "/s ETA "
        + Sizes.duration(Duration.ofSeconds((all - now) / rate));
  }
}
