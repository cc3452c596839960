package io.xphoto.api;

/** The account endpoints' messages, byte for byte as the seed and docs/API.md give them. */
final class AccountMessages {

  static final String SIGNUP_OK = "欢迎加入 xphoto！我们已给您的注册邮箱发送了一封邮件，请点击里面的链接来激活您的帐号。";
  static final String TAKEN = "用户名或邮箱已被使用。";
  static final String PASSWORDS_DIFFER = "两次输入的密码不一致。";
  static final String ACTIVATED = "帐号已被激活，请登录";
  static final String ACTIVATION_REFUSED = "帐号已经是激活状态。";
  static final String SIGNIN_OK = "登录成功！";
  static final String WRONG_CREDENTIALS = "用户名或密码错误";
  static final String SIGNED_OUT = "已退出登录。";
  static final String SIGNED_OUT_EVERYWHERE = "已在所有设备上退出登录。";
  static final String PASSWORD_CHANGED = "密码已修改，其他设备上的登录已失效。";
  static final String WRONG_OLD_PASSWORD = "原密码错误。";
  static final String ACCOUNT_DELETED = "帐号已删除，您的照片、人脸库和登录记录都已清除。";
  static final String WRONG_PASSWORD = "密码错误，帐号未删除。";
  /** The right password of an account an admin disabled (403). */
  static final String ACCOUNT_DISABLED = "此帐号已被管理员停用。";

  private AccountMessages() {
  }

  static String inactive(String email) {
    return "此帐号还没有被激活，激活链接已发送到 " + email + " 邮箱，请查收。";
  }
}
