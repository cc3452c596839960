package io.xphoto.http;

/** The xphoto API's messages, byte for byte as the seed and docs/API.md give them. */
public final class Messages {

  public static final String SIGNUP_OK = "欢迎加入 xphoto！我们已给您的注册邮箱发送了一封邮件，请点击里面的链接来激活您的帐号。";
  public static final String TAKEN = "用户名或邮箱已被使用。";
  public static final String PASSWORDS_DIFFER = "两次输入的密码不一致。";
  public static final String ACTIVATED = "帐号已被激活，请登录";
  public static final String ACTIVATION_REFUSED = "帐号已经是激活状态。";
  public static final String SIGNIN_OK = "登录成功！";
  public static final String WRONG_CREDENTIALS = "用户名或密码错误";
  public static final String TOO_MANY_ATTEMPTS = "登录失败次数过多，请稍后再试。";
  public static final String SIGNED_OUT = "已退出登录。";
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

  private Messages() {
  }

  public static String inactive(String email) {
    return "此帐号还没有被激活，激活链接已发送到 " + email + " 邮箱，请查收。";
  }

  public static String missing(String field) {
    return "缺少参数：" + field;
  }

  public static String wrongType(String field) {
    return "参数类型错误：" + field + " 应为字符串";
  }
}
