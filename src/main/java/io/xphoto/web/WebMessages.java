package io.xphoto.web;

/**
 * The messages every surface answers with (docs/API.md "Any endpoint"), byte for byte; in the xphoto form
 * {@code {"error": ...}}, which the forum's failure handler reshapes.
 */
public final class WebMessages {

  public static final String TOO_MANY_ATTEMPTS = "登录失败次数过多，请稍后再试。";
  public static final String UNAUTHORIZED = "未登录或登录已过期。";
  public static final String SERVER_ERROR = "服务器错误";
  public static final String MALFORMED = "请求格式错误，需要 JSON 对象。";
  public static final String BODY_TOO_LARGE = "请求体过大。";
  public static final String NOT_FOUND = "接口不存在。";
  public static final String METHOD_NOT_ALLOWED = "不支持该请求方法。";
  public static final String UNAVAILABLE = "服务暂时不可用，请稍后再试。";
  public static final String FORBIDDEN_CHARACTER = "请求中含有不允许的字符。";
  public static final String MALFORMED_QUERY = "查询参数编码错误。";
  public static final String URI_TOO_LONG = "请求地址过长。";
  public static final String HEADERS_TOO_LARGE = "请求头过大。";

  private WebMessages() {
  }

  public static String missing(String field) {
    return "缺少参数：" + field;
  }

  public static String wrongType(String field) {
    return "参数类型错误：" + field + " 应为字符串";
  }
}
