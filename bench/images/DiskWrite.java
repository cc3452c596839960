import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The baseline of the upload benchmark: writes the same bytes as files into a directory the way the
 * local backend does (temporary file forced to the disk, atomic rename, directory forced), from N threads for
 * S seconds (after one second not counted).
 * Prints: files/s, MB/s, p99 ms, and the machine's CPU time (all processes) per file in µs.
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
            String name = Thread.currentThread().getId() + "-" + i++;
            Path temporary = dir.resolve(".upload-" + name + ".tmp");
            try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
              ByteBuffer remaining = ByteBuffer.wrap(bytes);
              while (remaining.hasRemaining()) {
                file.write(remaining);
              }
              file.force(false);
            }
            Files.move(temporary, dir.resolve(name + ".jpg"), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel entries = FileChannel.open(dir, StandardOpenOption.READ)) {
              entries.force(true);
            }
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
    Thread.sleep(Math.max(0, (measuredFrom - System.nanoTime()) / 1_000_000));
    long busyFrom = machineBusyTicks();
    Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
    long busy = machineBusyTicks() - busyFrom;
    for (Thread worker : workers) {
      worker.join();
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    double perSecond = files.sum() / (double) seconds;
    double p99 = sorted.get((int) (sorted.size() * 0.99)) / 1e6;
    double cpuMicrosPerFile = busy * 10_000.0 / files.sum();
    System.out.printf("%.1f %.2f %.3f %.0f%n", perSecond, perSecond * bytes.length / 1e6, p99, cpuMicrosPerFile);
  }

  /** CPU time the whole machine spent busy (kernel threads included), in ticks of 10 ms (Linux's USER_HZ). */
  static long machineBusyTicks() throws java.io.IOException {
    String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long busy = 0;
    for (int field : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
      busy += Long.parseLong(cpu[field]);
    }
    return busy;
  }
}
