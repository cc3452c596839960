package io.xphoto.support;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

import java.net.URI;
import java.util.Map;
import java.util.Properties;

/** A real S3 API server in the test JVM (S3Proxy over an in-memory blob store). */
public final class S3Server implements AutoCloseable {

  public static final String ACCESS_KEY = "test-access-key";
  public static final String SECRET_KEY = "test-secret-key-0123456789";

  private final S3Proxy proxy;
  private final int port;

  private S3Server(S3Proxy proxy, int port) {
    this.proxy = proxy;
    this.port = port;
  }

  public static S3Server start() throws Exception {
    int port = Ports.free();
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(BlobStores.create("transient", new Properties()))
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    long deadline = System.currentTimeMillis() + 10_000;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    return new S3Server(proxy, port);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Settings that point a server's storage at this S3 server. */
  public Map<String, String> settings(String bucket) {
    return Map.of(
        "storage", "s3",
        "s3.endpoint", endpoint(),
        "s3.bucket", bucket,
        "s3.access-key", ACCESS_KEY,
        "s3.secret-key", SECRET_KEY);
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping S3Proxy", e);
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop", e);
    }
  }
}
