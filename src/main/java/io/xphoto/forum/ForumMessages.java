package io.xphoto.forum;

/** The forum's reasons ({@code {"status":"failed","reason":...}}), byte for byte as the seed and docs/API.md give them. */
public final class ForumMessages {

  public static final String GO_MAIN = "/forum/main";
  public static final String GO_INFO = "/forum/user/info";

  static final String WRONG_CAPTCHA = "验证码错误。";
  static final String WRONG_CREDENTIALS = "用户名或密码错误。";
  static final String INACTIVE = "此帐号还没有被激活，请先点击激活邮件里的链接。";
  /** The right password of an account an admin disabled (200 failed). */
  static final String ACCOUNT_DISABLED = "此帐号已被管理员停用。";
  static final String TAKEN = "用户名或邮箱已被使用。";
  static final String EMAIL_TAKEN = "该邮箱已被其他帐号使用。";
  static final String WRONG_OLD_PASSWORD = "原密码错误。";
  static final String NOT_LOGGED_IN = "请先登录。";
  static final String FORBIDDEN = "没有权限查看或修改其他用户的资料。";
  static final String NO_SUCH_USER = "用户不存在。";
  static final String BAD_USER_ID = "userID 应为正整数。";
  static final String AVATAR_TOO_LARGE = "头像大小不能超过 1 MByte。";
  static final String AVATAR_NOT_AN_IMAGE = "头像须为 JPEG 或 PNG 图片。";
  static final String AVATAR_STORE_FAILED = "服务器空间/权限不足，无法创建头像。";
  static final String NOT_JSON = "请求须为 JSON（Content-Type: application/json）。";
  static final String CROSS_SITE = "拒绝跨站请求。";
  static final String NO_SUCH_AVATAR = "头像不存在。";
  /** The right password of an account with TOTP on, without {@code totp}: the front end asks for the code. */
  static final String TOTP_REQUIRED = "此帐号已开启两步验证，请填写两步验证码。";
  static final String WRONG_TOTP = "两步验证码错误或已被使用。";

  private ForumMessages() {
  }

  static String tooManyPixels(String detail) {
    return "头像尺寸过大：" + detail;
  }
}
