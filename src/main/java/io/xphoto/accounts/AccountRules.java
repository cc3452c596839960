package io.xphoto.accounts;

import io.xphoto.config.Settings;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules an xphoto sign-up must meet, with the message that names each broken one. The password policy
 * comes from the configuration, so every surface that shows or checks it agrees.
 */
public final class AccountRules {

  public static final int USERNAME_MIN = 5;
  public static final int USERNAME_MAX = 32;
  private static final Pattern USERNAME = Pattern.compile("^[a-zA-Z0-9\\-_]+$");
  /** A pragmatic address check: one @, a dot in the domain, no spaces; the activation mail proves the rest. */
  public static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
  public static final int EMAIL_MAX = 254;

  private final int passwordMin;
  private final int passwordMax;

  public AccountRules(Settings settings) {
    this.passwordMin = settings.integer("password.min-length");
    this.passwordMax = settings.integer("password.max-length");
  }

  public int passwordMin() {
    return passwordMin;
  }

  public int passwordMax() {
    return passwordMax;
  }

  public Optional<String> checkUsername(String username) {
    if (username.length() < USERNAME_MIN) {
      return Optional.of("用户名至少需要5个字符。");
    }
    if (username.length() > USERNAME_MAX) {
      return Optional.of("用户名不能超过32个字符。");
    }
    if (!USERNAME.matcher(username).matches()) {
      return Optional.of("用户名只能包含字母、数字、“-”和“_”。");
    }
    return Optional.empty();
  }

  public Optional<String> checkEmail(String email) {
    if (email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches()) {
      return Optional.of("邮箱格式不正确。");
    }
    return Optional.empty();
  }

  public Optional<String> checkPassword(String password) {
    int length = password.codePointCount(0, password.length());
    if (length < passwordMin || length > passwordMax) {
      return Optional.of("密码长度须为" + passwordMin + "到" + passwordMax + "个字符。");
    }
    return Optional.empty();
  }
}
