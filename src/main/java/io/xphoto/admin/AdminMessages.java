package io.xphoto.admin;

/** The admin API's messages, byte for byte as docs/API.md and openapi.yaml give them. */
final class AdminMessages {

  static final String FORBIDDEN = "需要管理员权限。";
  static final String NO_SUCH_USER = "用户不存在。";
  static final String BAD_USER_ID = "用户 ID 必须是正整数。";
  static final String BAD_PAGE = "page 必须是正整数，size 必须在 1 到 100 之间。";
  static final String BAD_ROLE = "role 必须是 admin 或 user。";
  static final String BAD_TYPE = "未知的事件类型。";
  static final String BAD_SINCE = "since 必须是 ISO-8601 时间，例如 2026-12-07T00:00:00Z。";
  static final String NOT_YOURSELF = "不能停用自己的帐号。";
  static final String CROSS_SITE = "拒绝跨站请求。";
  static final String DISABLED = "帐号已停用，其所有登录已失效。";
  static final String ENABLED = "帐号已启用。";
  static final String SIGNED_OUT = "已让该帐号在所有设备上退出登录。";
  static final String ROLE_SET = "角色已修改。";

  private AdminMessages() {
  }
}
