package io.xphoto.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The one place the server's own series ({@code xphoto_...}) are named and counted, and the registry that
 * Vert.x's own meters (HTTP server per route template, event bus, pools, JVM) go to. One per server (so that
 * several servers in one JVM, as in the tests, each count their own), found by the verticles through
 * {@link #of(Vertx)}. With {@code metrics.enabled=false} Vert.x collects nothing and the counters here are
 * Micrometer's no-ops.
 */
public final class Metrics {

  private static final Map<Vertx, Metrics> BY_VERTX = new ConcurrentHashMap<>();
  /** For a Vert.x instance no server attached to (unit-level uses): counts nothing. */
  private static final Metrics NONE = new Metrics(Optional.empty());

  /** Sign-in outcomes ({@link #signin}). */
  public static final String SIGNIN_OK = "ok";
  public static final String SIGNIN_WRONG_PASSWORD = "wrong_password";
  public static final String SIGNIN_THROTTLED = "throttled";
  public static final String SIGNIN_INACTIVE = "inactive";
  /** The right password of an account with TOTP on, without its code. */
  public static final String SIGNIN_SECOND_FACTOR_REQUIRED = "totp_required";
  /** The right password with a wrong, outside-the-window or spent TOTP code or recovery code. */
  public static final String SIGNIN_WRONG_SECOND_FACTOR = "wrong_totp";

  private final Optional<PrometheusMeterRegistry> prometheus;
  private final MeterRegistry registry;
  private final String registryName = "xphoto-" + UUID.randomUUID();
  private final Map<String, Counter> signins = new ConcurrentHashMap<>();
  private final Counter signups;
  private final Counter mailsQueued;
  private final Counter mailsSent;
  private final Counter mailsFailed;
  private final AtomicLong oldestUnsentMailSeconds = new AtomicLong();
  private final Counter uploads;
  private final Counter uploadBytes;
  private final Map<String, Counter> uploadsRefused = new ConcurrentHashMap<>();
  private final Map<String, Counter> faceRequests = new ConcurrentHashMap<>();
  private final Map<String, Timer> faceStages = new ConcurrentHashMap<>();
  private final Counter faceLibraryHits;
  private final Counter faceLibraryLoads;

  private Metrics(Optional<PrometheusMeterRegistry> prometheus) {
    this.prometheus = prometheus;
    this.registry = prometheus.<MeterRegistry>map(r -> r).orElseGet(CompositeMeterRegistry::new);
    signups = counter("xphoto.signups", "Accounts created (xphoto sign-ups and forum registrations)");
    mailsQueued = counter("xphoto.mails.queued", "Mails written to the outbox");
    mailsSent = counter("xphoto.mails.sent", "Outbox mails the SMTP server accepted");
    mailsFailed = counter("xphoto.mails.failed", "Outbox mail deliveries that failed (each is retried)");
    Gauge.builder("xphoto.mail.outbox.oldest.unsent", oldestUnsentMailSeconds, AtomicLong::get).baseUnit("seconds")
        .description("Age of the oldest mail of the outbox not sent yet (0: none), read at each outbox poll")
        .register(registry);
    uploads = counter("xphoto.uploads", "Images stored by uploads");
    uploadBytes = Counter.builder("xphoto.upload").baseUnit("bytes").description("Bytes of the images stored by uploads")
        .register(registry);
    faceLibraryHits = counter("xphoto.face.library.cache.hits", "Searches answered from a cached face library");
    faceLibraryLoads = counter("xphoto.face.library.cache.loads", "Face libraries loaded from the database");
  }

  /** A server's metrics: a Prometheus registry when {@code enabled}, nothing counted otherwise. */
  public static Metrics create(boolean enabled) {
    return enabled ? new Metrics(Optional.of(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) : NONE;
  }

  /** The metrics of the server that runs this Vert.x instance. */
  public static Metrics of(Vertx vertx) {
    return BY_VERTX.getOrDefault(vertx, NONE);
  }

  public boolean enabled() {
    return prometheus.isPresent();
  }

  /** The registry {@code GET /metrics} writes out; empty when metrics are off. */
  public Optional<PrometheusMeterRegistry> prometheus() {
    return prometheus;
  }

  /**
   * A builder of this server's Vert.x instance, its own meters going to this registry: HTTP server requests
   * labelled by the route template vertx-web matched (never the raw path: {@code /objects/*}, not an object's
   * name; an unmatched path has an empty route), method and code; event-bus addresses (replies excluded by
   * Vert.x); pools; the JVM.
   */
  public VertxBuilder vertxBuilder(VertxOptions options) {
    if (prometheus.isEmpty()) {
      return Vertx.builder().with(options);
    }
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName(registryName)
        .setJvmMetricsEnabled(true)
        // TCP-level byte and connection meters repeat the HTTP server's (and would be paid on every read and
        // write of every connection, PostgreSQL's and SMTP's included); datagrams and verticles are not used
        .setDisabledMetricsCategories(Set.of(MetricsDomain.NET_SERVER.name(), MetricsDomain.NET_CLIENT.name(),
            MetricsDomain.DATAGRAM_SOCKET.name(), MetricsDomain.VERTICLES.name()))
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_ADDRESS, Label.EB_SIDE,
            Label.EB_FAILURE, Label.POOL_TYPE, Label.POOL_NAME));
    return Vertx.builder().with(options.setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry));
  }

  /** Makes these the metrics {@link #of} answers for {@code vertx}, until {@link #close}. */
  public void attach(Vertx vertx) {
    if (enabled()) {
      BY_VERTX.put(vertx, this);
    }
  }

  public void close() {
    BY_VERTX.values().removeIf(metrics -> metrics == this);
    if (enabled()) {
      BackendRegistries.stop(registryName);
      registry.close();
    }
  }

  /** One sign-in by password ended: {@link #SIGNIN_OK}, {@link #SIGNIN_WRONG_PASSWORD}... */
  public void signin(String outcome) {
    signins.computeIfAbsent(outcome, o -> Counter.builder("xphoto.signins").tag("outcome", o)
        .description("Sign-ins by password (xphoto and forum), by outcome").register(registry)).increment();
  }

  public void signup() {
    signups.increment();
  }

  public void mailQueued() {
    mailsQueued.increment();
  }

  public void mailSent() {
    mailsSent.increment();
  }

  public void mailFailed() {
    mailsFailed.increment();
  }

  public void oldestUnsentMail(long seconds) {
    oldestUnsentMailSeconds.set(seconds);
  }

  public void uploadStored(long bytes) {
    uploads.increment();
    uploadBytes.increment(bytes);
  }

  /** An upload request refused: {@code reason} is one of a few fixed words (never a client's text). */
  public void uploadRefused(String reason) {
    uploadsRefused.computeIfAbsent(reason, r -> Counter.builder("xphoto.uploads.refused").tag("reason", r)
        .description("Upload requests refused, by reason").register(registry)).increment();
  }

  /** A face operation ({@code detect}, {@code register}, {@code search}) ended with this outcome. */
  public void faceRequest(String operation, String outcome) {
    faceRequests.computeIfAbsent(operation + ' ' + outcome, key -> Counter.builder("xphoto.face.requests")
        .tag("operation", operation).tag("outcome", outcome)
        .description("Face detections, registrations and searches, by outcome").register(registry)).increment();
  }

  /** Runs one stage of the face pipeline ({@code detect}, {@code landmarks}, {@code embed}, {@code search}), timed. */
  public <T> T faceStage(String stage, Supplier<T> work) {
    return faceStages.computeIfAbsent(stage, s -> Timer.builder("xphoto.face.stage").tag("stage", s)
        .description("Time per stage of the face pipeline").register(registry)).record(work);
  }

  public void faceLibraryHit() {
    faceLibraryHits.increment();
  }

  public void faceLibraryLoad() {
    faceLibraryLoads.increment();
  }

  /** The face library cache's size, read from {@code cache} at each scrape. */
  public <T> void faceLibraryCache(T cache, ToDoubleFunction<T> faces, ToDoubleFunction<T> bytes) {
    Gauge.builder("xphoto.face.library.cache.faces", cache, faces)
        .description("Faces in the cached face libraries of this node").register(registry);
    Gauge.builder("xphoto.face.library.cache", cache, bytes).baseUnit("bytes")
        .description("Memory held by the cached face libraries of this node").register(registry);
  }

  /** Restarts of the embedded PostgreSQL by its supervisor, read from {@code restarts} at each scrape. */
  public <T> void embeddedPostgresRestarts(T supervisor, ToDoubleFunction<T> restarts) {
    FunctionCounter.builder("xphoto.embedded.postgres.restarts", supervisor, restarts)
        .description("Restarts of the embedded PostgreSQL after it died").register(registry);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }
}
