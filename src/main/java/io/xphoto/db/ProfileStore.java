package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/** The forum's view of accounts: profiles and avatars, served by the DB verticle on {@link #ADDRESS}. */
@ProxyGen
public interface ProfileStore {

  String ADDRESS = "xphoto.db.profiles";

  static ProfileStore proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(ProfileStore.class);
  }

  /** One account; null when there is no such account. */
  Future<Profile> profile(ProfileQuery query);

  /**
   * Changes some of alias, email and password of one account in one transaction, with their audit events
   * ({@link ProfileChanges#getAudit}); nothing changes when not updated.
   */
  Future<ProfileUpdate> updateProfile(long userId, ProfileChanges changes);

  /** Makes {@code key} the account's avatar; null without such an account. */
  Future<AvatarReplacement> replaceAvatar(long userId, String key);

  /** Whether {@code key} is some account's current avatar. */
  Future<Boolean> isAvatar(String key);
}
