import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The baseline of the upload benchmark: writes the same bytes as files into a directory the way the
 * local backend does (temporary file, then atomic rename), from N threads for S seconds (after one second not counted).
 * Prints: files/s, MB/s, p99 ms.
 */
public class DiskWrite {
  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    byte[] bytes = Files.readAllBytes(Path.of(args[1]));
    int threads = Integer.parseInt(args[2]);
    long seconds = Long.parseLong(args[3]);
    // One second of writes first, not counted, so that the measured ones run compiled (as the server's do).
    long measuredFrom = System.nanoTime() + 1_000_000_000L;
    long end = measuredFrom + seconds * 1_000_000_000L;
    LongAdder files = new LongAdder();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          int i = 0;
          while (System.nanoTime() < end) {
            long start = System.nanoTime();
            Path temporary = Files.createTempFile(dir, ".upload-", ".tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, dir.resolve(Thread.currentThread().getId() + "-" + i++ + ".jpg"), StandardCopyOption.ATOMIC_MOVE);
            if (start >= measuredFrom) {
              latencies.add(System.nanoTime() - start);
              files.increment();
            }
          }
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    double perSecond = files.sum() / (double) seconds;
    double p99 = sorted.get((int) (sorted.size() * 0.99)) / 1e6;
    System.out.printf("%.1f %.2f %.3f%n", perSecond, perSecond * bytes.length / 1e6, p99);
  }
}
