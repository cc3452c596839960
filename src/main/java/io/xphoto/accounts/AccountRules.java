package io.xphoto.accounts;

import java.util.regex.Pattern;

/**
 * The account rules that are not plain JSON Schema keywords. The others (username length and characters, password
 * length from {@code password.min-length}/{@code password.max-length}) are in {@code openapi.yaml}'s signup schema,
 * with their messages, and checked by {@code web.BodyValidation}.
 */
public final class AccountRules {

  /** The {@code format} of signup's {@code email} in {@code openapi.yaml}, tested by {@link #isEmail}. */
  public static final String EMAIL_FORMAT = "xphoto-email";
  /** A pragmatic address check: one @, a dot in the domain, no spaces; the activation mail proves the rest. */
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
  private static final int EMAIL_MAX = 254;

  private AccountRules() {
  }

  /**
   * Whether the email, trimmed (as it is stored), is an address. A format rather than a pattern: the schema's
   * {@code pattern} and {@code maxLength} would apply to the value as sent, spaces around it included.
   */
  public static boolean isEmail(String email) {
    String trimmed = email.trim();
    return trimmed.length() <= EMAIL_MAX && EMAIL.matcher(trimmed).matches();
  }
}
