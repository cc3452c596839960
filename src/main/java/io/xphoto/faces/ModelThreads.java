package io.xphoto.faces;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run the model calls of one picture side by side (the windows of a tiled detection, the faces
 * of a group photo): one per core, as each model run uses one. Shared by the face workers of a node, daemons.
 */
final class ModelThreads implements AutoCloseable {

  private final ExecutorService threads;

  private ModelThreads(ExecutorService threads) {
    this.threads = threads;
  }

  static ModelThreads perCore() {
    AtomicInteger count = new AtomicInteger();
    return new ModelThreads(Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), runnable -> {
      Thread thread = new Thread(runnable, "xphoto-face-models-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }));
  }

  /** The answers of {@code runs}, in order; a lone run runs on the caller's thread. Blocks until all are done. */
  <T> List<T> all(List<Callable<T>> runs) {
    try {
      if (runs.size() == 1) {
        return List.of(runs.get(0).call());
      }
      List<T> answers = new ArrayList<>(runs.size());
      for (Future<T> run : threads.invokeAll(runs)) {
        answers.add(run.get());
      }
      return answers;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running the face models", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
