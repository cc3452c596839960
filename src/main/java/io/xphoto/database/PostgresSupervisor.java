package io.xphoto.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts the embedded PostgreSQL again whenever its postmaster exits before the server stops: after
 * {@code minDelay}, then twice as long after each attempt that fails (or each postmaster that dies again
 * within {@code maxDelay} of its start), up to {@code maxDelay}. One log line per event. Runs on its own
 * thread: a restart waits for a process.
 */
final class PostgresSupervisor {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresSupervisor.class);

  private final EmbeddedPostgres postgres;
  private final long minDelayMs;
  private final long maxDelayMs;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread supervising = new Thread(task, "embedded-postgres-supervisor");
    supervising.setDaemon(true);
    return supervising;
  });
  private volatile boolean stopped;
  private final AtomicLong restarts = new AtomicLong();
  /** The state below is touched on the supervisor thread only. */
  private long nextDelayMs;
  private long startedAtNanos;
  private long downSinceNanos;

  PostgresSupervisor(EmbeddedPostgres postgres, Duration minDelay, Duration maxDelay) {
    this.postgres = postgres;
    this.minDelayMs = Math.max(1, minDelay.toMillis());
    this.maxDelayMs = Math.max(minDelayMs, maxDelay.toMillis());
    this.nextDelayMs = minDelayMs;
    this.startedAtNanos = System.nanoTime();
  }

  void watch(Process postmaster) {
    // handed over here rather than by thenRunAsync: a stopped executor would throw into the JDK's reaper thread
    postmaster.onExit().thenRun(() -> {
      try {
        thread.execute(() -> exited(postmaster));
      } catch (RejectedExecutionException stopped) {
        // the server is stopping: the exit is its own doing
      }
    });
  }

  /** Restarts done since the server started. */
  long restarts() {
    return restarts.get();
  }

  void stop() {
    stopped = true;
    thread.shutdownNow();
  }

  private void exited(Process postmaster) {
    if (stopped) {
      return;
    }
    downSinceNanos = System.nanoTime();
    if (TimeUnit.NANOSECONDS.toMillis(downSinceNanos - startedAtNanos) >= maxDelayMs) {
      nextDelayMs = minDelayMs;
    }
    LOG.warn("embedded PostgreSQL (pid {}) exited with code {}; restarting it in {} ms",
        postmaster.pid(), postmaster.exitValue(), nextDelayMs);
    scheduleRestart();
  }

  private void scheduleRestart() {
    long delay = nextDelayMs;
    nextDelayMs = Math.min(maxDelayMs, nextDelayMs * 2);
    try {
      thread.schedule(this::restart, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stoppedMeanwhile) {
      // the server is stopping
    }
  }

  private void restart() {
    if (stopped) {
      return;
    }
    try {
      Process postmaster = postgres.restart();
      startedAtNanos = System.nanoTime();
      restarts.incrementAndGet();
      LOG.info("embedded PostgreSQL restarted (pid {}), {} ms after it went down", postmaster.pid(),
          TimeUnit.NANOSECONDS.toMillis(startedAtNanos - downSinceNanos));
      watch(postmaster);
    } catch (IOException | RuntimeException e) {
      if (!stopped) {
        LOG.warn("embedded PostgreSQL did not restart ({}); next attempt in {} ms", e.getMessage(), nextDelayMs);
        scheduleRestart();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
