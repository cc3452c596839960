package io.xphoto.web;

import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.accounts.TotpSecretBox;
import io.xphoto.images.ImageInspector;

/**
 * What the HTTP verticle makes once and hands to every surface.
 *
 * @param bearer       the one token verifier, with its claims cache
 * @param revoked      the revoked tokens, and the account-wide revocation
 * @param signin       the one sign-in by password (throttled)
 * @param jsonBody     the JSON body handler, with {@code http.json-limit}
 * @param hashing      the worker pool for password hashing
 * @param imageChecks  the worker pool for checking uploaded images
 * @param inspector    the image checks
 * @param audit        the audit log's events of a request
 * @param totpSecrets  seals and opens the TOTP secrets ({@code totp.key})
 */
public record SurfaceServices(BearerAuth bearer, RevokedTokens revoked, PasswordSignin signin, Handler<RoutingContext> jsonBody,
                              WorkerExecutor hashing, WorkerExecutor imageChecks, ImageInspector inspector,
                              Audit audit, TotpSecretBox totpSecrets) {
}
