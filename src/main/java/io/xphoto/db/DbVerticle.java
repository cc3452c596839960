package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.serviceproxy.ServiceBinder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.xphoto.metrics.Metrics;
import io.xphoto.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Owns the connection pool and serves the database services (accounts, account recovery, sign-in failures, revoked
 * tokens, forum profiles, outbox, images, faces, sessions, account export and deletion, the audit log, the
 * admins' account changes, TOTP) on the event bus.
 */
public final class DbVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DbVerticle.class);

  private Pool pool;
  private final List<MessageConsumer<JsonObject>> bindings = new ArrayList<>();

  @Override
  public Future<?> start() {
    Settings settings = Settings.fromJson(config());
    int connectTimeoutMs = (int) settings.duration("db.connect-timeout").toMillis();
    pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(settings.integer("db.pool-size"))
            .setConnectionTimeout(connectTimeoutMs).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .with(new NetClientOptions().setConnectTimeout(connectTimeoutMs))
        .connectingTo(connectOptions(settings))
        .using(vertx)
        .build();
    OutageReporting outages = new OutageReporting();
    PgAccountStore accounts = new PgAccountStore(pool, vertx.eventBus(), settings.list("admins"), Metrics.of(vertx));
    PgSigninFailureStore signinFailures = new PgSigninFailureStore(pool);
    PgRevokedTokenStore revokedTokens = new PgRevokedTokenStore(pool);
    PgSessionRecords sessions = new PgSessionRecords(pool);
    PgAccountRecoveryStore recovery = new PgAccountRecoveryStore(pool, vertx.eventBus());
    PgAuditLog audit = new PgAuditLog(pool);
    ServiceBinder binder = new ServiceBinder(vertx);
    bindings.add(binder.setAddress(AccountStore.ADDRESS)
        .register(AccountStore.class, outages.watching(AccountStore.class, accounts)));
    bindings.add(binder.setAddress(AccountRecoveryStore.ADDRESS)
        .register(AccountRecoveryStore.class, outages.watching(AccountRecoveryStore.class, recovery)));
    bindings.add(binder.setAddress(SigninFailureStore.ADDRESS)
        .register(SigninFailureStore.class, outages.watching(SigninFailureStore.class, signinFailures)));
    bindings.add(binder.setAddress(RevokedTokenStore.ADDRESS)
        .register(RevokedTokenStore.class, outages.watching(RevokedTokenStore.class, revokedTokens)));
    bindings.add(binder.setAddress(ProfileStore.ADDRESS)
        .register(ProfileStore.class, outages.watching(ProfileStore.class, new PgProfileStore(pool))));
    bindings.add(binder.setAddress(MailOutbox.ADDRESS)
        .register(MailOutbox.class, outages.watching(MailOutbox.class, new PgMailOutbox(pool))));
    bindings.add(binder.setAddress(ImageStore.ADDRESS)
        .register(ImageStore.class, outages.watching(ImageStore.class, new PgImageStore(pool, vertx.eventBus()))));
    bindings.add(binder.setAddress(FaceStore.ADDRESS)
        .register(FaceStore.class, outages.watching(FaceStore.class, new PgFaceStore(pool, vertx.eventBus()))));
    bindings.add(binder.setAddress(AccountData.ADDRESS)
        .register(AccountData.class, outages.watching(AccountData.class, new PgAccountData(pool, vertx.eventBus()))));
    bindings.add(binder.setAddress(AuditLog.ADDRESS)
        .register(AuditLog.class, outages.watching(AuditLog.class, audit)));
    bindings.add(binder.setAddress(AdminStore.ADDRESS)
        .register(AdminStore.class, outages.watching(AdminStore.class, new PgAdminStore(pool))));
    bindings.add(binder.setAddress(TotpStore.ADDRESS)
        .register(TotpStore.class, outages.watching(TotpStore.class, new PgTotpStore(pool))));
    bindings.add(binder.setAddress(SessionRecords.ADDRESS)
        .register(SessionRecords.class, outages.watching(SessionRecords.class, sessions)));
    int throttleWindow = (int) settings.duration("throttle.window").toSeconds();
    long auditRetention = settings.duration("audit.retention").toSeconds();
    vertx.setPeriodic(settings.duration("db.sweep-interval").toMillis(), id -> outages.watched(accounts.sweep()
            .compose(v -> signinFailures.sweep(throttleWindow))
            .compose(v -> revokedTokens.sweep())
            .compose(v -> sessions.sweep())
            .compose(v -> recovery.sweep())
            .compose(v -> audit.sweep(auditRetention)))
        .onFailure(e -> LOG.warn("sweep of expired rows failed: {}", e.getMessage())));
    return accounts.grantAdmins();
  }

  @Override
  public Future<?> stop() {
    return Future.all(bindings.stream().map(MessageConsumer::unregister).toList())
        .eventually(() -> pool.close());
  }

  /** {@code db.url} is {@code postgresql://host:port/db} (or the same behind {@code jdbc:}). */
  public static PgConnectOptions connectOptions(Settings settings) {
    String url = settings.string("db.url");
    PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("jdbc:") ? url.substring(5) : url);
    if (!settings.string("db.user").isEmpty()) {
      options.setUser(settings.string("db.user"));
    }
    if (!settings.string("db.password").isEmpty()) {
      options.setPassword(settings.string("db.password"));
    }
    return options.setCachePreparedStatements(true);
  }
}
