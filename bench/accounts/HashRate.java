import io.xphoto.accounts.PasswordHasher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The baseline of the /signin benchmark: the raw Argon2id rate of io.xphoto.accounts.PasswordHasher
 * (the server's own class, so the same parameters), one thread per core, each verifying the password
 * against a stored hash in a loop, as one sign-in does, for S seconds after a short warm-up.
 * Prints: verifications/s.
 */
public class HashRate {
  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    long seconds = Long.parseLong(args[1]);
    String stored = PasswordHasher.hash("bench-password");
    for (int i = 0; i < 10; i++) {
      PasswordHasher.verify("bench-password", stored);
    }
    LongAdder verified = new LongAdder();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        while (System.nanoTime() < end) {
          if (!PasswordHasher.verify("bench-password", stored)) {
            throw new IllegalStateException("the password does not verify");
          }
          verified.increment();
        }
      });
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("%.2f%n", verified.sum() / elapsed);
  }
}
