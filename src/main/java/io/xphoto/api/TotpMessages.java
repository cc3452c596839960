package io.xphoto.api;

import io.vertx.core.json.JsonObject;
import io.xphoto.web.ApiError;

import java.util.Map;

/** The messages of two-step verification (TOTP) on the xphoto API, as docs/API.md and openapi.yaml give them. */
final class TotpMessages {

  /** {@code /signin}'s 401 for the right password of an account with TOTP on and no {@code totp}. */
  static final String CODE_REQUIRED = "此帐号已开启两步验证，请输入两步验证码。";
  /** A TOTP code or recovery code that is wrong, outside the window or already used. */
  static final String WRONG_CODE = "两步验证码错误或已被使用。";
  /** The {@code totp} field of {@code /signin}'s 401s: what the client is to do. */
  static final String REQUIRED = "required";
  static final String INVALID = "invalid";

  static final String ALREADY_ENABLED = "两步验证已开启；如需更换密钥，请先关闭两步验证。";
  static final String NOT_SET_UP = "请先获取两步验证密钥（POST /totp/setup）。";
  static final String ENABLED = "两步验证已开启。请妥善保存恢复码：每个恢复码只能使用一次。";
  static final String NOT_ENABLED = "两步验证未开启。";
  static final String DISABLED = "两步验证已关闭。";
  static final String WRONG_PASSWORD = "密码错误，两步验证未关闭。";
  static final String WRONG_CODE_NOT_DISABLED = "两步验证码错误或已被使用，两步验证未关闭。";

  private TotpMessages() {
  }

  /** A sign-in's 401 about the second factor: {@code {"error": message, "totp": "required" | "invalid"}}. */
  static ApiError refusal(String message, String totp) {
    return new ApiError(401, new JsonObject().put("error", message).put("totp", totp), Map.of());
  }
}
