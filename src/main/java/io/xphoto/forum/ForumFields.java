package io.xphoto.forum;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xphoto.config.Settings;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fields of the forum's registration and profile forms: what {@code GET /forum/user/template} shows
 * and what the server enforces, built from the same settings so that the two cannot disagree. A value is
 * valid when the field's {@code regex} matches it whole.
 */
public final class ForumFields {

  /** One field of the seed's template. */
  record Field(String key, String desc, String limit, String regex, List<String> flags, String reason) {

    JsonObject json() {
      return new JsonObject().put("key", key).put("desc", desc).put("limit", limit).put("regex", regex)
          .put("flag", new JsonArray(flags));
    }
  }

  private final Field username;
  private final Field password;
  private final Field alias;
  private final Field email;
  private final Field captcha;
  private final Field avatar;
  private final Field totp;
  private final Pattern passwordPattern;
  private final Pattern aliasPattern;
  private final Pattern emailPattern;

  public ForumFields(Settings settings) {
    String usernameLimit = settings.integer("forum.username-min") + "~" + settings.integer("forum.username-max") + "个英文字符/数字";
    username = new Field("username", "用户名", usernameLimit,
        "[0-9a-zA-Z._\\-]{" + settings.integer("forum.username-min") + "," + settings.integer("forum.username-max") + "}",
        List.of("must"), "用户名须为" + usernameLimit + "。");
    String passwordLimit = settings.integer("password.min-length") + "~" + settings.integer("password.max-length") + "位字符";
    password = new Field("password", "密码", passwordLimit,
        ".{" + settings.integer("password.min-length") + "," + settings.integer("password.max-length") + "}",
        List.of("must", "password"), "密码须为" + passwordLimit + "。");
    String aliasLimit = settings.integer("forum.alias-min") + "~" + settings.integer("forum.alias-max") + "位字符";
    alias = new Field("alias", "昵称", aliasLimit,
        ".{" + settings.integer("forum.alias-min") + "," + settings.integer("forum.alias-max") + "}",
        List.of("must"), "昵称须为" + aliasLimit + "。");
    email = new Field("email", "邮箱", "输入您的邮箱", settings.string("forum.email-regex"), List.of(""), "邮箱格式不正确。");
    captcha = new Field("captcha", "验证码", "输入图中的5位字符", "[0-9a-zA-Z]{5}", List.of("must"), ForumMessages.WRONG_CAPTCHA);
    avatar = new Field("avatar", "头像", "", "", List.of("notShowInReg", "file"), "");
    // a login field: not on the registration form (notShowInReg, which every front end knows) nor the profile form
    totp = new Field("totp", "两步验证码", "已开启两步验证时填写：验证器上的6位数字或一个恢复码",
        "[0-9]{6}|[a-zA-Z2-7]{4}(-?[a-zA-Z2-7]{4}){3}", List.of("notShowInReg", "loginOnly"), ForumMessages.WRONG_TOTP);
    passwordPattern = Pattern.compile(password.regex());
    aliasPattern = Pattern.compile(alias.regex());
    emailPattern = Pattern.compile(email.regex());
  }

  public JsonArray template() {
    return new JsonArray(List.of(username.json(), password.json(), alias.json(), email.json(), captcha.json(), avatar.json(),
        totp.json()));
  }

  /**
   * The reason naming the field when {@code value} (null when absent or not a string) breaks its rule, for
   * {@code PUT /forum/user/info}. The registration checks the same rules with its schema in {@code openapi.yaml},
   * whose limits come from the same settings (see {@code ApiContract#configured}).
   */
  Optional<String> checkPassword(String value) {
    return check(password, passwordPattern, value);
  }

  Optional<String> checkAlias(String value) {
    return check(alias, aliasPattern, value);
  }

  /** The email is optional: absent, null or empty means none; anything else must be a string that matches. */
  Optional<String> checkEmail(Object value) {
    if (value == null || "".equals(value)) {
      return Optional.empty();
    }
    return check(email, emailPattern, value instanceof String text ? text : null);
  }

  /** The email to store: null for none. */
  static String email(JsonObject body) {
    String email = text(body, "email");
    return email == null || email.isEmpty() ? null : email;
  }

  private static Optional<String> check(Field field, Pattern pattern, String value) {
    return value != null && pattern.matcher(value).matches() ? Optional.empty() : Optional.of(field.reason());
  }

  /** A field's value if it is a string, else null (which every rule refuses). */
  static String text(JsonObject body, String key) {
    return body.getValue(key) instanceof String text ? text : null;
  }
}
