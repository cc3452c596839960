package io.xphoto.api;

/**
 * The messages of password reset and email change (docs/API.md "Password reset", "Email change") and of the
 * pages of the mail links, byte for byte.
 */
final class RecoveryMessages {

  static final String FORGOT_SENT = "如果该帐号存在并且填写了邮箱，我们已向该邮箱发送了一封重置密码的邮件，请查收。";
  static final String RESET_KEY_VALID = "重置链接有效，请设置新密码。";
  static final String RESET_OK = "密码已重置，请使用新密码登录。";
  static final String RESET_REFUSED = "重置链接无效或已过期，请重新申请。";
  static final String TOO_MANY_REQUESTS = "请求过于频繁，请稍后再试。";
  static final String EMAIL_CHANGE_SENT = "确认邮件已发送到新邮箱，请点击里面的链接完成更换。";
  static final String WRONG_PASSWORD = "密码错误。";
  static final String EMAIL_CONFIRMED = "新邮箱已确认，帐号的邮箱已更换。";
  static final String EMAIL_CONFIRM_REFUSED = "确认链接无效或已过期。";

  static final String RESET_TITLE = "重置密码";
  static final String ACTIVATION_TITLE = "激活帐号";
  static final String EMAIL_CONFIRM_TITLE = "确认新邮箱";
  static final String NEW_PASSWORD = "新密码";
  static final String REPEAT_PASSWORD = "再次输入新密码";
  static final String RESET_BUTTON = "重置密码";

  private RecoveryMessages() {
  }
}
